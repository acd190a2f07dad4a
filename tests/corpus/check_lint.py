#!/usr/bin/env python3
"""Lint on real exports must not contradict what real exports hold.

    check_lint.py [--corpus DIR] [--roleaudit PATH]

A depth at which a role of a real, live export holds a privilege is one
the platform accepted.  This oracle reads every role of the corpus with
check_corpus.py's readers (the standard library only; nothing of
roleaudit's), collects for each privilege the depths real roles hold it
at, then runs `roleaudit lint -f json` on every input, with the default
options and with --unknown-depths, and fails on any finding about a
privilege held at a depth some real role of the corpus holds it at.  It
also fails when the default run reports RA402, which --unknown-depths
alone turns on.  Prints the findings by code, then "N passed, N failed";
a missing corpus is skipped (exit 0).
"""
import argparse
import collections
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_corpus as cc  # noqa: E402

LEVELS = ["Basic", "Local", "Deep", "Global"]


def observed(inputs):
    """{privilege lower-cased: {level}} over every role of the corpus."""
    seen = collections.defaultdict(set)
    for item in inputs:
        for role in item.roles:
            for name, level in role.levels.items():
                seen[name].add(LEVELS[level])
    return seen


def lint(binary, path, extra):
    p = subprocess.run([binary, "lint", "-f", "json"] + extra + [path],
                       capture_output=True, text=True,
                       timeout=cc.RUN_TIMEOUT_SECONDS)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"exit {p.returncode}: {p.stderr.strip()}")
    return json.loads(p.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=cc.DEFAULT_CORPUS)
    ap.add_argument("--roleaudit", default=cc.DEFAULT_BINARY)
    a = ap.parse_args()
    if not os.path.isdir(a.corpus):
        print("corpus not found: skipped")
        return 0
    if not os.path.exists(a.roleaudit):
        print(f"{a.roleaudit}: not found")
        return 2
    inputs = [i for i in cc.discover_inputs(a.corpus) if i.error is None]
    seen = observed(inputs)
    passed = failed = 0
    for label, extra in (("default", []),
                         ("--unknown-depths", ["--unknown-depths"])):
        codes = collections.Counter()
        problems = []
        for item in inputs:
            try:
                report = lint(a.roleaudit, item.path, extra)
            except (RuntimeError, ValueError) as e:
                problems.append(f"{item.path}: {e}")
                continue
            for role in report.get("roles", []):
                for f in role.get("findings", []):
                    codes[f["code"]] += 1
                    priv, level = f.get("privilege"), f.get("level")
                    if priv and level in seen.get(priv.lower(), ()):
                        problems.append(
                            f"{item.path}: role {role['name']!r}: "
                            f"{f['code']} on {priv} at {level}, a depth "
                            f"real exports hold it at")
                    if not extra and f["code"] == "RA402":
                        problems.append(
                            f"{item.path}: RA402 without --unknown-depths")
        print(f"lint {label}: {len(inputs)} inputs, findings "
              f"{dict(sorted(codes.items())) or 'none'}")
        if problems:
            failed += 1
            print(f"FAIL lint {label}:")
            for p in problems[:20]:
                print("    " + p)
        else:
            passed += 1
            print(f"ok   lint {label}: no finding contradicts a depth real "
                  f"exports hold")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
