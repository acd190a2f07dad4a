#!/usr/bin/env python3
"""make bench: roleaudit against named baselines, on generated solutions.

    python3 tests/bench/run.py BUILD/roleaudit [--runs N] [--scales 0.1,1,4]
                               [--no-python] [--out FILE]

For each kind (role-heavy, entity-heavy) and scale, tests/bench/gen.py
makes a solution zip (cached in build/bench/).  The commands are timed in
alternation, RUNS times each, and medians are reported with ratios taken
from the same run:

  roleaudit   roleaudit check -q -f json SOLUTION.zip
  unzip       unzip -p SOLUTION.zip customizations.xml > /dev/null
  python      python3 tests/bench/audit.py SOLUTION.zip   (scale 1 only:
              zipfile + ElementTree.iterparse, the script a user writes)

Peak RSS comes from GNU time (/usr/bin/time -f %M).  Also measured: many
inputs, `roleaudit check -j 1 DIR/*.zip` against `-j 2` on 200 small
solutions (text output, the default); and diff, of each solution with
itself and with its next version (gen.py EDIT 100: one role in a hundred
changed), against check of the same file (the issue's yardstick: diff
of a file with itself at most 1.3x, with its next version 1.5x) and
against what a reviewer does without roleaudit:

  roleaudit diff   roleaudit diff -f json OLD.zip NEW.zip
  xml diff         diff <(unzip -p OLD.zip customizations.xml)
                        <(unzip -p NEW.zip customizations.xml)
                   (GNU diff holds both files: scales up to 1 only)
Results go to standard output and, with --out, to a Markdown file.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
KINDS = {"roles": "role-heavy", "entities": "entity-heavy"}
# Bumped whenever gen.py's output changes, so no stale solution is reused.
GEN = "g2"


def solution(kind, scale, edit=0):
    name = f"{kind}-{scale}-{GEN}" + (f"-edit{edit}" if edit else "")
    path = os.path.join(ROOT, "build", "bench", name + ".zip")
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        print(f"generating {path} ...", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), kind,
                        str(scale), path + ".tmp"] +
                       ([str(edit)] if edit else []), check=True)
        os.rename(path + ".tmp", path)
    return path


def member_size(path):
    import zipfile
    with zipfile.ZipFile(path) as z:
        return z.getinfo("customizations.xml").file_size


def timed(cmd, shell=False):
    """Wall seconds, peak RSS (KiB) and CPU seconds (user + system) of one
    run; output discarded."""
    full = ["/usr/bin/time", "-f", "%M %U %S"] + (["bash", "-c", cmd]
                                                  if shell else cmd)
    t = time.perf_counter()
    p = subprocess.run(full, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.exit(f"bench: {cmd} failed ({p.returncode}): {p.stderr}")
    rss, user, sys_ = p.stderr.strip().splitlines()[-1].split()
    return wall, int(rss), float(user) + float(sys_)


CPU = {}


def measure(cmds, runs):
    """Alternate the commands RUNS times; medians of wall time and RSS.
    Medians of CPU seconds go to CPU[name] (for the diff table)."""
    walls = {k: [] for k in cmds}
    rss = {k: [] for k in cmds}
    cpu = {k: [] for k in cmds}
    for _ in range(runs):
        for name, (cmd, shell) in cmds.items():
            w, r, c = timed(cmd, shell)
            walls[name].append(w)
            rss[name].append(r)
            cpu[name].append(c)
    CPU.clear()
    CPU.update({k: statistics.median(v) for k, v in cpu.items()})
    return ({k: statistics.median(v) for k, v in walls.items()},
            {k: max(v) for k, v in rss.items()})


def many_inputs(bin_, runs):
    """-j 1 against -j 2 on 200 small generated solutions."""
    d = os.path.join(ROOT, "build", "bench", "many")
    if not os.path.isdir(d) or len(os.listdir(d)) < 200:
        os.makedirs(d, exist_ok=True)
        base = solution("roles", 0.02)
        for i in range(200):
            dst = os.path.join(d, f"s{i:03d}.zip")
            if not os.path.exists(dst):
                os.link(base, dst) if hasattr(os, "link") else None
    files = sorted(os.path.join(d, f) for f in os.listdir(d))
    # As a user runs it: `roleaudit check DIR/*.zip`, the default format.
    cmds = {f"-j {j}": ([bin_, "check", "-q", "-j", str(j)] + files, False)
            for j in (1, 2)}
    return measure(cmds, runs)


def diffs(bin_, scales, runs):
    """roleaudit diff against roleaudit check of the same file (in the
    same alternation) and against diff(1) of the extracted XML; table
    lines.  Wall and CPU (user + system) seconds: on a loaded machine
    the CPU figures are the steadier."""
    lines = ["| solution | customizations.xml | compared with | "
             "check (wall / CPU) | diff (wall / CPU) | diff / check "
             "(wall) | xml diff | peak RSS check | peak RSS diff |",
             "|---|---|---|---|---|---|---|---|---|"]
    print("\n".join(lines), flush=True)
    for kind in KINDS:
        for scale in scales:
            old = solution(kind, scale)
            for what, new in (("itself", old),
                              ("next version", solution(kind, scale, 100))):
                cmds = {"check": ([bin_, "check", "-q", "-f", "json", old],
                                  False),
                        "roleaudit": ([bin_, "diff", "-q", "-f", "json",
                                       old, new], False)}
                if float(scale) <= 1:
                    cmds["xml"] = (
                        f"diff <(unzip -p '{old}' customizations.xml) "
                        f"<(unzip -p '{new}' customizations.xml) "
                        "> /dev/null", True)
                walls, rss = measure(cmds, runs)
                x = walls.get("xml")
                lines.append(
                    f"| {KINDS[kind]} x{scale} | "
                    f"{member_size(old) / 1e6:.0f} MB | {what} | "
                    f"{walls['check']:.2f} s / {CPU['check']:.2f} s | "
                    f"{walls['roleaudit']:.2f} s / "
                    f"{CPU['roleaudit']:.2f} s | "
                    f"{walls['roleaudit'] / walls['check']:.2f} | "
                    + (f"{x:.2f} s | " if x else "- | ")
                    + f"{rss['check'] / 1024:.1f} MB | "
                    f"{rss['roleaudit'] / 1024:.1f} MB |")
                print(lines[-1], flush=True)
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("roleaudit")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scales", default="0.1,1,4")
    ap.add_argument("--no-python", action="store_true")
    ap.add_argument("--out")
    a = ap.parse_args()
    bin_ = os.path.abspath(a.roleaudit)
    lines = ["| solution | customizations.xml | roleaudit | unzip -p | "
             "ratio to unzip | python | python / roleaudit | "
             "peak RSS roleaudit |",
             "|---|---|---|---|---|---|---|---|"]
    for kind in KINDS:
        for scale in a.scales.split(","):
            z = solution(kind, scale)
            cmds = {
                "roleaudit": ([bin_, "check", "-q", "-f", "json", z], False),
                "unzip": (f"unzip -p '{z}' customizations.xml > /dev/null",
                          True),
            }
            if not a.no_python and float(scale) == 1:
                cmds["python"] = ([sys.executable,
                                   os.path.join(HERE, "audit.py"), z], False)
            walls, rss = measure(cmds, a.runs if "python" not in cmds
                                 else max(3, a.runs // 2))
            py = walls.get("python")
            lines.append(
                f"| {KINDS[kind]} x{scale} | "
                f"{member_size(z) / 1e6:.0f} MB | "
                f"{walls['roleaudit']:.2f} s | {walls['unzip']:.2f} s | "
                f"{walls['roleaudit'] / walls['unzip']:.2f} | "
                + (f"{py:.2f} s | {py / walls['roleaudit']:.1f}x | "
                   if py else "- | - | ")
                + f"{rss['roleaudit'] / 1024:.1f} MB |")
            print(lines[-1], flush=True)
    lines.append("")
    lines += diffs(bin_, a.scales.split(","), a.runs)
    try:
        walls, _ = many_inputs(bin_, a.runs)
        lines.append("")
        lines.append(f"200 inputs: -j 1 {walls['-j 1']:.2f} s, -j 2 "
                     f"{walls['-j 2']:.2f} s, speed-up "
                     f"{walls['-j 1'] / walls['-j 2']:.2f}x")
        print(lines[-1])
    except SystemExit as e:
        print(f"many inputs: not measured ({e})")
    if a.out:
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        with open(a.out, "w") as f:
            f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
