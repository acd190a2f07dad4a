#!/usr/bin/env python3
"""Build the sample solution zips from the readable XML in samples/src/.

    python3 samples/build.py

Each samples/src/<name>/ becomes samples/<name>.zip with its members in a
fixed order and a fixed timestamp, so the zips (and the SHA-256 digests in
the golden tests) only change when the XML does.  The zips are committed
so that `make demo` and the tests need no Python; a test checks that each
zip still holds exactly the XML beside it.

Samples:
  sss-pass   one role that holds every Server-Side Sync privilege
  sss-mixed  three roles: one passes, two miss privileges on several tabs
             (one with a non-ASCII, punctuated name, duplicate and
             case-varied privileges, attributes over several lines); Role
             references in a form and an app module that are not roles
  sss-none   a managed solution whose only role misses all 24 (BOM, CRLF)
"""
import os
import sys
import zipfile

ORDER = ["customizations.xml", "[Content_Types].xml", "solution.xml"]
STAMP = (2024, 6, 1, 12, 0, 0)


def build(src, dst):
    names = sorted(os.listdir(src), key=lambda n: (n not in ORDER,
                                                   ORDER.index(n) if n in ORDER else 0, n))
    with zipfile.ZipFile(dst, "w") as z:
        for n in names:
            info = zipfile.ZipInfo(n, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(os.path.join(src, n), "rb") as f:
                z.writestr(info, f.read(), compresslevel=9)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for name in sorted(os.listdir(os.path.join(here, "src"))):
        build(os.path.join(here, "src", name), os.path.join(here, name + ".zip"))
        print(f"samples/{name}.zip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
