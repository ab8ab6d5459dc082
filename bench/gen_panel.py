#!/usr/bin/env python3
"""Synthetic trade-flow panel for the benchmark (SYNTHETIC data, not figures).

    gen_panel.py --rows N [--seed S] -o FILE

Header reporter,partner,commodity,year,value; years 2000-2024; 60 reporters
and 200 partners (some names need quoting: "Korea, Rep."; one holds a doubled
quote; some are not ASCII); max(4, round(N / 250000)) commodities so that
groups keep realistic sizes; series start and end at random years and have
random gaps; exactly N rows, in random order; values > 0 with 2 decimals.
Deterministic for a seed. python3 standard library only.
"""
import argparse
import csv
import math
import random
import sys

BASE = ["Food", "Fuels", "Ores and metals", "Manufactures"]
SPECIAL = ['Korea, Rep.', 'Egypt, Arab Rep.', 'Hong Kong SAR, China', 'Congo, Dem. Rep.',
           'Iran, Islamic Rep.', 'Venezuela, RB', 'Yemen, Rep.', 'Gambia, The',
           'C\u00f4te d\'Ivoire', 'T\u00fcrkiye', 'S\u00e3o Tom\u00e9 and Pr\u00edncipe',
           'Cura\u00e7ao', 'Special Categories ("confidential")']


def names(n, rng):
    out = list(SPECIAL)
    i = 0
    while len(out) < n:
        i += 1
        out.append("Country %03d" % i)
    rng.shuffle(out)
    return out[:n]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    partners = names(200, rng)
    reporters = partners[:60]
    ncom = max(4, round(a.rows / 250000))
    commodities = BASE + ["Product group %02d" % i for i in range(5, ncom + 1)]
    commodities = commodities[:ncom]
    weight = {c: math.exp(rng.gauss(0, 1)) for c in partners}
    cells, series = [], []
    for r in reporters:
        for p in partners:
            if p == r:
                continue
            for c in commodities:
                first = 0 if rng.random() < 0.8 else rng.randrange(25)
                last = 24 if rng.random() < 0.9 else rng.randrange(first, 25)
                level = 10 + math.log(weight[r] * weight[p]) + rng.gauss(0, 1.4)
                series.append((r, p, c, level, rng.gauss(0.04, 0.05)))
                s = len(series) - 1
                cells.extend(s * 32 + y for y in range(first, last + 1))
    if len(cells) < a.rows:
        sys.exit("the panel holds only %d cells" % len(cells))
    rng.shuffle(cells)
    with open(a.output, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["reporter", "partner", "commodity", "year", "value"])
        batch = []
        for cell in cells[:a.rows]:
            s, y = divmod(cell, 32)
            r, p, c, level, trend = series[s]
            v = max(0.01, math.exp(min(level + trend * y + rng.gauss(0, 0.2), 25)))
            batch.append((r, p, c, 2000 + y, "%.2f" % v))
            if len(batch) == 100000:
                w.writerows(batch)
                batch.clear()
        w.writerows(batch)


if __name__ == "__main__":
    main()
