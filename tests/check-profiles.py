#!/usr/bin/env python3
"""Compare the built-in profiles with their published sources, line by line.

    python3 tests/check-profiles.py [--reference DIR]

Every schema/profiles/*.csv must carry a '# source:' and a '# version:'
comment (the source's date) and the header privilege,entity,tab,section,
min_level.  When ../shared/reference/profiles exists, each built-in
profile is compared with the published list it was made from: the same
privileges in the same order, the same minimum levels, and the same tab
where the list names one.  Rows a profile leaves out on purpose are
listed below with the reason, and must be absent.  Ends with
"N passed, N failed".
"""
import argparse
import csv
import io
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_REF = os.path.join(ROOT, "..", "shared", "reference", "profiles")

# Built-in profile -> the reference list it was derived from.
SOURCES = {
    "server-side-sync": "sss_minimum_ce_docs_table.csv",
    "app-for-outlook": "app_for_outlook_user.csv",
    "app-for-outlook-views": "app_for_outlook_default_views.csv",
    "app-for-outlook-v9": "app_for_outlook_v9_2018.csv",
    "mobile-app": "mobile_app_phones_tablets.csv",
    "model-driven-app": "model_driven_app_minimum.csv",
    "mailbox-owner": "exchange_act_sync_mailbox_owner.csv",
    "mailbox-approval": "mailbox_approval.csv",
    "marketing-event-registration": "marketing_event_finalize_registration.csv",
}

# Rows a profile leaves out on purpose (none of them are in the reference
# lists either, which already follow NOTES.md): privilege -> reason.
LEFT_OUT = {
    "mobile-app": {
        "prvReadCustomControl": "issue #1706: Custom Control has no Read privilege",
        "prvReadCustomControlDefaultConfig": "issue #1706",
        "prvReadCustomControlResource": "issue #1706",
    },
}

# Reference lists not built in, and why (the README says so too).
NOT_BUILT_IN = {
    "copilot_for_sales_admin.csv": "privilege names inferred from logical names",
    "copilot_for_sales_seller.csv": "privilege names inferred from logical names",
    "legacy_outlook_client_minimum.csv": "third-party copies (blog-minpriv2013) of CRM 2011/2013 text",
    "legacy_web_client_minimum.csv": "third-party copies (blog-minpriv2013) of CRM 2011/2013 text",
}

HEADER = ["privilege", "entity", "tab", "section", "min_level"]


def read_profile(path):
    """(comments, rows) of a profile CSV."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    comments = [l for l in text.splitlines() if l.startswith("#")]
    body = "\n".join(l for l in text.splitlines() if not l.startswith("#"))
    rows = list(csv.reader(io.StringIO(body)))
    return comments, rows


def check_own(name, comments, rows):
    problems = []
    if not any(re.match(r"# ?source: \S", c) for c in comments):
        problems.append("no '# source:' comment")
    if not any(re.match(r"# ?version: \d{4}-\d{2}-\d{2}$", c)
               for c in comments):
        problems.append("no '# version: YYYY-MM-DD' comment")
    if not rows or rows[0] != HEADER:
        problems.append(f"header {rows[0] if rows else None}")
    return problems


def check_against(name, rows, ref_path):
    problems = []
    with open(ref_path, encoding="utf-8") as f:
        ref = list(csv.DictReader(f))
    ours = [dict(zip(HEADER, r)) for r in rows[1:] if r]
    left_out = LEFT_OUT.get(name, {})
    for p in left_out:
        if any(r["privilege"].lower() == p.lower() for r in ours):
            problems.append(f"{p} should be left out ({left_out[p]})")
    if [r["privilege"] for r in ours] != [r["privilege"] for r in ref]:
        problems.append("privileges or their order differ from "
                        + os.path.basename(ref_path))
    for o, r in zip(ours, ref):
        if o["min_level"] != r["min_level"]:
            problems.append(f"{o['privilege']}: min_level "
                            f"{o['min_level']!r}, source {r['min_level']!r}")
        if r["tab"] and o["tab"] != r["tab"]:
            problems.append(f"{o['privilege']}: tab {o['tab']!r}, source "
                            f"{r['tab']!r}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", default=DEFAULT_REF)
    args = parser.parse_args()
    pdir = os.path.join(ROOT, "schema", "profiles")
    have_ref = os.path.isdir(args.reference)
    if not have_ref:
        print("reference profiles not found: comparison skipped")
    passed = failed = 0
    for fn in sorted(os.listdir(pdir)):
        if not fn.endswith(".csv"):
            continue
        name = fn[:-4]
        comments, rows = read_profile(os.path.join(pdir, fn))
        problems = check_own(name, comments, rows)
        if name not in SOURCES:
            problems.append("no published source listed in "
                            "tests/check-profiles.py")
        elif have_ref:
            problems += check_against(name, rows, os.path.join(
                args.reference, SOURCES[name]))
        if problems:
            failed += 1
            print(f"FAIL {name}: " + "; ".join(problems))
        else:
            passed += 1
            print(f"ok {name} ({len(rows) - 1} rows)")
    if have_ref:
        for fn in sorted(os.listdir(args.reference)):
            if fn.endswith(".csv") and fn not in SOURCES.values() and \
                    fn not in NOT_BUILT_IN:
                failed += 1
                print(f"FAIL reference {fn}: neither built in nor "
                      "listed as left out")
    print(f"profiles: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
