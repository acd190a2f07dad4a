#!/usr/bin/env python3
"""Check that every samples/<name>.zip holds exactly samples/src/<name>/,
and every sample package exactly what samples/build.py puts in it.

The zips are committed so the demo needs no Python; this keeps them honest.
Ends with "N passed, N failed".
"""
import importlib.util
import io
import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def builder():
    """samples/build.py as a module: the one description of a package."""
    spec = importlib.util.spec_from_file_location(
        "build", os.path.join(ROOT, "samples", "build.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def zip_contents(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def packages():
    """(what, got, want) for each package zip, variant and folder."""
    b = builder()
    here = os.path.join(ROOT, "samples")
    for name in sorted(os.listdir(os.path.join(here, "packages"))):
        if not os.path.exists(os.path.join(here, "packages", name,
                                           "ImportConfig.xml")):
            continue
        files = b.package_members(here, name)
        # The solution and data zips are compared by what they hold:
        # zipfile's output may differ by version, their XML may not.
        unz = lambda d: (sorted(zip_contents(io.BytesIO(d)))
                         if d[:2] == b"PK" else d)
        want = [("PkgFolder/" + n, unz(d)) for n, d in files]
        got = [(n, unz(d)) for n, d in
               zip_contents(os.path.join(here, name + ".zip"))]
        yield f"samples/{name}.zip", got, want
        if name != "package":
            continue
        got = [(n.replace("\\", "/"), unz(d)) for n, d in
               zip_contents(os.path.join(here, name + "-backslash.zip"))]
        yield f"samples/{name}-backslash.zip", got, want
        folder = os.path.join(here, name, "PkgFolder")
        got = []
        for n, _ in files:
            p = os.path.join(folder, n)
            got.append(("PkgFolder/" + n, unz(open(p, "rb").read())
                        if os.path.exists(p) else None))
        extra = sorted(set(os.listdir(folder)) - {n for n, _ in files})
        got += [("PkgFolder/" + n, "unexpected") for n in extra]
        yield f"samples/{name}/", got, want


def main():
    src = os.path.join(ROOT, "samples", "src")
    passed = failed = 0
    for name in sorted(os.listdir(src)):
        want = {}
        for f in os.listdir(os.path.join(src, name)):
            with open(os.path.join(src, name, f), "rb") as fh:
                want[f] = fh.read()
        with zipfile.ZipFile(os.path.join(ROOT, "samples", name + ".zip")) as z:
            got = {i.filename: z.read(i) for i in z.infolist()}
        if got == want:
            passed += 1
        else:
            failed += 1
            print(f"FAIL samples/{name}.zip differs from samples/src/{name}/;"
                  " run python3 samples/build.py")
    for what, got, want in packages():
        if got == want:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {what} differs from samples/packages/;"
                  " run python3 samples/build.py")
    print(f"samples: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
