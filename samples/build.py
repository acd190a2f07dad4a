#!/usr/bin/env python3
"""Build the sample solution zips and packages from the readable XML.

    python3 samples/build.py

Each samples/src/<name>/ becomes samples/<name>.zip with its members in a
fixed order and a fixed timestamp, so the zips (and the SHA-256 digests in
the golden tests) only change when the XML does.  The zips are committed
so that `make demo` and the tests need no Python; a test checks that each
zip still holds exactly the XML beside it.

Each samples/packages/<name>/ImportConfig.xml becomes a Package Deployer
package: PkgFolder/ImportConfig.xml beside the solution zips it lists
(samples/<solution>.zip, built above) and the data zips it names
(samples/packages/<data>/ zipped), as samples/<name>.zip.  The package
"package" is also written with backslashes in its member names
(samples/package-backslash.zip, as older packages are) and as a folder
(samples/package/).

Samples:
  sss-pass   one role that holds every Server-Side Sync privilege
  sss-mixed  three roles: one passes, two miss privileges on several tabs
             (one with a non-ASCII, punctuated name, duplicate and
             case-varied privileges, attributes over several lines); Role
             references in a form and an app module that are not roles
  sss-none   a managed solution whose only role misses all 24 (BOM, CRLF)
  apps       model-driven apps and column security: an app mapped to a
             role that opens it, one that cannot read a table, one that
             cannot open it and a built-in role's template id; an app
             mapped to no role; a table with secured columns, one of them
             readable by no profile; a profile that grants update and
             create without read

Packages:
  package      release 2.0: sss-none, sss-mixed, sss-pass in that order,
               and the Configuration Migration data ContosoData.zip;
               ImportConfig.xml in UTF-8 with a BOM under a "utf-16"
               declaration, as Visual Studio's template leaves it
  package-1.0  release 1.0: sss-none and sss-mixed, for diff
"""
import io
import os
import re
import shutil
import sys
import zipfile

ORDER = ["customizations.xml", "[Content_Types].xml", "solution.xml"]
STAMP = (2024, 6, 1, 12, 0, 0)


def write_zip(dst, members):
    """A zip of MEMBERS, (name, bytes) in order, at the fixed timestamp."""
    with zipfile.ZipFile(dst, "w") as z:
        for n, data in members:
            info = zipfile.ZipInfo(n, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=9)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def build(src, dst):
    names = sorted(os.listdir(src), key=lambda n: (n not in ORDER,
                                                   ORDER.index(n) if n in ORDER else 0, n))
    write_zip(dst, [(n, read(os.path.join(src, n))) for n in names])


def listed(config):
    """The solutions and data files an ImportConfig.xml names, in order
    (the attributes this script writes; the check is roleaudit's)."""
    text = config.decode("utf-8-sig")
    sols = re.findall(r'solutionpackagefilename="([^"]+)"', text)
    data = re.findall(r'(?:crmmigdataimportfile|\bfilename)="([^"]+)"', text)
    return sols, sorted(set(data))


def package_members(here, name):
    """PkgFolder's files of package NAME, (file name, bytes) in order:
    ImportConfig.xml, the solutions in import order, the data zips."""
    config = read(os.path.join(here, "packages", name, "ImportConfig.xml"))
    sols, data = listed(config)
    files = [("ImportConfig.xml", config)]
    files += [(s, read(os.path.join(here, s))) for s in sols]
    for d in data:
        src = os.path.join(here, "packages", d[:-len(".zip")])
        buf = io.BytesIO()
        write_zip(buf, [(n, read(os.path.join(src, n)))
                        for n in sorted(os.listdir(src))])
        files.append((d, buf.getvalue()))
    return files


def build_package(here, name):
    files = package_members(here, name)
    write_zip(os.path.join(here, name + ".zip"),
              [("PkgFolder/" + n, d) for n, d in files])
    print(f"samples/{name}.zip")
    if name != "package":
        return
    write_zip(os.path.join(here, name + "-backslash.zip"),
              [("PkgFolder\\" + n, d) for n, d in files])
    print(f"samples/{name}-backslash.zip")
    folder = os.path.join(here, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(os.path.join(folder, "PkgFolder"))
    for n, d in files:
        with open(os.path.join(folder, "PkgFolder", n), "wb") as f:
            f.write(d)
    print(f"samples/{name}/")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for name in sorted(os.listdir(os.path.join(here, "src"))):
        build(os.path.join(here, "src", name), os.path.join(here, name + ".zip"))
        print(f"samples/{name}.zip")
    for name in sorted(os.listdir(os.path.join(here, "packages"))):
        if os.path.exists(os.path.join(here, "packages", name,
                                       "ImportConfig.xml")):
            build_package(here, name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
