#!/usr/bin/env python3
"""Check that every samples/<name>.zip holds exactly samples/src/<name>/.

The zips are committed so the demo needs no Python; this keeps them honest.
Ends with "N passed, N failed".
"""
import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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
    print(f"samples: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
