#!/bin/sh
# corridor panel against an independent Python implementation of the four
# definitions (issue #6), on small panels: gaps in years, non-positive
# values, single-year series, quoted keys with commas, doubled quotes and
# line breaks, CRLF line ends, a blank line, no final line end, groups with one part, columns in any order; and on a
# generated panel, with one thread and with two. Usage: check_panel.sh BINARY
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
python3 bench/gen_panel.py --rows 60000 --seed 3 -o "$dir/gen.csv" || exit 1
for f in tests/data/panel/small.csv tests/data/panel/multiline.csv "$dir/gen.csv"; do
    # THREADS:CHUNK; small reads cut even the small files in two parts and
    # copy them back in many ranges
    for tc in 1:0 2:0 2:64 2:4096; do
        t=${tc%%:*}
        export CORRIDOR_PANEL_CHUNK=${tc#*:}
        for w in share growth trend hhi; do
            case $w in
            share) a="--by reporter,commodity,year" ;;
            growth|trend) a="--series reporter,partner,commodity --time year" ;;
            hhi) a="--by reporter,commodity,year --part partner" ;;
            esac
            "$bin" panel $w $a --value value --threads $t "$f" > "$dir/$w.csv" || { echo "$w failed on $f"; fail=1; }
        done
        python3 - "$f" "$dir" <<'PY' || fail=1
import csv, math, sys
src, d = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(src, newline="", encoding="utf-8")))
def close(a, b):
    if a == "" or b == "":
        return a == b
    return abs(float(a) - float(b)) <= 1e-12 * abs(float(b)) + 1e-15
ok = True
def check(name, got, want):
    global ok
    if not got:
        ok = False; print(name, "empty output"); return
    if len(got) != len(want):
        ok = False; print(name, "rows", len(got), "want", len(want)); return
    for i, (g, w) in enumerate(zip(got, want)):
        if g[:-1] != w[:-1] and name in ("share", "growth"):
            ok = False; print(name, "row", i, "columns", g, w); return
        if not close(g[-1], w[-1]):
            ok = False; print(name, "row", i, g[-1], "want", w[-1]); return
# share: every row, in order, value / group sum (empty when the sum is 0)
tot = {}
for r in rows:
    k = (r["reporter"], r["commodity"], r["year"]); tot[k] = tot.get(k, 0.0) + float(r["value"])
want = [[r["reporter"], r["partner"], r["commodity"], r["year"], r["value"],
         "" if tot[(r["reporter"], r["commodity"], r["year"])] == 0 else
         "%.17g" % (float(r["value"]) / tot[(r["reporter"], r["commodity"], r["year"])])] for r in rows]
got = [[x["reporter"], x["partner"], x["commodity"], x["year"], x["value"], x["share"]]
       for x in csv.DictReader(open(d + "/share.csv", newline="", encoding="utf-8"))]
check("share", got, want)
# growth: value_t / value_(t-1) - 1 by year within the series
val = {(r["reporter"], r["partner"], r["commodity"], int(r["year"])): float(r["value"]) for r in rows}
want = []
for r in rows:
    p = val.get((r["reporter"], r["partner"], r["commodity"], int(r["year"]) - 1))
    want.append([r["reporter"], r["partner"], r["commodity"], r["year"], r["value"],
                 "" if p is None or p <= 0 else "%.17g" % (float(r["value"]) / p - 1)])
got = [[x["reporter"], x["partner"], x["commodity"], x["year"], x["value"], x["growth"]]
       for x in csv.DictReader(open(d + "/growth.csv", newline="", encoding="utf-8"))]
check("growth", got, want)
# trend: centred OLS of ln(value) on year over the points with value > 0
pts = {}
for r in rows:
    k = (r["reporter"], r["partner"], r["commodity"])
    pts.setdefault(k, [])
    if float(r["value"]) > 0:
        pts[k].append((int(r["year"]), math.log(float(r["value"]))))
TQ = {}
def tq(df):
    if df not in TQ:
        TQ[df] = tq_bisect(df)
    return TQ[df]
def tq_bisect(df):   # the Student t quantile by bisection on the regularized incomplete beta
    from math import lgamma, exp, log
    def betacf(a, b, x):
        c, dd = 1.0, 1.0 - (a + b) * x / (a + 1)
        dd = 1 / dd; h = dd
        for m in range(1, 300):
            m2 = 2 * m
            aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            dd = 1 / (1 + aa * dd); c = 1 + aa / c; h *= dd * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            dd = 1 / (1 + aa * dd); c = 1 + aa / c; h *= dd * c
        return h
    def ibeta(a, b, x):
        if x <= 0: return 0.0
        if x >= 1: return 1.0
        bt = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(1 - x))
        return bt * betacf(a, b, x) / a if x < (a + 1) / (a + b + 2) else 1 - bt * betacf(b, a, 1 - x) / b
    def cdf(t):
        return 1 - 0.5 * ibeta(df / 2, 0.5, df / (df + t * t))
    lo, hi = 0.0, 1000.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if cdf(mid) < 0.975: lo = mid
        else: hi = mid
    return (lo + hi) / 2
want = []
for k in sorted(pts, key=lambda k: [s.encode() for s in k]):
    p = pts[k]; n = len(p)
    if n < 3:
        want.append(list(k) + [str(n), "", "", "", ""]); continue
    xm = sum(x for x, _ in p) / n; ym = sum(y for _, y in p) / n
    sxx = math.fsum((x - xm) ** 2 for x, _ in p)
    b = math.fsum((x - xm) * (y - ym) for x, y in p) / sxx
    rss = math.fsum((y - ym - b * (x - xm)) ** 2 for x, y in p)
    se = math.sqrt(rss / (n - 2) / sxx); t = tq(n - 2)
    want.append(list(k) + [str(n)] + ["%.17g" % v for v in (math.expm1(b), se, math.expm1(b - t * se), math.expm1(b + t * se))])
got = list(csv.reader(open(d + "/trend.csv", newline="", encoding="utf-8")))[1:]
for g, w in zip(got, want):
    if g[:4] != w[:4] or not all(close(a, b) if a and b else a == b for a, b in zip(g[4:], w[4:])):
        # se and the bounds: 1e-9 relative (the t quantile here is by bisection)
        if g[:4] != w[:4] or not all((a == b) if not (a and b) else abs(float(a) - float(b)) <= 1e-9 * abs(float(b)) + 1e-15 for a, b in zip(g[4:], w[4:])):
            ok = False; print("trend", g, w); break
if len(got) != len(want):
    ok = False; print("trend rows", len(got), len(want))
# hhi: sum of squared shares per group, sorted by key
grp = {}
for r in rows:
    grp.setdefault((r["reporter"], r["commodity"], r["year"]), []).append(float(r["value"]))
want = []
for k in sorted(grp, key=lambda k: [s.encode() for s in k]):
    v = grp[k]; s = math.fsum(v)
    want.append(list(k) + [str(len(v)), "" if s == 0 else "%.17g" % math.fsum((x / s) ** 2 for x in v)])
got = list(csv.reader(open(d + "/hhi.csv", newline="", encoding="utf-8")))[1:]
check("hhi", [g for g in got], want)
if not all(g[:4] == w[:4] for g, w in zip(got, want)):
    ok = False; print("hhi keys differ")
print(("OK" if ok else "FAILED"), src.split("/")[-1])
sys.exit(0 if ok else 1)
PY
    done
done
# standard input gives the same output as the file
"$bin" panel share --by reporter,commodity,year --value value - < tests/data/panel/small.csv > "$dir/stdin.csv"
"$bin" panel share --by reporter,commodity,year --value value tests/data/panel/small.csv > "$dir/file.csv"
cmp -s "$dir/stdin.csv" "$dir/file.csv" || { echo "stdin differs"; fail=1; }
# the trend of small.csv, worked by hand (tests/data/panel/BY_HAND.md):
# Korea-China, x = 0, 1, 3, 4, b = (ln 1.1 + 2 ln 1.505) / 10, t(2 df) = sqrt(1.805 / 0.0975)
unset CORRIDOR_PANEL_CHUNK
"$bin" panel trend --series reporter,partner,commodity --time year --value value tests/data/panel/small.csv > "$dir/trend_small.csv"
python3 - "$dir/trend_small.csv" <<'PY' || fail=1
import csv, math, sys
rows = {tuple(r[:3]): r[3:] for r in list(csv.reader(open(sys.argv[1], newline="")))[1:]}
b = (math.log(1.1) + 2 * math.log(1.505)) / 10
a = (math.log(100) + math.log(110) + math.log(121) + math.log(150.5)) / 4   # mean ln v, at x = 2
res = [math.log(v) - (a + b * (x - 2)) for x, v in ((0, 100), (1, 110), (3, 121), (4, 150.5))]
se = math.sqrt(sum(e * e for e in res) / 2 / 10)
t = math.sqrt(1.805 / 0.0975)
want = {("Korea, Rep.", "China", "Fuels"): ["4", math.expm1(b), se, math.expm1(b - t * se), math.expm1(b + t * se)],
        ("Korea, Rep.", "Japan", "Fuels"): ["1", "", "", "", ""],
        ("Chile", "China", "Food"): ["1", "", "", "", ""],
        ("Chile", "Peru", "Food"): ["0", "", "", "", ""],
        ('Special "X"', "China", "Food"): ["1", "", "", "", ""]}
ok = set(rows) == set(want)
for k, w in want.items():
    g = rows.get(k, [])
    ok = ok and len(g) == 5 and g[0] == w[0] and all(
        (x == "") if y == "" else abs(float(x) - y) <= 1e-12 * abs(y) for x, y in zip(g[1:], w[1:]))
print("trend of small.csv by hand:", "OK" if ok else "FAILED %r" % rows)
sys.exit(0 if ok else 1)
PY
[ $fail = 0 ] && echo "panel workloads agree with the reference"
exit $fail
