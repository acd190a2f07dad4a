#!/usr/bin/env python3
"""Derive schema/observed_depths.csv from the real exports in
../shared/corpus/real: for every privilege a real role holds, the depths
(levels) real exports show it at.  A depth a live Dataverse / CRM export
holds is evidence that the platform accepts it for that privilege.

    python3 tools/derive-observed.py [CORPUS [OUT]]

CORPUS defaults to ../shared/corpus/real, OUT to schema/observed_depths.csv.
The derived file is committed; tests/knowledge/check.py derives it again
and compares byte for byte.

Roles read (file and folder names case-insensitive):
  - every *.zip: its customizations.xml member(s), roles at
    /ImportExportXml/Roles/Role;
  - every customizations.xml file (an extracted zip, inline roles): the same;
  - every file in a Roles/ folder, with or without an .xml extension,
    whose root element is <Role> (pac / SolutionPackager unpacked roles).
Other files (Solution.xml, [Content_Types].xml, ...) are not read.

Columns:
  privilege  the spelling seen most often (ties: the byte-wise smallest);
             names are compared case-insensitively
  levels     the levels seen, in depth order: Basic;Local;Deep;Global
             (level attributes compared case-insensitively; any other
             value is not a depth and is left out)
  roles      how many distinct roles hold the privilege: a role is its
             corpus repository plus its id (lower case, no braces), so the
             same role in several revisions, or managed and unmanaged,
             counts once
  source     observed:<owner+repo> for every corpus repository (the
             top-level folder, named as in corpus/real/SOURCES.md) that
             holds it, sorted, ';'-joined
Rows are sorted by lower-cased privilege name.
"""
import collections
import csv
import io
import os
import sys
import xml.etree.ElementTree as ET
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEVELS = ["Basic", "Local", "Deep", "Global"]
LEVEL_OF = {l.lower(): l for l in LEVELS}


def local(tag):
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def roles_in(stream):
    """(role id, [(privilege, level)]) for each security role in STREAM:
    the document root if it is <Role>, else /ImportExportXml/Roles/Role."""
    path = []
    out = []
    grants = None
    role_id = None
    for ev, el in ET.iterparse(stream, events=("start", "end")):
        name = local(el.tag)
        if ev == "start":
            path.append(name)
            if name == "Role" and (path == ["Role"] or
                                   path == ["ImportExportXml", "Roles",
                                            "Role"]):
                grants = []
                role_id = (el.get("id") or "").strip("{}").lower()
            elif (grants is not None and name == "RolePrivilege" and
                  path[-3:] == ["Role", "RolePrivileges", "RolePrivilege"]
                  and len(path) == (3 if path[0] == "Role" else 5)):
                grants.append((el.get("name") or "", el.get("level") or ""))
            continue
        if name == "Role" and grants is not None and (
                path == ["Role"] or
                path == ["ImportExportXml", "Roles", "Role"]):
            out.append((role_id, grants))
            grants = None
        path.pop()
        if len(path) <= 2:
            el.clear()
    return out


def inputs(corpus):
    """(repository, label, opener) for every file with roles, sorted."""
    found = []
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames.sort()
        rel = os.path.relpath(dirpath, corpus)
        if rel == ".":
            continue
        repo = rel.split(os.sep)[0]
        in_roles = os.path.basename(dirpath).lower() == "roles"
        for fn in sorted(filenames):
            p = os.path.join(dirpath, fn)
            label = os.path.relpath(p, corpus)
            low = fn.lower()
            if low.endswith(".zip"):
                found.append((repo, label, p, "zip"))
            elif low == "customizations.xml" or in_roles:
                found.append((repo, label, p, "file"))
    return sorted(found, key=lambda t: t[1])


def read_roles(path, kind):
    """Every role in one input (a zip's customizations.xml members)."""
    if kind == "file":
        with open(path, "rb") as f:
            return roles_in(f)
    out = []
    with zipfile.ZipFile(path) as z:
        for m in sorted(z.namelist()):
            if os.path.basename(m).lower() == "customizations.xml":
                with z.open(m) as f:
                    out.extend(roles_in(f))
    return out


def derive(corpus):
    """The CSV text of observed_depths.csv, and a summary line."""
    spellings = collections.defaultdict(collections.Counter)
    levels = collections.defaultdict(set)
    roles = collections.defaultdict(set)
    repos = collections.defaultdict(set)
    nroles = nfiles = 0
    for repo, label, path, kind in inputs(corpus):
        try:
            found = read_roles(path, kind)
        except (ET.ParseError, zipfile.BadZipFile, OSError) as e:
            raise SystemExit(f"derive-observed: {label}: {e}")
        nfiles += 1
        for n, (rid, grants) in enumerate(found):
            nroles += 1
            who = (repo, rid or f"{label}#{n}")
            for name, level in grants:
                lv = LEVEL_OF.get(level.strip().lower())
                if not name or lv is None:
                    continue
                key = name.lower()
                spellings[key][name] += 1
                levels[key].add(lv)
                roles[key].add(who)
                repos[key].add(repo)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["privilege", "levels", "roles", "source"])
    for key in sorted(spellings):
        best = sorted(spellings[key].items(), key=lambda kv: (-kv[1], kv[0]))
        w.writerow([best[0][0],
                    ";".join(l for l in LEVELS if l in levels[key]),
                    len(roles[key]),
                    ";".join(f"observed:{r}" for r in sorted(repos[key]))])
    return buf.getvalue(), (f"{nfiles} files, {nroles} roles, "
                            f"{len(spellings)} privileges")


def main(argv):
    corpus = argv[1] if len(argv) > 1 else os.path.join(
        ROOT, "..", "shared", "corpus", "real")
    out = argv[2] if len(argv) > 2 else os.path.join(
        ROOT, "schema", "observed_depths.csv")
    if not os.path.isdir(corpus):
        raise SystemExit(f"derive-observed: no corpus at {corpus}")
    text, summary = derive(corpus)
    with open(out, "w", newline="") as f:
        f.write(text)
    print(f"derive-observed: {summary} -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
