#!/usr/bin/env python3
"""layers.py - check that libroleaudit's calls go down only.

    python3 tools/layers.py [--rules src/layers.txt] OBJDIR [OBJ...]

Reads every OBJDIR/<stage>/<file>.o with nm: the symbols each defines and
the undefined ones it takes from another object.  A call from a file of
stage A to a file of stage B must have B in A's line of the rules file
(or B == A), and the calls between files must form no circle.  Prints
one line per offending call (file, symbol, stages) or circle, and
'layers: N passed, N failed'; exits 1 on any failure.
"""
import argparse
import collections
import os
import subprocess
import sys


def read_rules(path):
    order, may = [], {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if not line:
                continue
            order.append(line[0])
            may[line[0]] = set(line[1:])
    for st, deps in may.items():
        for d in deps:
            if d not in may:
                sys.exit(f"{path}: stage {st} may call unknown stage {d}")
    return order, may


def symbols(obj):
    out = subprocess.run(["nm", obj], capture_output=True, text=True,
                         check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        p = line.split()
        if len(p) == 3 and p[1] in "TDBRCGSV":
            defined.add(p[2])
        elif len(p) == 2 and p[0] in ("U", "w"):
            undefined.add(p[1])
    return defined, undefined


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rules", default="src/layers.txt")
    ap.add_argument("objdir")
    ap.add_argument("objects", nargs="*",
                    help="only these objects (the build's list), so that "
                    "objects of deleted sources left in OBJDIR do not count")
    a = ap.parse_args()
    order, may = read_rules(a.rules)
    files = {}
    for st in order:
        d = os.path.join(a.objdir, st)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".o"):
                files[f"{st}/{name[:-2]}"] = os.path.join(d, name)
    if a.objects:
        wanted = {os.path.normpath(o) for o in a.objects}
        files = {f: o for f, o in files.items()
                 if os.path.normpath(o) in wanted}
    if not files:
        sys.exit(f"layers: no objects under {a.objdir}")
    for d in sorted(os.listdir(a.objdir)):
        p = os.path.join(a.objdir, d)
        if os.path.isdir(p) and d not in may:
            sys.exit(f"layers: {p}: a stage that {a.rules} does not declare")
    owner, needs = {}, {}
    for f, obj in files.items():
        defined, undefined = symbols(obj)
        needs[f] = undefined
        for s in defined:
            owner[s] = f
    passed = failed = 0
    graph = collections.defaultdict(set)
    for f in sorted(files):
        st = f.split("/")[0]
        for sym in sorted(needs[f]):
            g = owner.get(sym)
            if g is None or g == f:
                continue
            graph[f].add(g)
            gst = g.split("/")[0]
            if gst == st or gst in may[st]:
                passed += 1
                continue
            failed += 1
            print(f"layers: src/{f}.c calls {sym} of src/{g}.c: stage "
                  f"{st} may not call stage {gst}")
    for comp in cycles(graph):
        failed += 1
        print("layers: files call each other in a circle: "
              + " -> ".join(f"src/{c}.c" for c in comp))
    print(f"layers: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
