#!/usr/bin/env python3
"""Check roleaudit against the real-world Dataverse corpus.

This is an independent oracle: it re-derives, from the raw XML and with
nothing but the Python standard library, what `roleaudit check --format json`
should report for every input in the corpus, then runs roleaudit and compares.
It deliberately shares no code or data with roleaudit.

Inputs found under the corpus root:
  * every *.zip                       -> a solution zip            (kind "zip")
  * every directory with a Roles/ dir -> an unpacked solution      (kind "folder")
  * every directory with a top-level customizations.xml and no
    Roles/ dir                        -> an extracted solution zip (kind "folder")
  * every role file in a Roles/ dir   -> a single role file        (kind "xml")

Usage:
  check_corpus.py [--corpus DIR] [--roleaudit PATH]   compare with roleaudit
  check_corpus.py --self-test [--corpus DIR]          print expectations only

Exit status: 0 all inputs match, 1 some input differs, 2 roleaudit missing.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET
import xml.parsers.expat
from dataclasses import dataclass, field
from typing import Optional

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_CORPUS = os.path.join(REPO_ROOT, "..", "shared", "corpus", "real")
DEFAULT_BINARY = os.path.join(REPO_ROOT, "build", "roleaudit")

RUN_TIMEOUT_SECONDS = 120

# Privilege depths, lowest first. A RolePrivilege with any other level is ignored.
LEVELS = ["basic", "local", "deep", "global"]

# The Server-Side Sync profile (roleaudit's default): every privilege is
# required at least at Basic, so any valid grant satisfies it.
SSS_PROFILE_NAME = "server-side-sync"
SSS_REQUIRED = [
    "prvReadEmailServerProfile", "prvWriteMailbox", "prvReadMailbox",
    "prvReadOrganization", "prvSyncToOutlook", "prvReadActionCard",
    "prvDeleteActivity", "prvAppendActivity", "prvWriteActivity",
    "prvCreateActivity", "prvReadActivity", "prvAppendToActivity",
    "prvReadConnection", "prvAssignContact", "prvReadContact",
    "prvWriteContact", "prvCreateContact", "prvDeleteContact",
    "prvReadUserQuery", "prvReadQueue", "prvReadQuery", "prvReadIncident",
    "prvSearchAvailability", "prvOverrideCreatedOnCreatedBy",
]

# roleaudit exit statuses.
EXIT_ALL_PASS = 0
EXIT_SOME_FAIL = 1
EXIT_BAD_INPUT = 3


# --------------------------------------------------------------------------
# Expectations
# --------------------------------------------------------------------------

@dataclass
class Role:
    """A security role as roleaudit should report it."""
    file: str            # file (or zip member) the role was read from
    line: int            # line of the role's <Role start tag in that file
    id: str
    name: str
    levels: dict         # lower-cased privilege name -> highest level index

    @property
    def privileges(self) -> int:
        return len(self.levels)

    @property
    def missing(self) -> list:
        return [p for p in SSS_REQUIRED if p.lower() not in self.levels]

    @property
    def status(self) -> str:
        return "fail" if self.missing else "pass"


@dataclass
class Solution:
    unique_name: Optional[str]
    version: Optional[str]
    managed: Optional[bool]


@dataclass
class Input:
    """One path handed to roleaudit, with everything we expect it to report."""
    path: str                         # absolute path passed to roleaudit
    kind: str                         # "zip", "folder" or "xml"
    roles: list = field(default_factory=list)
    solution: Optional[Solution] = None
    error: Optional[str] = None       # set when the input itself is unreadable


def parse_xml(data: bytes) -> ET.Element:
    """Parse a whole document (ElementTree/expat skip a UTF-8 BOM)."""
    return ET.fromstring(data)


def role_start_lines(data: bytes, parent_path: list) -> list:
    """Line numbers of the <Role> start tags whose ancestors are parent_path.

    ElementTree keeps no line numbers, so this is a second, expat-only pass.
    In a StartElementHandler, CurrentLineNumber is the line where "<Role"
    begins (even if its attributes run over several lines).
    """
    lines, open_elements = [], []
    parser = xml.parsers.expat.ParserCreate()

    def start(tag, _attrs):
        if tag == "Role" and open_elements == parent_path:
            lines.append(parser.CurrentLineNumber)
        open_elements.append(tag)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _tag: open_elements.pop()
    parser.Parse(data, True)
    return lines


def make_role(element: ET.Element, file_label: str, line: int) -> Role:
    """Expected report for one <Role> element."""
    levels = {}
    for grant in element.findall("RolePrivileges/RolePrivilege"):
        name = grant.get("name", "").lower()
        level = grant.get("level", "").lower()
        if name and level in LEVELS:
            # The same privilege twice: keep the highest level.
            levels[name] = max(LEVELS.index(level), levels.get(name, -1))
    return Role(
        file=file_label,
        line=line,
        id=element.get("id", "").replace("{", "").replace("}", "").lower(),
        name=element.get("name", ""),
        levels=levels,
    )


def customizations_roles(data: bytes, file_label: str) -> list:
    """Roles of a customizations.xml: the direct children /ImportExportXml/Roles/Role.

    <Role Id=.../> references elsewhere (forms, app modules, RoleMaps) are
    not security roles.
    """
    root = parse_xml(data)
    elements = root.findall("Roles/Role") if root.tag == "ImportExportXml" else []
    lines = role_start_lines(data, ["ImportExportXml", "Roles"])
    assert len(lines) == len(elements), "ElementTree and expat disagree"
    return [make_role(e, file_label, line) for e, line in zip(elements, lines)]


def role_file_roles(data: bytes, file_label: str) -> list:
    """Roles of a Roles/ file: the file counts only if its root is <Role>.

    A file that is not well-formed XML has no root element, so it is not a
    role file either.
    """
    try:
        root = parse_xml(data)
    except ET.ParseError:
        return []
    if root.tag != "Role":
        return []
    return [make_role(root, file_label, role_start_lines(data, [])[0])]


def solution_of(data: bytes) -> Solution:
    """/ImportExportXml/SolutionManifest/{UniqueName,Version,Managed}.

    Only the manifest's direct children count: the publisher's
    SolutionManifest/Publisher/UniqueName is a different name.
    """
    root = parse_xml(data)
    manifest = root.find("SolutionManifest") if root.tag == "ImportExportXml" else None
    if manifest is None:
        return Solution(None, None, None)

    def text(tag):
        value = manifest.findtext(tag)
        return None if value is None else value.strip()

    managed = text("Managed")
    return Solution(
        unique_name=text("UniqueName"),
        version=text("Version"),
        # <Managed> is 0 (unmanaged), 1 (managed) or 2 (both, pac
        # unpack sources); "both" is neither, so JSON carries null.
        managed={"0": False, "1": True}.get(managed),
    )


def byte_order(names):
    """Sort file names byte-wise, as C's strcmp would."""
    return sorted(names, key=os.fsencode)


def find_child(directory: str, name: str, want_dir: bool) -> Optional[str]:
    """Case-insensitive lookup of a direct child file or directory."""
    for entry in byte_order(os.listdir(directory)):
        full = os.path.join(directory, entry)
        if entry.lower() == name.lower() and os.path.isdir(full) == want_dir:
            return full
    return None


def read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def expect_zip(path: str) -> Input:
    result = Input(path=path, kind="zip")
    with zipfile.ZipFile(path) as archive:
        members = {}                       # normalised name -> real member name
        for info in archive.infolist():
            if not info.is_dir():
                members[info.filename.replace("\\", "/")] = info.filename
        for name, real in members.items():
            if name.lower() == "customizations.xml":
                result.roles += customizations_roles(archive.read(real), name)
        role_members = [n for n in members
                        if n.lower().startswith("roles/") and n.count("/") == 1]
        for name in byte_order(role_members):
            result.roles += role_file_roles(archive.read(members[name]), name)
        for name, real in members.items():
            if name.lower() == "solution.xml":
                result.solution = solution_of(archive.read(real))
    return result


def expect_unpacked_folder(path: str, roles_dir: str) -> Input:
    """A SolutionPackager/pac unpack: Roles/<file> plus maybe Other/Solution.xml."""
    result = Input(path=path, kind="folder")
    for entry in byte_order(os.listdir(roles_dir)):
        full = os.path.join(roles_dir, entry)
        if os.path.isfile(full):
            label = os.path.join(os.path.basename(roles_dir), entry)
            result.roles += role_file_roles(read_bytes(full), label)
    other = find_child(path, "Other", want_dir=True)
    manifest = other and find_child(other, "Solution.xml", want_dir=False)
    if manifest:
        result.solution = solution_of(read_bytes(manifest))
    return result


def expect_extracted_folder(path: str, customizations: str) -> Input:
    """An extracted zip: customizations.xml (+ solution.xml) at the top."""
    result = Input(path=path, kind="folder")
    label = os.path.basename(customizations)
    result.roles = customizations_roles(read_bytes(customizations), label)
    manifest = find_child(path, "solution.xml", want_dir=False)
    if manifest:
        result.solution = solution_of(read_bytes(manifest))
    return result


def expect_role_file(path: str) -> Input:
    result = Input(path=path, kind="xml")
    result.roles = role_file_roles(read_bytes(path), os.path.basename(path))
    return result


def expect(kind: str, derive, path: str, *extra) -> Input:
    """derive(path, *extra), or a bad-input expectation if it cannot be read.

    roleaudit must reject an input whose solution XML or zip is broken
    (exit status 3); the corpus is not expected to hold any.
    """
    try:
        return derive(path, *extra)
    except (ET.ParseError, xml.parsers.expat.ExpatError, zipfile.BadZipFile, OSError) as error:
        return Input(path=path, kind=kind, error=f"{type(error).__name__}: {error}")


def discover_inputs(corpus: str) -> list:
    """Every input in the corpus with its expectations, sorted by path."""
    inputs = []
    for directory, subdirs, files in os.walk(corpus):
        subdirs.sort()
        roles_dir = find_child(directory, "Roles", want_dir=True)
        customizations = find_child(directory, "customizations.xml", want_dir=False)
        if roles_dir:
            inputs.append(expect("folder", expect_unpacked_folder, directory, roles_dir))
        elif customizations:
            inputs.append(expect("folder", expect_extracted_folder, directory, customizations))

        in_roles_dir = os.path.basename(directory).lower() == "roles"
        for name in files:
            full = os.path.join(directory, name)
            if name.lower().endswith(".zip"):
                inputs.append(expect("zip", expect_zip, full))
            elif in_roles_dir:
                item = expect("xml", expect_role_file, full)
                if item.roles:          # stray non-role files are no input
                    inputs.append(item)
    return sorted(inputs, key=lambda item: os.fsencode(item.path))


# --------------------------------------------------------------------------
# Comparison with roleaudit
# --------------------------------------------------------------------------

def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def check_location(where: str, location, role: Role, problems: list):
    """location must be "<file>:<line>" naming the role's file and start line."""
    if not isinstance(location, str) or ":" not in location:
        problems.append(f"{where}: location {location!r}, want '...{role.file}:{role.line}'")
        return
    file_part, _, line_part = location.rpartition(":")
    if line_part != str(role.line):
        problems.append(f"{where}: location line {line_part!r}, want {role.line} ({location!r})")
    # Role file names may carry odd characters, so compare the base names.
    want_file = os.path.basename(role.file).lower()
    if not file_part.replace("\\", "/").lower().endswith(want_file):
        problems.append(f"{where}: location {location!r} does not name {role.file!r}")


def compare_role(index: int, want: Role, got: dict, problems: list):
    where = f"role[{index}] {want.name!r}"
    if not isinstance(got, dict):
        problems.append(f"{where}: not a JSON object: {got!r}")
        return
    for key, expected in (("input", 0), ("id", want.id), ("name", want.name),
                          ("privileges", want.privileges), ("status", want.status)):
        if got.get(key) != expected:
            problems.append(f"{where}: {key} {got.get(key)!r}, want {expected!r}")

    entries = got.get("missing")
    if not isinstance(entries, list):
        problems.append(f"{where}: missing is {entries!r}, want a list")
        entries = []
    # Privilege names compare case-insensitively; keep the spelling for messages.
    got_names = {str(e.get("privilege", "")).lower(): str(e.get("privilege", ""))
                 for e in entries if isinstance(e, dict)}
    want_names = {p.lower(): p for p in want.missing}
    if got_names.keys() != want_names.keys():
        extra = sorted(got_names[k] for k in got_names.keys() - want_names.keys())
        absent = sorted(want_names[k] for k in want_names.keys() - got_names.keys())
        problems.append(f"{where}: missing privileges differ: "
                        f"unexpected {extra}, not reported {absent}")
    for entry in entries:
        # Any grant meets the profile's minimum, so a missing privilege is
        # always one the role does not hold at all: its actual level is null.
        if isinstance(entry, dict) and entry.get("actual") is not None:
            problems.append(f"{where}: missing {entry.get('privilege')!r} has "
                            f"actual {entry.get('actual')!r}, want null")
    check_location(where, got.get("location"), want, problems)


def compare_report(want: Input, report: dict, problems: list):
    tool = report.get("tool") or {}
    if tool.get("name") != "roleaudit":
        problems.append(f"tool.name {tool.get('name')!r}, want 'roleaudit'")
    # Exactly the default profile; extra keys (e.g. its source) are allowed.
    profiles = report.get("profiles")
    summaries = [(p.get("name"), p.get("privileges")) for p in profiles or []
                 if isinstance(p, dict)]
    if summaries != [(SSS_PROFILE_NAME, len(SSS_REQUIRED))]:
        problems.append(f"profiles {summaries!r} (name, privileges), want "
                        f"[({SSS_PROFILE_NAME!r}, {len(SSS_REQUIRED)})]")

    inputs = report.get("inputs")
    if not isinstance(inputs, list) or len(inputs) != 1 or not isinstance(inputs[0], dict):
        problems.append(f"inputs {inputs!r}, want exactly one object")
    else:
        compare_input(want, inputs[0], problems)

    roles = report.get("roles")
    if not isinstance(roles, list):
        problems.append(f"roles is {roles!r}, want a list")
        roles = []
    if len(roles) != len(want.roles):
        problems.append(f"{len(roles)} roles, want {len(want.roles)}: got "
                        f"{[r.get('name') for r in roles if isinstance(r, dict)]}, want "
                        f"{[r.name for r in want.roles]}")
    for index, (expected, got) in enumerate(zip(want.roles, roles)):
        compare_role(index, expected, got, problems)

    passed = sum(role.status == "pass" for role in want.roles)
    summary_want = {"roles": len(want.roles), "pass": passed, "fail": len(want.roles) - passed}
    summary = report.get("summary") or {}
    for key, expected in summary_want.items():
        if summary.get(key) != expected:
            problems.append(f"summary.{key} {summary.get(key)!r}, want {expected}")


def compare_input(want: Input, got: dict, problems: list):
    if got.get("kind") != want.kind:
        problems.append(f"inputs[0].kind {got.get('kind')!r}, want {want.kind!r}")
    if want.kind in ("zip", "xml"):
        digest = sha256_of(want.path)
        if got.get("sha256") != digest:
            problems.append(f"inputs[0].sha256 {got.get('sha256')!r}, want {digest!r}")
    if want.solution is None:
        return          # nothing to derive it from; roleaudit may omit it
    solution = got.get("solution")
    if not isinstance(solution, dict):
        problems.append(f"inputs[0].solution {solution!r}, want {vars(want.solution)}")
        return
    for key, expected in vars(want.solution).items():
        if solution.get(key) != expected:
            problems.append(f"solution.{key} {solution.get(key)!r}, want {expected!r}")


# Options put after the command on every roleaudit run (--option).
EXTRA_ARGS: list = []


def check_input(binary: str, want: Input) -> list:
    """Run roleaudit on one input; return the list of differences."""
    command = [binary, "check", *EXTRA_ARGS, "--format", "json", want.path]
    try:
        run = subprocess.run(command, capture_output=True, timeout=RUN_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return [f"roleaudit did not finish within {RUN_TIMEOUT_SECONDS}s"]

    problems = []
    if want.error:
        want_exit = EXIT_BAD_INPUT
    elif all(role.status == "pass" for role in want.roles):
        want_exit = EXIT_ALL_PASS
    else:
        want_exit = EXIT_SOME_FAIL
    if run.returncode != want_exit:
        stderr = run.stderr.decode("utf-8", "replace").strip()
        problems.append(f"exit status {run.returncode}, want {want_exit}"
                        + (f" (stderr: {stderr[:300]})" if stderr else ""))
    if want.error:
        return problems     # nothing more is defined for a rejected input
    try:
        report = json.loads(run.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        problems.append(f"stdout is not JSON ({error})")
        return problems
    if not isinstance(report, dict):
        problems.append("stdout JSON is not an object")
        return problems
    compare_report(want, report, problems)
    return problems


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def self_test(corpus: str, inputs: list) -> int:
    """Print the expectations, one tab-separated line per role."""
    print("input\tindex\tid\tname\tprivileges\tstatus\tmissing")
    for item in inputs:
        label = os.path.relpath(item.path, corpus)
        if item.error:
            print(f"{label}\t-\tbad input (want exit {EXIT_BAD_INPUT}): {item.error}")
        for index, role in enumerate(item.roles):
            print(f"{label}\t{index}\t{role.id}\t{role.name}\t{role.privileges}"
                  f"\t{role.status}\t{len(role.missing)}")
    total = sum(len(item.roles) for item in inputs)
    print(f"{len(inputs)} inputs, {total} roles")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS,
                        help="corpus root (default: ../shared/corpus/real from the repo root)")
    parser.add_argument("--roleaudit", default=DEFAULT_BINARY,
                        help="roleaudit binary (default: build/roleaudit in the repo root)")
    parser.add_argument("--self-test", action="store_true",
                        help="print the derived expectations only; roleaudit is not run")
    parser.add_argument("--option", action="append", default=[],
                        help="an option to pass to roleaudit (repeatable), "
                        "e.g. --option=--scan-size=1")
    args = parser.parse_args(argv)
    EXTRA_ARGS[:] = args.option

    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(corpus):
        print("corpus not found: skipped")
        print("0 passed, 0 failed")
        return 0
    inputs = discover_inputs(corpus)
    if args.self_test:
        return self_test(corpus, inputs)

    binary = os.path.abspath(args.roleaudit)
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(f"roleaudit binary not found (or not executable): {binary}; "
              "build it first or pass --roleaudit PATH", file=sys.stderr)
        return 2

    failed = 0
    for item in inputs:
        label = os.path.relpath(item.path, corpus)
        problems = check_input(binary, item)
        if problems:
            failed += 1
            print(f"FAIL {label}: " + "; ".join(problems))
        else:
            print(f"ok {label} ({len(item.roles)} roles)")
    print(f"{len(inputs) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
