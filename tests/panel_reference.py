#!/usr/bin/env python3
"""An independent implementation of the four `corridor panel` workloads
(README, "corridor panel"), for tests/check_panel.sh: Python's csv module,
math.fsum, and the Student t quantile by bisection on the regularized
incomplete beta function. It reads the panel, computes what each workload
must give, and checks corridor's outputs against it: keys, row order, empty
cells and NA reasons exactly, numbers to 1e-12 relative (1e-9 relative
and 1e-12 absolute for se and the interval bounds, whose t quantile is
found by bisection here). Keys are texts trimmed of spaces; the year is a
number where it is the time (growth, trend), a text where it is a key.

usage: panel_reference.py FILE [--delimiter C] [--decimal C] [--thousands C]
           [--na WORDS] [--columns ROLE=NAME,...] W=OUT[,OUT...] ...
with W one of share, growth, trend, hhi. The panel's columns are reporter,
partner, commodity, year and value (--columns names them otherwise, e.g.
reporter=reporterISO); share and hhi group by reporter, commodity, year
(hhi's parts: partner), growth and trend by reporter, partner, commodity.
A data row one cell longer than the header whose last cell is empty (UN
Comtrade ends every data row with a delimiter) is read without that cell,
and share and growth put their cell in its place.
"""
import csv
import math
import sys
from math import exp, lgamma, log

MISSING = "NA,N/A,..,...,-,n.a.,nan"   # and the empty cell, always
csv.field_size_limit(sys.maxsize)   # a field of megabytes is one of the cases


def parse_args(argv):
    opt = {"delimiter": ",", "decimal": ".", "thousands": "", "na": MISSING, "columns": ""}
    checks, i = [], 1
    path = argv[1]
    i = 2
    while i < len(argv):
        a = argv[i]
        if a.startswith("--"):
            opt[a[2:]] = argv[i + 1]
            i += 2
        else:
            w, outs = a.split("=", 1)
            checks.append((w, outs.split(",")))
            i += 1
    if opt["delimiter"] == "tab":
        opt["delimiter"] = "\t"
    if opt["thousands"] == "space":
        opt["thousands"] = " "
    return path, opt, checks


def number(text, opt):
    """The value of a cell, or None for a missing word."""
    t = text.strip(" \t")
    words = [""] + [w.strip(" \t").lower() for w in opt["na"].split(",")]
    if t.lower() in words:
        return None
    if opt["thousands"]:
        t = t.replace(opt["thousands"], "")
    if opt["decimal"] == ",":
        t = t.replace(",", ".")
    return float(t)


def year(text, opt):
    v = number(text, opt)
    assert v is not None and v == int(v), "bad year %r" % text
    return int(v)


def load(path, opt):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [r for r in csv.reader(f, delimiter=opt["delimiter"])
                if r and not (len(r) == 1 and r[0].strip(" \t") == "")]
    head = [h.strip(" \t") for h in rows[0]]
    name = {role: role for role in ("reporter", "partner", "commodity", "year", "value")}
    name.update(dict(c.split("=", 1) for c in opt["columns"].split(",") if c))
    col = {role: head.index(name[role]) for role in name}
    out = [{"raw": rows[0], "names": name}]   # the header, as it was
    for r in rows[1:]:
        if len(r) == len(head) + 1 and r[-1].strip(" \t") == "":
            r = r[:-1]   # a delimiter ending the row, not in the header (cells are trimmed)
        assert len(r) == len(head), "a ragged row: the reference does not cover it"
        out.append({"reporter": r[col["reporter"]].strip(" \t"),
                    "partner": r[col["partner"]].strip(" \t"),
                    "commodity": r[col["commodity"]].strip(" \t"),
                    "year": year(r[col["year"]], opt),
                    "year_text": r[col["year"]].strip(" \t"),   # as a --by key: text
                    "value": number(r[col["value"]], opt),
                    "raw": r})
    return out


def tq(df, memo={}):
    """The 97.5% Student t quantile on df degrees of freedom, by bisection."""
    if df in memo:
        return memo[df]

    def betacf(a, b, x):
        c, d = 1.0, 1.0 / (1.0 - (a + b) * x / (a + 1))
        h = d
        for m in range(1, 300):
            m2 = 2 * m
            aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 / (1 + aa * d)
            c = 1 + aa / c
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 / (1 + aa * d)
            c = 1 + aa / c
            h *= d * c
        return h

    def ibeta(a, b, x):
        if x <= 0:
            return 0.0
        if x >= 1:
            return 1.0
        bt = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(1 - x))
        if x < (a + 1) / (a + b + 2):
            return bt * betacf(a, b, x) / a
        return 1 - bt * betacf(b, a, 1 - x) / b

    lo, hi = 0.0, 1000.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if 1 - 0.5 * ibeta(df / 2, 0.5, df / (df + mid * mid)) < 0.975:
            lo = mid
        else:
            hi = mid
    memo[df] = (lo + hi) / 2
    return memo[df]


def g17(v):
    return "" if v is None else "%.17g" % v


def parts_na(values):
    """Why a whole has no shares or HHI ('' when it has)."""
    if not values:
        return "missing period"
    if any(v < 0 for v in values):
        return "a negative part"
    return "" if math.fsum(values) > 0 else "base <= 0"


def keyorder(k):
    return [s.encode() for s in k]


def expect(w, rows):
    """The expected output rows (lists of cells) of workload w, header first."""
    head, names, rows = rows[0]["raw"], rows[0]["names"], rows[1:]
    if w == "share":
        grp = {}
        for r in rows:
            if r["value"] is not None:
                grp.setdefault((r["reporter"], r["commodity"], r["year_text"]), []).append(r["value"])
        out = [head + ["share"]]
        for r in rows:
            vs = grp.get((r["reporter"], r["commodity"], r["year_text"]), [])
            ok = r["value"] is not None and parts_na(vs) == ""
            out.append(r["raw"] + [g17(r["value"] / math.fsum(vs)) if ok else ""])
        return out
    if w == "growth":
        val, seen = {}, set()
        for r in rows:
            k = (r["reporter"], r["partner"], r["commodity"], r["year"])
            assert k not in seen, "a repeated year: the reference does not cover it"
            seen.add(k)
            val[k] = r["value"]
        out = [head + ["growth"]]
        for r in rows:
            p = val.get((r["reporter"], r["partner"], r["commodity"], r["year"] - 1))
            ok = r["value"] is not None and p is not None and p > 0
            out.append(r["raw"] + [g17(r["value"] / p - 1) if ok else ""])
        return out
    if w == "trend":
        pts = {}
        for r in rows:
            k = (r["reporter"], r["partner"], r["commodity"])
            pts.setdefault(k, [])
            if r["value"] is not None and r["value"] > 0:
                pts[k].append((r["year"], log(r["value"])))
        out = [[names[c] for c in ("reporter", "partner", "commodity")] +
               ["n", "rate", "se", "lo", "hi", "na_reason"]]
        for k in sorted(pts, key=keyorder):
            p = pts[k]
            n = len(p)
            years = [x for x, _ in p]
            why = ""
            if n < 3:
                why = "too few points"
            elif min(years) == max(years):
                why = "every point in one year"
            elif (max(years) - min(years) + 1 - n) * 2 > max(years) - min(years) + 1:
                why = "more than half the years missing"
            if why:
                out.append(list(k) + [str(n), "", "", "", "", why])
                continue
            xm = math.fsum(x for x, _ in p) / n
            ym = math.fsum(y for _, y in p) / n
            sxx = math.fsum((x - xm) ** 2 for x, _ in p)
            b = math.fsum((x - xm) * (y - ym) for x, y in p) / sxx
            rss = math.fsum((y - ym - b * (x - xm)) ** 2 for x, y in p)
            se = math.sqrt(rss / (n - 2) / sxx)
            t = tq(n - 2)
            out.append(list(k) + [str(n)] + [g17(v) for v in (math.expm1(b), se, math.expm1(b - t * se),
                                                               math.expm1(b + t * se))] + [""])
        return out
    if w == "hhi":
        grp, seen = {}, set()
        for r in rows:
            g = grp.setdefault((r["reporter"], r["commodity"], r["year_text"]), [])
            if r["value"] is not None:
                k = (r["reporter"], r["commodity"], r["year_text"], r["partner"])
                assert k not in seen, "a repeated part: the reference does not cover it"
                seen.add(k)
                g.append(r["value"])
        out = [[names[c] for c in ("reporter", "commodity", "year")] + ["n", "hhi", "na_reason"]]
        for k in sorted(grp, key=keyorder):
            v = grp[k]
            why = parts_na(v)
            s = math.fsum(v)
            h = "" if why else g17(math.fsum((x / s) ** 2 for x in v))
            out.append(list(k) + [str(len(v)), h, why])
        return out
    raise SystemExit("unknown workload " + w)


def close(a, b, rel, floor):
    if a == "" or b == "":
        return a == b
    fa, fb = float(a), float(b)
    return abs(fa - fb) <= rel * abs(fb) + floor


def check(w, out_path, want, opt):
    delim = opt["delimiter"] if w in ("share", "growth") else ","
    with open(out_path, newline="", encoding="utf-8") as f:
        got = list(csv.reader(f, delimiter=delim))
    if not got:
        return "empty output"
    if len(got) != len(want):
        return "%d rows, want %d" % (len(got), len(want))
    if got[0] != want[0]:
        return "header %r, want %r" % (got[0], want[0])
    for i, (g, x) in enumerate(zip(got[1:], want[1:]), 1):
        if len(g) != len(x):
            return "row %d: %r, want %r" % (i, g, x)
        if w in ("share", "growth"):
            same, num = g[:-1] == x[:-1], [(g[-1], x[-1], 1e-12, 1e-15)]
        elif w == "trend":
            # se and the bounds: 1e-12 absolute too, for fits without
            # residuals (se 0 by hand, rounding noise either side)
            same = g[:4] == x[:4] and g[8] == x[8]
            num = [(g[4], x[4], 1e-12, 1e-15)] + [(a, b, 1e-9, 1e-12) for a, b in zip(g[5:8], x[5:8])]
        else:
            same, num = g[:4] == x[:4] and g[5] == x[5], [(g[4], x[4], 1e-12, 1e-15)]
        if not same or not all(close(a, b, rel, fl) for a, b, rel, fl in num):
            return "row %d: %r, want %r" % (i, g, x)
    return None


def main():
    path, opt, checks = parse_args(sys.argv)
    rows = load(path, opt)
    failed = 0
    for w, outs in checks:
        want = expect(w, rows)
        for o in outs:
            bad = check(w, o, want, opt)
            if bad:
                failed = 1
                print("FAILED %s %s (%s): %s" % (w, path.split("/")[-1], o.split("/")[-1], bad))
    if not failed:
        print("OK %s (%s)" % (path.split("/")[-1],
                              ", ".join("%s x%d" % (w, len(o)) for w, o in checks)))
    return failed


if __name__ == "__main__":
    sys.exit(main())
