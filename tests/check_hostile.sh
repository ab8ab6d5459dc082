#!/bin/sh
# A hostile corpus (tests/hostile/hostile.c) rendered by the library's own
# writers is inert in every format, checked with real parsers: JSON with
# python3's json (strict UTF-8), HTML with html.parser, Markdown with
# Python-Markdown (python3-markdown) and the HTML it makes, LaTeX with
# pdflatex run with shell escape ON (so \write18 would run if it got
# through), gnuplot scripts rendered to SVG and read back; CSV and TSV with
# python3's csv. No canary file may appear. A parser that is not installed
# is skipped with a message. Usage: check_hostile.sh HOSTILE_RENDER
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
canary="$dir/canary"
"$bin" "$dir" "$canary" || { echo "hostile_render failed"; exit 1; }
fail=0
# Python-Markdown: python3 may be another Python than Debian's
mdpy=
for py in python3 /usr/bin/python3; do
    if command -v "$py" > /dev/null 2>&1 && "$py" -c 'import markdown' 2> /dev/null; then
        mdpy=$py
        break
    fi
done
python3 - "$dir" "$mdpy" <<'PY' || fail=1
import csv, html.parser, io, json, subprocess, sys, unicodedata
d, mdpy = sys.argv[1], sys.argv[2]
corpus = open(f"{d}/corpus.bin", "rb").read().split(b"\0")[:-1]
urls = open(f"{d}/urls.bin", "rb").read().split(b"\0")[:-1]
TITLE = 13
bad = []

def check(ok, what):
    if not ok:
        bad.append(what)

def control(ch):
    o = ord(ch)
    return (o < 0x20 and ch not in "\t\n\r") or 0x7F <= o <= 0x9F

def text(b):          # what the data says, invalid bytes as U+FFFD (Unicode's maximal subparts)
    return b.decode("utf-8", "replace")

def html_expect(b):   # HTML: controls as U+FFFD
    return "".join("\ufffd" if control(ch) else ch for ch in text(b))

def md_expect(b):     # Markdown: controls dropped, breaks and tabs as spaces, trimmed
    s = "".join("" if control(ch) else " " if ch in "\t\r\n" else ch for ch in text(b))
    return s.strip()

# JSON: strict UTF-8, the strings come back (controls escaped, kept)
raw = open(f"{d}/table.json", "rb").read()
try:
    js = json.loads(raw.decode("utf-8"))
    check(js["title"] == text(corpus[TITLE]), "json title")
    check([r["text"] for r in js["rows"]] == [text(b) for b in corpus], "json cells")
    check([r["n"] for r in js["rows"]] == list(range(len(corpus))), "json numbers")
    check(js["notes"] == [text(b) for b in corpus], "json notes")
    check(js["sources"] == [text(b) for b in corpus], "json sources")
except (UnicodeDecodeError, ValueError) as e:
    check(False, f"json does not parse: {e}")

# HTML: only the writer's own elements; the text comes back
class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.links, self.cells, self.paras = [], [], [], []
        self.cell = self.para = None
        self.in_a = False
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("td", "th"): self.cell = ""
        if tag == "p": self.para = ""
        if tag == "a": self.links.append([dict(attrs).get("href"), ""]); self.in_a = True
    def handle_endtag(self, tag):
        if tag in ("td", "th"): self.cells.append(self.cell); self.cell = None
        if tag == "p": self.paras.append(self.para); self.para = None
        if tag == "a": self.in_a = False
    def handle_data(self, data):
        if self.cell is not None: self.cell += data
        if self.para is not None: self.para += data
        if self.in_a: self.links[-1][1] += data

p = Page(); p.feed(open(f"{d}/table.html", encoding="utf-8", newline="").read()); p.close()
check(set(p.tags) <= {"table", "caption", "thead", "tbody", "tr", "th", "td", "p"},
      f"html elements {set(p.tags)}")
check(p.cells[1] == "text (" + "<b>u|n`i*t</b>" + ")", "html header")
for i, b in enumerate(corpus):
    check(p.cells[3 + 2 * i] == html_expect(b), f"html cell {i}: {p.cells[3 + 2 * i]!r}")
    check(p.paras[i] == html_expect(b), f"html note {i}: {p.paras[i]!r}")

def allowed(u):
    try:
        s = u.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return (s.lower().startswith(("http://", "https://", "mailto:")) and
            not any(ord(ch) <= 0x20 or control(ch) or ch in '<>"`\\' for ch in s))

p = Page(); p.feed(open(f"{d}/links.html", encoding="utf-8").read()); p.close()
want = [[text(u), f"link {i}"] for i, u in enumerate(urls) if allowed(u)]
check(p.links == want, f"html links {p.links}")
check(p.paras == [f"link {i}" for i in range(len(urls))], "html link texts")
check(set(p.tags) <= {"p", "a"}, "html link elements")
check(len(want) == 3, "three allowed urls")

# text for a terminal: valid UTF-8, no control character but line breaks
txt = open(f"{d}/table.txt", "rb").read()
try:
    check(not any(control(ch) or ch in "\t\r" for ch in txt.decode("utf-8")), "text controls")
except UnicodeDecodeError:
    check(False, "text is not UTF-8")

# CSV keeps the bytes; TSV turns tabs and line breaks into spaces
rows = list(csv.reader(io.StringIO(open(f"{d}/table.csv", "rb").read().decode("utf-8", "surrogateescape"), newline="")))
check([r[1].encode("utf-8", "surrogateescape") for r in rows[1:]] == corpus, "csv cells")
tsv = open(f"{d}/table.tsv", "rb").read().split(b"\n")[1:-1]
check([r.split(b"\t")[1] for r in tsv] == [b.replace(b"\t", b" ").replace(b"\r", b" ").replace(b"\n", b" ") for b in corpus], "tsv cells")

# Markdown: rendered by Python-Markdown, nothing but the writer's structure
if mdpy:
    def render(path, ext):
        code = ("import markdown, sys; sys.stdout.write(markdown.markdown("
                "open(sys.argv[1], encoding='utf-8').read(), extensions=%r))" % ext)
        return subprocess.run([mdpy, "-c", code, path], capture_output=True, text=True,
                              check=True).stdout
    class Doc(Page):
        def __init__(self):
            super().__init__(); self.blocks = []; self.cur = None
        def handle_starttag(self, tag, attrs):
            super().handle_starttag(tag, attrs)
            if tag in ("h2", "blockquote"): self.cur = [tag, ""]
        def handle_endtag(self, tag):
            super().handle_endtag(tag)
            if tag in ("h2", "blockquote"): self.blocks.append(self.cur); self.cur = None
        def handle_data(self, data):
            super().handle_data(data)
            if self.cur: self.cur[1] += data
    t = Doc(); t.feed(render(f"{d}/table.md", ["tables"])); t.close()
    check(set(t.tags) <= {"p", "strong", "table", "thead", "tbody", "tr", "th", "td"},
          f"md table elements {set(t.tags)}")
    check(t.cells[3::2] == [md_expect(b) for b in corpus], "md cells")
    check(t.cells[1] == "text (<b>u|n`i*t</b>)", "md header")
    check(t.paras[0] == md_expect(corpus[TITLE]), "md title")
    q = Doc(); q.feed(render(f"{d}/prose.md", [])); q.close()
    check(set(q.tags) <= {"h2", "blockquote", "p"}, f"md prose elements {set(q.tags)}")
    check([b[0] for b in q.blocks] == ["h2", "blockquote"] * len(corpus), "md prose structure")
    got = [b[1].strip() for b in q.blocks]
    exp = [x for b in corpus for x in (md_expect(b), md_expect(b))]
    for i, (g, e) in enumerate(zip(got, exp)):
        check(g == e, f"md prose {i}: {g!r} != {e!r}")
    l = Doc(); l.feed(render(f"{d}/links.md", [])); l.close()
    check(l.links == want, f"md links {l.links}")
    check(set(l.tags) <= {"p", "a"}, f"md link elements {set(l.tags)}")
    print("markdown: python-markdown renders only the writer's structure")
else:
    print("python3-markdown not installed: Markdown not checked (SKIPPED)")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
if command -v pdflatex > /dev/null; then
    printf '\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n\\usepackage{booktabs}\n\\usepackage[landscape,margin=1cm]{geometry}\n\\begin{document}\n\\tiny\n\\input{table.tex}\n\\end{document}\n' > "$dir/doc.tex"
    # shell escape on: \write18 would run if the text reached TeX as code
    if (cd "$dir" && pdflatex -shell-escape -interaction=nonstopmode -halt-on-error doc.tex > latex.log 2>&1); then
        echo "latex: compiles with shell escape on"
    else
        echo "FAIL: LaTeX did not compile:"; tail -20 "$dir/latex.log"; fail=1
    fi
else
    echo "pdflatex not installed: LaTeX not checked (SKIPPED)"
fi
if command -v gnuplot > /dev/null; then
    for chart in line bar; do
        if ! (cd "$dir" && gnuplot "$chart.gp" > "$chart.log" 2>&1); then
            echo "FAIL: gnuplot $chart:"; cat "$dir/$chart.log"; fail=1
        fi
    done
    python3 - "$dir" <<'PY' || fail=1
import sys, xml.etree.ElementTree as ET
d = sys.argv[1]
corpus = open(f"{d}/corpus.bin", "rb").read().split(b"\0")[:-1]
def label(b):   # as quoted: controls as spaces, invalid as U+FFFD
    s = b.decode("utf-8", "replace")
    return "".join(" " if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F else ch for ch in s)
bad = []
for chart in ("line", "bar"):
    texts = set("".join(e.itertext()) for e in ET.parse(f"{d}/{chart}.svg").iter()
                if e.tag.endswith("text"))
    for b in corpus:
        if chart == "line" or b != corpus[6]:
            want = label(b)
            # a bar's category longer than 24 characters is shortened to
            # its first ones and an ellipsis (cor_chart_shorten)
            short = chart == "bar" and len(want) > 24
            if not any(want.strip() == t.strip() or
                       (short and t.endswith("\u2026") and len(t) >= 16 and
                        want.startswith(t[:-1].rstrip())) for t in texts):
                bad.append(f"{chart}: label {want!r} not drawn")
for x in bad:
    print("FAIL:", x)
print("gnuplot: every label drawn as text" if not bad else "")
sys.exit(1 if bad else 0)
PY
else
    echo "gnuplot not installed: charts not checked (SKIPPED)"
fi
if ls "$canary"* > /dev/null 2>&1; then
    echo "FAIL: hostile text ran a command:"; ls "$canary"*; fail=1
fi
[ $fail = 0 ] && echo "every format keeps the hostile corpus inert"
exit $fail
