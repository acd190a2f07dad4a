#!/usr/bin/env python3
"""SARIF results point at the line an editor would change, and keep their
fingerprints when unrelated lines move.

    python3 tests/sarif/check_regions.py BIN

A repository is made in a scratch folder, as a pipeline would check it
out: an unpacked solution (samples/unpacked, whose roles are not sorted:
a span a grant) and two versions of a generated customizations.xml
(tests/bench/gen.py at a small scale: the exporters' sorted layout, whose
spans roleaudit derives instead of storing).  check, diff and lint write
SARIF with --sarif-root at the repository, through libxml2 and through
the <Roles> scan.  Then, for every result:

  - the region is read independently here, by a line-by-line reading of
    the file: a result about a privilege the role holds is on that
    <RolePrivilege> element (start and end columns, in code points); one
    about a privilege it lacks or lost on the role's <RolePrivileges>
    start tag; one about the role on its <Role> start tag;
  - the uri is relative to the repository (uriBaseId %SRCROOT%).

Then unrelated lines are moved (comments and blank lines added above the
roles, between privileges and inside the role) and everything is run
again: the set of (ruleId, fingerprint) must be the same, and every
region right again.  The libxml2 and scan outputs must be identical.
Last, the unpacked solutions of the real exports in ../shared (when it
is there) are read the same way: check --min-level Global and lint.
Ends with "N passed, N failed".
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
PASSED = FAILED = 0


def ok(cond, what):
    global PASSED, FAILED
    if cond:
        PASSED += 1
    else:
        FAILED += 1
        print("FAIL", what)


ROLE = re.compile(r'<Role\s[^>]*?\bid="\{?([0-9A-Fa-f-]+)\}?"[^>]*>')
PRIVS = re.compile(r'<RolePrivileges\s*>')
PRIV = re.compile(r'<RolePrivilege\s[^>]*/>')
NAME = re.compile(r'\bname="([^"]*)"')
LEVEL = re.compile(r'\blevel="([^"]*)"')
DEPTH = {"basic": 1, "local": 2, "deep": 3, "global": 4}


def reading(path):
    """(role id, privilege) -> (line, col, endline, endcol); role id ->
    the <RolePrivileges> (line, col, endline, endcol) and the <Role>
    (line, col).  Lines and columns (in code points) come from offsets
    in the whole text, so elements spanning lines are read too."""
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def pos(off):
        lo, hi = 0, len(starts)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if starts[mid] <= off:
                lo = mid
            else:
                hi = mid
        return lo + 1, off - starts[lo] + 1

    grants, privs, roles = {}, {}, {}
    for rm in ROLE.finditer(text):
        role = rm.group(1).lower()
        roles[role] = pos(rm.start())
        end = text.find("</Role>", rm.end())
        body = text[rm.end():end]
        m = PRIVS.search(body)
        if m:
            privs[role] = pos(rm.end() + m.start()) + pos(rm.end() + m.end())
        depth = {}
        for m in PRIV.finditer(body):
            # A privilege written twice is where its highest level is
            # (the first of equals), as the role keeps that level.
            name = html.unescape(NAME.search(m.group(0)).group(1)).lower()
            d = DEPTH[LEVEL.search(m.group(0)).group(1).lower()]
            if d > depth.get(name, 0):
                depth[name] = d
                grants[(role, name)] = (pos(rm.end() + m.start()) +
                                        pos(rm.end() + m.end()))
    return grants, privs, roles


ODD = """<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Roles>
    <Role id="{0dd00000-0000-4000-8000-000000000001}" name="Ünïcödé rôle"><RolePrivileges><RolePrivilege name="prvReadAccount" level="Basic" /><RolePrivilege name="prvWriteAccount" level="Local"/>
	<RolePrivilege
	    name="prvReadContact"
	    level="Deep" />
      <RolePrivilege   level="Basic"   name="prvA&amp;B" />
    </RolePrivileges></Role>
    <Role id="{0dd00000-0000-4000-8000-000000000002}"
          name="Attributes on lines">
      <RolePrivileges
        >
        <RolePrivilege name="prvreadaccount" level="Local" />
        <RolePrivilege name="prvReadAccount" level="Deep" />
        <RolePrivilege name="prvOrgDelete" level="Global" />
        <RolePrivilege name="prvExportToExcel" level="Basic" />
        <RolePrivilege name="prvExportToExcel" level="Local" />
        <RolePrivilege name="prvExportToExcel" level="Basic" />
      </RolePrivileges>
    </Role>
  </Roles>
</ImportExportXml>
"""


def run(binary, args):
    p = subprocess.run([binary] + args, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        print(p.stderr)
    ok(p.returncode in (0, 1), f"{' '.join(args)}: exit {p.returncode}")
    return p.stdout


def expected(res, readings, root):
    """The region the result must have, read from the file."""
    loc = res["locations"][0]["physicalLocation"]
    uri = loc["artifactLocation"]["uri"]
    path = os.path.join(root, urllib.parse.unquote(uri))
    grants, privs, roles = readings.setdefault(path, reading(path))
    p = res.get("properties", {})
    role = (p.get("roleId") or "").lower()
    priv = (p.get("privilege") or "").lower()
    held = priv and (p.get("actual") is not None if "actual" in p else
                     p.get("change") not in ("removed",) and
                     res["ruleId"] != "missing-privilege")
    if res["ruleId"] == "missing-privilege" and "profile" in p:
        held = False          # diff: a profile no longer met
    if held:
        line, col, eline, end = grants[(role, priv)]
        return {"startLine": line, "startColumn": col, "endLine": eline,
                "endColumn": end}
    if priv or "profile" in p:
        line, col, eline, end = privs[role]
        return {"startLine": line, "startColumn": col, "endLine": eline,
                "endColumn": end}
    line, col = roles[role]
    return {"startLine": line, "startColumn": col}


def check_log(log, root, what, empty=False):
    readings = {}
    ok(log["runs"][0].get("originalUriBaseIds", {}).get("%SRCROOT%")
       is not None, f"{what}: originalUriBaseIds")
    prints = set()
    n = 0
    for res in log["runs"][0]["results"]:
        if res["ruleId"] == "input-diagnostic":
            continue
        loc = res["locations"][0]["physicalLocation"]
        al = loc["artifactLocation"]
        ok(al.get("uriBaseId") == "%SRCROOT%" and
           not al["uri"].startswith(("/", "file:")),
           f"{what}: {al} not relative to the repository")
        want = expected(res, readings, root)
        ok(loc.get("region") == want,
           f"{what}: {res['message']['text']}: region {loc.get('region')}"
           f", read {want}")
        fp = res["partialFingerprints"]["roleaudit/finding/v1"]
        ok("primaryLocationLineHash" not in res["partialFingerprints"],
           f"{what}: primaryLocationLineHash is the upload's to compute")
        prints.add((res["ruleId"], fp))
        n += 1
    ok(n > 0 or empty, f"{what}: no results")
    ok(len(prints) == n, f"{what}: fingerprints not unique")
    return prints


def move_lines(path):
    """Comments and blank lines above the roles, between two privileges
    of each role and inside each role: nothing an audit sees."""
    with open(path, encoding="utf-8-sig") as f:
        lines = f.read().split("\n")
    out = []
    seen = 0
    for line in lines:
        if re.search(r"<Role\s", line):
            out.append("<!-- moved -->")
            out.append("")
        out.append(line)
        if re.search(r"<RolePrivilege\s", line):
            seen += 1
            if seen % 3 == 0:
                out.append("")
                out.append("    <!-- a comment between two privileges -->")
        if re.search(r"<IsCustomizable>", line):
            out.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def scenario(binary, repo, tag):
    unpacked = os.path.join(repo, "src", "unpacked")
    old = os.path.join(repo, "src", "old", "customizations.xml")
    new = os.path.join(repo, "src", "new", "customizations.xml")
    odd = os.path.join(repo, "src", "odd", "customizations.xml")
    base = ["-f", "sarif", "--sarif-root", repo]
    runs = {
        "check": ["check"] + base + [unpacked],
        "check --lint": ["check", "--lint"] + base + [unpacked],
        "lint": ["lint"] + base + [unpacked, new],
        "check gen": ["check"] + base + ["--min-level", "Global", new],
        "diff gen": ["diff"] + base + [old, new],
        "check odd": ["check"] + base + ["--min-level", "Global", odd],
        "lint odd": ["lint"] + base + [odd],
    }
    prints = {}
    for name, args in runs.items():
        full = run(binary, args + ["--full-parse"])
        scan = run(binary, args + ["--scan-size", "1"])
        ok(full == scan, f"{tag} {name}: the scan and libxml2 differ")
        try:
            log = json.loads(full)
        except ValueError:
            ok(False, f"{tag} {name}: not JSON")
            continue
        prints[name] = check_log(log, repo, f"{tag} {name}")
    return prints


def corpus(binary):
    """The unpacked solutions of ../shared/corpus/real (skipped without
    it): every result of check --min-level Global and lint on the line
    the independent reading finds, through both readers."""
    real = os.path.join(os.path.dirname(ROOT), "shared", "corpus", "real")
    if not os.path.isdir(real):
        print("sarif-regions: ../shared/corpus/real absent, corpus skipped")
        return
    for dirpath, dirs, _ in sorted(os.walk(real)):
        dirs.sort()
        if "history" in dirpath.split(os.sep) or "Roles" not in dirs or \
                not os.path.isfile(os.path.join(dirpath, "Other",
                                                "Solution.xml")):
            continue
        rel = os.path.relpath(dirpath, real)
        for cmd in (["check", "--min-level", "Global"], ["lint"]):
            args = cmd + ["-f", "sarif", "--sarif-root", real, dirpath]
            full = run(binary, args + ["--full-parse"])
            try:
                log = json.loads(full)
            except ValueError:
                ok(False, f"corpus {rel}: not JSON")
                continue
            check_log(log, real, f"corpus {rel} {cmd[0]}", empty=True)


def main():
    binary = os.path.abspath(sys.argv[1])
    corpus(binary)
    tmp = tempfile.mkdtemp(prefix="ra-sarif-")
    try:
        repo = os.path.join(tmp, "repo")
        os.makedirs(os.path.join(repo, "src"))
        shutil.copytree(os.path.join(ROOT, "samples", "unpacked"),
                        os.path.join(repo, "src", "unpacked"))
        for side, edit in (("old", []), ("new", ["3"])):
            z = os.path.join(tmp, side + ".zip")
            subprocess.run([sys.executable, os.path.join(
                ROOT, "tests", "bench", "gen.py"), "roles", "0.003", z] +
                edit, check=True)
            d = os.path.join(repo, "src", side)
            os.makedirs(d)
            import zipfile
            with zipfile.ZipFile(z) as zf:
                zf.extract("customizations.xml", d)
        os.makedirs(os.path.join(repo, "src", "odd"))
        with open(os.path.join(repo, "src", "odd", "customizations.xml"),
                  "w", encoding="utf-8") as f:
            f.write(ODD)
        before = scenario(binary, repo, "before")
        for dirpath, _, files in os.walk(os.path.join(repo, "src")):
            for f in files:
                if f.endswith(".xml") and "old" not in dirpath:
                    move_lines(os.path.join(dirpath, f))
        after = scenario(binary, repo, "moved")
        for name in before:
            ok(before[name] == after.get(name),
               f"{name}: fingerprints changed when lines moved: "
               f"{sorted(before[name] ^ after.get(name, set()))[:4]}")
    finally:
        shutil.rmtree(tmp)
    print(f"sarif-regions: {PASSED} passed, {FAILED} failed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
