#!/bin/sh
# corridor panel against an independent Python implementation of the four
# workloads (tests/panel_reference.py), on small panels and generated ones,
# with one thread and two, and with reads small enough (CORRIDOR_PANEL_CHUNK)
# that every path runs on small files: the cut in two parts, the copy in
# many ranges, records (and a header, and a line of spaces) longer than a
# read. The panels: gaps in years, non-positive values, single-year series,
# quoted keys with commas, doubled quotes and line breaks, CRLF, CR-only and
# LF line ends, blank lines and lines of spaces, spaces around cells, a
# byte-order mark, missing values of every kind, an empty first key, a
# semicolon file with decimal commas and thousands dots, a tab-separated
# file, a series whose points all share one year, a 3 MB quoted field of
# many lines. Usage: check_panel.sh BINARY
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
D=tests/data/panel
python3 bench/gen_panel.py --rows 60000 --seed 3 -o "$dir/gen.csv" || exit 1

# generated variants of the small panels
python3 - "$dir" "$D" <<'PY' || exit 1
import csv, sys
d, D = sys.argv[1], sys.argv[2]
small = open(D + "/small.csv", "rb").read()
# CR-only line ends (libcsv ends records at a lone CR too), and a BOM
open(d + "/cr.csv", "wb").write(b"\xef\xbb\xbf" + small.replace(b"\r\n", b"\r"))
# tab-separated, with a field holding a tab and one holding a comma
rows = list(csv.reader(open(D + "/small.csv", newline="", encoding="utf-8")))
rows[3][1] = "Ja\tpan"
with open(d + "/tab.csv", "w", newline="", encoding="utf-8") as f:
    csv.writer(f, delimiter="\t", lineterminator="\n").writerows(rows)
# one row with a quoted field of 3 MB over many lines (CRLF inside), in a
# panel that is long enough to be cut in two
line = "x" * 1000 + "\r\n"
with open(d + "/long.csv", "w", newline="", encoding="utf-8") as f:
    f.write("reporter,partner,commodity,year,value\n")
    for i in range(40):
        f.write("Chile,Peru,Food,%d,%d\n" % (1990 + i, 10 + i))
    f.write('"Long ' + line * 3000 + 'end",Peru,Food,2020,5\n')
    for i in range(40):
        f.write("Peru,Chile,Food,%d,%d\n" % (1990 + i, 20 + i))
PY

# run FILE WORKLOADS [OPTIONS]: every workload at THREADS:CHUNK 1:0 2:0 1:64
# 2:64 2:4096 (0: the default read size), then the reference checks them all.
# The columns are reporter, partner, commodity, year and value, or those the
# variables R P C Y V name (with COLS, the reference's --columns, set too)
run() {
    f=$1 ws=$2
    shift 2
    checks=""
    kr=${R:-reporter} kp=${P:-partner} kc=${C:-commodity} ky=${Y:-year} kv=${V:-value}
    for w in $ws; do
        case $w in
        share) a="--by $kr,$kc,$ky" ;;
        growth|trend) a="--series $kr,$kp,$kc --time $ky" ;;
        hhi) a="--by $kr,$kc,$ky --part $kp" ;;
        esac
        outs=""
        for tc in 1:0 2:0 1:64 2:64 2:4096; do
            t=${tc%%:*} c=${tc#*:}
            o="$dir/out_${w}_${t}_$c.csv"
            CORRIDOR_PANEL_CHUNK=$c "$bin" panel $w $a --value $kv --threads $t "$@" "$f" \
                > "$o" 2> "$dir/err" || { echo "$w failed on $f ($tc):"; cat "$dir/err"; fail=1; }
            outs="$outs${outs:+,}$o"
        done
        checks="$checks $w=$outs"
    done
    # the reference's options are the command's, spelled the same
    python3 tests/panel_reference.py "$f" "$@" ${COLS:+--columns "$COLS"} $checks || fail=1
}

run $D/small.csv "share growth trend hhi"
run $D/multiline.csv "share growth trend hhi"
run $D/missing.csv "share growth trend hhi"
run $D/spaces.csv "share growth trend hhi"
run $D/empty_key.csv "share growth trend hhi"
run $D/one_year.csv "share trend"
run $D/gaps.csv "share growth trend hhi"
run $D/semicolon.csv "share growth trend hhi" --delimiter ';' --decimal , --thousands .
run "$dir/cr.csv" "share growth trend hhi"
run "$dir/tab.csv" "share growth trend hhi" --delimiter tab
run "$dir/long.csv" "share growth"
run "$dir/gen.csv" "share growth trend hhi"
# the real UN Comtrade+ download (tests/data/import/README.md): a delimiter
# ends every data row, not the header; the new cell takes its place. And the
# same rows over many years with the empty cell quoted ("") or spaced, in a
# file long enough to be cut in two and copied in many ranges
R=reporterISO P=partnerISO C=cmdCode Y=refYear V=primaryValue \
    COLS=reporter=reporterISO,partner=partnerISO,commodity=cmdCode,year=refYear,value=primaryValue \
    run tests/data/import/comtrade_plus/TradeData.csv "share growth trend hhi"
python3 - "$dir" <<'PY' || exit 1
import sys
lines = open("tests/data/import/comtrade_plus/TradeData.csv", encoding="utf-8").read().splitlines()
with open(sys.argv[1] + "/comtrade_years.csv", "w", encoding="utf-8", newline="") as f:
    f.write(lines[0] + "\n")
    for y in range(2000, 2023):
        for i, row in enumerate(lines[1:]):
            # primaryValue (before legacyEstimationFlag "4") grows, unevenly
            v = int(row.split('","4","false"')[0].rsplit('"', 1)[1])
            w = int(v * 1.05 ** (y - 2000) * (1 + 0.01 * ((7 * y + i) % 5)))
            row = row.replace('"%d","4","false"' % v, '"%d","4","false"' % w)
            row = row.replace('"2022"', '"%d"' % y)
            if i == 3:
                row = row[:-1] + ',""'   # the empty last cell quoted
            elif i == 4:
                row = row + "  "         # spaces after the delimiter
            elif i == 5:
                row = row[:-1]           # a row of the header's width
            f.write(row + ("\r\n" if y % 2 else "\n"))
PY
R=reporterISO P=partnerISO C=cmdCode Y=refYear V=primaryValue \
    COLS=reporter=reporterISO,partner=partnerISO,commodity=cmdCode,year=refYear,value=primaryValue \
    run "$dir/comtrade_years.csv" "share growth trend hhi"

# on such a file, a bad cell is the one error reported (the wide rows are
# not), then the count, and a row whose extra last cell is not empty is ragged
T=tests/data/import/comtrade_plus/TradeData.csv
sed '4s/"186300870","4"/"18x","4"/' $T > "$dir/ct_bad.csv"
sed '6s/,$/,x/' $T > "$dir/ct_ragged.csv"
for c in "ct_bad.csv:4:285: error: invalid number '18x'" "ct_ragged.csv:6:311: error: row has 48 fields, the header has 47"; do
    f=${c%%:*}
    "$bin" panel share --by reporterISO --value primaryValue "$dir/$f" > "$dir/out" 2> "$dir/err"
    rc=$?
    { [ $rc = 3 ] && [ ! -s "$dir/out" ] && [ "$(wc -l < "$dir/err")" = 2 ] && grep -qF "$c" "$dir/err" &&
      tail -n 1 "$dir/err" | grep -qx "corridor: 1 error in $dir/$f: nothing written"; } ||
        { echo "$f: want exit 3 and only '$c', got $rc:"; cat "$dir/err"; fail=1; }
done

# hhi takes each part once in a group: a part on two rows with a value is
# refused, the first 32 repeats in the file each named at its line with the
# line of the row before it that names the same part, the others counted
# (worked out here from the rows), the same at every read size and thread
# count; rows without a value name no part. The
# panels: one_year.csv (a series of one year: China on 18 rows of a group),
# and the generated ones with repeats added at their end, some of rows
# before the cut (the file is cut in two in the middle), one thrice, one of
# them with a value missing, so not a repeat (40 more in many_repeats.csv:
# more than are named). many.csv has 600 parts in
# each group (those past the first 256 a thread meets are marked outside
# the group's slot): checked against the reference, then with repeats.
python3 - "$dir" <<'PY' || exit 1
import random, sys
d = sys.argv[1]
rng = random.Random(7)
rows = ["R%d,P%03d,C,%d,%d\n" % (r, p, y, rng.randrange(1, 10**6))
        for r in range(5) for p in range(600) for y in range(2000, 2004)]
rng.shuffle(rows)
open(d + "/many.csv", "w").write("reporter,partner,commodity,year,value\n" + "".join(rows))
for name, out in (("gen", "repeats"), ("many", "many_repeats")):
    lines = open(d + "/%s.csv" % name, encoding="utf-8").read().splitlines(True)
    extra = [lines[5], lines[6], lines[6], lines[len(lines) * 2 // 3], lines[9]]
    extra += [lines[rng.randrange(1, len(lines))] for _ in range(12 if name == "gen" else 40)]
    r, p, c, y, v = lines[9].rstrip("\n").split(",")
    extra[4] = ",".join((r, p, c, y, "NA")) + "\n"
    open(d + "/%s.csv" % out, "w", encoding="utf-8").write("".join(lines + extra))
PY
run "$dir/many.csv" "share hhi"
for f in $D/one_year.csv "$dir/repeats.csv" "$dir/many_repeats.csv"; do
    python3 - "$f" > "$dir/want_err" <<'PY' || exit 1
import csv, sys
at = {}
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
head = rows[0]
col = {n: head.index(n) for n in ("reporter", "partner", "commodity", "year", "value")}
for line, r in enumerate(rows[1:], 2):
    if r[col["value"]] not in ("", "NA"):
        k = tuple(r[col[n]] for n in ("reporter", "commodity", "year", "partner"))
        at.setdefault(k, []).append(line)
# the first 32 repeats in the file are named, the others counted
reps = sorted((b, a, k[3]) for k, ls in at.items() for a, b in zip(ls, ls[1:]))
want = ["%s:%d:1: error: part '%s' of this group is also on line %d" % (sys.argv[1], b, p, a)
        for b, a, p in reps[:32]]
if len(reps) > 32:
    want.append("%s: error: %d more rows repeat a part of their group" % (sys.argv[1], len(reps) - 32))
want.append("%d errors in %s: nothing written" % (len(want), sys.argv[1]))
print("\n".join(sorted(want)))
PY
    for tc in 1:0 2:0 1:64 2:64 2:4096; do
        t=${tc%%:*} c=${tc#*:}
        CORRIDOR_PANEL_CHUNK=$c "$bin" panel hhi --by reporter,commodity,year --part partner \
            --value value --threads $t "$f" > "$dir/out" 2> "$dir/err"
        rc=$?
        sed "s/ (each part once.*//; s/ \[E019\]$//; s/^corridor: //" "$dir/err" | LC_ALL=C sort > "$dir/got_err"
        { [ $rc = 3 ] && [ ! -s "$dir/out" ] && cmp -s "$dir/got_err" "$dir/want_err"; } || {
            echo "hhi on $f ($tc): want exit 3 and the repeats, got $rc:"
            diff "$dir/want_err" "$dir/got_err"
            fail=1
        }
    done
done

# a repeat whose rows are 3 MB quoted fields over 3,001 lines, read again
# in pieces of 64 bytes, 4 KB and 1 MB: lines 32 (to 3032) and 3034
python3 - "$dir" <<'PY' || exit 1
import sys
big = '"Long ' + ("x" * 1000 + "\r\n") * 3000 + 'end"'
with open(sys.argv[1] + "/longrep.csv", "w", newline="") as f:
    f.write("reporter,partner,year,value\n")
    f.write("".join("A,P%d,2020,%d\n" % (i, i + 1) for i in range(30)))
    f.write(big + ",X,2020,5\nB,Q,2020,1\n" + big + ",X,2020,6\n")
PY
for c in 64 4096 0; do
    CORRIDOR_PANEL_CHUNK=$c "$bin" panel hhi --by reporter,year --part partner --value value \
        "$dir/longrep.csv" > "$dir/out" 2> "$dir/err"
    grep -q "longrep.csv:3034:1: error: part 'X' of this group is also on line 32 " "$dir/err" ||
        { echo "hhi on longrep.csv ($c): want line 3034 and 32, got:"; cut -c1-200 "$dir/err"; fail=1; }
done

# the output does not depend on how the file is cut, beyond the last bits of
# sums: one thread with the default reads and with 64-byte reads agree exactly
for w in share growth trend hhi; do
    cmp -s "$dir/out_${w}_1_0.csv" "$dir/out_${w}_1_64.csv" ||
        { echo "$w: one thread differs with 64-byte reads"; fail=1; }
done

# standard input (a pipe, copied first; a redirected file, read in place)
# gives the same output as the file
"$bin" panel share --by reporter,commodity,year --value value $D/small.csv > "$dir/file.csv"
cat $D/small.csv | "$bin" panel share --by reporter,commodity,year --value value - > "$dir/pipe.csv"
"$bin" panel share --by reporter,commodity,year --value value - < $D/small.csv > "$dir/redir.csv"
cmp -s "$dir/pipe.csv" "$dir/file.csv" || { echo "a pipe differs"; fail=1; }
cmp -s "$dir/redir.csv" "$dir/file.csv" || { echo "a redirected file differs"; fail=1; }

# the trend of small.csv, worked by hand (tests/data/panel/BY_HAND.md):
# Korea-China, x = 0, 1, 3, 4, b = (ln 1.1 + 2 ln 1.505) / 10, t(2 df) = sqrt(1.805 / 0.0975)
"$bin" panel trend --series reporter,partner,commodity --time year --value value $D/small.csv > "$dir/trend_small.csv"
python3 - "$dir/trend_small.csv" <<'PY' || fail=1
import csv, math, sys
rows = {tuple(r[:3]): r[3:] for r in list(csv.reader(open(sys.argv[1], newline="")))[1:]}
b = (math.log(1.1) + 2 * math.log(1.505)) / 10
a = (math.log(100) + math.log(110) + math.log(121) + math.log(150.5)) / 4   # mean ln v, at x = 2
res = [math.log(v) - (a + b * (x - 2)) for x, v in ((0, 100), (1, 110), (3, 121), (4, 150.5))]
se = math.sqrt(sum(e * e for e in res) / 2 / 10)
t = math.sqrt(1.805 / 0.0975)
few = ["", "", "", "", "too few points"]
want = {("Korea, Rep.", "China", "Fuels"): ["4", math.expm1(b), se, math.expm1(b - t * se), math.expm1(b + t * se), ""],
        ("Korea, Rep.", "Japan", "Fuels"): ["1"] + few,
        ("Chile", "China", "Food"): ["1"] + few,
        ("Chile", "Peru", "Food"): ["0"] + few,
        ('Special "X"', "China", "Food"): ["1"] + few}
ok = set(rows) == set(want)
for k, w in want.items():
    g = rows.get(k, [])
    ok = ok and len(g) == 6 and g[0] == w[0] and g[5] == w[5] and all(
        (x == "") if y == "" else abs(float(x) - y) <= 1e-12 * abs(y) for x, y in zip(g[1:5], w[1:5]))
print("trend of small.csv by hand:", "OK" if ok else "FAILED %r" % rows)
sys.exit(0 if ok else 1)
PY
[ $fail = 0 ] && echo "panel workloads agree with the reference"
exit $fail
