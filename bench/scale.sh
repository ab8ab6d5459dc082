#!/bin/sh
# The panel at scale: generates a panel of ROWS rows (default 100M, about
# 5.5 GB; synthetic, bench/gen_panel.py) into DIR (default bench/data), runs
# corridor's four workloads on it once each, prints wall time and peak
# memory, and deletes the panel (it is never kept nor committed).
#   sh bench/scale.sh [ROWS] [DIR]
# Needs about 5.5 GB free in DIR and, for the generator, about 12 GB of
# memory; run it on a quiet machine (the figures are wall-clock).
set -u
cd "$(dirname "$0")"
rows=${1:-100000000}
dir=${2:-$PWD/data}
f="$dir/panel_scale_$rows.csv"
trap 'rm -f "$f" "$f.out"' EXIT INT TERM
df -h "$dir" /tmp
python3 gen_panel.py --rows "$rows" -o "$f" || exit 1
(cd .. && cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DCORRIDOR_TESTS=OFF > /dev/null &&
    cmake --build build/release -j 2 > /dev/null) || exit 1
COR=$PWD/../build/release/corridor
echo "== $rows rows ($(wc -c < "$f") bytes), corridor, one run each; $(uptime)"
printf '%-8s %10s %10s\n' workload "wall s" "peak MiB"
for w in share growth trend hhi; do
    case $w in
    share) a="--by reporter,commodity,year" ;;
    growth|trend) a="--series reporter,partner,commodity --time year" ;;
    hhi) a="--by reporter,commodity,year --part partner" ;;
    esac
    cat "$f" > /dev/null   # in the page cache, as in bench/run.sh
    /usr/bin/time -f "%e %M" -o "$f.time" "$COR" panel $w $a --value value "$f" -o "$f.out" ||
        { echo "$w failed"; exit 1; }
    set -- $(cat "$f.time")
    printf '%-8s %10s %10.0f\n' "$w" "$1" "$(awk -v k="$2" 'BEGIN {print k / 1024}')"
    rm -f "$f.time" "$f.out"
done
