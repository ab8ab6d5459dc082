"""corridor report, checked from the outside (run by check_report.sh).

Usage: check_report.py BINARY WORKDIR  (from the project root)

1. The bundled report keeps its content: every claim has a card, the three
   charts and four tables of datasets/report.ini, every source cited, every
   local link resolves, nothing loads from outside the page.
2. The synthetic dataset (tests/data/report_synth, a made-up pipeline, port
   and country) gets its own report: its charts show its own series, no
   bundled name appears in any file, every claim has its card, the chart
   whose selection is empty is skipped with a warning naming it.
3. On both pages every Reproduce command runs and prints the figures the
   page shows (the computed intervals; the figures used).
4. The automatic report (the synthetic folder without its spec): one chart
   and one table per series, worked out by hand below.
5. Failure modes: no data at all fails (exit 3); a malformed spec is an
   error with file, line and column; hostile text stays text.
6. Printed to PDF with headless Chromium (when it and pdftotext are
   installed): every source URL is in the text and no word runs past the
   page's right edge.
"""
import csv
import html.parser
import io
import os
import re
import shutil
import stat
import subprocess
import sys

BIN, WORK = sys.argv[1], sys.argv[2]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


# the Reproduce commands start with "corridor": put the binary on PATH
bindir = os.path.join(WORK, "bin")
os.makedirs(bindir, exist_ok=True)
os.symlink(os.path.abspath(BIN), os.path.join(bindir, "corridor"))
ENV = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"], LC_ALL="C",
           CORRIDOR_DATASETS="")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, env=ENV, **kw)


class Page(html.parser.HTMLParser):
    """What a report page holds: ids, links, cards, commands, figures."""

    def __init__(self):
        super().__init__()
        self.ids, self.links, self.srcs = set(), [], []
        self.cards = {}            # id -> {"computed": [...], "figs": [...], "cmds": [...]}
        self.card = None
        self.svgs, self.scripts, self.svg_text = 0, 0, []
        self.capture, self.buf, self.svg_depth = None, "", 0
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if "href" in a:
            self.links.append(a["href"])
        if "src" in a:
            self.srcs.append(a["src"])
        cls = a.get("class", "") or ""
        if tag == "script":
            self.scripts += 1
        if tag == "svg":
            self.svgs += 1
        if tag == "section" and "card" in cls.split():
            self.card = {"computed": [], "figs": [], "cmds": []}
            self.cards[a["id"]] = self.card
        if self.card is not None:
            if tag == "td" and "computed" in cls.split():
                self.capture, self.buf = "computed", ""
            elif tag == "span" and cls == "fig":
                self.capture, self.buf = "figs", ""
            elif tag == "div" and cls == "cmd":
                self.capture, self.buf = "cmds", ""
        if tag == "text":
            self.capture, self.buf = "svg_text", ""

    def handle_endtag(self, tag):
        if self.capture and tag in ("td", "span", "div", "text"):
            target = self.svg_text if self.capture == "svg_text" else self.card[self.capture]
            target.append(self.buf)
            self.capture = None
        if tag == "section":
            self.card = None

    def handle_data(self, data):
        if self.capture:
            self.buf += data


def parse_page(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    return p


NUM = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def shown_numbers(text):
    """The numbers a reader sees, each with half a unit of its last digit."""
    out = []
    for m in NUM.finditer(text):
        s = m.group().replace(",", "")
        dec = len(s.split(".")[1]) if "." in s else 0
        out.append((float(s), 0.5 * 10 ** -dec))
    return out


def close(shown, tol, value):
    return abs(shown - value) <= tol * 1.0001 + 1e-9 * abs(value)


def interval_numbers(text):
    """Finite numbers of an interval as the CLI prints it: "(0.3025, inf)"."""
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?", text)]


def check_reproduce(page, what):
    """Every command of every card runs and prints the figures on the card."""
    ran = 0
    for cid, card in page.cards.items():
        check(card["cmds"] and card["cmds"][0].startswith("corridor check"),
              f"{what} {cid}: no check command")
        series_rows = []
        for cmd in card["cmds"]:
            check("--data" in cmd, f"{what} {cid}: a command without --data: {cmd}")
            r = run(["sh", "-c", cmd])
            ran += 1
            ok = r.returncode in ((0, 1) if cmd.startswith("corridor check") else (0,))
            if not check(ok, f"{what} {cid}: '{cmd}' exits {r.returncode}: {r.stderr}"):
                continue
            rows = list(csv.DictReader(io.StringIO(r.stdout)))
            check(rows, f"{what} {cid}: '{cmd}' prints no row")
            if cmd.startswith("corridor check"):
                check(all(row["id"] == cid for row in rows),
                      f"{what} {cid}: the check prints other claims")
                # each computed figure on the card is one of the check's rows
                for shown in card["computed"]:
                    nums = shown_numbers(shown)
                    hit = False
                    for row in rows:
                        scale = 100 if row["unit"] == "fraction" else 1
                        have = [x * scale for x in interval_numbers(row["computed"])]
                        if len(have) == len(nums) and all(
                                close(s, t, h) for (s, t), h in zip(nums, have)):
                            hit = True
                    check(hit, f"{what} {cid}: '{cmd}' does not print the computed '{shown}'")
            else:
                scale = 100 if "--unit fraction" in cmd else 1
                series_rows += [(row["period"],
                                 [float(row[k]) * scale for k in ("value", "value_lo", "value_hi")
                                  if row[k] not in ("NA", "inf", "-inf")]) for row in rows]
        # each figure used on the card is printed by one of its series commands
        for fig in card["figs"]:
            period, _, rest = fig.partition(": ")
            nums = shown_numbers(rest.split(" (")[0])
            hit = any(p == period and all(any(close(s, t, h) for h in have) for s, t in nums)
                      for p, have in series_rows)
            check(hit, f"{what} {cid}: no Reproduce command prints the figure '{fig}'")
    return ran


def check_links(out, page, what):
    local = [l for l in page.links if not l.startswith(("http://", "https://", "mailto:"))]
    check(len(local) >= 8, f"{what}: only {len(local)} local links")
    bad = [l for l in local
           if (l[1:] not in page.ids) if l.startswith("#")] + \
          [l for l in local if not l.startswith("#") and not os.path.exists(os.path.join(out, l))]
    check(not bad, f"{what}: links that do not resolve: {bad}")
    # nothing is loaded from outside: every src is inline data
    check(all(s.startswith("data:") for s in page.srcs), f"{what}: external src: {page.srcs}")
    check(page.scripts == 0, f"{what}: the page holds a script")


def image_modes(out, what):
    umask = os.umask(0o022)
    os.umask(umask)
    want = 0o666 & ~umask
    for f in sorted(os.listdir(os.path.join(out, "charts"))):
        mode = stat.S_IMODE(os.stat(os.path.join(out, "charts", f)).st_mode)
        check(mode == want, f"{what}: charts/{f} has mode {oct(mode)}, not {oct(want)}")


def md_has_sources(out, page_path, what):
    """report.md carries every source of the page: publisher, URL, quote."""
    md = open(os.path.join(out, "report.md"), encoding="utf-8").read()
    text = open(page_path, encoding="utf-8").read()
    urls = set(re.findall(r'<span class="url"><a href="([^"]+)"', text))
    check(urls, f"{what}: no source link on the page")
    for u in urls:
        check(f"<{html.unescape(u)}>" in md, f"{what}: report.md lacks {u}")
    return urls


def report(args, out):
    r = run([BIN, "report", "-o", out] + args)
    return r


# ---- 1. the bundled report -------------------------------------------------
out = os.path.join(WORK, "bundled")
r = report([], out)
check(r.returncode == 0, f"bundled report exits {r.returncode}: {r.stderr}")
# the counts as `corridor check` gives them (the claims are the claims engineer's)
verdicts = [row["verdict"] for row in
            csv.DictReader(io.StringIO(run([BIN, "check", "-f", "csv"]).stdout))]
count = {v: verdicts.count(v) for v in ("supported", "contradicted", "undecided", "no data")}
check(verdicts and r.stdout == f"{out}/index.html: {len(verdicts)} claims ({count['supported']} "
      f"supported, {count['contradicted']} contradicted, {count['undecided']} undecided, "
      f"{count['no data']} without data), 3 charts, 4 tables\n", f"bundled summary: {r.stdout!r}")
check(r.stderr == "", f"bundled report warns: {r.stderr}")
page_path = os.path.join(out, "index.html")
page = parse_page(page_path)
claims = sorted({row["id"] for row in csv.DictReader(open("datasets/claims/claims.csv",
                                                          encoding="utf-8"))
                 if row["metric"] != "skip"})   # skip rows: statements left unchecked
check(sorted(page.cards) == claims, f"bundled cards {sorted(page.cards)} != claims {claims}")
charts = sorted(f[:-3] for f in os.listdir(os.path.join(out, "charts")) if f.endswith(".gp"))
check(charts == ["baku_teu", "defence_budget", "israel_oil_share"], f"bundled charts {charts}")
for c in charts:
    for ext in (".png", ".svg"):
        check(os.path.getsize(os.path.join(out, "charts", c + ext)) > 1000, f"{c}{ext} empty")
check(page.svgs == 3, f"bundled page inlines {page.svgs} SVG charts, not 3")
for t in ("verdicts", "evidence", "baku_teu", "sipri_milex"):
    for ext in ("csv", "tsv", "md", "tex", "html", "json", "txt"):
        check(os.path.exists(os.path.join(out, "tables", f"{t}.{ext}")), f"tables/{t}.{ext}")
teu = list(csv.DictReader(open(os.path.join(out, "tables", "baku_teu.csv"), encoding="utf-8")))
check(any(row["period"] == "2017" and row["value"] == "15337" for row in teu),
      "baku_teu table lacks 2017: 15,337 TEU")
sipri = list(csv.DictReader(open(os.path.join(out, "tables", "sipri_milex.csv"), encoding="utf-8")))
check([row["period"] for row in sipri] == ["2017", "2018", "2022", "2023"] and
      float(sipri[3]["value"]) == 3.561, f"sipri_milex table: {sipri}")
detail = run([BIN, "check", "--detail", "-f", "csv"]).stdout
sources = {s.replace("fx ", "") for row in csv.DictReader(io.StringIO(detail))
           for s in row["sources"].split("; ") if s}
text = open(page_path, encoding="utf-8").read()
check(sources, "no sources in check --detail")
check(not [s for s in sources if f"[{s}]" not in text], "bundled page does not cite every source")
check("bundled" not in text, "the page still says 'bundled'")
check_links(out, page, "bundled")
image_modes(out, "bundled")
bundled_urls = md_has_sources(out, page_path, "bundled")
gp = open(os.path.join(out, "charts", "israel_oil_share.gp"), encoding="utf-8").read()
check("'bloomberg.com (a statement, not a measurement)'" in gp,
      "israel_oil_share: statements are not drawn as statements, or the legend lacks publishers")
check("bloomberg-2014" not in gp, "israel_oil_share: a legend names a source id")
gp = open(os.path.join(out, "charts", "baku_teu.gp"), encoding="utf-8").read()
check("'100,000' 100000" in gp, "baku_teu: no thousands separator on the y axis")
block = re.search(r"^\$S1 << (\w+)\n(.*?)^\1$", gp, re.S | re.M).group(2)
# the two 2025 figures overlap: one stays at 2025 (the line passes there),
# the other moves a marker's width aside (less than 0.3 of a year); both
# keep their true year in column 8
rows = [l.split() for l in block.splitlines() if l.split()[0] != "NaN"]
x2025 = sorted(float(r[0]) for r in rows if float(r[7]) == 2025)
check(len(x2025) == 2 and 2025 in x2025 and 0 < x2025[1] - x2025[0] < 0.3,
      f"baku_teu: the two 2025 figures are not side by side: {x2025}")
n = check_reproduce(page, "bundled")
print(f"bundled: {len(page.cards)} cards, {len(charts)} charts, {n} Reproduce commands ran")

# ---- 2. the synthetic report -----------------------------------------------
synth = "tests/data/report_synth"
out = os.path.join(WORK, "synth")
r = report(["--data", synth], out)
check(r.returncode == 0, f"synthetic report exits {r.returncode}: {r.stderr}")
check(r.stderr.count("warning:") == 1 and "chart 'nowhere' (tests/data/report_synth/report.ini:42)"
      in r.stderr and "skipped" in r.stderr, f"the empty chart is not named: {r.stderr!r}")
check("6 claims (3 supported, 2 contradicted, 0 undecided, 1 without data), 4 charts, "
      "4 tables, 1 skipped" in r.stdout, f"synthetic summary: {r.stdout!r}")
page_path = os.path.join(out, "index.html")
page = parse_page(page_path)
check(sorted(page.cards) == ["S1", "S2", "S3", "S4", "S5", "S6"], f"synthetic cards {page.cards}")
charts = sorted(f[:-3] for f in os.listdir(os.path.join(out, "charts")) if f.endswith(".gp"))
check(charts == ["kestrel_branches", "kestrel_crude", "meridian_teu", "valdoria_share"],
      f"synthetic charts {charts}")
check(page.svgs == 4, f"synthetic page inlines {page.svgs} SVG charts")
svg_text = " | ".join(page.svg_text)
for label in ("Port Meridian: containers", "50,000 TEU", "Kestrel Pipeline: crude carried",
              "North", "South", "Synthetic Statistics Office",
              "Synthetic Gazette (a statement, not a measurement)",
              "Source: Synthetic Port Authority, Synthetic Shipping News"):
    check(label in svg_text, f"the synthetic charts do not show '{label}'")
check("syn-valdoria" not in svg_text, "a synthetic legend names a source id")
gp = open(os.path.join(out, "charts", "meridian_teu.gp"), encoding="utf-8").read()
for v in (" 21000 ", " 41900 ", "'60,000' 60000", "'50,000 TEU'"):
    check(v in gp, f"meridian_teu.gp lacks '{v}'")
bundled_names = re.compile(r"baku|azerbaijan|israel|sipri|tamar|karabakh|iran|btc|medialine|"
                           r"bundled", re.I)
for root, _, files in os.walk(out):
    for f in files:
        data = open(os.path.join(root, f), "rb").read().decode("utf-8", "replace")
        m = bundled_names.search(data)
        check(not m, f"synthetic report: {os.path.join(root, f)} holds '{m and m.group()}'")
check_links(out, page, "synthetic")
image_modes(out, "synthetic")
synth_urls = md_has_sources(out, page_path, "synthetic")
n = check_reproduce(page, "synthetic")
print(f"synthetic: {len(page.cards)} cards, {len(charts)} charts, {n} Reproduce commands ran")

# ---- 4. the automatic report -----------------------------------------------
auto_data = os.path.join(WORK, "auto_data")
shutil.copytree(synth, auto_data)
os.remove(os.path.join(auto_data, "report.ini"))
for how, args in (("no spec", ["--data", auto_data]), ("--auto", ["--data", synth, "--auto"])):
    out = os.path.join(WORK, "auto_" + how.replace(" ", "_").replace("-", ""))
    r = report(args, out)
    check(r.returncode == 0 and r.stderr == "", f"automatic report ({how}): {r.stderr}")
    # by hand: Kestrel crude (total, North, South share 2023-2024: one group by destination);
    # Port Meridian TEU (total and Eastland share 2023: one group by origin); Port Meridian
    # in Mt (2022, 2023: a line); Valdoria's share (2021, 2023: a line)
    check("6 claims" in r.stdout and "4 charts, 6 tables" in r.stdout,
          f"automatic report ({how}): {r.stdout!r}")
    scripts = {f: open(os.path.join(out, "charts", f), encoding="utf-8").read()
               for f in os.listdir(os.path.join(out, "charts")) if f.endswith(".gp")}
    titles = sorted(re.search(r"^set title '([^']*)'", s, re.M).group(1) for s in scripts.values())
    check(titles == ["Kestrel Pipeline, crude (Mt, by destination)",
                     "Port Meridian, total (Mt)", "Port Meridian, total (TEU, by origin)",
                     "Valdoria, fuel_import_share_kestrel (%)"],
          f"automatic charts ({how}): {titles}")
    for s in scripts.values():
        title = re.search(r"^set title '([^']*)'", s, re.M).group(1)
        bars = "with boxes" in s
        check(bars == ("by " in title), f"automatic chart '{title}': bars {bars}")
    tables = sorted(f[:-4] for f in os.listdir(os.path.join(out, "tables")) if f.endswith(".csv"))
    check(len(tables) == 6 and "verdicts" in tables, f"automatic tables ({how}): {tables}")
    check(sorted(parse_page(os.path.join(out, "index.html")).cards) ==
          ["S1", "S2", "S3", "S4", "S5", "S6"], f"automatic report ({how}): cards")
print("automatic report: 4 charts, 6 tables, 6 cards")

# ---- 5. failure modes --------------------------------------------------------
# a folder whose only file is its sources: no figure, no claim
empty = os.path.join(WORK, "empty")
os.makedirs(empty)
open(os.path.join(empty, "sources.csv"), "w").write("id,publisher,title,quote\na,P,t,q\n")
r = report(["--data", empty], os.path.join(WORK, "out_empty"))
check(r.returncode == 3 and "nothing to report" in r.stderr, f"no data: {r.returncode} {r.stderr}")
check(not os.path.exists(os.path.join(WORK, "out_empty", "index.html")), "no data: a page")
bad_spec = os.path.join(WORK, "bad.ini")
open(bad_spec, "w").write("[chart x]\nkind = port\nunit = TEUX\n")
r = report(["--data", synth, "--spec", bad_spec], os.path.join(WORK, "out_bad"))
check(r.returncode == 3 and f"{bad_spec}:3:8: error: unknown unit 'TEUX'" in r.stderr,
      f"malformed spec: {r.returncode} {r.stderr!r}")
# hostile text: a javascript: URL is no link, markup from data stays text
hostile = os.path.join(WORK, "hostile data's $HOME `x`")   # a path the shell must not read
shutil.copytree(synth, hostile)
with open(os.path.join(hostile, "sources.csv"), "a", encoding="utf-8") as f:
    f.write('syn-evil,<script>alert(1)</script>,"[a link](https://evil.example) `x` *b*",'
            'javascript:alert(2),2024-01-01,"line one\n# heading <img src=x onerror=alert(3)>",'
            "SYNTHETIC\n")
with open(os.path.join(hostile, "port.csv"), "a", encoding="utf-8") as f:
    f.write("Port Meridian,2016,total,,19000,,,TEU,exact,actual,syn-evil,SYNTHETIC\n")
out = os.path.join(WORK, "out_hostile")
r = report(["--data", hostile], out)
check(r.returncode == 0, f"hostile report: {r.stderr}")
hp = parse_page(os.path.join(out, "index.html"))
check(hp.scripts == 0 and not [l for l in hp.links if l.lower().startswith("javascript")],
      "hostile text became a script or a link")
check(all(s.startswith("data:") for s in hp.srcs), "hostile text became an image")
n = check_reproduce(hp, "hostile")   # the commands quote that path
print(f"hostile: {n} Reproduce commands ran with a data path of spaces, quotes and $")
md = open(os.path.join(out, "report.md"), encoding="utf-8").read()
check("&lt;script&gt;" in md and "\\[a link\\]" in md and "<img" not in md
      and "\n# heading" not in md and "\\`x\\`" in md and "](javascript" not in md,
      "report.md lets markup through")
print("failure modes and hostile text: as expected")

# ---- 6. print to PDF -------------------------------------------------------
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium or not shutil.which("pdftotext"):
    print("print to PDF: skipped (chromium and pdftotext are not both installed)")
else:
    for what, urls in (("bundled", bundled_urls), ("synth", synth_urls)):
        pdf = os.path.join(WORK, what + ".pdf")
        profile = os.path.join(WORK, "chromium-" + what)
        r = run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
                 "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                 "file://" + os.path.abspath(os.path.join(WORK, what, "index.html"))],
                timeout=180)
        if not check(os.path.exists(pdf), f"{what}: chromium wrote no PDF: {r.stderr[-500:]}"):
            continue
        text = run(["pdftotext", pdf, "-"]).stdout
        # pdftotext joins a URL cut at a line break, dropping a hyphen there
        flat = re.sub(r"[\s-]+", "", text)
        missing = [u for u in urls if re.sub(r"[\s-]+", "", html.unescape(u)) not in flat]
        check(not missing, f"{what}.pdf lacks source URLs: {missing[:5]}")
        # no word past the right edge of its page
        bbox = run(["pdftotext", "-bbox", pdf, "-"]).stdout
        over = []
        for pg in re.finditer(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', bbox, re.S):
            width = float(pg.group(1))
            for w in re.finditer(r'xMax="([\d.]+)"[^>]*>([^<]*)<', pg.group(2)):
                if float(w.group(1)) > width - 1:
                    over.append(w.group(2))
        check(not over, f"{what}.pdf: words past the page edge: {over[:10]}")
        pages = len(re.findall(r"<page ", bbox))
        print(f"print to PDF ({what}): {pages} pages, {len(urls) - len(missing)} of "
              f"{len(urls)} source URLs in the text")

if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("report checks passed")
