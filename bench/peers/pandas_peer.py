#!/usr/bin/python3
"""pandas: W1 share, W2 growth, W3 trend, W4 hhi on a panel. usage: W IN OUT"""
import sys
import numpy as np
import pandas as pd

w, src, dst = sys.argv[1:4]
keys = {"reporter": "category", "partner": "category", "commodity": "category"}
df = pd.read_csv(src, dtype={**keys, "year": np.int64, "value": np.float64},
                 keep_default_na=False, na_filter=False)
if w == "W1":
    df["share"] = df["value"] / df.groupby(["reporter", "commodity", "year"], observed=True,
                                           sort=False)["value"].transform("sum")
    df.to_csv(dst, index=False)
elif w == "W2":
    prev = df[["reporter", "partner", "commodity", "year", "value"]].copy()
    prev["year"] += 1
    prev = prev.rename(columns={"value": "prev"})
    m = df.merge(prev, on=["reporter", "partner", "commodity", "year"], how="left", sort=False)
    m["growth"] = np.where(m["prev"] > 0, m["value"] / m["prev"] - 1, np.nan)
    m.drop(columns="prev").to_csv(dst, index=False)
elif w == "W3":
    # the World Bank rules: 3 points > 0 or more, not all in one year, no
    # more than half the years of [first, last] missing
    t = df[df["value"] > 0][["reporter", "partner", "commodity"]].copy()
    x = df.loc[df["value"] > 0, "year"].astype(float) - 2000
    y = np.log(df.loc[df["value"] > 0, "value"])
    t["x"], t["y"], t["xx"], t["xy"] = x, y, x * x, x * y
    g = t.groupby(["reporter", "partner", "commodity"], observed=True)
    s, n = g.sum(), g.size()
    span = g["x"].max() - g["x"].min() + 1
    ok = (n >= 3) & (span > 1) & ((span - n) * 2 <= span)
    b = (n * s["xy"] - s["x"] * s["y"]) / (n * s["xx"] - s["x"] ** 2)
    rate = np.where(ok, np.expm1(b), np.nan)
    pd.DataFrame({"n": n, "rate": rate}).reset_index().to_csv(dst, index=False)
elif w == "W4":
    t = df[["reporter", "commodity", "year", "value"]].copy()
    t["v2"] = t["value"] ** 2
    g = t.groupby(["reporter", "commodity", "year"], observed=True)
    s, n = g.sum(), g.size()
    pd.DataFrame({"n": n, "hhi": s["v2"] / s["value"] ** 2}).reset_index().to_csv(dst, index=False)
