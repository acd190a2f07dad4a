#!/usr/bin/env python3
"""Check `roleaudit check --combine-all` and `roleaudit lint` on the real
corpus, and `roleaudit explain` on the seed articles.

An independent oracle, like check_corpus.py (whose XML readings it
reuses): for every folder and zip of ../shared/corpus/real it unites the
roles read from the raw XML, privilege by privilege at the highest level
any role grants, and compares with what roleaudit reports for the
combination of all of them against server-side-sync: the level held and
the roles that grant each required privilege.  It also requires that
`lint` reads every input and reports the same roles, and that `explain`
names the privilege, tab and error of the two seed articles in
../shared/seeds.

Usage: check_combine.py [--corpus DIR] [--seeds DIR] [--roleaudit PATH]
Skipped (0 passed, 0 failed) when ../shared is absent.
"""

import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_corpus as cc  # noqa: E402

LEVEL_NAMES = ["Basic", "Local", "Deep", "Global"]
DEFAULT_SEEDS = os.path.join(cc.REPO_ROOT, "..", "shared", "seeds")


def run(binary, args, stdin=None):
    proc = subprocess.run([binary] + args, input=stdin, capture_output=True,
                          timeout=cc.RUN_TIMEOUT_SECONDS)
    return proc.returncode, proc.stdout.decode("utf-8", "replace")


def check_combination(binary, item):
    """Problems with `check --combine-all` on ITEM, or []."""
    code, out = run(binary, ["check", "--combine-all", "-f", "json",
                             item.path])
    if code not in (0, 1):
        return [f"exit status {code}"]
    report = json.loads(out)
    combo = report["combinations"][0]
    problems = []
    if len(combo["roles"]) != len(item.roles):
        problems.append(f"{len(combo['roles'])} roles, want "
                        f"{len(item.roles)}")
        return problems
    union = {}
    for role in item.roles:
        for name, level in role.levels.items():
            union[name] = max(union.get(name, -1), level)
    if combo["privileges"] != len(union):
        problems.append(f"union has {combo['privileges']} privileges, "
                        f"want {len(union)}")
    for req in combo["requirements"]:
        name = req["privilege"].lower()
        want = union.get(name)
        got = req["held"]
        if (want is None) != (got is None) or \
                (want is not None and LEVEL_NAMES[want] != got):
            problems.append(f"{req['privilege']}: held {got}, want "
                            f"{None if want is None else LEVEL_NAMES[want]}")
        grantors = sorted((combo["roles"][g["role"]]["name"], g["level"])
                          for g in req["granted_by"])
        expect = sorted((r.name, LEVEL_NAMES[r.levels[name]])
                        for r in item.roles if name in r.levels)
        if grantors != expect:
            problems.append(f"{req['privilege']}: granted by {grantors}, "
                            f"want {expect}")
    status = "fail" if any(r["missing"] for r in combo["requirements"]) \
        else "pass"
    if combo["status"] != status:
        problems.append(f"status {combo['status']}, want {status}")
    return problems


def check_lint(binary, item):
    code, out = run(binary, ["lint", "-f", "json", item.path])
    if code not in (0, 1):
        return [f"lint exit status {code}"]
    report = json.loads(out)
    names = [r["name"] for r in report["roles"]]
    if names != [r.name for r in item.roles]:
        return [f"lint roles {names}"]
    warned = sum(1 for r in report["roles"] for f in r["findings"]
                 if f["severity"] != "note")
    if (code == 1) != (warned > 0):
        return [f"lint exit status {code} with {warned} warnings"]
    return []


def check_seeds(binary, seeds):
    """(passed, failed) for explain on the seed articles."""
    want = {
        "000": lambda r: any(e["code"] == "UserPrivilegeError"
                             for e in r["errors"]) and
        [c["profile"] for c in r["profile_checks"]] == ["server-side-sync"]
        and r["privileges"] == [],
        "001": lambda r: any(
            p["privilege"] == "prvReadEmailServerProfile" and
            p["tab"] == "Business Management" and "id" in p["found"]
            for p in r["privileges"]) and
        any(e["code"] == "Crm.80040220.PrivilegeDenied"
            for e in r["errors"]),
    }
    passed = failed = 0
    for name in sorted(os.listdir(seeds)):
        key = name[:3]
        if key not in want:
            continue
        with open(os.path.join(seeds, name), "rb") as f:
            text = f.read()
        code, out = run(binary, ["explain", "-f", "json"], stdin=text)
        ok = code == 0 and want[key](json.loads(out))
        print(f"{'ok' if ok else 'FAIL'} explain seeds/{name}")
        passed += ok
        failed += not ok
    return passed, failed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=cc.DEFAULT_CORPUS)
    parser.add_argument("--seeds", default=DEFAULT_SEEDS)
    parser.add_argument("--roleaudit", default=cc.DEFAULT_BINARY)
    args = parser.parse_args(argv)
    binary = os.path.abspath(args.roleaudit)
    passed = failed = 0
    if os.path.isdir(args.corpus):
        corpus = os.path.abspath(args.corpus)
        for item in cc.discover_inputs(corpus):
            if item.kind == "xml" or item.error or not item.roles:
                continue
            label = os.path.relpath(item.path, corpus)
            problems = check_combination(binary, item) + \
                check_lint(binary, item)
            if problems:
                failed += 1
                print(f"FAIL combine {label}: " + "; ".join(problems[:5]))
            else:
                passed += 1
                print(f"ok combine+lint {label} ({len(item.roles)} roles)")
    else:
        print("corpus not found: skipped")
    if os.path.isdir(args.seeds):
        p, f = check_seeds(binary, args.seeds)
        passed += p
        failed += f
    else:
        print("seeds not found: skipped")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
