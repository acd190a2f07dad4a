#!/usr/bin/env python3
"""Validate roleaudit's JSON and SARIF goldens against the schemas in schema/.

    python3 tests/validate-json.py

Every command line of a tests/golden/<case>/ (args, args.<fmt>) that
asks for JSON (-f json) is checked against the schema of its command
(schema/<command>.schema.json; check --combine:
schema/combined.schema.json), and every one that asks for SARIF
(-f sarif) against the OASIS SARIF 2.1.0 schema
(schema/sarif-schema-2.1.0.json, see schema/README.md); the schemas
themselves are checked against their metaschemas.  Needs
Debian's python3-jsonschema.  Ends with "N passed, N failed".
"""
import json
import os
import shlex
import sys

try:
    import jsonschema
    from referencing import Registry, Resource
except ImportError:  # jsonschema < 4.18 has no 'referencing'
    import jsonschema
    Registry = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def validator(schemas, name):
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schemas[name])
    if Registry is not None:
        reg = Registry().with_resources(
            (s["$id"], Resource.from_contents(s)) for s in schemas.values())
        reg = reg.with_resources(
            (n, Resource.from_contents(s)) for n, s in schemas.items())
        return cls(schemas[name], registry=reg)
    store = {s["$id"]: s for s in schemas.values()}
    store.update(schemas)
    resolver = jsonschema.RefResolver(schemas[name]["$id"], schemas[name],
                                      store=store)
    return cls(schemas[name], resolver=resolver)


def golden_format(args):
    """The value of -f/--format in ARGS, or "text"."""
    fmt = "text"
    for i, a in enumerate(args):
        if a in ("-f", "--format") and i + 1 < len(args):
            fmt = args[i + 1]
        elif a.startswith("--format="):
            fmt = a[len("--format="):]
        elif a.startswith("-f") and len(a) > 2 and not a.startswith("--"):
            fmt = a[2:]
    return fmt


def sarif_validator():
    """The SARIF 2.1.0 schema's validator.

    The upstream file is used as it is, without a metaschema check: its
    `language` patterns put an inline flag after `^`, which Python's re
    refuses, and its region object lists `anyOf` under `properties` (see
    schema/README.md).  Neither touches what roleaudit writes.
    """
    schema = load(os.path.join(ROOT, "schema", "sarif-schema-2.1.0.json"))
    if schema.get("title", "").find("SARIF") < 0 or "run" not in \
            schema.get("definitions", {}):
        raise SystemExit("schema/sarif-schema-2.1.0.json: not the SARIF "
                         "2.1.0 schema")
    return jsonschema.validators.validator_for(schema)(schema)


def schema_of(args):
    """The schema a golden's JSON follows: its command's, except that
    check --combine / --combine-all writes combined.schema.json."""
    if args and args[0] == "check" and any(
            a == "--combine-all" or a.startswith("--combine") for a in args):
        return "combined"
    return args[0] if args else None


def golden_lines(golden):
    """Each command line of each case, as tests/run-golden.sh reads them:
    (label, args file, expected standard output, expected written report).
    A case's args goes with expect.out and expect.file; its args.FMT with
    expect.FMT and expect.FMT.file."""
    for case in sorted(os.listdir(golden)):
        d = os.path.join(golden, case)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name == "args":
                yield (case, os.path.join(d, name),
                       os.path.join(d, "expect.out"),
                       os.path.join(d, "expect.file"))
            elif name.startswith("args."):
                fmt = name[len("args."):]
                yield (f"{case}/{name}", os.path.join(d, name),
                       os.path.join(d, f"expect.{fmt}"),
                       os.path.join(d, f"expect.{fmt}.file"))


SCHEMAS = ("check", "roles", "diff", "profiles", "lint", "explain",
           "combined", "privileges", "apps", "columns")


def main():
    names = [f"{n}.schema.json" for n in SCHEMAS]
    schemas = {n: load(os.path.join(ROOT, "schema", n)) for n in names}
    val = {cmd: validator(schemas, f"{cmd}.schema.json") for cmd in SCHEMAS}
    sarif = sarif_validator()
    golden = os.path.join(ROOT, "tests", "golden")
    passed = failed = 0
    for case, line, stdout, written in golden_lines(golden):
        with open(line) as f:
            args = shlex.split(f.read())
        fmt = golden_format(args)
        kind = schema_of(args)
        if not args or kind not in val or fmt not in ("json", "sarif"):
            continue
        out = written if os.path.exists(written) else stdout
        if os.path.getsize(out) == 0:
            continue  # nothing written, as when an input was broken
        v = sarif if fmt == "sarif" else val[kind]
        errors = sorted(v.iter_errors(load(out)), key=str)
        if errors:
            failed += 1
            print(f"FAIL {case}: {errors[0].message} at "
                  f"{'/'.join(map(str, errors[0].absolute_path))}")
        else:
            passed += 1
    print(f"schema: {passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
