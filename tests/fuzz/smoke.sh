#!/bin/sh
# Runs one fuzz target for SECONDS on its checked-in corpus (read only: new
# inputs go to a scratch folder): a smoke test, failing on any crash, leak,
# undefined behaviour or failed property. Usage: smoke.sh TARGET CORPUS SECONDS
set -u
bin=$1
corpus=$2
seconds=${3:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/new"
"$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/" "$work/new" "$corpus" > "$work/log" 2>&1
rc=$?
if [ $rc != 0 ]; then
    tail -n 60 "$work/log"
    for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
        [ -f "$f" ] && { echo "input ($f):"; od -c "$f" | head -40; }
    done
    exit 1
fi
grep -E "^stat::(number_of_executed_units|peak_rss_mb)|cov: " "$work/log" | tail -n 3
exit 0
