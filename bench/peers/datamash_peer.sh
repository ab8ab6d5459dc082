#!/bin/sh
# GNU datamash: W3 trend, W4 hhi. datamash splits on one delimiter and has no
# CSV quoting, so mawk turns the CSV into tab-separated rows first and prints
# datamash's groups as the workload's CSV after (modes D3, D4, P3, P4 of
# awk_peer.awk). W1 and W2 are not possible: datamash has no per-row output
# of a group aggregate and no lag.
# W3: slope b = pcov(x, y) / pvar(x) per series (least squares), rate = e^b - 1,
# with the World Bank rules (min and max of x give the years spanned).
# usage: datamash_peer.sh W IN OUT
P=$(dirname "$0")/awk_peer.awk
AWK=$(command -v mawk || command -v awk)
case "$1" in
W3) "$AWK" -v W=D3 -f "$P" "$2" | LC_ALL=C datamash -s -g 1,2,3 count 4 pcov 4:5 pvar 4 min 4 max 4 |
      "$AWK" -F '\t' -v W=P3 -f "$P" > "$3" ;;
W4) "$AWK" -v W=D4 -f "$P" "$2" | LC_ALL=C datamash -s -g 1,2,3 count 4 sum 4 sum 5 |
      "$AWK" -F '\t' -v W=P4 -f "$P" > "$3" ;;
*) exit 2 ;;
esac
