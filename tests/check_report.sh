#!/bin/sh
# corridor report writes the whole report: every claim has its card, every
# chart is embedded, every source of every verdict is cited, and every local
# link (href/src that is not http(s), mailto or data) resolves to a file or an
# anchor that exists. Usage: check_report.sh BINARY
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" report -o "$dir/out" > "$dir/log" || { cat "$dir/log"; exit 1; }
"$bin" check --detail -f csv > "$dir/detail.csv"
python3 - "$dir" <<'PY'
import csv, html.parser, os, sys
d = sys.argv[1]
out = os.path.join(d, "out")
page = open(os.path.join(out, "index.html"), encoding="utf-8").read()
class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.links = []; self.ids = set(); self.imgs = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a: self.ids.add(a["id"])
        for k in ("href", "src"):
            if k in a: self.links.append(a[k])
        if tag == "img": self.imgs.append(a.get("src", ""))
p = Links(); p.feed(page)
claims = sorted({r["id"] for r in csv.DictReader(open("datasets/claims/claims.csv", encoding="utf-8"))
                 if r["metric"] != "skip"})   # skip rows: statements left unchecked
missing = [c for c in claims if c not in p.ids]
assert not missing, f"claims without a card: {missing}"
sources = set()
for r in csv.DictReader(open(os.path.join(d, "detail.csv"), encoding="utf-8")):
    for s in r["sources"].split("; "):
        if s: sources.add(s.replace("fx ", ""))
absent = sorted(s for s in sources if f"[{s}]" not in page)
assert not absent, f"sources not cited: {absent}"
charts = sorted(f[:-3] for f in os.listdir(os.path.join(out, "charts")) if f.endswith(".gp"))
assert len(charts) == 3, charts
assert sum(1 for s in p.imgs if s.startswith("data:image/png;base64,")) == len(charts), "charts not embedded"
bad = []
for link in p.links:
    if link.startswith(("http://", "https://", "mailto:", "data:")):
        continue
    if link.startswith("#"):
        if link[1:] not in p.ids: bad.append(link)
    elif not os.path.exists(os.path.join(out, link)):
        bad.append(link)
assert not bad, f"links that do not resolve: {bad}"
assert "http" not in "".join(l for l in p.links if l.startswith(("src",))), "external asset"
for ext in ("csv", "tsv", "md", "tex", "html", "json", "txt"):
    assert os.path.exists(os.path.join(out, "tables", "verdicts." + ext)), ext
assert os.path.exists(os.path.join(out, "report.md"))
print(f"report holds {len(claims)} claims, {len(charts)} charts, {len(sources)} sources; "
      f"{len(p.links)} links resolve")
PY
