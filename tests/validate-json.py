#!/usr/bin/env python3
"""Validate roleaudit's JSON goldens against the schemas in schema/.

    python3 tests/validate-json.py

Every tests/golden/<case>/ whose args ask for JSON is checked against
the schema of its command (schema/<command>.schema.json); the
schemas themselves are checked against the metaschema.  Needs Debian's
python3-jsonschema.  Ends with "N passed, N failed".
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


def main():
    names = ["check.schema.json", "roles.schema.json", "diff.schema.json"]
    schemas = {n: load(os.path.join(ROOT, "schema", n)) for n in names}
    val = {cmd: validator(schemas, f"{cmd}.schema.json")
           for cmd in ("check", "roles", "diff")}
    golden = os.path.join(ROOT, "tests", "golden")
    passed = failed = 0
    for case in sorted(os.listdir(golden)):
        with open(os.path.join(golden, case, "args")) as f:
            args = shlex.split(f.read())
        if not args or args[0] not in val or "json" not in args:
            continue
        out = os.path.join(golden, case, "expect.out")
        if os.path.exists(os.path.join(golden, case, "expect.file")):
            out = os.path.join(golden, case, "expect.file")
        if os.path.getsize(out) == 0:
            continue  # nothing written, as when an input was broken
        errors = sorted(val[args[0]].iter_errors(load(out)), key=str)
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
