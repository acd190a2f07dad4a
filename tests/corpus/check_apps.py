#!/usr/bin/env python3
"""Apps and column security of real exports against an independent reading.

    check_apps.py [--corpus DIR] [--roleaudit PATH] [--option=OPT]...

For every solution of the corpus (zips, extracted and unpacked folders,
found as check_corpus.py finds them), this reads the XML itself with the
standard library, nothing of roleaudit's, and compares with
`roleaudit apps -f json` and `roleaudit columns -f json`:

- apps: each app's unique name, display name (LocalizedName 1033, else
  the first), tables (AppModuleComponent type="1" schemaName, in order,
  each once ignoring ASCII case) and role map (Role id, lower case without
  braces, each once); for each mapped role the solution carries, its
  name, whether it holds the model-driven-app profile
  (schema/profiles/model-driven-app.csv) and which app tables it cannot
  Read; the roles no app maps and the apps mapped to no role.
- columns: each secured column (<IsSecured>1, by LogicalName, else
  PhysicalName), and for each column the profiles that grant read,
  update, create and read-unmasked (4), and whether a secured column has
  no reader.

An app table's Read privilege is prvRead and its base, by the rule the
man page states (APPS): the knowledge base's base (schema/tables.csv,
the facts, not roleaudit's output), else the solution's own table's
schema name, else a publisher-prefixed name itself; other tables are not
judged.  Prints "N passed, N failed"; a missing corpus is skipped.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_corpus as cc  # noqa: E402

ROOT = cc.REPO_ROOT


def attr(el, name):
    """Attribute NAME of EL, ASCII case ignored (as roleaudit reads
    attributes), or None."""
    for k, v in el.attrib.items():
        if k.lower() == name.lower():
            return v
    return None


def norm_id(s):
    return "".join(c for c in s if c not in "{} \t\r\n").lower()


def kb_bases():
    """schema/tables.csv: logical name (lower) -> base, where it has one."""
    bases = {}
    with open(os.path.join(ROOT, "schema", "tables.csv"),
              encoding="utf-8") as f:
        rows = [r for r in f if not r.startswith("#")]
    for r in csv.DictReader(rows):
        if r["privilege_base"]:
            bases[r["logical_name"].lower()] = r["privilege_base"]
    return bases


def mda_profile():
    with open(os.path.join(ROOT, "schema", "profiles",
                           "model-driven-app.csv"), encoding="utf-8") as f:
        rows = [r for r in f if not r.startswith("#")]
    return [r["privilege"].lower() for r in csv.DictReader(rows)]


def prefixed(name):
    i = 0
    while i < len(name) and name[i].isascii() and name[i].isalnum():
        i += 1
    return (i > 0 and i + 1 < len(name) and name[i] == "_" and
            name[i + 1].isascii() and name[i + 1].isalnum())


class Reading:
    def __init__(self):
        self.roles = []       # (id, name, {priv lower}, not_exported)
        self.tables = {}      # schema name lower -> schema name
        self.secured = {}     # (table lower, column lower) -> (table, col)
        self.apps = []
        self.fsps = []        # (name, {(table lower, col lower): rights})

    def role(self, el):
        privs = {p.get("name", "").lower()
                 for p in el.iter("RolePrivilege")}
        unmod = attr(el, "unmodified") in ("1", "true")
        self.roles.append((norm_id(attr(el, "id") or ""), attr(el, "name"),
                           privs, unmod and not privs))

    def entity(self, el):
        name = (el.findtext("Name") or "").strip()
        info = el.find("EntityInfo/entity")
        if not name and info is not None:
            name = (attr(info, "Name") or "").strip()
        if not name:
            return
        self.tables.setdefault(name.lower(), name)
        if info is None:
            return
        for a in info.findall("attributes/attribute"):
            if (a.findtext("IsSecured") or "").strip() not in ("1", "true"):
                continue
            col = (a.findtext("LogicalName") or "").strip() or \
                (attr(a, "PhysicalName") or "").strip()
            if col:
                self.secured.setdefault((name.lower(), col.lower()),
                                        (name, col))

    def app(self, el):
        uniq = (el.findtext("UniqueName") or "").strip()
        if not uniq or any(a["name"].lower() == uniq.lower()
                           for a in self.apps):
            return
        names = [(attr(l, "description"), attr(l, "languagecode"))
                 for l in el.findall("LocalizedNames/LocalizedName")
                 if attr(l, "description")]
        display = next((d for d, c in names if c == "1033"),
                       names[0][0] if names else None)
        tables, roles = [], []
        for c in el.findall("AppModuleComponents/AppModuleComponent"):
            s = (attr(c, "schemaName") or "").strip()
            if (attr(c, "type") or "").strip() == "1" and s and \
                    s.lower() not in [t.lower() for t in tables]:
                tables.append(s)
        for r in el.findall("AppModuleRoleMaps/Role"):
            i = norm_id(attr(r, "id") or "")
            if i and i not in roles:
                roles.append(i)
        self.apps.append({"name": uniq, "display": display,
                          "tables": tables, "roles": roles})

    def fsp_section(self, el):
        for p in el.findall("FieldSecurityProfile"):
            name = (attr(p, "name") or "").strip()
            if not name or any(n.lower() == name.lower()
                               for n, _ in self.fsps):
                continue
            perms = {}
            for fp in p.findall("FieldPermissions/FieldPermission"):
                e = (fp.findtext("EntityName") or "").strip()
                a = (fp.findtext("AttributeName") or "").strip()
                rights = {}
                for k, tag in (("read", "CanRead"), ("update", "CanUpdate"),
                               ("create", "CanCreate"),
                               ("read_unmasked", "CanReadUnmasked")):
                    rights[k] = (fp.findtext(tag) or "").strip() == "4"
                perms.setdefault((e.lower(), a.lower()), (e, a, rights))
            self.fsps.append((name, perms))

    def customizations(self, data):
        root = ET.fromstring(data)
        for el in root.findall("Entities/Entity"):
            self.entity(el)
        for el in root.findall("Roles/Role"):
            self.role(el)
        s = root.find("FieldSecurityProfiles")
        if s is not None:
            self.fsp_section(s)
        for el in root.findall("AppModules/AppModule"):
            self.app(el)


def read_input(item):
    """A Reading of ITEM (.kind "zip", "folder" or "xml", .path)."""
    r = Reading()
    if item.kind == "xml":
        el = ET.fromstring(cc.read_bytes(item.path))
        if el.tag == "Role":
            r.role(el)
        else:
            r.customizations(cc.read_bytes(item.path))
        return r
    if item.kind == "zip":
        with zipfile.ZipFile(item.path) as z:
            for n in z.namelist():
                if n.replace("\\", "/").lower() == "customizations.xml":
                    r.customizations(z.read(n))
                elif n.replace("\\", "/").lower().startswith("roles/"):
                    r.role(ET.fromstring(z.read(n)))
        return r
    path = item.path
    cust = cc.find_child(path, "customizations.xml", False)
    other = cc.find_child(path, "Other", True)
    if other and not cust:
        cust = cc.find_child(other, "Customizations.xml", False)
    if cust:
        r.customizations(cc.read_bytes(cust))
    ents = cc.find_child(path, "Entities", True)
    for d in cc.byte_order(os.listdir(ents)) if ents else []:
        f = cc.find_child(os.path.join(ents, d), "Entity.xml", False)
        if f:
            r.entity(ET.fromstring(cc.read_bytes(f)))
    apps = cc.find_child(path, "AppModules", True)
    for d in cc.byte_order(os.listdir(apps)) if apps else []:
        f = cc.find_child(os.path.join(apps, d), "AppModule.xml", False)
        if f:
            r.app(ET.fromstring(cc.read_bytes(f)))
    fsps = other and cc.find_child(other, "FieldSecurityProfiles.xml", False)
    if fsps:
        r.fsp_section(ET.fromstring(cc.read_bytes(fsps)))
    roles = cc.find_child(path, "Roles", True)
    for f in cc.byte_order(os.listdir(roles)) if roles else []:
        full = os.path.join(roles, f)
        if os.path.isfile(full):
            try:
                el = ET.fromstring(cc.read_bytes(full))
            except ET.ParseError:
                continue
            if el.tag == "Role":
                r.role(el)
    return r


def run(binary, cmd, path, extra=()):
    p = subprocess.run([binary, cmd, "-f", "json"] + list(extra) + [path],
                       capture_output=True, text=True,
                       timeout=cc.RUN_TIMEOUT_SECONDS)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"{cmd}: exit {p.returncode}: {p.stderr.strip()}")
    return json.loads(p.stdout)


def expect_apps(r, bases, mda):
    by_id = {}
    for rid, name, privs, unexp in r.roles:
        by_id.setdefault(rid, (name, privs, unexp))
    apps, mapped = [], set()
    for a in r.apps:
        reads = []
        for t in a["tables"]:
            if t.lower() in bases:
                reads.append("prvread" + bases[t.lower()].lower())
            elif t.lower() in r.tables:
                reads.append("prvread" + r.tables[t.lower()].lower())
            elif prefixed(t):
                reads.append("prvread" + t.lower())
            else:
                reads.append(None)
        roles = []
        for rid in a["roles"]:
            mapped.add(rid)
            if rid not in by_id:
                roles.append((rid, None, "unknown-role", []))
                continue
            name, privs, unexp = by_id[rid]
            if unexp:
                roles.append((rid, name, "not-exported", []))
                continue
            status = "pass" if all(p in privs for p in mda) else "fail"
            un = [t for t, rd in zip(a["tables"], reads)
                  if rd is not None and rd not in privs]
            roles.append((rid, name, status, un))
        apps.append((a["name"], a["display"], a["tables"], roles))
    orphans = [name for rid, name, _, _ in r.roles if rid not in mapped]
    return apps, orphans


def got_apps(j):
    apps = []
    for a in j["apps"]:
        roles = [(m["id"], m["name"], m["status"],
                  [u["name"] for u in m["unreadable"]]) for m in a["roles"]]
        apps.append((a["unique_name"], a["display_name"],
                     [t["name"] for t in a["tables"]], roles))
    return apps, [o["name"] for o in j["roles_without_app"]]


def expect_columns(r):
    cols = {}
    for key in r.secured:
        cols[key] = {"secured": True, "read": set(), "update": set(),
                     "create": set(), "read_unmasked": set()}
    for name, perms in r.fsps:
        for key, (_, _, rights) in perms.items():
            c = cols.setdefault(key, {
                "secured": key in r.secured, "read": set(), "update": set(),
                "create": set(), "read_unmasked": set()})
            for k, v in rights.items():
                if v:
                    c[k].add(name)
    return cols


def got_columns(j):
    cols = {}
    for c in j["columns"]:
        key = (c["table"]["name"].lower(), c["column"].lower())
        cols[key] = {"secured": c["secured"], "read": set(c["read"]),
                     "update": set(c["update"]), "create": set(c["create"]),
                     "read_unmasked": set(c["read_unmasked"])}
        if c["unreadable"] != (c["secured"] and not c["read"]):
            cols[key]["unreadable mismatch"] = True
    return cols


def access_changes(old, new):
    """The app role-map and column permission changes from Reading OLD
    to Reading NEW, as sets: (app lower, role id, added, escalation) and
    (profile lower, table lower, column lower, right, granted,
    escalation)."""
    apps = set()
    o = {a["name"].lower(): a for a in old.apps}
    n = {a["name"].lower(): a for a in new.apps}
    for k in set(o) | set(n):
        before = set(o[k]["roles"]) if k in o else set()
        after = set(n[k]["roles"]) if k in n else set()
        apps |= {(k, r, True, True) for r in after - before}
        apps |= {(k, r, False, False) for r in before - after}
    cols = set()
    op = {name.lower(): perms for name, perms in old.fsps}
    np_ = {name.lower(): perms for name, perms in new.fsps}
    none = {"read": False, "update": False, "create": False,
            "read_unmasked": False}
    for k in set(op) | set(np_):
        a, b = op.get(k, {}), np_.get(k, {})
        for key in set(a) | set(b):
            ra = a[key][2] if key in a else none
            rb = b[key][2] if key in b else none
            for right in none:
                if ra[right] != rb[right]:
                    name = right.replace("_", "-")
                    cols.add((k, key[0], key[1], name, rb[right],
                              rb[right] and right in ("read",
                                                      "read_unmasked")))
    return apps, cols


def got_access_changes(report):
    """The same sets from a `roleaudit diff -f json` report."""
    apps = {(a["app"].lower(), a["role_id"], a["change"] == "added",
             a["escalation"]) for a in report.get("app_role_maps", [])}
    cols = {(c["profile"].lower(), c["table"].lower(), c["column"].lower(),
             c["right"], c["change"] == "granted", c["escalation"])
            for c in report.get("column_permissions", [])}
    return apps, cols


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=cc.DEFAULT_CORPUS)
    ap.add_argument("--roleaudit", default=cc.DEFAULT_BINARY)
    ap.add_argument("--option", action="append", default=[],
                    help="passed to roleaudit (--option=--scan-size=1)")
    a = ap.parse_args()
    if not os.path.isdir(a.corpus):
        print("apps: corpus not found: skipped")
        print("apps: 0 passed, 0 failed")
        return 0
    bases, mda = kb_bases(), mda_profile()
    passed = failed = napps = ncols = 0
    for item in cc.discover_inputs(a.corpus):
        if item.error is not None or item.kind == "xml":
            continue
        try:
            r = read_input(item)
        except (ET.ParseError, zipfile.BadZipFile, OSError):
            continue
        problems = []
        try:
            want = expect_apps(r, bases, mda)
            got = got_apps(run(a.roleaudit, "apps", item.path, a.option))
            if want != got:
                problems.append(f"apps: want {want}\n     got  {got}")
            wc = expect_columns(r)
            gc = got_columns(run(a.roleaudit, "columns", item.path,
                                  a.option))
            if wc != gc:
                problems.append(f"columns: want {wc}\n     got  {gc}")
        except (RuntimeError, ValueError, subprocess.TimeoutExpired) as e:
            problems.append(str(e))
        napps += len(r.apps)
        ncols += len(expect_columns(r))
        rel = os.path.relpath(item.path, a.corpus)
        if problems:
            failed += 1
            print(f"FAIL {rel}")
            for p in problems:
                print("     " + p)
        else:
            passed += 1
    print(f"apps: {napps} apps and {ncols} columns compared")
    print(f"apps: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
