#!/bin/sh
# Measures that `corridor import` streams: its peak memory (max RSS) on a
# synthetic WDI-layout file of ROWS rows x 65 years stays flat as the file
# grows. SYNTHETIC data, generated here, deleted after.
# Usage: sh bench/import_memory.sh [CORRIDOR] [ROWS...]
set -eu
bin=${1:-build/dev/corridor}
shift 2>/dev/null || true
[ $# -gt 0 ] || set -- 20000 80000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for rows in "$@"; do
    python3 - "$tmp/API_BENCH.csv" "$rows" <<'PY'
import sys, random
path, rows = sys.argv[1], int(sys.argv[2])
random.seed(1)
years = range(1960, 2025)
with open(path, "w") as f:
    f.write('"Data Source","World Development Indicators",\n\n"Last Updated Date","2025-07-01",\n\n')
    f.write('"Country Name","Country Code","Indicator Name","Indicator Code",' + ",".join('"%d"' % y for y in years) + ",\n")
    for i in range(rows):
        vals = ['"%.6f"' % (random.random() * 1e9) if random.random() > 0.2 else '""' for _ in years]
        f.write('"Synthetic %d","S%05d","Synthetic indicator (current US$)","SYN.%d",' % (i % 300, i % 300, i // 300) + ",".join(vals) + ",\n")
PY
    size=$(wc -c < "$tmp/API_BENCH.csv")
    rm -rf "$tmp/out"
    /usr/bin/time -f "%M %e" -o "$tmp/time" "$bin" import wdi "$tmp/API_BENCH.csv" -o "$tmp/out" --aggregate none > /dev/null
    read -r kib secs < "$tmp/time"
    echo "rows=$rows file=$((size / 1048576)) MiB peak RSS=$((kib / 1024)) MiB time=${secs}s"
done
