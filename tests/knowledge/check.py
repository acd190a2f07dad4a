#!/usr/bin/env python3
"""Check the knowledge base in schema/ (see schema/README.md).

    python3 tests/knowledge/check.py [--shared DIR] [--coverage]

When DIR (default ../shared) exists, derive the knowledge base again into
a temporary folder with the committed scripts (tools/derive-observed.py,
then tools/derive-catalog.py, run twice) and compare every derived file
with the committed one byte for byte; without it that comparison is
skipped.  Then check what must hold of the committed files whether or not
../shared exists: the columns the C catalog reads are all there, every
value has its source ids and every id follows the scheme, no depth
contradicts one a real export holds, conflicts.csv records the
conflicts ../shared/reference/NOTES.md lists, and the man page's
KNOWLEDGE lists every conflict with the value used.  --coverage also prints how
much of the real corpus the knowledge base places.  Ends with
"knowledge: N passed, N failed".
"""
import argparse
import csv
import filecmp
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SCHEMA = os.path.join(ROOT, "schema")
DERIVED = ["privileges.csv", "privilege_bases.csv", "depths.csv",
           "tables.csv", "conflicts.csv", "observed_depths.csv"]
TABS = {"Core Records", "Marketing", "Sales", "Service",
        "Business Management", "Service Management", "Customization",
        "Missing Entities", "Business Process Flows", "Custom Entities"}
SECTIONS = {"", "Miscellaneous Privileges", "Privacy-related Privileges"}
LEVELS = ["Basic", "Local", "Deep", "Global"]
VERBS = ["AppendTo", "Append", "Create", "Read", "Write", "Delete", "Assign",
         "Share"]
# What src/model/catalog.c reads: these names must stay.
CATALOG_COLUMNS = ["privilege", "entity", "tab", "section", "access",
                   "depths", "privilegeid"]
BASES_COLUMNS = ["base", "entity", "tab"]
# The conflicts ../shared/reference/NOTES.md lists: (subject, field).
NOTED = [("prvOverrideCreatedOnCreatedBy", "tab"), ("prvGoOffline", "section"),
         ("prvUseOfficeApps", "entity"), ("ActionCard", "tab"),
         ("ActionCardUserSettings", "tab"), ("AppModule", "tab"),
         ("appaction", "is_custom"), ("appactionmigration", "is_custom"),
         ("appactionrule", "is_custom")]
TAG = r"[a-z0-9][a-z0-9-]*(\([^)]*\))?"
ID_RE = re.compile(rf"^({TAG}(\+{TAG})*|inferred\([^)]*\)|rule:{TAG}(\+{TAG})*"
                   r"|observed:[A-Za-z0-9_.-]+\+[A-Za-z0-9_.-]+|unplaced)$")


class Suite:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}")
        return ok


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def header(path):
    with open(path, newline="") as f:
        return next(csv.reader(f))


def split_ids(cell):
    return [s for s in cell.split(";") if s] if cell else []


def depth_set(cell):
    return set(cell.split(";")) if cell else set()


def base_of(name):
    if name[:3].lower() != "prv":
        return None
    for v in VERBS:
        if name[3:3 + len(v)].lower() == v.lower() and len(name) > 3 + len(v):
            return name[3 + len(v):]
    return None


def derive_again(suite, shared):
    """Derive into a temporary folder and compare with schema/."""
    ref = os.path.join(shared, "reference")
    corpus = os.path.join(shared, "corpus", "real")
    with tempfile.TemporaryDirectory() as tmp:
        runs = [[sys.executable, os.path.join(ROOT, "tools",
                                              "derive-observed.py"),
                 corpus, os.path.join(tmp, "observed_depths.csv")]] + \
               [[sys.executable, os.path.join(ROOT, "tools",
                                              "derive-catalog.py"),
                 ref, tmp]] * 2
        snapshot = {}
        for i, cmd in enumerate(runs):
            p = subprocess.run(cmd, capture_output=True, text=True)
            if not suite.check(p.returncode == 0,
                               f"{os.path.basename(cmd[1])} exits 0: "
                               f"{p.stderr.strip()}"):
                return
            if i == 1:
                snapshot = {f: open(os.path.join(tmp, f), "rb").read()
                            for f in DERIVED}
        for f in DERIVED:
            mine = os.path.join(tmp, f)
            suite.check(open(mine, "rb").read() == snapshot[f],
                        f"{f}: a second derivation gives the same bytes")
            suite.check(filecmp.cmp(mine, os.path.join(SCHEMA, f),
                                    shallow=False),
                        f"schema/{f} is what the scripts derive from "
                        f"{shared} (run tools/derive-observed.py and "
                        f"tools/derive-catalog.py, see schema/README.md)")


def check_ids(suite, where, cells, sources_md):
    """Every id in CELLS follows the scheme; plain tags are in SOURCES.md
    when it is at hand."""
    bad = []
    for cell in cells:
        for i in split_ids(cell):
            if not ID_RE.match(i):
                bad.append(i)
            elif sources_md is not None and not i.startswith(
                    ("rule:", "observed:", "unplaced", "inferred(")):
                for tag in i.split("+"):
                    # "-1mark" and "-views" are suffixes SOURCES.md explains
                    t = re.sub(r"-(1mark|views)$", "", tag.split("(")[0])
                    if not re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])",
                                     sources_md):
                        bad.append(tag)
    suite.check(not bad, f"{where}: source ids follow the scheme and name "
                f"sources in SOURCES.md: {sorted(set(bad))[:5]}")


def check_files(suite, sources_md):
    priv = read(os.path.join(SCHEMA, "privileges.csv"))
    bases = read(os.path.join(SCHEMA, "privilege_bases.csv"))
    depths = read(os.path.join(SCHEMA, "depths.csv"))
    tables = read(os.path.join(SCHEMA, "tables.csv"))
    conflicts = read(os.path.join(SCHEMA, "conflicts.csv"))
    observed = read(os.path.join(SCHEMA, "observed_depths.csv"))

    # The C side's columns.
    h = header(os.path.join(SCHEMA, "privileges.csv"))
    suite.check(all(c in h for c in CATALOG_COLUMNS) and
                all(c in h for c in ("tab_source", "entity_source",
                                     "depth_source")),
                "privileges.csv has the catalog columns and the source "
                "columns")
    h = header(os.path.join(SCHEMA, "privilege_bases.csv"))
    suite.check(all(c in h for c in BASES_COLUMNS),
                "privilege_bases.csv has base, entity, tab")

    # privileges.csv: every value has its sources.
    names = [r["privilege"].lower() for r in priv]
    suite.check(len(names) == len(set(names)),
                "privileges.csv names each privilege once")
    bad = [r["privilege"] for r in priv
           if r["tab"] not in TABS or r["section"] not in SECTIONS or
           not depth_set(r["depths"]) <= set(LEVELS)]
    suite.check(not bad, f"privileges.csv: tabs, sections and depths are "
                f"ones roleaudit reads: {bad[:5]}")
    bad = [r["privilege"] for r in priv if not r["tab_source"] or
           (r["tab"] == "Missing Entities") != (r["tab_source"] ==
                                                "unplaced")]
    suite.check(not bad, f"privileges.csv: every tab has its sources, and "
                f"only an unplaced privilege is on Missing Entities: "
                f"{bad[:5]}")
    bad = [r["privilege"] for r in priv if not r["entity_source"] and
           r["entity"] != (base_of(r["privilege"]) or "")]
    suite.check(not bad, f"privileges.csv: every display name has its "
                f"sources: {bad[:5]}")
    bad = [r["privilege"] for r in priv
           if bool(r["depths"]) != bool(r["depth_source"])]
    suite.check(not bad, f"privileges.csv: depths have sources, and only "
                f"depths have: {bad[:5]}")
    bad = [r["privilege"] for r in priv if not (r["tab_source"] or
                                                r["entity_source"] or
                                                r["depth_source"])]
    suite.check(not bad, f"privileges.csv: every row has a source id: "
                f"{bad[:5]}")
    check_ids(suite, "privileges.csv",
              [r[c] for r in priv for c in ("tab_source", "entity_source",
                                            "depth_source")], sources_md)

    # privilege_bases.csv, tables.csv, depths.csv.
    bad = [r["base"] for r in bases if r["tab"] not in TABS or
           not r["tab_source"] or r["tab_source"] == "unplaced" or
           not r["entity"]]
    suite.check(not bad, f"privilege_bases.csv: each base has a display "
                f"name and a placed tab with its sources: {bad[:5]}")
    check_ids(suite, "privilege_bases.csv",
              [r[c] for r in bases for c in ("entity_source", "tab_source")],
              sources_md)
    bad = []
    for r in tables:
        key = r["logical_name"] or r["privilege_base"] or r["display_name"]
        if not key or r["tab"] not in TABS or not r["tab_source"] or \
                r["ownership"] not in ("", "UserOwned", "OrganizationOwned",
                                       "BusinessOwned", "None") or \
                r["is_custom"] not in ("", "true", "false"):
            bad.append(key)
        for v, s in (("privilege_base", "base_source"),
                     ("display_name", "display_source"),
                     ("ownership", "ownership_source"),
                     ("is_custom", "custom_source")):
            if bool(r[v]) != bool(r[s]):
                bad.append(key)
    suite.check(not bad, f"tables.csv: every value has its sources: "
                f"{bad[:5]}")
    check_ids(suite, "tables.csv",
              [r[c] for r in tables for c in ("base_source", "display_source",
                                              "ownership_source",
                                              "custom_source", "tab_source")],
              sources_md)
    bad = [r["privilege"] for r in depths
           if not r["depths"] or not depth_set(r["depths"]) <= set(LEVELS) or
           not r["depth_source"] or r["basis"].split("+")[0] not in
           ("stated", "ownership", "privacy")]
    suite.check(not bad, f"depths.csv: depths, sources and basis: {bad[:5]}")
    check_ids(suite, "depths.csv", [r["depth_source"] for r in depths],
              sources_md)
    dby = {r["privilege"].lower(): r for r in depths}
    bad = [r["privilege"] for r in priv if r["depths"] and
           not depth_set(r["depths"]) <= depth_set(
               dby.get(r["privilege"].lower(), {}).get("depths", ""))]
    suite.check(not bad, f"depths.csv holds at least the depths "
                f"privileges.csv gives: {bad[:5]}")

    # observed_depths.csv.
    keys = [r["privilege"].lower() for r in observed]
    suite.check(keys == sorted(set(keys)),
                "observed_depths.csv: one row a privilege, sorted")
    bad = [r["privilege"] for r in observed
           if not r["levels"] or r["levels"].split(";") != [
               l for l in LEVELS if l in depth_set(r["levels"])] or
           int(r["roles"]) < 1 or not r["source"] or
           any(not s.startswith("observed:") for s in split_ids(r["source"]))]
    suite.check(not bad, f"observed_depths.csv: levels in depth order, "
                f"roles and observed: sources: {bad[:5]}")
    check_ids(suite, "observed_depths.csv", [r["source"] for r in observed],
              None)
    seen = {r["privilege"].lower(): depth_set(r["levels"]) for r in observed}
    for what, rows in (("privileges.csv", priv), ("depths.csv", depths)):
        bad = [r["privilege"] for r in rows if r["depths"] and
               not seen.get(r["privilege"].lower(), set()) <=
               depth_set(r["depths"])]
        suite.check(not bad, f"{what}: no depth contradicts one a real "
                    f"export holds: {bad[:5]}")

    # conflicts.csv.
    bad = []
    for r in conflicts:
        used = r["used"]
        ok = r["source_a"] and r["source_b"] and r["reason"] and \
            r["value_a"] != r["value_b"] and (
                (r["preferred"] == "a" and used == r["value_a"]) or
                (r["preferred"] == "b" and used == r["value_b"]) or
                (r["preferred"] == "a+b" and depth_set(used) ==
                 depth_set(r["value_a"]) | depth_set(r["value_b"])))
        if not ok:
            bad.append((r["subject"], r["field"]))
    suite.check(not bad, f"conflicts.csv: two sourced values, the one "
                f"preferred, the value used and why: {bad[:5]}")
    check_ids(suite, "conflicts.csv",
              [r[c] for r in conflicts for c in ("source_a", "source_b")],
              sources_md)
    have = {(r["subject"], r["field"]) for r in conflicts}
    for subject, field in NOTED:
        suite.check((subject, field) in have,
                    f"conflicts.csv records {subject} ({field}), a "
                    f"conflict NOTES.md lists")
    used = {(r["subject"].lower(), r["field"]): r["used"] for r in conflicts}
    bad = [r["privilege"] for r in priv
           if (r["privilege"].lower(), "tab") in used and
           used[(r["privilege"].lower(), "tab")] != r["tab"]]
    suite.check(not bad, f"privileges.csv uses the preferred tab of every "
                f"conflict: {bad[:5]}")
    bad = [r["base"] for r in bases
           if (r["base"].lower(), "tab") in used and
           used[(r["base"].lower(), "tab")] != r["tab"]]
    suite.check(not bad, f"privilege_bases.csv uses the preferred tab of "
                f"every conflict: {bad[:5]}")


def coverage(shared):
    """How much of the real corpus the knowledge base places."""
    priv = {r["privilege"].lower(): r for r in
            read(os.path.join(SCHEMA, "privileges.csv"))}
    bases = {r["base"].lower(): r for r in
             read(os.path.join(SCHEMA, "privilege_bases.csv"))}
    depths = {r["privilege"].lower(): r for r in
              read(os.path.join(SCHEMA, "depths.csv"))}
    observed = read(os.path.join(SCHEMA, "observed_depths.csv"))
    tab = {"source": 0, "rule": 0, "unplaced": 0}
    dep = {"stated": 0, "ownership": 0, "privacy": 0}
    unplaced_misc = 0
    for r in observed:
        key = r["privilege"].lower()
        src = None
        if key in priv:
            src = priv[key]["tab_source"]
        else:
            base = base_of(r["privilege"])
            if base is None:
                src = "unplaced"
                unplaced_misc += 1
            elif base.lower() in bases:
                src = bases[base.lower()]["tab_source"]
            elif re.fullmatch(r".+_bpf_[0-9a-fA-F]{32}", base) or \
                    base.lower() in ("opportunitysalesprocess",
                                     "leadtoopportunitysalesprocess",
                                     "phonetocaseprocess", "expiredprocess",
                                     "newprocess", "translationprocess") or \
                    re.match(r"[A-Za-z0-9]+_[A-Za-z0-9]", base):
                src = "rule:"
            else:
                src = "unplaced"
        kind = ("unplaced" if src == "unplaced" else
                "rule" if src.startswith("rule:") else "source")
        tab[kind] += 1
        if key in depths:
            dep[depths[key]["basis"].split("+")[0]] += 1
    n = len(observed)
    print(f"knowledge: corpus {os.path.join(shared, 'corpus', 'real')}: "
          f"{n} privilege names, every one with observed depths")
    print(f"knowledge:   tab from a source {tab['source']}, by a naming "
          f"rule {tab['rule']}, unplaced {tab['unplaced']} "
          f"({unplaced_misc} of them not prv<Verb><Base>)")
    print(f"knowledge:   depths from a source {sum(dep.values())} (stated "
          f"{dep['stated']}, table ownership {dep['ownership']}, privacy "
          f"rule {dep['privacy']}), none {n - sum(dep.values())}")


def check_man(suite):
    """The man page's KNOWLEDGE lists every conflict of conflicts.csv with
    the value used, so a re-derived knowledge base cannot leave it behind."""
    with open(os.path.join(ROOT, "man", "roleaudit.1"), encoding="utf-8") as f:
        man = f.read()
    for r in read(os.path.join(SCHEMA, "conflicts.csv")):
        item = f".It {r['subject']} , {r['field']}\n"
        at = man.find(item)
        suite.check(at >= 0 and f"uses {r['used']}, as" in
                    man[at:man.find(".It ", at + len(item))],
                    f"man/roleaudit.1: KNOWLEDGE does not list the conflict "
                    f"{r['subject']} {r['field']} with {r['used']!r} used")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--coverage", action="store_true")
    args = ap.parse_args()
    suite = Suite()
    shared = os.path.normpath(args.shared)
    sources_md = None
    if os.path.isdir(os.path.join(shared, "reference")) and \
            os.path.isdir(os.path.join(shared, "corpus", "real")):
        derive_again(suite, shared)
        with open(os.path.join(shared, "reference", "SOURCES.md")) as f:
            sources_md = f.read()
    else:
        print(f"knowledge: {shared} not found: schema/ not derived again "
              f"(its invariants are still checked)")
    check_files(suite, sources_md)
    check_man(suite)
    if args.coverage and sources_md is not None:
        coverage(shared)
    print(f"knowledge: {suite.passed} passed, {suite.failed} failed")
    return 1 if suite.failed else 0


if __name__ == "__main__":
    sys.exit(main())
