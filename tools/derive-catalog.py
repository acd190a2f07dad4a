#!/usr/bin/env python3
"""Derive roleaudit's knowledge base in schema/ from the reference facts in
../shared/reference (its SOURCES.md names each source id, its NOTES.md
the naming rules and known conflicts) and from the depths real exports
hold (schema/observed_depths.csv, made by tools/derive-observed.py):

    python3 tools/derive-observed.py ../shared/corpus/real \
        schema/observed_depths.csv
    python3 tools/derive-catalog.py ../shared/reference schema [OBSERVED]

OBSERVED defaults to OUT/observed_depths.csv; a missing file means no
observed depth.  The derived files are committed and never edited by
hand; tests/knowledge/check.py derives them again and compares them byte
for byte.  Every value keeps the ids of the sources it came from;
schema/README.md describes the files and the source-id scheme.

Files written:
  privileges.csv       the catalog roleaudit compiles in: one row per
                       privilege of the reference catalog (privileges.csv),
                       with entity, tab, section, access, depths and
                       privilegeid (the columns src/model/catalog.c reads)
                       and tab_source, entity_source, depth_source.  Its
                       `depths` are the stated ones (and the privacy rule),
                       never the ownership-derived ones: those would change
                       what `lint` and `explain` report, so they wait in
                       depths.csv until the C side takes them.
  depths.csv           every privilege some depth fact covers: the preferred
                       depths, their sources and their basis (stated,
                       ownership, privacy; +observed when widened)
  privilege_bases.csv  base, entity, tab (what the C catalog uses for the
                       names it does not list) with entity_source and
                       tab_source: the reference's bases, then every other
                       table a fact places (ActionCard, AppModule, ...)
  tables.csv           each table: logical name, privilege base, display
                       name, ownership, custom flag, tab, each with sources
  conflicts.csv        every disagreement between sources: both values with
                       their sources, which is preferred, the value used,
                       and why

A privilege's tab, in order:
  1. tab_facts.csv rows about the privilege itself (case-insensitive);
  2. its table's, matched by privilege base (prv<Verb><Base>, AppendTo
     tried before Append): tab_facts.csv entity rows, the entity-grid rows
     of the table's other privileges, privilege_bases.csv; else, for a
     table whose IsCustomEntity is true, Custom Entities (ms-custentity-doc);
  3. the naming rules: <prefix>_bpf_<32 hex> or a system BPF table ->
     Business Process Flows (ms-bpf-doc), a publisher prefix -> Custom
     Entities (ms-custentity-doc);
  4. else unplaced: Missing Entities.
Preferences where sources disagree (each one is a conflicts.csv row):
  tab, section  a fact about the privilege beats one about its table; among
                facts of one kind, the value more editor-layout sources
                (simorc, ms-uimap, ms-misc2020, ms-privacy2023: sources whose
                subject is the editor's layout) state, then more sources;
                any fact beats the unplaced fallback, and a table's
                IsCustomEntity beats the guess from its name
  entity        the wording Microsoft sources (ms-*) use beats the community
                checker's (simorc), then more sources
  depths        depths stated for the privilege beat depths derived from
                its table's ownership, which beat the privacy rule
                (Organization only); a depth a real export holds is one the
                platform accepts, so the depths are widened to include
                every observed depth.  A privilege nothing else covers keeps
                empty depths (unknown), observed or not: an observation
                shows what is accepted, not what is refused.
"""
import collections
import csv
import io
import os
import re
import sys

VERBS = ["AppendTo", "Append", "Create", "Read", "Write", "Delete", "Assign",
         "Share"]
LEVELS = ["Basic", "Local", "Deep", "Global"]
MISSING = "Missing Entities"
SECTION = {"entity grid": "", "Miscellaneous Privileges":
           "Miscellaneous Privileges", "Privacy Related Privileges":
           "Privacy-related Privileges"}
# Sources whose subject is the legacy role editor's layout.
LAYOUT = {"simorc", "ms-uimap", "ms-misc2020", "ms-privacy2023"}
# System business-process-flow tables (as src/model/catalog.c).
SYSTEM_BPF = {"opportunitysalesprocess", "leadtoopportunitysalesprocess",
              "phonetocaseprocess", "expiredprocess", "newprocess",
              "translationprocess"}
OWNERSHIP_RULE = "ms-tableref-own+ms-learn-secroles"
UNPLACED = "unplaced"


def split(name):
    """(verb, base) of prv<Verb><Base>, or None."""
    if not name[:3].lower() == "prv":
        return None
    for v in VERBS:
        if name[3:3 + len(v)].lower() == v.lower() and len(name) > 3 + len(v):
            return v, name[3 + len(v):]
    return None


def is_bpf(base):
    """A business-process-flow table: a system one, or <prefix>_bpf_<32
    hex digits> (the rule of src/model/catalog.c)."""
    low = base.lower()
    if low in SYSTEM_BPF:
        return True
    i = low.find("_bpf_", 1)
    return i > 0 and re.fullmatch(r"[0-9a-f]{32}", low[i + 5:]) is not None


def is_prefixed(base):
    """A publisher-prefixed schema name (the rule of src/model/catalog.c)."""
    return re.match(r"[A-Za-z0-9]+_[A-Za-z0-9]", base) is not None


def ids(srcs):
    """Source ids, sorted, ';'-joined."""
    return ";".join(sorted(set(srcs)))


def mask_text(mask):
    return ";".join(l for i, l in enumerate(LEVELS) if mask & (1 << i))


def mask_of(levels):
    m = 0
    for i, l in enumerate(LEVELS):
        if l in levels:
            m |= 1 << i
    return m


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def write(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", newline="") as f:
        f.write(buf.getvalue())


class Conflicts:
    """conflicts.csv rows: subject, field, value_a, source_a, value_b,
    source_b, preferred (a, b, or a+b for a union), used, reason."""

    def __init__(self):
        self.rows = set()

    def add(self, subject, field, used, usedsrc, other, othersrc, reason,
            union=None):
        a, b = sorted([(used, usedsrc), (other, othersrc)])
        pref = "a+b" if union is not None else ("a" if a[0] == used
                                                else "b")
        self.rows.add((subject, field, a[0], a[1], b[0], b[1], pref,
                       union if union is not None else used, reason))

    def sorted(self):
        order = {"tab": 0, "section": 1, "entity": 2, "ownership": 3,
                 "is_custom": 4, "depths": 5}
        return sorted(self.rows, key=lambda r: (order[r[1]], r[0].lower(),
                                                r))


def choose(cands, key):
    """The preferred value of CANDS ({value: [source]}) by KEY (higher
    first), ties broken by the value; and the values it beats."""
    best = sorted(cands)
    best.sort(key=lambda v: key(v, cands[v]), reverse=True)    # stable
    return best[0], best[1:]


def tab_key(_v, srcs):
    return (len(LAYOUT & set(srcs)), len(set(srcs)))


def name_key(_v, srcs):
    return (len({s for s in srcs if s.startswith("ms-")}), len(set(srcs)))


LABEL_RES = [re.compile(r"^label (.+)$"),
             re.compile(r"^entity or label (.+)$"),
             re.compile(r"^row (.+) of .+ table$"),
             re.compile(r"^representative privilege of (.+?) \(")]
DISPLAY_RE = re.compile(r"^display name ([^;]+?)(;|$)")


def label_of(evidence):
    for r in LABEL_RES:
        m = r.match(evidence)
        if m:
            return m.group(1)
    return None


def table_tab(name, custom, custom_src, facts):
    """(tab, its sources, the naming rule's guess, the guess's source) of
    a table: its tab facts, else its custom flag, else the naming rules
    applied to NAME (its privilege base, else its logical name)."""
    guess, guess_src = MISSING, UNPLACED
    if name and is_bpf(name):
        guess, guess_src = "Business Process Flows", "rule:ms-bpf-doc"
    elif name and is_prefixed(name):
        guess, guess_src = "Custom Entities", "rule:ms-custentity-doc"
    if facts:
        v, _ = choose(facts, tab_key)
        return v, ids(facts[v]), guess, guess_src
    if custom == "true":
        return ("Custom Entities", "rule:ms-custentity-doc+" + custom_src,
                guess, guess_src)
    return guess, guess_src, guess, guess_src


def derive_tables(ref, conflicts):
    """tables.csv rows, and {privilege base lower: base record} where a
    record has base, display_name, display_src, tab_name, tab_src."""
    bases = {}           # base lower -> record
    tables = {}          # logical name -> record
    shown = []           # display-name-only tab facts

    def base_rec(base, src=None):
        b = bases.setdefault(base.lower(), {
            "base": base, "base_src": [], "display": {}, "tab": {},
            "listed": False, "tables": []})
        if src:
            b["base_src"].append(src)
        return b

    def table_rec(logical):
        return tables.setdefault(logical, {
            "logical": logical, "base": "", "base_src": [], "owner": {},
            "custom": {}})

    # Logical names, their privilege bases, ownership and custom flag.
    for r in read(f"{ref}/entity_privilege_base.csv"):
        t = table_rec(r["logical_entity"].lower())
        if not r["privilege_base"].startswith("("):
            # not e.g. "(prvSyncToOutlook privacy privilege)"
            t["base"] = r["privilege_base"]
            t["base_src"].append(r["source"])
    for r in read(f"{ref}/table_ownership_facts.csv"):
        m = re.fullmatch(r"activity-types\((.*)\)", r["logical_name"])
        for logical in (m.group(1).split(",") if m else [r["logical_name"]]):
            t = table_rec(logical.lower())
            if r["ownership"]:
                t["owner"].setdefault(r["ownership"], []).append(
                    r["source_id"])
            if r["is_custom_entity"]:
                t["custom"].setdefault(r["is_custom_entity"], []).append(
                    r["source_id"])
    # A table whose base no fact states: the base of a privilege name that,
    # lower-cased, is the logical name (NOTES.md, Naming).
    for n in ([r["privilege"] for r in read(f"{ref}/depth_facts.csv")] +
              [r["privilege"] for r in read(f"{ref}/privileges.csv")]):
        s = split(n)
        t = tables.get(s[1].lower()) if s else None
        if t is not None and not t["base"]:
            t["base"] = s[1]
            t["base_src"].append("rule:naming")
    # A custom table without a base: its logical name, the lower-cased
    # schema name privilege names carry (names compare case-insensitively).
    for t in tables.values():
        if not t["base"] and t["custom"].get("true"):
            t["base"] = t["logical"]
            t["base_src"].append("rule:naming")
    # Display names and tabs by base: privilege_bases.csv, then tab_facts.csv
    # entity rows.
    for r in read(f"{ref}/privilege_bases.csv"):
        b = base_rec(r["base"], r["source"])
        b["listed"] = True
        b["display"].setdefault(r["entity"], []).append(r["source"])
        b["tab"].setdefault(r["tab"], []).append(r["source"])
    for r in read(f"{ref}/tab_facts.csv"):
        name, src = r["entity_or_privilege"], r["source_id"]
        if r["kind"] != "entity":
            # A table privilege's row is its table's row: it names the
            # table as the editor shows it, on the table's tab.
            s = split(name)
            if s and r["section"] == "entity grid":
                b = base_rec(s[1], src)
                lab = label_of(r["evidence"])
                if lab:
                    b["display"].setdefault(lab, []).append(src)
                b["tab"].setdefault(r["tab"], []).append(src)
            continue
        if r["evidence"].startswith("display name only"):
            shown.append((name, src, r["tab"]))
            continue
        b = base_rec(name, src)
        m = DISPLAY_RE.match(r["evidence"])
        if m:
            b["display"].setdefault(m.group(1), []).append(src)
        b["tab"].setdefault(r["tab"], []).append(src)
    for t in tables.values():
        if t["base"]:
            base_rec(t["base"])["tables"].append(t)

    # One value for each table fact.
    for t in sorted(tables.values(), key=lambda t: t["logical"]):
        for field, d in (("ownership", t["owner"]), ("is_custom",
                                                     t["custom"])):
            t[field] = t[field + "_src"] = ""
            if d:
                v, losers = choose(d, tab_key)
                t[field], t[field + "_src"] = v, ids(d[v])
                for lv in losers:
                    conflicts.add(t["logical"], field, v, ids(d[v]), lv,
                                  ids(d[lv]), "more sources state it")
    for key in sorted(bases):
        b = bases[key]
        b["display_name"] = b["display_src"] = ""
        if b["display"]:
            v, losers = choose(b["display"], name_key)
            b["display_name"], b["display_src"] = v, ids(b["display"][v])
            for lv in losers:
                conflicts.add(b["base"], "entity", v, ids(b["display"][v]),
                              lv, ids(b["display"][lv]),
                              "Microsoft's wording (ms-*) beats the "
                              "community checker's (simorc), then more "
                              "sources")
        custom = [t for t in b["tables"] if t["is_custom"] == "true"]
        b["tab_name"], b["tab_src"], guess, guess_src = table_tab(
            b["base"], "true" if custom else "",
            custom[0]["is_custom_src"] if custom else "", b["tab"])
        for lv in sorted(b["tab"]):
            if lv != b["tab_name"]:
                conflicts.add(b["base"], "tab", b["tab_name"], b["tab_src"],
                              lv, ids(b["tab"][lv]),
                              "more editor-layout sources (simorc, "
                              "ms-uimap, ms-misc2020, ms-privacy2023), "
                              "then more sources, state it")
        # What roleaudit's naming rule alone made of a base the reference
        # catalog did not list, where a published tab says otherwise.
        if not b["listed"] and b["tab"] and guess != b["tab_name"]:
            conflicts.add(b["base"], "tab", b["tab_name"], b["tab_src"],
                          guess, guess_src,
                          "a published statement beats roleaudit's "
                          "fallback for a base no fact placed")
    # A custom table the naming rule takes for a system one.
    for t in sorted(tables.values(), key=lambda t: t["logical"]):
        b = bases.get(t["base"].lower()) if t["base"] else None
        tab, tabsrc, guess, guess_src = table_tab(
            t["base"] or t["logical"], t["is_custom"],
            t["is_custom_src"], b["tab"] if b is not None else {})
        if t["is_custom"] != "true" or guess_src != UNPLACED:
            continue
        conflicts.add(t["logical"], "is_custom", "true", t["is_custom_src"],
                      "false", "rule:ms-custentity-doc",
                      "the table's metadata beats the guess from its name "
                      "(no publisher prefix)")
        if tab != guess:
            conflicts.add(t["logical"], "tab", tab, tabsrc, guess, guess_src,
                          "ms-custentity-doc puts custom tables on Custom "
                          "Entities and the table's IsCustomEntity is true; "
                          "the naming rule guesses custom only from a "
                          "publisher prefix")

    rows = []
    for t in tables.values():
        b = bases.get(t["base"].lower()) if t["base"] else None
        if b is not None:
            tab, tabsrc = b["tab_name"], b["tab_src"]
            disp, dispsrc = b["display_name"], b["display_src"]
        else:
            tab, tabsrc, _, _ = table_tab(t["logical"], t["is_custom"],
                                          t["is_custom_src"], {})
            disp = dispsrc = ""
        rows.append([t["logical"], t["base"], ids(t["base_src"]), disp,
                     dispsrc, t["ownership"], t["ownership_src"],
                     t["is_custom"], t["is_custom_src"], tab, tabsrc])
    for b in bases.values():
        if not b["tables"]:
            rows.append(["", b["base"], ids(b["base_src"]),
                         b["display_name"], b["display_src"], "", "", "", "",
                         b["tab_name"], b["tab_src"]])
    for name, src, tab in shown:
        rows.append(["", "", "", name, src, "", "", "", "", tab, src])
    rows.sort(key=lambda r: ((r[0] or r[1] or r[3]).lower(), r))
    return rows, bases


class Depths:
    """What the reference and the real exports say of privileges' depths."""

    def __init__(self, ref, observed, conflicts):
        self.stated = collections.defaultdict(dict)  # lower -> {mask: [id]}
        self.derived = collections.defaultdict(dict)
        self.names = {}
        for r in read(f"{ref}/depth_facts.csv"):
            m = sum(1 << i for i, l in enumerate(LEVELS)
                    if r[l.lower()] == "1")
            d = self.derived if r["source_id"] == OWNERSHIP_RULE \
                else self.stated
            d[r["privilege"].lower()].setdefault(m, []).append(
                r["source_id"])
            self.names.setdefault(r["privilege"].lower(), r["privilege"])
        self.guids = {r["privilege"].lower(): r for r in
                      read(f"{ref}/privilege_guids.csv")}
        self.seen = {}
        if observed and os.path.exists(observed):
            for r in read(observed):
                self.seen[r["privilege"].lower()] = (
                    mask_of(r["levels"].split(";")), r["source"].split(";"))
        self.conflicts = conflicts

    def of(self, name, section, ownership):
        """(mask, source ids, basis) of privilege NAME: stated depths, else
        (when OWNERSHIP) depths derived from its table's ownership, else
        Organization only for a privacy-related privilege; widened by the
        depths real exports hold.  Every disagreement is a conflict."""
        key = name.lower()
        add = self.conflicts.add
        st, dv = self.stated.get(key, {}), self.derived.get(key, {})
        mask, srcs, basis = 0, [], ""
        if st:
            mask, losers = choose(st, lambda v, ss: (len(set(ss)),))
            srcs, basis = list(st[mask]), "stated"
            for lv in losers:
                add(name, "depths", mask_text(mask), ids(st[mask]),
                    mask_text(lv), ids(st[lv]), "more sources state it")
            for dm, dsrc in sorted(dv.items()):
                rule = ["rule:" + s for s in dsrc]
                if dm == mask:
                    srcs += rule
                elif ownership:
                    add(name, "depths", mask_text(mask), ids(st[mask]),
                        mask_text(dm), ids(rule),
                        "a depth stated for the privilege beats one derived "
                        "from its table's ownership")
        elif dv and ownership:
            mask, _ = choose(dv, lambda v, ss: (len(set(ss)),))
            srcs, basis = ["rule:" + s for s in dv[mask]], "ownership"
        elif section == "Privacy-related Privileges":
            mask, srcs, basis = 8, ["rule:ms-learn-secroles"], "privacy"
        g = self.guids.get(key)
        if g is not None and g["allowed_depths"] and \
                mask_of(g["allowed_depths"].split(";")) != \
                (mask if basis == "stated" else 0):
            add(name, "depths", mask_text(mask), ids(srcs),
                g["allowed_depths"], g["source"],
                "depth_facts.csv is the reference's list of depth facts")
        if mask and key in self.seen and self.seen[key][0] & ~mask:
            omask, osrc = self.seen[key]
            add(name, "depths", mask_text(mask), ids(srcs), mask_text(omask),
                ids(osrc), "a real export holds the privilege at this "
                "depth, so the platform accepts it",
                union=mask_text(mask | omask))
            mask |= omask
            srcs += osrc
            basis += "+observed"
        return mask, ids(srcs), basis


def place(name, facts, base, conflicts):
    """(tab, tab sources, section) of privilege NAME from its own tab facts
    (FACTS), else its table's (BASE, a base record or None), else the naming
    rules; every disagreement is a conflict."""
    s = split(name)
    if not facts:
        if base is not None:
            return base["tab_name"], base["tab_src"], ""
        if s is None:
            return MISSING, UNPLACED, "Miscellaneous Privileges"
        if is_bpf(s[1]):
            return "Business Process Flows", "rule:ms-bpf-doc", ""
        if is_prefixed(s[1]):
            return "Custom Entities", "rule:ms-custentity-doc", ""
        return MISSING, UNPLACED, ""
    tabs = collections.defaultdict(list)
    sects = collections.defaultdict(list)
    for r in facts:
        tabs[r["tab"]].append(r["source_id"])
        sects[SECTION[r["section"]]].append(r["source_id"])
    tab, losers = choose(tabs, tab_key)
    srcs = list(tabs[tab])
    for lv in losers:
        conflicts.add(name, "tab", tab, ids(tabs[tab]), lv, ids(tabs[lv]),
                      "more editor-layout sources (simorc, ms-uimap, "
                      "ms-misc2020, ms-privacy2023), then more sources, "
                      "state it")
    section, losers = choose(sects, tab_key)
    for lv in losers:
        conflicts.add(name, "section", section or "entity grid",
                      ids(sects[section]), lv or "entity grid",
                      ids(sects[lv]), "more editor-layout sources, then "
                      "more sources, state it")
    if base is not None and section == "" and base["tab_src"] != UNPLACED:
        if base["tab_name"] == tab:
            srcs += base["tab_src"].split(";")
        else:
            conflicts.add(name, "tab", tab, ids(tabs[tab]), base["tab_name"],
                          base["tab_src"], "a fact about the privilege beats "
                          "one about its table")
    return tab, ids(srcs), section


def label(name, facts, section, base, conflicts):
    """(display name, its sources) of privilege NAME: labels its own tab
    facts give, and for a table privilege its table's display name."""
    labels = collections.defaultdict(list)
    for r in facts:
        lab = label_of(r["evidence"])
        if lab:
            labels[lab].append(r["source_id"])
    if section == "" and base is not None and base["display_name"]:
        labels[base["display_name"]] += base["display_src"].split(";")
    if not labels:
        return None, ""
    v, losers = choose(labels, name_key)
    for lv in losers:
        conflicts.add(name, "entity", v, ids(labels[v]), lv, ids(labels[lv]),
                      "Microsoft's wording (ms-*) beats the community "
                      "checker's (simorc), then more sources")
    return v, ids(labels[v])


def derive(ref, out, observed):
    conflicts = Conflicts()
    table_rows, bases = derive_tables(ref, conflicts)
    depths = Depths(ref, observed, conflicts)
    tabfacts = collections.defaultdict(list)     # privilege lower -> rows
    for r in read(f"{ref}/tab_facts.csv"):
        if r["kind"] == "privilege" and \
                r["entity_or_privilege"].lower().startswith("prv"):
            tabfacts[r["entity_or_privilege"].lower()].append(r)

    def base_of(name):
        s = split(name)
        return bases.get(s[1].lower()) if s else None

    # privileges.csv: the reference catalog's privileges.  Its tab, section
    # and display name must come out of the facts unchanged; its depths are
    # the stated ones (see the module comment).
    rows = []
    for rr in read(f"{ref}/privileges.csv"):
        name = rr["privilege"]
        facts = tabfacts.get(name.lower(), [])
        base = base_of(name)
        tab, tabsrc, section = place(name, facts, base, conflicts)
        rsect = ("Privacy-related Privileges" if rr["privacy"] == "1"
                 else "Miscellaneous Privileges" if rr["misc"] == "1"
                 else "")
        entity, entsrc = label(name, facts, section, base, conflicts)
        if entity is None:
            entity, entsrc = rr["entity"], rr["source"]
        if (rr["tab"], rsect, rr["entity"]) != (tab, section, entity):
            raise SystemExit(f"derive-catalog: {name}: the facts give "
                             f"{tab}/{section}/{entity}, privileges.csv "
                             f"{rr['tab']}/{rsect}/{rr['entity']}")
        mask, msrc, _ = depths.of(name, section, False)
        g = depths.guids.get(name.lower())
        rows.append([name, entity, tab, section,
                     "" if rr["access"] == "Misc" else rr["access"],
                     mask_text(mask),
                     g["privilegeid"].lower() if g is not None else "",
                     tabsrc, entsrc, msrc])
    write(f"{out}/privileges.csv",
          ["privilege", "entity", "tab", "section", "access", "depths",
           "privilegeid", "tab_source", "entity_source", "depth_source"],
          rows)
    catalog = {r[0].lower(): r[3] for r in rows}

    # depths.csv: every privilege some depth fact covers.
    drows = []
    for key in sorted(set(depths.names) | set(catalog)):
        name = depths.names.get(key) or next(r[0] for r in rows
                                             if r[0].lower() == key)
        section = catalog.get(key)
        if section is None:
            section = place(name, tabfacts.get(key, []), base_of(name),
                            conflicts)[2]
        mask, msrc, basis = depths.of(name, section, True)
        if mask:
            drows.append([name, mask_text(mask), msrc, basis])
    write(f"{out}/depths.csv",
          ["privilege", "depths", "depth_source", "basis"], drows)

    # privilege_bases.csv: the reference catalog's bases in their order,
    # then every other base a fact places (not the naming rules alone,
    # which roleaudit applies itself).
    brows = []
    for r in read(f"{ref}/privilege_bases.csv"):
        b = bases[r["base"].lower()]
        if (b["display_name"], b["tab_name"]) != (r["entity"], r["tab"]):
            raise SystemExit(f"derive-catalog: base {r['base']}: the facts "
                             f"give {b['display_name']}/{b['tab_name']}")
        brows.append([r["base"], b["display_name"], b["tab_name"],
                      b["display_src"], b["tab_src"]])
    extra = [[b["base"], b["display_name"] or b["base"], b["tab_name"],
              b["display_src"], b["tab_src"]]
             for b in bases.values() if not b["listed"] and b["tab_src"] not
             in (UNPLACED, "rule:ms-bpf-doc", "rule:ms-custentity-doc")]
    brows += sorted(extra, key=lambda r: (r[0].lower(), r))
    write(f"{out}/privilege_bases.csv",
          ["base", "entity", "tab", "entity_source", "tab_source"], brows)

    write(f"{out}/tables.csv",
          ["logical_name", "privilege_base", "base_source", "display_name",
           "display_source", "ownership", "ownership_source", "is_custom",
           "custom_source", "tab", "tab_source"], table_rows)
    write(f"{out}/conflicts.csv",
          ["subject", "field", "value_a", "source_a", "value_b", "source_b",
           "preferred", "used", "reason"], conflicts.sorted())


def main(argv):
    if len(argv) < 3:
        raise SystemExit("usage: derive-catalog.py REFERENCE OUT [OBSERVED]")
    ref, out = argv[1], argv[2]
    observed = argv[3] if len(argv) > 3 else f"{out}/observed_depths.csv"
    derive(ref, out, observed)


if __name__ == "__main__":
    main(sys.argv)
