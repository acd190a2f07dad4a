#!/usr/bin/env python3
"""The script a user would otherwise write: the baseline `make bench`
compares roleaudit with.

    python3 tests/bench/audit.py SOLUTION.zip

Streams customizations.xml out of the zip with zipfile and
xml.etree.ElementTree.iterparse, finds the roles under
/ImportExportXml/Roles, and prints, per role, the Server-Side Sync
privileges it lacks (the same 24 as roleaudit's default profile).
"""
import sys
import xml.etree.ElementTree as ET
import zipfile

SSS = {p.lower() for p in (
    "prvReadEmailServerProfile prvWriteMailbox prvReadMailbox "
    "prvReadOrganization prvSyncToOutlook prvReadActionCard "
    "prvDeleteActivity prvAppendActivity prvWriteActivity prvCreateActivity "
    "prvReadActivity prvAppendToActivity prvReadConnection prvAssignContact "
    "prvReadContact prvWriteContact prvCreateContact prvDeleteContact "
    "prvReadUserQuery prvReadQueue prvReadQuery prvReadIncident "
    "prvSearchAvailability prvOverrideCreatedOnCreatedBy").split()}


def main():
    with zipfile.ZipFile(sys.argv[1]) as z:
        with z.open("customizations.xml") as f:
            path = []
            held = set()
            fails = 0
            for event, el in ET.iterparse(f, events=("start", "end")):
                if event == "start":
                    path.append(el.tag)
                    continue
                if path[1:] == ["Roles", "Role", "RolePrivileges",
                                "RolePrivilege"]:
                    held.add(el.get("name", "").lower())
                elif path[1:] == ["Roles", "Role"]:
                    missing = sorted(SSS - held)
                    print(el.get("name"), len(missing))
                    fails += bool(missing)
                    held = set()
                path.pop()
                if len(path) < 3:
                    el.clear()
    print("fail", fails)


if __name__ == "__main__":
    main()
