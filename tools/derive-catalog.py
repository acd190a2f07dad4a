#!/usr/bin/env python3
"""Derive schema/privileges.csv and schema/privilege_bases.csv from the
reference facts in ../shared/reference/ (see its SOURCES.md).

The derived files are committed; this script documents how they were made
and is re-run by hand when the reference grows:

    python3 tools/derive-catalog.py ../shared/reference schema

Rules:
  - privileges.csv: one row per reference privilege.  `section` is
    "Miscellaneous Privileges" when misc=1, "Privacy-related Privileges"
    when privacy=1, empty for the entity grid.  `access` is the access
    right (empty for miscellaneous and privacy privileges).  `depths` lists
    the depths the privilege can take where a source states them
    (privilege_guids.csv), and "Global" for privacy-related privileges
    (ms-learn-secroles: None/Organization only); empty when unknown.
    `privilegeid` is the privilege's well-known GUID, lower case, where a
    source quotes it (privilege_guids.csv); empty when unknown.
  - privilege_bases.csv: base, entity display name, tab, as given.
"""
import csv
import sys


def main(ref, out):
    depths = {}
    ids = {}
    with open(f"{ref}/privilege_guids.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["allowed_depths"]:
                depths[row["privilege"].lower()] = row["allowed_depths"]
            if row["privilegeid"]:
                ids[row["privilege"].lower()] = row["privilegeid"].lower()
    with open(f"{ref}/privileges.csv", newline="") as f, \
         open(f"{out}/privileges.csv", "w", newline="") as o:
        w = csv.writer(o, lineterminator="\n")
        w.writerow(["privilege", "entity", "tab", "section", "access",
                    "depths", "privilegeid"])
        for row in csv.DictReader(f):
            section = ""
            if row["misc"] == "1":
                section = "Miscellaneous Privileges"
            if row["privacy"] == "1":
                section = "Privacy-related Privileges"
            access = "" if row["access"] == "Misc" else row["access"]
            d = depths.get(row["privilege"].lower(), "")
            if not d and row["privacy"] == "1":
                d = "Global"
            w.writerow([row["privilege"], row["entity"], row["tab"], section,
                        access, d, ids.get(row["privilege"].lower(), "")])
    with open(f"{ref}/privilege_bases.csv", newline="") as f, \
         open(f"{out}/privilege_bases.csv", "w", newline="") as o:
        w = csv.writer(o, lineterminator="\n")
        w.writerow(["base", "entity", "tab"])
        for row in csv.DictReader(f):
            w.writerow([row["base"], row["entity"], row["tab"]])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
