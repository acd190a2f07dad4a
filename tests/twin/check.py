#!/usr/bin/env python3
"""twin-equiv: a role diff takes from the other input must be the role it
would have read itself.

    python3 tests/twin/check.py BIN [WORKDIR]

`roleaudit diff` loads its two inputs on two threads, and the second
takes each role written byte for byte alike in the first from it instead
of reading it (src/parse/twin.c): its lines moved, its file its own.
With -j 1 each input is read on its own.  For pairs of generated
customizations.xml built to meet every way the two can part (lines
shifted before and inside the roles, another indentation, CRLF, roles
added, removed, reordered, renamed, written twice, self-closing, on the
line of <Roles>, grants several a line, one role past the size kept, a
document the scan gives up on before or after its roles, a zip), every
output format of `diff`, and `lint -f json|sarif`, `matrix -f csv`,
`apps -f json`, `columns -f json` and `check -f html` of the two (they
write where each role and grant is), both ways round, must be byte for byte the same with -j 2 as with -j 1, through the scan
(--scan-size 1).  Ends with `twin-equiv: N passed, N failed`.
"""
import os
import random
import subprocess
import sys
import tempfile
import zipfile

LEVELS = ["Basic", "Local", "Deep", "Global"]
FORMATS = ["text", "json", "csv", "md", "html", "sarif"]


def roles(n, seed, privs=40):
    """N roles: (id, name, [(privilege, level)])."""
    rng = random.Random(seed)
    names = [f"prv{v}new_table{t}" for t in range(150)
             for v in ("Create", "Read", "Write", "Delete", "Append")]
    names += ["prvReadMailbox", "prvWriteMailbox", "prvSyncToOutlook",
              "prvReadEmailServerProfile"]
    out = []
    for i in range(n):
        grants = sorted(rng.sample(names, privs), key=str.lower)
        out.append((f"{{{i:08x}-0000-0000-0000-{seed:012x}}}",
                    f"Role {i}, team/ünit", [(g, rng.choice(LEVELS))
                                            for g in grants]))
    return out


def role_xml(role, indent="    ", nl="\n", per_line=1, selfclose=False,
             inline=False):
    rid, name, grants = role
    head = f'<Role id="{rid}" name="{name}"'
    if selfclose:
        return f"{'' if inline else indent}{head} />{nl}"
    lines = [f"{'' if inline else indent}{head}>{nl}",
             f"{indent}  <RolePrivileges>{nl}"]
    for k in range(0, len(grants), per_line):
        part = " ".join(f'<RolePrivilege name="{g}" level="{lv}" />'
                        for g, lv in grants[k:k + per_line])
        lines.append(f"{indent}    {part}{nl}")
    lines.append(f"{indent}  </RolePrivileges>{nl}{indent}</Role>{nl}")
    return "".join(lines)


def document(rs, before="", after="", nl="\n", indent="    ", per_line=1,
             selfclose=(), inline_first=False, entities=3):
    out = [f'<?xml version="1.0" encoding="utf-8"?>{nl}',
           f'<ImportExportXml version="9.2.0.0">{nl}  <Entities>{nl}']
    for t in range(entities):
        out.append(f'    <Entity><Name LocalizedName="Table {t}" '
                   f'OriginalName="Table {t}">new_Table{t}</Name>'
                   f'<EntityInfo><entity Name="new_Table{t}">'
                   f'<OwnershipTypeMask>UserOwned</OwnershipTypeMask>'
                   f'</entity></EntityInfo></Entity>{nl}')
    out.append(f"  </Entities>{nl}{before}")
    out.append("  <Roles>" + ("" if inline_first else nl))
    for i, r in enumerate(rs):
        out.append(role_xml(r, indent, nl, per_line, i in selfclose,
                            inline_first and i == 0))
    out.append(f"  </Roles>{nl}{after}</ImportExportXml>{nl}")
    return "".join(out)


def changed(rs, every, seed):
    """RS with the first grant of every EVERY-th role at another level."""
    out = []
    for i, (rid, name, grants) in enumerate(rs):
        if i % every == every - 1 and grants:
            g, lv = grants[0]
            grants = [(g, LEVELS[(LEVELS.index(lv) + 1) % 4])] + grants[1:]
        out.append((rid, name, grants))
    return out


def pairs(work):
    base = roles(60, 1)
    big = roles(1, 2, privs=600)[0]
    # One role past TWIN_ROLE_MAX (512 KiB): long names fill it.
    huge = (big[0], big[1], [(g + "x" * 950, lv) for g, lv in big[2]])
    mid = base[:20] + [roles(1, 3)[0]] + base[20:45] + base[46:]
    renamed = [(r[0], r[1] + " (v2)", r[2]) if i == 7 else r
               for i, r in enumerate(base)]
    dup = base[:10] + [base[3]] + base[10:]
    pi = "  <?pi the scan gives up here?>\n"
    cases = {
        "same": (document(base), document(base)),
        "next": (document(base), document(changed(base, 10, 1))),
        "shifted": (document(base), document(changed(mid, 7, 2),
                                             before="<!-- a\nb\nc -->\n")),
        "indented": (document(base), document(base, indent="     ")),
        "crlf": (document(base), document(base, nl="\r\n")),
        "reordered": (document(base), document(base[::-1])),
        "first-removed": (document(roles(1, 9) + base), document(base)),
        "first-added": (document(base), document(roles(1, 9) + base)),
        "renamed": (document(base), document(renamed)),
        "duplicate": (document(dup), document(dup)),
        "selfclose": (document(base, selfclose={5}),
                      document(base, selfclose={5}, before="\n\n")),
        "inline": (document(base, inline_first=True),
                   document(base, inline_first=True, before="\n")),
        "inline-one": (document(base), document(base, inline_first=True)),
        "per-line": (document(base, per_line=3),
                     document(changed(base, 9, 3), per_line=3,
                              before="<!--\n-->\n")),
        "huge": (document(base[:5] + [huge] + base[5:]),
                 document(base[:5] + [huge] + base[5:], before="\n")),
        "unsure-before": (document(base), document(base, before=pi)),
        "unsure-after": (document(base, after=pi), document(base)),
        "unsure-both": (document(base, after=pi),
                        document(changed(base, 5, 4), after=pi)),
        "empty": (document([]), document(base)),
    }
    paths = []
    for name, (a, b) in cases.items():
        pa = os.path.join(work, f"{name}-a.xml")
        pb = os.path.join(work, f"{name}-b.xml")
        for p, text in ((pa, a), (pb, b)):
            with open(p, "w", encoding="utf-8", newline="") as f:
                f.write(text)
        paths.append((name, pa, pb))
    za, zb = (os.path.join(work, f"zip-{s}.zip") for s in "ab")
    for p, text in ((za, document(base)),
                    (zb, document(changed(mid, 11, 5), before="\n\n\n"))):
        with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("customizations.xml", text)
            z.writestr("solution.xml", '<ImportExportXml><SolutionManifest>'
                       '<UniqueName>Twin</UniqueName><Version>1.0</Version>'
                       '</SolutionManifest></ImportExportXml>')
            z.writestr("[Content_Types].xml", "<Types/>")
    paths.append(("zip", za, zb))
    return paths


def run(bin_, args):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", LC_ALL="C")
    p = subprocess.run([bin_] + args, capture_output=True, env=env,
                       timeout=120)
    return p.returncode, p.stdout, p.stderr


def main():
    bin_ = os.path.abspath(sys.argv[1])
    work = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp()
    os.makedirs(work, exist_ok=True)
    passed = failed = 0
    for name, a, b in pairs(work):
        runs = [(f"diff -f {f}", ["diff", "-f", f, x, y], (x, y))
                for f in FORMATS for x, y in ((a, b), (b, a))]
        # Unfocused commands of two inputs take roles too, and write
        # where each role and grant is.
        runs += [(f"{c} -f {f}", [c, "-f", f, x, y], (x, y))
                 for c, f in (("lint", "json"), ("lint", "sarif"),
                              ("matrix", "csv"), ("apps", "json"),
                              ("columns", "json"), ("check", "html"))
                 for x, y in ((a, b), (b, a))]
        for what, args, _ in runs:
            one = run(bin_, args[:1] + ["-j", "1", "--scan-size", "1"] +
                      args[1:])
            two = run(bin_, args[:1] + ["-j", "2", "--scan-size", "1"] +
                      args[1:])
            if one == two and one[0] in (0, 1):
                passed += 1
                continue
            failed += 1
            way = "forward" if args[-2] == a else "backward"
            print(f"FAIL {name}: {what} {way}: -j 1 exit {one[0]}, "
                  f"-j 2 exit {two[0]}"
                  + ("" if one[1] == two[1] else ", stdout differs")
                  + ("" if one[2] == two[2] else ", stderr differs"))
    print(f"twin-equiv: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
