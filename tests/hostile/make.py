#!/usr/bin/env python3
"""Write hostile solution files into a directory, for tests/hostile/run.sh.

    python3 tests/hostile/make.py OUTDIR

Each file is built here rather than committed: some are large when
inflated, and all are easier to review as code.  Names say what they are.
"""
import os
import struct
import sys
import zipfile
import zlib

STAMP = (2024, 6, 1, 12, 0, 0)
ROLE = (b'<Role id="{1}" name="R"><RolePrivileges>'
        b'<RolePrivilege name="prvReadMailbox" level="Basic"/>'
        b'</RolePrivileges></Role>')
CUST = (b'<ImportExportXml><Roles>' + ROLE + b'</Roles></ImportExportXml>')


def zip_members(path, members, **kw):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, **kw) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, STAMP), data,
                       compress_type=zipfile.ZIP_DEFLATED)


def bomb_4g(path):
    """A real bomb: "<ImportExportXml>" and 4 GiB of spaces, 4 MB deflated.

    Built in well under a second: one 16 MiB block of spaces is deflated
    with a full flush (so it stands alone) and repeated 256 times; the
    CRC-32 of the whole member is computed once and written here.
    """
    head = b"<ImportExportXml>"
    chunk = b" " * (1 << 24)
    size = len(head) + 256 * len(chunk)
    crc = 0x8FE9C35C	# zlib.crc32 of head + 256 * chunk
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    c2 = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c2.compress(chunk) + c2.flush(zlib.Z_FULL_FLUSH)
    last = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    body = first + block * 255 + last
    name = b"customizations.xml"
    zip64 = struct.pack("<HHQQ", 1, 16, size, len(body))
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0, crc,
                        0xFFFFFFFF, 0xFFFFFFFF, len(name), len(zip64))
    zip64cd = struct.pack("<HHQQQ", 1, 24, size, len(body), 0)
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, 0,
                          0, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(name),
                          len(zip64cd), 0, 0, 0, 0, 0xFFFFFFFF)
    cd_off = len(local) + len(name) + len(zip64) + len(body)
    cd = central + name + zip64cd
    eocd64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 1, 1,
                         len(cd), cd_off)
    loc64 = struct.pack("<IIQI", 0x07064B50, 0, cd_off + len(cd), 1)
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(cd),
                       0xFFFFFFFF, 0)
    with open(path, "wb") as f:
        f.write(local + name + zip64 + body + cd + eocd64 + loc64 + eocd)


def lying_size(path):
    """Declares 4 GiB inflated in both headers; holds a small member."""
    zip_members(path, [("customizations.xml", CUST)])
    data = bytearray(open(path, "rb").read())
    four_gib_minus_1 = 0xFFFFFFFE
    # Local header: uncompressed size at offset 22.
    struct.pack_into("<I", data, 22, four_gib_minus_1)
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, cd + 24, four_gib_minus_1)
    open(path, "wb").write(data)


def understated_size(path):
    """Declares 10 bytes but inflates to much more: counted while reading."""
    zip_members(path, [("customizations.xml", CUST + b" " * 100000)])
    data = bytearray(open(path, "rb").read())
    struct.pack_into("<I", data, 22, 10)
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, cd + 24, 10)
    open(path, "wb").write(data)


def encrypted(path):
    """The general purpose 'encrypted' bit set on customizations.xml."""
    zip_members(path, [("customizations.xml", CUST)])
    data = bytearray(open(path, "rb").read())
    struct.pack_into("<H", data, 6, struct.unpack_from("<H", data, 6)[0] | 1)
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<H", data, cd + 8,
                     struct.unpack_from("<H", data, cd + 8)[0] | 1)
    open(path, "wb").write(data)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    p = lambda n: os.path.join(out, n)
    bomb_4g(p("bomb-4g.zip"))
    lying_size(p("lying-size.zip"))
    understated_size(p("understated-size.zip"))
    encrypted(p("encrypted.zip"))
    with zipfile.ZipFile(p("duplicate.zip"), "w") as z:
        import warnings
        warnings.simplefilter("ignore")
        z.writestr(zipfile.ZipInfo("customizations.xml", STAMP), CUST)
        z.writestr(zipfile.ZipInfo("customizations.xml", STAMP),
                   b"<ImportExportXml><Roles/></ImportExportXml>")
    zip_members(p("traversal.zip"), [("../../customizations.xml", CUST),
                                     ("/etc/solution.xml", b"<x/>"),
                                     ("customizations.xml", CUST)])
    zip_members(p("case-duplicates.zip"), [("Roles/A.xml", ROLE),
                                           ("Roles/B.xml", ROLE),
                                           ("Roles/a.xml", ROLE)])
    zip_members(p("empty-member.zip"), [("customizations.xml", b"")])
    zip_members(p("many-members.zip"),
                [(f"Roles/r{i}.xml", ROLE) for i in range(3000)])
    good = open(p("traversal.zip"), "rb").read()
    open(p("truncated.zip"), "wb").write(good[: len(good) // 2])
    open(p("garbage.zip"), "wb").write(b"PK\x03\x04" + os.urandom(0) +
                                       bytes(range(256)) * 4)
    zip_members(p("xxe.zip"), [("customizations.xml",
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM '
        b'"file:///etc/passwd">]><ImportExportXml><Roles><Role id="{1}" '
        b'name="&x;"/></Roles></ImportExportXml>')])
    zip_members(p("deep.zip"), [("customizations.xml",
        b"<ImportExportXml>" + b"<a>" * 100000 + b"</a>" * 100000 +
        b"</ImportExportXml>")])
    zip_members(p("long-name.zip"), [("customizations.xml",
        b'<ImportExportXml><Roles><Role id="{1}" name="' + b"N" * 5000 +
        b'"/></Roles></ImportExportXml>')])
    zip_members(p("bad-utf8.zip"), [("customizations.xml",
        b'<ImportExportXml><Roles><Role id="{1}" name="\xc3\x28"/>'
        b'</Roles></ImportExportXml>')])


if __name__ == "__main__":
    main()
