#!/usr/bin/env python3
"""`roleaudit check --policy samples/policy.csv` on the real corpus,
against an independent reading.

    check_policy.py [--corpus DIR] [--reference DIR] [--roleaudit PATH]

The oracle reads the roles of every input with check_corpus.py's readers
(the standard library only) and the sample policy with Python's csv
module, and derives the violations itself for every row whose privileges
it can name without roleaudit's knowledge base: a privilege by name
(case-insensitive), and access right plus table, the table's privilege
base taken from ../shared/reference/entity_privilege_base.csv.  These
must be exactly what roleaudit reports (privilege, depth held, row
line, severity, per role).  For the rows that need the knowledge base
(a tab, a table no fact names) it checks that every violation reported
is sound: the role holds the privilege above what the row allows, the
role is not exempt, and the privilege has the shape the row asks for.
Prints "N passed, N failed"; skipped when ../shared is absent.
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_corpus as cc  # noqa: E402

LEVELS = ["Basic", "Local", "Deep", "Global"]
LEVEL_ALIASES = {"none": -1, "basic": 0, "user": 0, "local": 1,
                 "business unit": 1, "deep": 2,
                 "parent: child business units": 2, "global": 3,
                 "organization": 3}
VERBS = ["appendto", "append", "assign", "create", "delete", "read",
         "share", "write"]
POLICY = os.path.join(cc.REPO_ROOT, "samples", "policy.csv")
DEFAULT_REFERENCE = os.path.join(cc.REPO_ROOT, "..", "shared", "reference")


def read_policy(path):
    """The rows of the policy: dicts with their line numbers."""
    with open(path, newline="", encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    start = 0
    while lines[start].startswith("#"):
        start += 1
    rows = []
    reader = csv.DictReader(lines[start:])
    for k, row in enumerate(reader):
        row["line"] = start + 2 + k
        rows.append(row)
    return rows


def bases_of(reference):
    """{logical table: {privilege base lower-cased}}."""
    out = {}
    with open(os.path.join(reference, "entity_privilege_base.csv"),
              newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.setdefault(r["logical_entity"].lower(), set()).add(
                r["privilege_base"].lower())
    return out


def split_verb(name):
    """(verb, base) of a prv<Verb><Base> name, or (None, None)."""
    m = re.match(r"prv([a-z]+)", name)
    if not m:
        return None, None
    rest = name[3:]
    for v in VERBS:
        if rest.startswith(v) and len(rest) > len(v):
            return v, rest[len(v):]
    return None, None


def exempt(row, role):
    names = [x.strip().lower() for x in row["except_roles"].split(";")
             if x.strip()]
    return role.name.lower() in names or role.id in names


def applies_to(row, role):
    pats = [x.strip().lower() for x in row["roles"].split(";") if x.strip()]
    if pats and role.name.lower() not in pats and role.id not in pats:
        return False
    return not exempt(row, role)


def exact_kind(row):
    """Rows the oracle derives completely: a name, or access + table."""
    return not row["tab"] and row["table"].lower() != "unknown" and (
        not row["privilege"].endswith("*") or row["table"])


def name_matches(row, priv, bases):
    """Whether ROW (of exact_kind) is about PRIV (lower-cased)."""
    p = row["privilege"].lower()
    if p.endswith("*"):
        if not priv.startswith(p[:-1]):
            return False
    elif priv != p:
        return False
    verb, base = split_verb(priv)
    if row["access"]:
        if verb != row["access"].lower().replace(" ", ""):
            return False
    if row["table"]:
        if base is None or base not in bases.get(row["table"].lower(), ()):
            return False
    return True


def expected(role, rows, bases):
    """{(privilege lower-cased, row line)} the oracle derives."""
    out = set()
    for row in rows:
        if not exact_kind(row) or not applies_to(row, role):
            continue
        cap = LEVEL_ALIASES[row["max_depth"].lower()]
        for priv, level in role.levels.items():
            if level > cap and name_matches(row, priv, bases):
                out.add((priv, row["line"]))
    return out


def sound(v, role, byline, problems, where):
    """A reported violation V of a row the oracle cannot derive."""
    row = byline.get(v["row"]["line"])
    priv = v["privilege"].lower()
    if row is None:
        problems.append(f"{where}: row {v['row']['line']} is no row")
        return
    held = role.levels.get(priv)
    cap = LEVEL_ALIASES[row["max_depth"].lower()]
    if held is None or LEVELS[held] != v["held"] or held <= cap:
        problems.append(f"{where}: {priv} held {v['held']}, the role "
                        f"holds {held}, row allows {row['max_depth']}")
    if not applies_to(row, role):
        problems.append(f"{where}: row {row['line']} exempts the role")
    p = row["privilege"].lower()
    if p.endswith("*") and not priv.startswith(p[:-1]):
        problems.append(f"{where}: {priv} does not start with {p}")
    if row["table"].lower() == "unknown":
        if split_verb(priv)[0] is None:
            problems.append(f"{where}: {priv} has no table, yet matched "
                            f"table unknown")
        if "table" not in v["through_unknown"]:
            problems.append(f"{where}: {priv} not said to match through "
                            f"unknown")
    if row["tab"] and v["tab"] != row["tab"]:
        problems.append(f"{where}: {priv} on tab {v['tab']}, row wants "
                        f"{row['tab']}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=cc.DEFAULT_CORPUS)
    ap.add_argument("--reference", default=DEFAULT_REFERENCE)
    ap.add_argument("--roleaudit", default=cc.DEFAULT_BINARY)
    a = ap.parse_args()
    if not os.path.isdir(a.corpus) or not os.path.isdir(a.reference):
        print("corpus not found: skipped")
        print("0 passed, 0 failed")
        return 0
    if not os.path.exists(a.roleaudit):
        print(f"{a.roleaudit}: not found")
        return 2
    rows = read_policy(POLICY)
    byline = {r["line"]: r for r in rows}
    bases = bases_of(a.reference)
    passed = failed = 0
    derived = reported = 0
    for item in cc.discover_inputs(a.corpus):
        if item.error is not None or item.kind == "xml":
            continue
        proc = subprocess.run([a.roleaudit, "check", "-f", "json",
                               "--policy", POLICY, item.path],
                              capture_output=True, text=True,
                              timeout=cc.RUN_TIMEOUT_SECONDS)
        problems = []
        if proc.returncode not in (0, 1):
            problems.append(f"exit {proc.returncode}: "
                            f"{proc.stderr.strip()}")
        else:
            report = json.loads(proc.stdout)
            got_roles = report["roles"]
            if len(got_roles) != len(item.roles):
                problems.append(f"{len(got_roles)} roles, want "
                                f"{len(item.roles)}")
                got_roles = []
            for role, got in zip(item.roles, got_roles):
                where = f"role {role.name!r}"
                if got["name"] != role.name:
                    problems.append(f"{where}: reported as {got['name']!r}")
                    continue
                want = expected(role, rows, bases)
                have = set()
                for v in got.get("violations", []):
                    reported += 1
                    line = v["row"]["line"]
                    row = byline.get(line)
                    if row is not None and row["severity"] != v["severity"]:
                        problems.append(f"{where}: severity {v['severity']}"
                                        f" for row {line}")
                    if row is not None and exact_kind(row):
                        have.add((v["privilege"].lower(), line))
                    else:
                        sound(v, role, byline, problems, where)
                derived += len(want)
                for priv, line in sorted(want - have):
                    problems.append(f"{where}: {priv} breaks row {line}, "
                                    f"not reported")
                for priv, line in sorted(have - want):
                    problems.append(f"{where}: {priv} reported for row "
                                    f"{line}, which it does not break")
                fails = any(v["severity"] == "error"
                            for v in got.get("violations", [])) or \
                    bool(got["missing"])
                if got["status"] != "not-exported" and \
                        got["status"] != ("fail" if fails else "pass"):
                    problems.append(f"{where}: status {got['status']}")
        if problems:
            failed += 1
            print(f"FAIL {item.path}")
            for p in problems[:10]:
                print("    " + p)
        else:
            passed += 1
    print(f"policy: {derived} violations derived independently, "
          f"{reported} reported")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
