#!/usr/bin/env python3
"""Check `roleaudit diff` against real and edited Dataverse exports.

An independent oracle for `roleaudit diff --format json OLD NEW`: it reads
both inputs itself (with the readers of check_corpus.py, nothing from
roleaudit), works out which roles and privileges changed, runs roleaudit and
compares. Python 3 standard library only.

Cases (see README.md, "Diff check"):
  real      before/after pairs from the corpus (history revisions vs HEAD,
            consecutive history revisions, moved role files, zips of the
            same solution, a zip vs the unpacked folder of the same
            solution), each run forwards
  reverse   every real pair run backwards; must also be the mirror image
            of the forward report
  edited    real roles edited in a temporary directory (seeded, so every
            run writes the same files), both directions
  identity  diff X X on a handful of real inputs: exit 0, nothing listed

Usage:
  check_diff.py [--corpus DIR] [--roleaudit PATH] [--keep]

Exit status: 0 all cases pass, 1 some case fails, 2 roleaudit missing.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import xml.parsers.expat
import zipfile
from collections import Counter
from xml.sax.saxutils import escape, quoteattr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_corpus as cc  # noqa: E402  (the check oracle's XML readers)
import check_apps as ca  # noqa: E402  (apps and column security, read alike)

LEVELS = cc.LEVELS                          # basic, local, deep, global
LEVEL_NAMES = ["Basic", "Local", "Deep", "Global"]
EXIT_SAME, EXIT_DIFFERENT, EXIT_BAD_INPUT = 0, 1, 3
RUN_TIMEOUT_SECONDS = cc.RUN_TIMEOUT_SECONDS

# Newly granting any of these is an escalation (privacy-related privileges).
PRIVACY = {p.lower() for p in (
    "prvExportToExcel", "prvSyncToOutlook", "prvPrint", "prvGoMobile",
    "prvMailMerge", "prvGoOffline", "prvUseTabletApp", "prvDocumentGeneration",
    "prvUseOfficeApps")}
DEEP = LEVELS.index("deep")

MIRROR = {"added": "removed", "removed": "added", "changed": "changed",
          "raised": "lowered", "lowered": "raised"}
SUMMARY_MIRROR = {"roles_added": "roles_removed", "roles_removed": "roles_added",
                  "roles_changed": "roles_changed",
                  "privileges_added": "privileges_removed",
                  "privileges_removed": "privileges_added",
                  "raised": "lowered", "lowered": "raised"}


class CheckerError(Exception):
    """The checker itself went wrong (not a roleaudit difference)."""


# --------------------------------------------------------------------------
# Reading an input: the roles roleaudit should see
# --------------------------------------------------------------------------

def load_input(path: str):
    """(kind, [cc.Role]) for any input roleaudit accepts."""
    if os.path.isdir(path):
        roles_dir = cc.find_child(path, "Roles", want_dir=True)
        if roles_dir:
            return "folder", cc.expect_unpacked_folder(path, roles_dir).roles
        custom = cc.find_child(path, "customizations.xml", want_dir=False)
        if custom:
            return "folder", cc.expect_extracted_folder(path, custom).roles
        raise CheckerError(f"{path}: a folder with neither Roles/ nor customizations.xml")
    if path.lower().endswith(".zip"):
        return "zip", cc.expect_zip(path).roles
    data = cc.read_bytes(path)
    root = cc.parse_xml(data)
    label = os.path.basename(path)
    if root.tag == "Role":
        return "xml", cc.role_file_roles(data, label)
    if root.tag == "ImportExportXml":
        return "xml", cc.customizations_roles(data, label)
    raise CheckerError(f"{path}: root <{root.tag}> is neither Role nor ImportExportXml")


def solution_name(path: str):
    """UniqueName of a zip or unpacked folder's solution manifest, or None."""
    try:
        if os.path.isdir(path):
            roles_dir = cc.find_child(path, "Roles", want_dir=True)
            item = cc.expect_unpacked_folder(path, roles_dir) if roles_dir else None
        else:
            item = cc.expect_zip(path)
    except Exception:           # an unreadable input just pairs with nothing
        return None
    return item.solution.unique_name if item and item.solution else None


def version_key(text):
    parts = []
    for piece in (text or "").split("."):
        parts.append(int(piece) if piece.isdigit() else -1)
    return parts


# --------------------------------------------------------------------------
# The expected diff
# --------------------------------------------------------------------------

def match_roles(old: list, new: list):
    """{new index: old index}: by id first, then by name (exact, then any case).

    Only roles whose id has no partner on the other side take part in the
    name passes. Each pass goes through the new roles in order and takes
    the first unmatched old role that fits.
    """
    pairs, taken = {}, set()

    def one_pass(key):
        for ni, role in enumerate(new):
            if ni in pairs:
                continue
            for oi, other in enumerate(old):
                if oi not in taken and key(other) == key(role):
                    pairs[ni] = oi
                    taken.add(oi)
                    break

    one_pass(lambda r: ("id", r.id))
    one_pass(lambda r: ("name", r.name))
    one_pass(lambda r: ("name", r.name.lower()))
    return pairs, taken


def level_name(index):
    return None if index is None else LEVEL_NAMES[index]


def privilege_changes(old_role, new_role) -> set:
    """{(privilege lower-cased, old level, new level, change)}."""
    changes = set()
    for name in set(old_role.levels) | set(new_role.levels):
        before, after = old_role.levels.get(name), new_role.levels.get(name)
        if before == after:
            continue
        if before is None:
            change = "added"
        elif after is None:
            change = "removed"
        else:
            change = "raised" if after > before else "lowered"
        changes.add((name, level_name(before), level_name(after), change))
    return changes


def must_escalate(privilege: str, new_level, change: str) -> bool:
    """True when the rules require escalation (other grants may escalate too)."""
    if change not in ("added", "raised"):
        return False
    if change == "added" and privilege in PRIVACY:
        return True
    return new_level is not None and LEVELS.index(new_level.lower()) >= DEEP


def expected_diff(old: list, new: list) -> dict:
    """What roleaudit diff must list for these two role lists."""
    pairs, taken = match_roles(old, new)
    listed = []
    for ni, role in enumerate(new):
        if ni not in pairs:
            listed.append({"id": role.id, "name": role.name, "old_name": None,
                           "change": "added", "privileges": set(), "role": role,
                           "old_role": None, "new_role": role})
            continue
        before = old[pairs[ni]]
        changes = privilege_changes(before, role)
        if changes or before.name != role.name:
            listed.append({"id": role.id, "name": role.name, "old_name": before.name,
                           "change": "changed", "privileges": changes,
                           "old_role": before, "new_role": role})
    for oi, role in enumerate(old):
        if oi not in taken:
            listed.append({"id": role.id, "name": role.name, "old_name": role.name,
                           "change": "removed", "privileges": set(),
                           "old_role": role, "new_role": None})
    summary = Counter(roles_added=0, roles_removed=0, roles_changed=0,
                      privileges_added=0, privileges_removed=0, raised=0, lowered=0)
    for entry in listed:
        summary["roles_" + entry["change"]] += 1
        for change in (c[3] for c in entry["privileges"]):
            summary[{"added": "privileges_added", "removed": "privileges_removed"}
                    .get(change, change)] += 1
    return {"roles": listed, "summary": dict(summary),
            "exit": EXIT_DIFFERENT if listed else EXIT_SAME}


# --------------------------------------------------------------------------
# Running roleaudit and comparing
# --------------------------------------------------------------------------

def run_diff(binary: str, old_path: str, new_path: str):
    """(exit status, report dict or None, problems)."""
    command = [binary, "diff", *cc.EXTRA_ARGS, "--format", "json", old_path,
               new_path]
    for attempt in range(6):
        try:
            run = subprocess.run(command, capture_output=True, timeout=RUN_TIMEOUT_SECONDS)
            break
        except subprocess.TimeoutExpired:
            return None, None, [f"roleaudit did not finish within {RUN_TIMEOUT_SECONDS}s"]
        except OSError as error:
            # The binary may be being relinked by a concurrent `make`: retry.
            if attempt == 5:
                return None, None, [f"cannot run roleaudit ({error})"]
            time.sleep(1)
    stderr = run.stderr.decode("utf-8", "replace").strip()
    try:
        report = json.loads(run.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return run.returncode, None, [f"exit {run.returncode}, stdout is not JSON ({error})"
                                      + (f" (stderr: {stderr[:300]})" if stderr else "")]
    if not isinstance(report, dict):
        return run.returncode, None, ["stdout JSON is not an object"]
    report["_stderr"] = stderr
    return run.returncode, report, []


def fmt_privs(privs) -> str:
    return ", ".join(f"{p} {o}->{n} {c}" for p, o, n, c in sorted(privs, key=str)[:8]) + \
        (f" (+{len(privs) - 8} more)" if len(privs) > 8 else "")


def got_privileges(entry: dict, where: str, problems: list) -> set:
    privs = entry.get("privileges")
    if not isinstance(privs, list):
        problems.append(f"{where}: privileges is {privs!r}, want a list")
        return set()
    result = []
    for item in privs:
        if not isinstance(item, dict):
            problems.append(f"{where}: privilege entry {item!r} is not an object")
            continue
        result.append((str(item.get("privilege", "")).lower(), item.get("old"),
                       item.get("new"), item.get("change")))
    dupes = [k for k, v in Counter(result).items() if v > 1]
    if dupes:
        problems.append(f"{where}: privileges listed twice: {fmt_privs(dupes)}")
    return set(result)


def check_escalation(entry: dict, want: dict, where: str, problems: list):
    """Only additions and raises escalate; some of them must."""
    flags = []
    for item in entry.get("privileges") or []:
        if not isinstance(item, dict):
            continue
        name = str(item.get("privilege", "")).lower()
        change, flag = item.get("change"), item.get("escalation")
        flags.append(flag is True)
        if not isinstance(flag, bool):
            problems.append(f"{where}: {name} escalation {flag!r}, want a boolean")
        elif change in ("removed", "lowered") and flag:
            problems.append(f"{where}: {name} {change} has escalation true")
        elif must_escalate(name, item.get("new"), change) and not flag:
            problems.append(f"{where}: {name} {change} {item.get('old')}->"
                            f"{item.get('new')} has escalation false, want true")
    role_flag = entry.get("escalation")
    if want["change"] == "changed":
        if role_flag is not any(flags):
            problems.append(f"{where}: role escalation {role_flag!r}, but its listed "
                            f"changes {'do' if any(flags) else 'do not'} escalate")
    elif want["change"] == "removed":
        if role_flag is not False:
            problems.append(f"{where}: removed role has escalation {role_flag!r}")
    else:                       # added: escalates if it grants Deep/Global or privacy
        role = want["new_role"]
        if any(level >= DEEP or name in PRIVACY for name, level in role.levels.items()) \
                and role_flag is not True:
            problems.append(f"{where}: added role grants Deep/Global or privacy-related "
                            f"privileges, escalation {role_flag!r}, want true")


def check_locations(entry: dict, want: dict, where: str, problems: list):
    for key, role in (("old_location", want["old_role"]), ("new_location", want["new_role"])):
        value = entry.get(key)
        if role is None:
            if value is not None:
                problems.append(f"{where}: {key} {value!r}, want null")
        else:
            cc.check_location(f"{where} {key}", value, role, problems)


def compare(want: dict, status, report, old_path, new_path, problems: list):
    if status != want["exit"]:
        stderr = (report or {}).get("_stderr", "")
        problems.append(f"exit status {status}, want {want['exit']}"
                        + (f" (stderr: {stderr[:300]})" if stderr else ""))
    if report is None:
        return
    for side, path in (("old", old_path), ("new", new_path)):
        info = report.get(side)
        kind = "folder" if os.path.isdir(path) else ("zip" if path.lower().endswith(".zip") else "xml")
        if not isinstance(info, dict) or info.get("kind") != kind:
            problems.append(f"{side}.kind {info.get('kind') if isinstance(info, dict) else info!r}, want {kind}")
        elif kind != "folder" and info.get("sha256") != cc.sha256_of(path):
            problems.append(f"{side}.sha256 {info.get('sha256')!r}, want {cc.sha256_of(path)}")

    roles = report.get("roles")
    if not isinstance(roles, list):
        problems.append(f"roles is {roles!r}, want a list")
        roles = []
    got = {}
    for entry in roles:
        if not isinstance(entry, dict):
            problems.append(f"role entry {entry!r} is not an object")
            continue
        key = (entry.get("id"), entry.get("change"))
        if key in got:
            problems.append(f"role {key} listed twice")
        got[key] = entry
    wanted = {(w["id"], w["change"]): w for w in want["roles"]}
    for key in sorted(set(got) - set(wanted), key=str):
        problems.append(f"unexpected role {got[key].get('name')!r} id {key[0]} {key[1]}")
    for key in sorted(set(wanted) - set(got), key=str):
        problems.append(f"missing role {wanted[key]['name']!r} id {key[0]} {key[1]}")

    for key in sorted(set(wanted) & set(got), key=str):
        w, entry = wanted[key], got[key]
        where = f"role {w['name']!r} ({key[1]})"
        for field in ("name", "old_name"):
            if entry.get(field) != w[field]:
                problems.append(f"{where}: {field} {entry.get(field)!r}, want {w[field]!r}")
        privs = got_privileges(entry, where, problems)
        if privs != w["privileges"]:
            extra, absent = privs - w["privileges"], w["privileges"] - privs
            problems.append(f"{where}: privileges differ: unexpected [{fmt_privs(extra)}]; "
                            f"not listed [{fmt_privs(absent)}]")
        check_escalation(entry, w, where, problems)
        check_locations(entry, w, where, problems)

    # Order: the new export's order, removed roles last.
    order = [(e.get("id"), e.get("change")) for e in roles if isinstance(e, dict)]
    kept = [k for k in order if k[1] != "removed"]
    want_kept = [(w["id"], w["change"]) for w in want["roles"] if w["change"] != "removed"]
    if set(kept) == set(want_kept) and kept != want_kept:
        problems.append("roles are not in the new export's order")
    if kept and order[:len(kept)] != kept:
        problems.append("removed roles are not listed last")

    summary = report.get("summary")
    if not isinstance(summary, dict):
        problems.append(f"summary is {summary!r}")
        return
    for field, value in want["summary"].items():
        if summary.get(field) != value:
            problems.append(f"summary.{field} {summary.get(field)!r}, want {value}")
    if not isinstance(summary.get("escalations"), int):
        problems.append(f"summary.escalations {summary.get('escalations')!r}, want an integer")


def canonical(report: dict):
    """A report as a multiset of roles, ids left out (for the mirror check)."""
    roles = []
    for e in report.get("roles") or []:
        if isinstance(e, dict):
            roles.append((e.get("change"), e.get("name"), e.get("old_name"),
                          frozenset(got_privileges(e, "", []))))
    return Counter(roles)


def mirrored(report: dict):
    """What the reverse run must report, from a forward report."""
    roles = []
    for e in report.get("roles") or []:
        if not isinstance(e, dict):
            continue
        change = e.get("change")
        if change == "changed":
            name, old_name = e.get("old_name"), e.get("name")
        elif change == "added":     # removed in reverse: old_name is its name
            name = old_name = e.get("name")
        else:                       # added in reverse: no old name
            name, old_name = e.get("name"), None
        privs = frozenset((p, n, o, MIRROR.get(c, c))
                          for p, o, n, c in got_privileges(e, "", []))
        roles.append((MIRROR.get(change, change), name, old_name, privs))
    return Counter(roles)


def check_mirror(forward: dict, backward: dict, problems: list):
    want, got = mirrored(forward), canonical(backward)
    if want != got:
        extra, absent = got - want, want - got
        describe = lambda c: [f"{r[0]} {r[1]!r} ({len(r[3])} privileges)" for r in c]
        problems.append(f"not the mirror image of the forward run: unexpected "
                        f"{describe(extra)}, missing {describe(absent)}")
    fs, bs = forward.get("summary") or {}, backward.get("summary") or {}
    for field, other in SUMMARY_MIRROR.items():
        if fs.get(field) != bs.get(other):
            problems.append(f"mirror: forward summary.{field} {fs.get(field)!r} "
                            f"!= reverse summary.{other} {bs.get(other)!r}")


# --------------------------------------------------------------------------
# Real before/after pairs
# --------------------------------------------------------------------------

def history_dates(corpus: str) -> dict:
    """{(repo, commit10): "YYYY-MM-DD"} from SOURCES.md's tables."""
    dates = {}
    try:
        text = open(os.path.join(corpus, "SOURCES.md"), encoding="utf-8").read()
    except OSError:
        return dates
    for match in re.finditer(r"^\| `([^`/]+)/history/([0-9a-f]{10})/[^`]*` \| `[0-9a-f]{40}` "
                             r"\((\d{4}-\d\d-\d\d)\)", text, re.M):
        dates[(match.group(1), match.group(2))] = match.group(3)
    return dates


def is_role_file(path: str) -> bool:
    try:
        return bool(cc.role_file_roles(cc.read_bytes(path), os.path.basename(path)))
    except OSError:
        return False


def corpus_units(corpus: str):
    """[(repo, revision or None for HEAD, unit kind, original path, absolute path)].

    Units: role files in a Roles/ directory, input folders (with Roles/ or a
    customizations.xml), customizations.xml files, and zips.
    """
    units = []
    for repo in cc.byte_order(os.listdir(corpus)):
        top = os.path.join(corpus, repo)
        if not os.path.isdir(top):
            continue
        for directory, subdirs, files in os.walk(top):
            subdirs.sort()
            rel = os.path.relpath(directory, top)
            parts = [] if rel == "." else rel.split(os.sep)
            if parts[:1] == ["history"]:
                if len(parts) < 2:
                    continue
                revision, original = parts[1], parts[2:]
            else:
                revision, original = None, parts

            def add(kind, full, orig):
                units.append((repo, revision, kind, "/".join(orig), full))

            if cc.find_child(directory, "Roles", want_dir=True) or \
                    cc.find_child(directory, "customizations.xml", want_dir=False):
                add("folder", directory, original)
            in_roles = bool(parts) and parts[-1].lower() == "roles"
            for name in cc.byte_order(files):
                full = os.path.join(directory, name)
                if name.lower().endswith(".zip"):
                    add("zip", full, original + [name])
                elif name.lower() == "customizations.xml":
                    add("customizations", full, original + [name])
                elif in_roles and is_role_file(full):
                    add("role", full, original + [name])
    return units


def real_pairs(corpus: str) -> list:
    """[(rule, old path, new path)], old before new; see README.md for the rules."""
    dates = history_dates(corpus)
    units = corpus_units(corpus)
    pairs = []

    # 1. Same original path: each history revision vs HEAD, and consecutive
    #    history revisions (ordered by the commit dates in SOURCES.md).
    by_key = {}
    for repo, revision, kind, original, full in units:
        by_key.setdefault((repo, kind, original), []).append((revision, full))
    for (repo, kind, original), versions in sorted(by_key.items()):
        head = [full for rev, full in versions if rev is None]
        history = [(dates.get((repo, rev)), rev, full) for rev, full in versions if rev]
        for _date, _rev, full in history:
            if head:
                pairs.append(("same-path", full, head[0]))
        if len(history) > 1 and all(d for d, _, _ in history):
            history.sort()
            for (_, _, a), (_, _, b) in zip(history, history[1:]):
                pairs.append(("same-path-history", a, b))

    # 2. A history role file with no counterpart at the same path in HEAD:
    #    the only HEAD role file of the same repository with the same file
    #    name, or failing that the only one holding a role with the same id.
    head_roles = [u for u in units if u[1] is None and u[2] == "role"]
    for repo, revision, kind, original, full in units:
        if revision is None or kind != "role" or (repo, kind, original) in \
                {(r, k, o) for r, _, k, o, _ in head_roles}:
            continue
        same_name = [u[4] for u in head_roles if u[0] == repo and
                     os.path.basename(u[4]) == os.path.basename(full)]
        if len(same_name) == 1:
            pairs.append(("moved-file", full, same_name[0]))
            continue
        role_id = load_input(full)[1][0].id
        same_id = [u[4] for u in head_roles if u[0] == repo and
                   load_input(u[4])[1][0].id == role_id]
        if len(same_id) == 1:
            pairs.append(("same-role-id", full, same_id[0]))

    # 3. Zips of one solution (UniqueName) in one repository, ordered by
    #    version, unmanaged before managed: each one vs the next.
    zips = {}
    for repo, revision, kind, original, full in units:
        if kind == "zip":
            item = cc.expect("zip", cc.expect_zip, full)
            sol = item.solution
            if sol and sol.unique_name:
                zips.setdefault((repo, sol.unique_name), []).append(
                    (version_key(sol.version), bool(sol.managed), full))
    for key in sorted(zips):
        group = sorted(zips[key])
        for (_, _, a), (_, _, b) in zip(group, group[1:]):
            pairs.append(("same-solution-zip", a, b))

    # 4. A zip vs each HEAD unpacked folder (with Roles/) of the same solution.
    for repo, revision, kind, original, full in units:
        if kind != "folder" or revision is not None or \
                not cc.find_child(full, "Roles", want_dir=True):
            continue
        name = solution_name(full)
        for (zrepo, zname), group in sorted(zips.items()):
            if zrepo == repo and zname == name:
                for _, _, zpath in sorted(group):
                    pairs.append(("zip-vs-folder", zpath, full))
    return pairs


# --------------------------------------------------------------------------
# Edited copies of real roles
# --------------------------------------------------------------------------

PRIV_RE = re.compile(r'<RolePrivilege\b[^>]*?/>', re.S)
ATTR_RE = r'\s{}="([^"]*)"'


def attr(tag: str, name: str):
    match = re.search(ATTR_RE.format(name), tag)
    return match.group(1) if match else None


def split_role_text(text: str):
    """(head, start tag, between, entries, tail, indent, newline) of role text.

    entries are (name, level) in document order, as written.
    """
    start = re.search(r"<Role\b[^>]*>", text)
    block = re.search(r"(<RolePrivileges>)(.*?)(</RolePrivileges>)", text[start.end():], re.S)
    if not start or not block:
        raise CheckerError("role text without <Role> or <RolePrivileges>")
    begin = start.end() + block.start(2)
    end = start.end() + block.end(2)
    inner = text[begin:end]
    entries = [(attr(m.group(0), "name"), attr(m.group(0), "level"))
               for m in PRIV_RE.finditer(inner)]
    indent = re.search(r"\n([ \t]*)<RolePrivilege\b", inner)
    newline = "\r\n" if "\r\n" in text else "\n"
    closing = re.search(r"([ \t]*)$", inner).group(1)
    return (text[:start.start()], start.group(0), text[start.end():begin],
            entries, text[end:], indent.group(1) if indent else "  ", newline, closing)


def write_role_text(text: str, entries, role_id=None, role_name=None) -> str:
    """text with its privileges replaced by entries, and id / name set."""
    head, tag, between, _old, tail, indent, newline, closing = split_role_text(text)
    if role_id is not None:
        tag = re.sub(ATTR_RE.format("id"), lambda m: f' id="{role_id}"', tag, count=1)
    if role_name is not None:
        tag = re.sub(ATTR_RE.format("name"), lambda m: f" name={quoteattr(role_name)}",
                     tag, count=1)
    lines = "".join(f"{newline}{indent}<RolePrivilege name={quoteattr(n)} "
                    f"level={quoteattr(lv)} />" for n, lv in entries)
    return head + tag + between + lines + newline + closing + tail


def unescape_attr(value: str) -> str:
    return (value.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<")
            .replace("&gt;", ">").replace("&amp;", "&"))


def role_text(path: str) -> str:
    return cc.read_bytes(path).decode("utf-8")     # keeps a BOM as \ufeff


def edit_entries(rng, entries, donor_names, full=True):
    """A seeded edit of (name, level) entries; returns (new entries, notes).

    Removes, raises, lowers and adds privileges; with `full`, also re-cases
    a name, re-cases a level and writes duplicates at a lower level, none of
    which may count as a change.
    """
    entries = list(entries)
    names = [n for n, _ in entries]
    order = list(range(len(entries)))
    rng.shuffle(order)
    level_of = lambda lv: LEVELS.index(lv.lower())
    removed = set(order[:3])
    raisable = [i for i in order[3:] if level_of(entries[i][1]) < 3]
    raised = set(raisable[:3])
    lowerable = [i for i in order[3:] if level_of(entries[i][1]) > 0 and i not in raised]
    lowered = set(lowerable[:3])
    untouched = [i for i in order[3:] if i not in raised | lowered]

    out = []
    for i, (name, level) in enumerate(entries):
        if i in removed:
            continue
        if i in raised:
            level = LEVEL_NAMES[rng.randint(level_of(level) + 1, 3)]
        elif i in lowered:
            level = LEVEL_NAMES[rng.randint(0, level_of(level) - 1)]
        out.append([name, level])
    have = {n.lower() for n in names}
    donors = [n for n in donor_names if n.lower() not in have]
    added = rng.sample(donors, min(3, len(donors)))
    added += ["prvReadnew_widget", "prvWritenew_widget"]
    if "prvexporttoexcel" not in have:
        added.append("prvExportToExcel")
    for name in added:
        out.insert(rng.randint(0, len(out)), [name, rng.choice(LEVEL_NAMES)])
    if full:
        kept = [e for e in out if e[0] in {entries[i][0] for i in untouched}]
        if len(kept) >= 3:
            a, b, c = rng.sample(kept, 3)
            a[0] = a[0].swapcase()                              # re-cased name
            b[1] = b[1].upper()                                 # re-cased level
            if level_of(c[1]) > 0:                              # duplicate, lower
                out.insert(rng.randint(0, len(out)), [c[0].lower(), LEVEL_NAMES[0]])
        # a raised privilege also still listed at its old level
        for i in sorted(raised)[:1]:
            out.append([entries[i][0].upper(), entries[i][1]])
        out.append(["prvReadnew_widget", "Basic"])              # duplicate of an addition
    return [tuple(e) for e in out]


def fresh_id(rng) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def recased_id(role_id_raw: str) -> str:
    """The same id upper-cased, braces toggled."""
    bare = role_id_raw.strip("{}")
    return bare.upper() if role_id_raw.startswith("{") else "{" + bare.upper() + "}"


def intended_check(old_path, new_path, want: dict, intent: dict):
    """Guard against generator bugs: the parsed diff must match the intent."""
    for key, value in intent.items():
        got = {"listed": len(want["roles"]), "exit": want["exit"]}.get(key, want["summary"].get(key))
        if got != value:
            raise CheckerError(f"generator: {os.path.basename(new_path)}: {key} is {got}, "
                               f"meant {value}")


def edited_cases(corpus: str, workdir: str) -> list:
    """[(name, old path, new path, intent)]; intent guards the generator."""
    rng = random.Random(1)
    files = [u[4] for u in corpus_units(corpus) if u[2] == "role" and u[1] is None]
    donor_names = sorted({n for f in files for n, _ in split_role_text(role_text(f))[3]
                          if n}, key=str.lower)
    usable = [f for f in files if len(split_role_text(role_text(f))[3]) >= 20]
    if len(usable) < 6:
        return []
    chosen = rng.sample(usable, 6)
    cases = []

    def out_path(*parts):
        path = os.path.join(workdir, *parts)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path

    def save(path, text):
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        return path

    def tag_of(path):
        return split_role_text(role_text(path))[1]

    # E1-E4: the full edit, renamed, id re-cased with braces toggled.
    for number, source in enumerate(chosen[:4], 1):
        text = role_text(source)
        tag = tag_of(source)
        entries = split_role_text(text)[3]
        new_entries = edit_entries(rng, entries, donor_names)
        name = unescape_attr(attr(tag, "name")) + " (edited)"
        path = save(out_path(f"e{number}", os.path.basename(source)),
                    write_role_text(text, new_entries, recased_id(attr(tag, "id")), name))
        cases.append((f"edited full-edit {os.path.basename(source)}", source, path,
                      {"listed": 1, "roles_changed": 1}))

    # E5: cosmetic only (re-cased names, levels and id, lower duplicates): no change.
    source = chosen[4]
    text, tag = role_text(source), tag_of(source)
    entries = split_role_text(text)[3]
    cosmetic = []
    for i, (n, lv) in enumerate(entries):
        cosmetic.append((n.upper() if i % 3 == 0 else n, lv.lower() if i % 4 == 0 else lv))
        if LEVELS.index(lv.lower()) > 0 and i % 5 == 0:
            cosmetic.append((n.lower(), "Basic"))
    path = save(out_path("e5", "cosmetic.xml"),
                write_role_text(text, cosmetic, recased_id(attr(tag, "id"))))
    cases.append(("edited cosmetic-only", source, path, {"listed": 0, "exit": 0}))

    # E6: new id, same name, privileges changed: matched by name.
    source = chosen[5]
    text, tag = role_text(source), tag_of(source)
    entries = split_role_text(text)[3]
    path = save(out_path("e6", "new-id.xml"),
                write_role_text(text, edit_entries(rng, entries, donor_names, full=False),
                                "{" + fresh_id(rng) + "}"))
    cases.append(("edited new-id-same-name", source, path, {"listed": 1, "roles_changed": 1}))

    # E7: new id, same name, same privileges: nothing to list.
    path = save(out_path("e7", "new-id-only.xml"), write_role_text(text, entries, fresh_id(rng)))
    cases.append(("edited new-id-only", source, path, {"listed": 0, "exit": 0}))

    # E8: new id, name re-cased only: matched by name in any case, a rename.
    name = unescape_attr(attr(tag, "name"))
    path = save(out_path("e8", "new-id-recased-name.xml"),
                write_role_text(text, entries, fresh_id(rng), name.swapcase()))
    cases.append(("edited new-id-recased-name", source, path,
                  {"listed": 1, "roles_changed": 1, "privileges_added": 0}))

    # E9: new id and new name: one role added, one removed.
    path = save(out_path("e9", "new-id-new-name.xml"),
                write_role_text(text, entries, fresh_id(rng), name + " II"))
    cases.append(("edited new-id-new-name", source, path,
                  {"listed": 2, "roles_added": 1, "roles_removed": 1}))

    # E10: renamed only (same id, same privileges): listed, no privileges.
    path = save(out_path("e10", "renamed.xml"),
                write_role_text(text, entries, None, "Renamed " + name))
    cases.append(("edited rename-only", source, path,
                  {"listed": 1, "roles_changed": 1, "privileges_added": 0,
                   "privileges_removed": 0, "raised": 0, "lowered": 0}))

    # E11 / E12: a real unpacked folder vs an edited folder, and vs a
    # customizations.xml holding the same edited roles.
    folder = next((u[4] for u in corpus_units(corpus) if u[2] == "folder" and u[1] is None
                   and cc.find_child(u[4], "Roles", want_dir=True)
                   and len(load_input(u[4])[1]) >= 4), None)
    if folder:
        roles_dir = cc.find_child(folder, "Roles", want_dir=True)
        members = [os.path.join(roles_dir, f) for f in cc.byte_order(os.listdir(roles_dir))
                   if is_role_file(os.path.join(roles_dir, f))]
        texts = []
        for i, member in enumerate(members):
            text, tag = role_text(member), tag_of(member)
            entries = split_role_text(text)[3]
            if i == 0:      # edited in place
                texts.append(write_role_text(text, edit_entries(rng, entries, donor_names),
                                             recased_id(attr(tag, "id"))))
            elif i == 1:    # dropped: removed
                continue
            elif i == 2:    # new id, same name
                texts.append(write_role_text(text, entries, fresh_id(rng)))
            else:           # unchanged
                texts.append(text)
        # an outside role with a fresh id: added
        outsider = next(f for f in chosen if os.path.dirname(f) != roles_dir)
        texts.append(write_role_text(role_text(outsider), split_role_text(role_text(outsider))[3],
                                     fresh_id(rng), "Zz added role"))
        new_dir = os.path.join(workdir, "e11", "solution")
        for i, text in enumerate(texts):
            save(out_path("e11", "solution", "Roles", f"role{i:02d}.xml"), text)
        intent = {"listed": 3, "roles_added": 1, "roles_removed": 1, "roles_changed": 1}
        cases.append(("edited folder", folder, new_dir, intent))

        # customizations.xml: the same roles inline, plus a <Role Id=/> reference.
        body = []
        for text in texts:
            head, tag, between, entries, tail, *_ = split_role_text(text)
            start = text.index(tag)
            body.append("    " + text[start:].strip())
        ref_id = load_input(members[0])[1][0].id
        custom = ("\ufeff<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                  "<ImportExportXml xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
                  "  <AppModules><AppModule><UniqueName>e12_App</UniqueName>"
                  "<AppModuleRoleMaps>"
                  f"<Role Id=\"{{{ref_id}}}\" /></AppModuleRoleMaps></AppModule></AppModules>\n"
                  "  <Roles>\n" + "\n".join(body) + "\n  </Roles>\n</ImportExportXml>\n")
        path = save(out_path("e12", "customizations.xml"), custom)
        cases.append(("edited customizations.xml", folder, path, intent))

    # E13: a real zip with its customizations.xml edited (one role edited,
    # one dropped, one outside role added).
    zips = [u[4] for u in corpus_units(corpus) if u[2] == "zip" and u[1] is None]
    for zpath in zips:
        try:
            with zipfile.ZipFile(zpath) as archive:
                member = next((n for n in archive.namelist() if n.lower() == "customizations.xml"), None)
                if not member or any(n.lower().startswith("roles/") for n in archive.namelist()):
                    continue
                data = archive.read(member)
                spans = role_spans(data)
                if len(spans) < 3:
                    continue
                new_data = edit_customizations(rng, data, spans, donor_names, chosen[0])
                new_zip = out_path("e13", os.path.basename(zpath))
                with zipfile.ZipFile(new_zip, "w", zipfile.ZIP_DEFLATED) as out:
                    for info in archive.infolist():
                        out.writestr(info.filename, new_data if info.filename == member
                                     else archive.read(info.filename))
        except (zipfile.BadZipFile, OSError):
            continue
        cases.append((f"edited zip {os.path.basename(zpath)}", zpath, new_zip,
                      {"listed": 3, "roles_added": 1, "roles_removed": 1, "roles_changed": 1}))
        break
    return cases


def role_spans(data: bytes) -> list:
    """Byte spans of the <Role> elements directly under /ImportExportXml/Roles."""
    spans, stack, starts = [], [], []
    parser = xml.parsers.expat.ParserCreate()

    def start(tag, _attrs):
        if tag == "Role" and stack == ["ImportExportXml", "Roles"]:
            starts.append(parser.CurrentByteIndex)
        stack.append(tag)

    def end(tag):
        stack.pop()
        if tag == "Role" and stack == ["ImportExportXml", "Roles"]:
            begin = starts.pop()
            finish = data.index(b">", parser.CurrentByteIndex) + 1
            spans.append((begin, finish))

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.Parse(data, True)
    for begin, finish in spans:
        if not (data[begin:begin + 5] == b"<Role" and data[finish - 7:finish] == b"</Role>"):
            raise CheckerError("customizations.xml role span not found")
    return spans


def edit_customizations(rng, data: bytes, spans, donor_names, outsider) -> bytes:
    """First role edited, second dropped, an outside role appended after the last."""
    (a0, a1), (b0, b1), (_c0, c1) = spans[0], spans[1], spans[-1]
    first = data[a0:a1].decode("utf-8")
    entries = split_role_text(first)[3]
    edited = write_role_text(first, edit_entries(rng, entries, donor_names)).encode("utf-8")
    text = role_text(outsider)
    added = write_role_text(text, split_role_text(text)[3], fresh_id(rng), "Zz added role")
    added = added[added.index("<Role"):].strip().encode("utf-8")
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    return (data[:a0] + edited + data[a1:b0] + data[b1:c1] + newline + added + data[c1:])


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def identity_inputs(corpus: str) -> list:
    """A handful of real inputs of every kind, for diff X X."""
    units = corpus_units(corpus)
    picked = []
    for kind, count in (("role", 3), ("folder", 3), ("zip", 3), ("customizations", 1)):
        repos = []              # the first of its kind in each of `count` repositories
        for repo, _rev, unit_kind, _orig, full in units:
            if unit_kind == kind and repo not in repos and len(repos) < count:
                repos.append(repo)
                picked.append(full)
    return picked


def run_case(binary, old_path, new_path, problems):
    """Expectation + roleaudit run + comparison; returns the report (or None)."""
    try:
        old_roles, new_roles = load_input(old_path)[1], load_input(new_path)[1]
    except Exception as error:      # the checker cannot read it: a bad input
        problems.append(f"checker cannot read the input ({type(error).__name__}: {error})")
        return None
    want = expected_diff(old_roles, new_roles)
    try:
        access = ca.access_changes(ca.read_input(access_item(old_path)),
                                   ca.read_input(access_item(new_path)))
    except Exception as error:
        problems.append(f"checker cannot read apps ({type(error).__name__}: {error})")
        return None
    if access[0] or access[1]:
        want["exit"] = EXIT_DIFFERENT
    status, report, trouble = run_diff(binary, old_path, new_path)
    problems += trouble
    if report is not None or status is not None:
        compare(want, status, report, old_path, new_path, problems)
    if report is not None and ca.got_access_changes(report) != access:
        problems.append(f"app and column changes {ca.got_access_changes(report)}, "
                        f"want {access}")
    return report


class access_item:
    """An input as check_apps.read_input() takes it."""
    def __init__(self, path):
        self.path = path
        self.kind = "folder" if os.path.isdir(path) else \
            "zip" if path.lower().endswith(".zip") else "xml"



def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=cc.DEFAULT_CORPUS,
                        help="corpus root (default: ../shared/corpus/real from the repo root)")
    parser.add_argument("--roleaudit", default=cc.DEFAULT_BINARY,
                        help="roleaudit binary (default: build/roleaudit in the repo root)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directory of edited copies")
    parser.add_argument("--option", action="append", default=[],
                        help="an option to pass to roleaudit (repeatable), "
                        "e.g. --option=--scan-size=1")
    args = parser.parse_args(argv)
    cc.EXTRA_ARGS[:] = args.option

    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(corpus):
        print("corpus not found: skipped")
        print("0 passed, 0 failed")
        return 0
    binary = os.path.abspath(args.roleaudit)
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(f"roleaudit binary not found (or not executable): {binary}; "
              "build it first or pass --roleaudit PATH", file=sys.stderr)
        return 2

    passed = failed = 0

    def report_case(name, problems):
        nonlocal passed, failed
        if problems:
            failed += 1
            print(f"FAIL {name}: " + "; ".join(problems))
        else:
            passed += 1
            print(f"ok {name}")

    rel = lambda p: os.path.relpath(p, corpus) if p.startswith(corpus) else os.path.basename(p)

    for rule, old, new in real_pairs(corpus):
        problems = []
        forward = run_case(binary, old, new, problems)
        report_case(f"real {rule} {rel(old)} -> {rel(new)}", problems)
        problems = []
        backward = run_case(binary, new, old, problems)
        if forward is not None and backward is not None:
            check_mirror(forward, backward, problems)
        report_case(f"reverse {rule} {rel(new)} -> {rel(old)}", problems)

    workdir = tempfile.mkdtemp(prefix="roleaudit-diff-")
    try:
        for name, old, new, intent in edited_cases(corpus, workdir):
            problems = []
            try:
                want = expected_diff(load_input(old)[1], load_input(new)[1])
                intended_check(old, new, want, intent)
            except CheckerError as error:
                report_case(name, [str(error)])
                continue
            forward = run_case(binary, old, new, problems)
            report_case(f"{name}", problems)
            problems = []
            backward = run_case(binary, new, old, problems)
            if forward is not None and backward is not None:
                check_mirror(forward, backward, problems)
            report_case(f"{name} (reverse)", problems)
    finally:
        if args.keep:
            print(f"# edited copies kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    for path in identity_inputs(corpus):
        problems = []
        run_case(binary, path, path, problems)
        report_case(f"identity {rel(path)}", problems)

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
