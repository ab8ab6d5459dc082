#!/bin/sh
# Every table format parses with a standard parser and shows the same numbers:
# CSV and JSON with python3's csv and json, HTML with html.parser, LaTeX by
# compiling it with pdflatex (booktabs) when pdflatex is installed.
# Usage: check_formats.sh BINARY
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for f in csv json html latex md tsv; do
    "$bin" value --data tests/data/escape -f $f > "$dir/t.$f" || exit 1
    "$bin" growth --entity 'Port of Baku' --unit TEU --where origin= -f $f > "$dir/g.$f" || exit 1
done
command -v python3 > /dev/null || { echo "python3 not installed: format parsing not checked"; exit 1; }
python3 - "$dir" <<'PY' || exit 1
import csv, json, sys, html.parser, math
d = sys.argv[1]
class Cells(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.rows = []; self.cell = None
    def handle_starttag(self, tag, attrs):
        if tag == "tr": self.rows.append([])
        if tag in ("td", "th"): self.cell = ""
    def handle_endtag(self, tag):
        if tag in ("td", "th"): self.rows[-1].append(self.cell); self.cell = None
    def handle_data(self, data):
        if self.cell is not None: self.cell += data
for stem, key in (("t", "implied"), ("g", "growth")):
    rows = list(csv.DictReader(open(f"{d}/{stem}.csv", newline="", encoding="utf-8")))
    js = json.load(open(f"{d}/{stem}.json", encoding="utf-8"))
    tsv = list(csv.DictReader(open(f"{d}/{stem}.tsv", encoding="utf-8"), delimiter="\t"))
    p = Cells(); p.feed(open(f"{d}/{stem}.html", encoding="utf-8").read())
    header = [h.split(" (")[0] for h in p.rows[0]]
    assert len(rows) == len(js["rows"]) == len(tsv) == len(p.rows) - 1 > 0, stem
    for r, j, t, h in zip(rows, js["rows"], tsv, p.rows[1:]):
        v = j[key]["value"]
        hv = h[header.index(key)]
        if r[key] == "NA":
            assert v is None and t[key] == "NA" and hv == "NA", (stem, r)
            continue
        assert float(r[key]) == v == float(t[key]), (stem, r[key], v, t[key])
        assert abs(float(hv) - v) <= 0.5e-4 * max(1, abs(v)), (stem, hv, v)
        for text_col in [c for c in r if not c.startswith(key)]:
            if isinstance(j.get(text_col), str):
                assert j[text_col] == r[text_col] == h[header.index(text_col)], text_col
print("csv, tsv, json and html parse and agree")
PY
if command -v pdflatex > /dev/null; then
    for stem in t g; do
        printf '\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n\\usepackage{booktabs}\n\\usepackage[landscape,margin=1cm]{geometry}\n\\begin{document}\n\\tiny\n\\input{%s.latex}\n\\end{document}\n' "$stem" > "$dir/doc_$stem.tex"
        (cd "$dir" && pdflatex -interaction=nonstopmode -halt-on-error "doc_$stem.tex" > "latex_$stem.log" 2>&1) ||
            { echo "LaTeX did not compile:"; tail -20 "$dir/latex_$stem.log"; exit 1; }
    done
    echo "latex compiles"
else
    echo "pdflatex not installed: LaTeX compilation not checked (SKIPPED)"
fi
