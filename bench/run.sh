#!/bin/sh
# The panel benchmark: corridor against the tools economists use instead, in
# one run. Generates the panels (1M and 10M rows), builds corridor and a bare
# libcsv parse, runs every installed peer on each workload, checks that
# corridor's output matches each peer's (1e-9 relative), and prints median
# wall time, peak memory and the ratios.
#   sh bench/run.sh [SIZES]      SIZES: 1m 10m (default both)
# Env: RUNS (3: runs of corridor, data.table, DuckDB, Polars and the libcsv floor; 1 for the
# slower peers), PEERS (default: every one installed), OUT (/dev/shm/corridor-bench).
set -u
cd "$(dirname "$0")"
B=$PWD
RUNS=${RUNS:-3}
OUT=${OUT:-/dev/shm/corridor-bench}
SIZES=${*:-1m 10m}
mkdir -p data "$OUT"
PY=/usr/bin/python3
command -v "$PY" > /dev/null || PY=python3

for s in $SIZES; do
    rows=$(echo "$s" | sed 's/m$/000000/')
    [ -s "data/panel_$s.csv" ] || python3 gen_panel.py --rows "$rows" -o "data/panel_$s.csv"
done
(cd .. && cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DCORRIDOR_TESTS=OFF > /dev/null &&
    cmake --build build/release -j 2 > /dev/null) || exit 1
COR=$B/../build/release/corridor
gcc -O2 -o "$OUT/libcsv_parse" libcsv_parse.c -lcsv || exit 1

has() { command -v "$1" > /dev/null 2>&1; }
if [ -z "${PEERS:-}" ]; then
    PEERS=""
    "$PY" -c 'import pandas' 2> /dev/null && PEERS="$PEERS pandas"
    has Rscript && Rscript -e 'library(data.table)' > /dev/null 2>&1 && PEERS="$PEERS datatable datatable_2t"
    has mlr && PEERS="$PEERS mlr"
    has datamash && PEERS="$PEERS datamash"
    has gawk && PEERS="$PEERS gawk"
    has mawk && PEERS="$PEERS mawk"
    # DuckDB and Polars from the npm registry, pinned by bench/node/package-lock.json
    if has node && [ ! -d node/node_modules ] && has npm; then
        # npm ci refuses a lockfile whose optional packages for other platforms a
        # registry mirror lacks; npm install then installs the same locked versions
        (cd node && { npm ci --no-audit --no-fund > /dev/null 2>&1 ||
            npm install --no-save --no-audit --no-fund > /dev/null 2>&1; }) ||
            echo "npm ci and npm install failed in bench/node" >&2
    fi
    [ -d node/node_modules/@duckdb/node-api ] && PEERS="$PEERS duckdb"
    [ -d node/node_modules/nodejs-polars ] && PEERS="$PEERS polars"
fi

# cmd TOOL W IN OUT: the command, or nothing when TOOL cannot do W
cmd() {
    case "$1" in
    corridor)
        case "$2" in
        W0) echo "$COR panel hhi --by reporter,commodity,year --part partner --value value $3 -o $4" ;;
        W1) echo "$COR panel share --by reporter,commodity,year --value value $3 -o $4" ;;
        W2) echo "$COR panel growth --series reporter,partner,commodity --time year --value value $3 -o $4" ;;
        W3) echo "$COR panel trend --series reporter,partner,commodity --time year --value value $3 -o $4" ;;
        W4) echo "$COR panel hhi --by reporter,commodity,year --part partner --value value $3 -o $4" ;;
        esac ;;
    libcsv) [ "$2" = W0 ] && echo "$OUT/libcsv_parse $3 > $4" ;;
    read) [ "$2" = W0 ] && echo "cat $3 > /dev/null && : > $4" ;;   # the floor: a bare read
    wc) [ "$2" = W0 ] && echo "wc -l $3 > $4" ;;
    pandas) [ "$2" != W0 ] && echo "$PY $B/peers/pandas_peer.py $2 $3 $4" ;;
    datatable) [ "$2" != W0 ] && echo "Rscript $B/peers/datatable_peer.R $2 $3 $4" ;;
    datatable_2t) [ "$2" != W0 ] && echo "DT_THREADS=2 Rscript $B/peers/datatable_peer.R $2 $3 $4" ;;
    duckdb) [ "$2" != W0 ] && echo "DUCKDB_THREADS=2 node $B/node/duckdb_peer.mjs $2 $3 $4" ;;
    polars) [ "$2" != W0 ] && echo "POLARS_MAX_THREADS=2 node $B/node/polars_peer.mjs $2 $3 $4" ;;
    mlr) case "$2" in W1|W3|W4) echo "sh $B/peers/mlr_peer.sh $2 $3 $4" ;; esac ;;
    datamash) case "$2" in W3|W4) echo "sh $B/peers/datamash_peer.sh $2 $3 $4" ;; esac ;;
    gawk|mawk)
        case "$2" in
        W1|W2) echo "$1 -v W=$2 -f $B/peers/awk_peer.awk $3 $3 > $4" ;;   # two passes
        W3|W4) echo "$1 -v W=$2 -f $B/peers/awk_peer.awk $3 > $4" ;;
        esac ;;
    esac
}

# time_it TOOL W IN: median wall seconds and max peak RSS (MiB) over the runs
time_it() {
    n=1
    case "$1" in corridor|datatable|datatable_2t|duckdb|polars|libcsv|read|wc) n=$RUNS ;; esac
    c=$(cmd "$1" "$2" "$3" "$OUT/$1_$2.csv")
    [ -n "$c" ] || return 1
    : > "$OUT/times"
    cat "$3" > /dev/null   # the panel in the page cache again (a peer may have pushed it out)
    i=0
    while [ $i -lt $n ]; do
        /usr/bin/time -f "%e %M" -o "$OUT/t" sh -c "$c" 2> "$OUT/err" || { echo "failed: $c" >&2; cat "$OUT/err" >&2; return 1; }
        cat "$OUT/t" >> "$OUT/times"
        i=$((i + 1))
    done
    sort -n "$OUT/times" | awk '{t[NR]=$1; if ($2 > m) m = $2} END {printf "%.2f %.0f\n", t[int((NR+1)/2)], m/1024}'
}

# ratio A B: A / B to 2 decimals, or "-" when B rounds to 0 (a bare read of
# a cached file can take less than the 0.01 s that time prints)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else printf "-"}'; }

for s in $SIZES; do
    in="$B/data/panel_$s.csv"
    cat "$in" > /dev/null
    echo "== $s rows ($(wc -c < "$in") bytes): median wall s, peak MiB; ratio = corridor / peer"
    printf '%-4s %-14s %8s %8s %12s %12s  %s\n' W tool wall MiB "time ratio" "mem ratio" check
    for w in W0 W1 W2 W3 W4; do
        set -- $(time_it corridor "$w" "$in") || continue
        ct=$1 cm=$2
        printf '%-4s %-14s %8s %8s\n' "$w" corridor "$ct" "$cm"
        for t in read wc libcsv $PEERS; do
            r=$(time_it "$t" "$w" "$in") || continue
            set -- $r
            check=""
            if [ "$w" != W0 ]; then
                check=$($PY verify.py "$w" "$OUT/corridor_$w.csv" "$OUT/${t}_$w.csv" | sed 's/ (.*//; s/^W[0-9] [^ ]* //')
            fi
            printf '%-4s %-14s %8s %8s %12s %12s  %s\n' "$w" "$t" "$1" "$2" \
                "$(ratio "$ct" "$1")" "$(ratio "$cm" "$2")" "$check"
            rm -f "$OUT/${t}_$w.csv"
        done
        rm -f "$OUT/corridor_$w.csv"
    done
done
