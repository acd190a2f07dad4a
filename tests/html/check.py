#!/usr/bin/env python3
"""What headless Chromium made of roleaudit's HTML reports.

    python3 tests/html/check.py build/html

Reads, for each page NAME that tests/html/run.sh opened, NAME.html (as
roleaudit wrote it), NAME.dom.html (the DOM after load), NAME.netlog.json
(Chromium's network log) and NAME.png (a screenshot), and checks:

- the page is self-contained: no script, no element that loads anything,
  no link but to its own anchors, no url() in CSS;
- role names made of markup (tests/fixtures/hostile-names/roles.xml) are
  text in the rendered page, not elements; the page has one h1 and its
  title is what roleaudit wrote (no script ran to change it);
- the grids are there: the editor's tables, the circles, the marks;
- no request left for a network address: every request the page made in
  the netlog is for a file: or data: URL.  Requests Chromium makes on
  its own (updates, sign-in) have no page as initiator and are not the
  report's; they are counted and shown.  canary.html asks for remote
  resources and must be caught, which proves the check can see them.

Ends with "html: N passed, N failed".
"""
import html.parser
import json
import os
import sys

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=\"document.title='pwned'\">",
    "\"></td></tr></table><h1>Forged</h1>",
]
LOADING = {"script", "img", "link", "iframe", "frame", "object", "embed",
           "video", "audio", "source", "track", "form", "base", "svg",
           "image", "input", "picture"}


class Dom(html.parser.HTMLParser):
    """Elements, attributes and text of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.text = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_title:
            self.title += data


def parse(path):
    d = Dom()
    with open(path, encoding="utf-8") as f:
        d.feed(f.read())
    d.alltext = "".join(d.text)
    return d


def classes(d, cls):
    """Elements whose class list holds every class of CLS."""
    want = set(cls.split())
    return [t for t, a in d.tags if want <= set(a.get("class", "").split())]


def page_requests(path):
    """(requests the page initiated, requests Chromium made on its own)."""
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    page, own = [], []
    for e in log["events"]:
        if names.get(e["type"]) != "URL_REQUEST_START_JOB":
            continue
        p = e.get("params", {})
        if "url" not in p:
            continue
        url = p["url"]
        if p.get("initiator") == "not an origin":
            own.append(url)
        elif not url.startswith(("file:", "data:")):
            page.append(url)
    return page, own


class Suite:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}")


def self_contained(s, name, raw, dom):
    s.check("<script" not in raw.lower(), f"{name}: <script in the file")
    s.check("url(" not in raw.lower(), f"{name}: url( in the file")
    bad = []
    for tag, attrs in dom.tags:
        if tag in LOADING:
            bad.append(f"<{tag}> element")
        for k, v in attrs.items():
            k = k.lower()
            if k.startswith("on"):
                bad.append(f"event handler {k} on <{tag}>")
            if k in ("src", "srcset", "action", "formaction", "background"):
                bad.append(f"{k} attribute on <{tag}>")
            if k == "href" and not (v or "").startswith("#"):
                bad.append(f"link to {v!r}")
    s.check(not bad, f"{name}: not self-contained: {bad[:5]}")


def main():
    out = sys.argv[1]
    s = Suite()
    pages = {"report": "Security role audit: samples/sss-mixed.zip and 2 "
                       "more",
             "diff": "Security role comparison: tests/fixtures/diff/old "
                     "\u2192 tests/fixtures/diff/new",
             "matrix": "Security role matrix: samples/sss-mixed.zip and 1 "
                       "more",
             "apps": "Apps: samples/apps.zip and 1 more",
             "columns": "Column security: samples/apps.zip and 1 more"}
    doms = {}
    for name, title in pages.items():
        with open(os.path.join(out, name + ".html"),
                  encoding="utf-8") as f:
            raw = f.read()
        dom = parse(os.path.join(out, name + ".dom.html"))
        doms[name] = dom
        s.check(raw.startswith("<!DOCTYPE html>"), f"{name}: no doctype")
        self_contained(s, name, raw, dom)
        s.check(dom.title == title,
                f"{name}: title is {dom.title!r}, not {title!r}")
        s.check(sum(1 for t, _ in dom.tags if t == "h1") == 1,
                f"{name}: not exactly one h1")
        s.check("\u202e" not in dom.alltext,
                f"{name}: a bidirectional override reached the page")
        page, own = page_requests(os.path.join(out, name +
                                               ".netlog.json"))
        s.check(not page, f"{name}: the page requested {page}")
        if own:
            print(f"note: {name}: Chromium's own requests, not the page's, "
                  f"all refused: {len(own)}")
        png = os.path.join(out, name + ".png")
        with open(png, "rb") as f:
            head = f.read(8)
        s.check(head == b"\x89PNG\r\n\x1a\n" and os.path.getsize(png) >
                20000, f"{name}: no screenshot in {png}")

    rep = doms["report"]
    for n in HOSTILE + ["Sales Manager",
                        "Ventes & Service \u2014 \u00c9quipe, Nord/Sud",
                        "Marketing Coordinator"]:
        s.check(n in rep.alltext, f"report: {n!r} is not text in the page")
    s.check(rep.alltext.count(HOSTILE[0]) >= 2,
            "report: the hostile name is not in the table and its section")
    s.check(len(classes(rep, "grid ent")) >= 10,
            "report: too few entity grids")
    s.check(len(classes(rep, "grid sec")) >= 3,
            "report: too few Miscellaneous / Privacy-related tables")
    s.check(len(classes(rep, "c miss")) >= 10,
            "report: too few required-but-missing cells")
    s.check(len(classes(rep, "c req")) >= 10,
            "report: too few required-and-held cells")
    for lvl in range(5):
        s.check(len(classes(rep, f"d d{lvl}")) > 0,
                f"report: no circle of depth {lvl}")
    s.check(len(classes(rep, "role")) >= 8,
            "report: not one section per role")
    heads = [t for t, a in rep.tags if t == "th"]
    s.check(len(heads) > 100, "report: too few table heads")
    for col in ("Create", "Read", "Write", "Delete", "Append", "Append To",
                "Assign", "Share", "Miscellaneous Privileges",
                "Privacy-related Privileges"):
        s.check(col in rep.alltext, f"report: no {col!r} in the page")

    diff = doms["diff"]
    s.check(len(classes(diff, "c esc")) >= 5, "diff: too few escalations")
    s.check(len(classes(diff, "c up")) >= 1, "diff: no cell that grants more")
    s.check(len(classes(diff, "c down")) >= 2,
            "diff: no cell that grants less")
    s.check("Mailbox User" in diff.alltext and "Retired" in diff.alltext,
            "diff: roles missing")

    mat = doms["matrix"]
    s.check(len(classes(mat, "matrix")) >= 5, "matrix: too few tab tables")
    for n in HOSTILE:
        s.check(n in mat.alltext, f"matrix: {n!r} is not text in the page")

    apps = doms["apps"]
    for n in ("Field Service Hub", "Field Service & Dispatch", "Archiv",
              "Dispatcher", "Auditor", "Billing Clerk", "unknown role id",
              "Work Order", "mapped to no role", "Roles mapped to no app"):
        s.check(n in apps.alltext, f"apps: {n!r} is not text in the page")
    s.check(len(classes(apps, "fail")) >= 2, "apps: too few roles that "
            "cannot open an app")
    s.check(len(classes(apps, "pass")) >= 3, "apps: too few roles that "
            "open an app")
    cols = doms["columns"]
    for n in ("contoso_cost", "contoso_discount", "contoso_Secret",
              "Work Order Costs", "Cost Viewers",
              "Update or create without read"):
        s.check(n in cols.alltext, f"columns: {n!r} is not text in the page")
    s.check(len(classes(cols, "warning")) >= 4, "columns: too few findings")

    page, _ = page_requests(os.path.join(out, "canary.netlog.json"))
    s.check(len(page) >= 2, "canary: the netlog check saw no request from "
            f"a page that asks for remote resources ({page})")

    print(f"html: {s.passed} passed, {s.failed} failed")
    return 1 if s.failed else 0


if __name__ == "__main__":
    sys.exit(main())
