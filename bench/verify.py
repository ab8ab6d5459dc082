#!/usr/bin/env python3
"""Compares corridor's output of a workload with a peer's, keyed and in any
row order: same keys, same empty cells, numbers within RTOL relative (with an
absolute floor ATOL for values near 0). usage: verify.py W CORRIDOR_OUT PEER_OUT"""
import csv
import math
import sys

RTOL, ATOL = 1e-9, 1e-12
KEYS = {"W1": (0, 1, 2, 3), "W2": (0, 1, 2, 3), "W3": (0, 1, 2), "W4": (0, 1, 2)}
VALUE = {"W1": "share", "W2": "growth", "W3": "rate", "W4": "hhi"}


def load(path, w):
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        head = next(rows)
        col = head.index(VALUE[w])
        ncol = head.index("n") if "n" in head else None
        out = {}
        for r in rows:
            key = tuple(r[i] for i in KEYS[w])
            if w in ("W1", "W2"):
                key = key[:3] + (str(int(float(key[3]))),)
            out[key] = (r[col], r[ncol] if ncol is not None else "")
        return out


def main():
    w, a, b = sys.argv[1:4]
    x, y = load(a, w), load(b, w)
    bad = []
    if set(x) != set(y):
        bad.append("key sets differ: %d only in corridor, %d only in the peer"
                   % (len(set(x) - set(y)), len(set(y) - set(x))))
    worst = 0.0
    for k in set(x) & set(y):
        (u, nu), (v, nv) = x[k], y[k]
        if nu and nv and int(float(nu)) != int(float(nv)):
            bad.append("n differs at %s" % (k,))
        if (u == "") != (v in ("", "NA", "nan", "NaN")):
            bad.append("empty differs at %s: %r vs %r" % (k, u, v))
            continue
        if u == "":
            continue
        fu, fv = float(u), float(v)
        diff = abs(fu - fv)
        if diff > RTOL * abs(fv) + ATOL:
            bad.append("%s: %r vs %r" % (k, u, v))
        if fv != 0:
            worst = max(worst, diff / abs(fv))
        if len(bad) > 5:
            break
    print("%s %s: %s (%d rows, max relative difference %.2g)"
          % (w, b.split("/")[-1], "MATCH" if not bad else "DIFFER: " + "; ".join(bad[:5]),
             len(x), worst))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
