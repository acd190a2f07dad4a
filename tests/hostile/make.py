#!/usr/bin/env python3
"""Write hostile solution files into a directory, for tests/hostile/run.sh.

    python3 tests/hostile/make.py OUTDIR [SCALE]

Each file is built here rather than committed: some are large when
inflated or on disk, and all are easier to review as code.  Names say
what they are.

Also written: OUTDIR/bounds/, an input at each resource limit and one
just past it, with bounds.txt saying how to run each (see bounds()),
and OUTDIR/budget/, the inputs whose time and memory run.sh measures:
a role of a million distinct privileges (SCALE times a million; 1 by
default) and the 2,000-role bench solution (tests/bench/gen.py at
SCALE).
"""
import io
import math
import os
import subprocess
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


# ---- zips whose layout is the bomb ----------------------------------------
#
# Built by hand: a local header (30 bytes), its name, the data; then a
# central directory entry (46 bytes) per member and the end record(s).
# roleaudit must refuse these before it inflates a byte, so the CRC-32 of
# an overlapping member is left 0.

DOS_TIME, DOS_DATE = 0, (44 << 9) | (6 << 5) | 1	# 2024-06-01


def local_header(name, data_len, size, crc=0, method=8, extra=b""):
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, DOS_TIME,
                       DOS_DATE, crc, data_len, size, len(name),
                       len(extra)) + name + extra


def central_entry(name, offset, data_len, size, crc=0, method=8, extra=b"",
                  comment=b""):
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method,
                       DOS_TIME, DOS_DATE, crc, data_len, size, len(name),
                       len(extra), len(comment), 0, 0, 0,
                       offset) + name + extra + comment


def end_records(count, cd_off, cd_len, end):
    """The end record, with its zip64 form and locator before it when
    COUNT needs them; END is where the central directory ends."""
    if count < 0xFFFF:
        return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count,
                           cd_len, cd_off, 0)
    eocd64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count,
                         count, cd_len, cd_off)
    loc = struct.pack("<IIQI", 0x07064B50, 0, end, 1)
    return eocd64 + loc + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF,
                                      0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)


def role_name(i):
    return f"Roles/r{i}.xml".encode()


def overlap(path, n):
    """N members whose data all run to the end of one shared kernel (a
    "full overlap" zip bomb, Fifield 2019): N local headers in a row, then
    a deflated megabyte of spaces every member inflates."""
    kernel = zlib.compressobj(9, zlib.DEFLATED, -15)
    kernel = kernel.compress(b" " * (1 << 20)) + kernel.flush()
    headers = [local_header(role_name(i), 0, 0) for i in range(n)]
    offs, off = [], 0
    for h in headers:
        offs.append(off)
        off += len(h)
    kernel_end = off + len(kernel)
    body = b"".join(local_header(role_name(i), kernel_end - offs[i] -
                                 len(headers[i]), 1 << 20)
                    for i in range(n)) + kernel
    cd = b"".join(central_entry(role_name(i), offs[i], kernel_end - offs[i] -
                                len(headers[i]), 1 << 20) for i in range(n))
    with open(path, "wb") as f:
        f.write(body + cd + end_records(n, len(body), len(cd),
                                        len(body) + len(cd)))


def quoted_overlap(path, n):
    """Fifield's "quoted overlap": member i's data is a stored deflate block
    quoting member i+1's local header, then member i+1's data, down to a
    kernel; every member's data is valid DEFLATE and inflates to all the
    headers after it plus the kernel.  Lengths are summed from the last
    member back; the bytes are written once, front to back."""
    kernel = zlib.compressobj(9, zlib.DEFLATED, -15)
    kernel = kernel.compress(b" " * (1 << 20)) + kernel.flush()
    names = [role_name(i) for i in range(n)]
    data_len = [0] * n
    size = [0] * n
    data_len[n - 1], size[n - 1] = len(kernel), 1 << 20
    for i in range(n - 2, -1, -1):
        quoted = 30 + len(names[i + 1])
        data_len[i] = 5 + quoted + data_len[i + 1]
        size[i] = quoted + size[i + 1]
    body = bytearray(local_header(names[0], data_len[0], size[0]))
    for i in range(1, n):
        nxt = local_header(names[i], data_len[i], size[i])
        body += struct.pack("<BHH", 0, len(nxt), len(nxt) ^ 0xFFFF) + nxt
    body += kernel
    cd, off = bytearray(), 0
    for i in range(n):
        cd += central_entry(names[i], off, data_len[i], size[i])
        off += 30 + len(names[i]) + 5
    with open(path, "wb") as f:
        f.write(bytes(body) + bytes(cd) +
                end_records(n, len(body), len(cd), len(body) + len(cd)))


def nested_headers(path):
    """A local header inside another's: customizations.xml's extra field
    holds a whole local header and member of its own, which a second
    directory entry points to."""
    inner_data = zlib.compressobj(9, zlib.DEFLATED, -15)
    inner_data = inner_data.compress(CUST) + inner_data.flush()
    inner_name = b"Roles/inner.xml"
    inner = local_header(inner_name, len(inner_data), len(CUST),
                         zlib.crc32(CUST)) + inner_data
    # An extra field of an unknown id: 4 bytes of header, then the quote.
    extra = struct.pack("<HH", 0xCAFE, len(inner)) + inner
    outer_name = b"customizations.xml"
    outer = local_header(outer_name, len(inner_data), len(CUST),
                         zlib.crc32(CUST), extra=extra) + inner_data
    inner_off = 30 + len(outer_name) + 4
    cd = (central_entry(outer_name, 0, len(inner_data), len(CUST),
                        zlib.crc32(CUST)) +
          central_entry(inner_name, inner_off, len(inner_data), len(CUST),
                        zlib.crc32(CUST)))
    with open(path, "wb") as f:
        f.write(outer + cd + end_records(2, len(outer), len(cd),
                                         len(outer) + len(cd)))


def cd_too_large(path):
    """A sound one-member zip whose end record claims a central directory
    of 4 GiB - 1 bytes, far more than the file."""
    zip_members(path, [("customizations.xml", CUST)])
    data = bytearray(open(path, "rb").read())
    eocd = data.rfind(b"PK\x05\x06")
    struct.pack_into("<I", data, eocd + 12, 0xFFFFFFFF)
    struct.pack_into("<I", data, eocd + 16, 0)
    open(path, "wb").write(data)


def count_too_large(path):
    """A zip64 end record that claims 2^40 members in a directory of one
    entry."""
    name = b"customizations.xml"
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    comp = comp.compress(CUST) + comp.flush()
    body = local_header(name, len(comp), len(CUST), zlib.crc32(CUST)) + comp
    cd = central_entry(name, 0, len(comp), len(CUST), zlib.crc32(CUST))
    tail = end_records(0xFFFF, len(body), len(cd), len(body) + len(cd))
    tail = bytearray(tail)
    struct.pack_into("<QQ", tail, 24, 1 << 40, 1 << 40)
    with open(path, "wb") as f:
        f.write(body + cd + bytes(tail))


def total_bomb(path, n=5000):
    """N members of 1 MiB each (a role, then spaces), honest about their
    sizes: each is under --max-member-size and, being no larger than
    1 MiB, exempt from --max-ratio; together they inflate to 5000 MiB,
    over the 4 GiB --max-total-size.  One deflated member, N headers."""
    text = (ROLE + b" " * (1 << 20))[: 1 << 20]
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    comp = comp.compress(text) + comp.flush()
    crc = zlib.crc32(text)
    body, cd = bytearray(), bytearray()
    for i in range(n):
        cd += central_entry(role_name(i), len(body), len(comp), len(text),
                            crc)
        body += local_header(role_name(i), len(comp), len(text), crc) + comp
    with open(path, "wb") as f:
        f.write(bytes(body) + bytes(cd) +
                end_records(n, len(body), len(cd), len(body) + len(cd)))


# ---- Package Deployer packages ---------------------------------------------
#
# A package is a zip holding PkgFolder/ImportConfig.xml and the solution
# zips it lists; roleaudit reads those zips in memory, one level deep, the
# limits counted across the package and the zips inside it.


def import_config(*solutions):
    return (b'<?xml version="1.0" encoding="utf-16"?>\n<configdatastorage>'
            b'\n<solutions>\n' + b"".join(
                b'<configsolutionfile solutionpackagefilename="%s"/>\n' % s
                for s in solutions) + b"</solutions>\n</configdatastorage>\n")


def zip_bytes(members, method=zipfile.ZIP_DEFLATED):
    """A zip of MEMBERS, (name, bytes), in memory."""
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, STAMP), data,
                       compress_type=method)
    return buf.getvalue()


def package(path, config, solutions, method=zipfile.ZIP_DEFLATED, sep="/"):
    """A package zip: PkgFolder/ImportConfig.xml, then SOLUTIONS, (name,
    bytes), each a member of PkgFolder/ stored or deflated (METHOD)."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("PkgFolder" + sep + "ImportConfig.xml",
                                   STAMP), config,
                   compress_type=zipfile.ZIP_DEFLATED)
        for name, data in solutions:
            z.writestr(zipfile.ZipInfo("PkgFolder" + sep + name, STAMP),
                       data, compress_type=method)


def pkg_nested_bomb(path, bomb):
    """A package whose one solution is the 4 GiB bomb, stored: the outer
    member is honest and small; the zip inside it must be refused by its
    own member's declared size before a byte of it is inflated."""
    package(path, import_config(b"Bomb.zip"),
            [("Bomb.zip", open(bomb, "rb").read())], zipfile.ZIP_STORED)


def pkg_loop(path):
    """A package that lists itself: PkgFolder\\Self.zip is a package whose
    ImportConfig.xml lists Self.zip again (backslash names, as older
    packages write them).  Followed, it would never end; it is refused
    at the first level (RA133)."""
    inner = zip_bytes([("PkgFolder\\ImportConfig.xml",
                        import_config(b"Self.zip")),
                       ("PkgFolder\\Self.zip", b"PK\x05\x06" + b"\0" * 18)])
    package(path, import_config(b"Self.zip"), [("Self.zip", inner)],
            sep="\\")


def pkg_members(path, n=60000):
    """A package of N members holding a solution zip of N members: each
    zip under the 100,000 --max-members allows, both together over it
    (RA205).  Hand-written, stored, as tiny_members() is."""
    def many(first, nfirst):
        body, cd = bytearray(), bytearray()
        members = first + [(b"Other/%d" % i, b"x")
                           for i in range(n - nfirst)]
        for name, data in members:
            crc = zlib.crc32(data)
            cd += central_entry(name, len(body), len(data), len(data), crc,
                                0)
            body += local_header(name, len(data), len(data), crc, 0) + data
        return (bytes(body) + bytes(cd) +
                end_records(n, len(body), len(cd), len(body) + len(cd)))
    inner = many([(b"customizations.xml", CUST)], 1)
    with open(path, "wb") as f:
        f.write(many([(b"PkgFolder/ImportConfig.xml",
                       import_config(b"Big.zip")),
                      (b"PkgFolder/Big.zip", inner)], 2))


def stored_zip(members):
    """A zip of MEMBERS, (name, bytes), stored, written by hand: fast for
    tens of thousands of members."""
    body, cd = bytearray(), bytearray()
    for name, data in members:
        crc = zlib.crc32(data)
        cd += central_entry(name, len(body), len(data), len(data), crc, 0)
        body += local_header(name, len(data), len(data), crc, 0) + data
    n = len(members)
    return (bytes(body) + bytes(cd) +
            end_records(n, len(body), len(cd), len(body) + len(cd)))


def pkg_many_listed(path, n=99997):
    """ImportConfig.xml naming N data zips, each a member beside one
    solution zip: every member is matched against every listed name, so
    matching must not take N * N."""
    config = (b"<configdatastorage>\n<solutions>\n"
              b'<configsolutionfile solutionpackagefilename="A.zip"/>\n'
              b"</solutions>\n<filestoimport>\n" + b"".join(
                  b'<configimportfile filename="D%d.zip"/>\n' % i
                  for i in range(n)) + b"</filestoimport>\n"
              b"</configdatastorage>\n")
    with open(path, "wb") as f:
        f.write(stored_zip([(b"PkgFolder/ImportConfig.xml", config),
                            (b"PkgFolder/A.zip",
                             zip_bytes([("customizations.xml", CUST)]))] +
                           [(b"PkgFolder/D%d.zip" % i, b"")
                            for i in range(n)]))


def pkg_many_solutions(path, n=5000):
    """N solution zips listed and present, each with a role of its own,
    every one read: the package's cost grows with its solutions, not
    with their square."""
    names = [b"S%d.zip" % i for i in range(n)]
    with open(path, "wb") as f:
        f.write(stored_zip([(b"PkgFolder/ImportConfig.xml",
                             import_config(*names))] +
                           [(b"PkgFolder/" + m, zip_bytes([
                               ("customizations.xml",
                                CUST.replace(b"{1}", b"{%d}" % i))]))
                            for i, m in enumerate(names)]))


def pkg_total(path, n=3, size=400000):
    """N solution zips of SIZE bytes of customizations.xml each: under
    any member limit, together over --max-total-size 1M (run.sh gives
    it), counted across the nesting."""
    sol = zip_bytes([("customizations.xml",
                      CUST[:-len(b"</ImportExportXml>")] + b" " * size +
                      b"</ImportExportXml>")])
    names = [b"S%d.zip" % i for i in range(n)]
    package(path, import_config(*names),
            [(name.decode(), sol) for name in names])


# ---- profiles and catalogs -------------------------------------------------


def million_rows(path, header, row, n=1000000):
    """A CSV of N rows after HEADER, each ROW formatted with its number:
    well past the 100,000 rows a profile or catalog may have."""
    with open(path, "w") as f:
        f.write(header + "\n")
        f.writelines(row % (i, i) + "\n" for i in range(n))


def tiny_members(path, n=100000):
    """N members, the default --max-members: customizations.xml and
    one-byte files, stored.  Read (libzip keeps every entry), not
    refused; memory must stay far below 2 GiB."""
    body, cd = bytearray(), bytearray()
    members = [(b"customizations.xml", CUST)] + [
        (b"Other/%d" % i, b"x") for i in range(1, n)]
    for name, data in members:
        crc = zlib.crc32(data)
        cd += central_entry(name, len(body), len(data), len(data), crc, 0)
        body += local_header(name, len(data), len(data), crc, 0) + data
    with open(path, "wb") as f:
        f.write(bytes(body) + bytes(cd) +
                end_records(n, len(body), len(cd), len(body) + len(cd)))


# ---- each resource limit, just under and just over -----------------------


def role_xml(name=b"R", rid=b"{1}", priv=b"prvReadMailbox"):
    return (b'<Role id="' + rid + b'" name="' + name + b'"><RolePrivileges>'
            b'<RolePrivilege name="' + priv + b'" level="Basic"/>'
            b'</RolePrivileges></Role>')


def cust_xml(role=None, tail=b""):
    """A customizations document: ROLE in <Roles>, then TAIL."""
    return (b"<ImportExportXml><Roles>" + (role or ROLE) + b"</Roles>" +
            tail + b"</ImportExportXml>")


def padded(data, size):
    """DATA followed by newlines (whitespace after the root element) up
    to SIZE bytes."""
    assert len(data) <= size
    return data + b"\n" * (size - len(data))


def one_member_zip(path, data, name=b"customizations.xml", method=8,
                   extra_local=b"", extra_central=b"", comment=b""):
    """A zip of one member written by hand, its header fields at will."""
    if method == 8:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        comp = c.compress(data) + c.flush()
    else:
        comp = data
    crc = zlib.crc32(data)
    body = local_header(name, len(comp), len(data), crc, method,
                        extra_local) + comp
    cd = central_entry(name, 0, len(comp), len(data), crc, method,
                       extra_central, comment)
    with open(path, "wb") as f:
        f.write(body + cd + end_records(1, len(body), len(cd),
                                        len(body) + len(cd)))
    return len(comp)


def members_zip(path, n):
    """customizations.xml and N - 1 one-byte files, stored."""
    body, cd = bytearray(), bytearray()
    members = [(b"customizations.xml", CUST)] + [
        (b"Other/%d" % i, b"x") for i in range(1, n)]
    for name, data in members:
        crc = zlib.crc32(data)
        cd += central_entry(name, len(body), len(data), len(data), crc, 0)
        body += local_header(name, len(data), len(data), crc, 0) + data
    with open(path, "wb") as f:
        f.write(bytes(body) + bytes(cd) +
                end_records(n, len(body), len(cd), len(body) + len(cd)))


def nested(depth):
    """A customizations document whose deepest element is DEPTH deep
    (the root is 1): <a> elements nested after <Roles>."""
    k = depth - 1
    return cust_xml(tail=b"<a>" * k + b"</a>" * k)


def rows_csv(path, header, row, n):
    with open(path, "w") as f:
        f.write(header + "\n")
        f.writelines(row % i + "\n" for i in range(n))


def bounds(out):
    """An input at each limit and one just past it, each run by a line of
    OUT/bounds.txt: NAME WANT CODE STDIN ARGS...; ARGS is a roleaudit
    command line run in OUT, WANT its exit status, CODE the diagnostic
    code it must print ('-': none), STDIN a file for standard input ('-':
    none).  Names and limits hold no blanks."""
    os.makedirs(out, exist_ok=True)
    p = lambda n: os.path.join(out, n)
    lines = []

    def case(name, want, code, args, stdin="-"):
        lines.append(f"{name} {want} {code} {stdin} {args}")

    def write(name, data):
        with open(p(name), "wb") as f:
            f.write(data)

    def pair(what, past, code, args_at, args_past, stdin=None):
        """A case at the limit and one just past it, exiting PAST with
        CODE; at the limit, check exits 1 (the role lacks what the
        profile requires), the other commands 0."""
        ok = 1 if args_at.startswith("check") else 0
        case(f"{what}-at", ok, "-", args_at, stdin[0] if stdin else "-")
        case(f"{what}-past", past, code, args_past,
             stdin[1] if stdin else "-")

    # --max-file-size: an XML input, a profile, a catalog, explain's text.
    role = role_xml()
    write("file-4096.xml", padded(role, 4096))
    write("file-4097.xml", padded(role, 4097))
    pair("max-file-size-xml", 3, "RA113",
         "roles --max-file-size 4096 file-4096.xml",
         "roles --max-file-size 4096 file-4097.xml")
    prof = b"privilege,level\nprvReadAccount,Basic\n# "
    write("profile-4096.csv", prof + b"x" * (4096 - len(prof) - 1) + b"\n")
    write("profile-4097.csv", prof + b"x" * (4097 - len(prof) - 1) + b"\n")
    pair("max-file-size-profile", 2, "RA113",
         "check --max-file-size 4096 -p profile-4096.csv file-4096.xml",
         "check --max-file-size 4096 -p profile-4097.csv file-4096.xml")
    cat = (b"privilege,entity,tab,section,access,depths\n"
           b"prvReadZz,Zz,Custom Entities,,Read,Basic;Global\n# ")
    write("catalog-4096.csv", cat + b"x" * (4096 - len(cat) - 1) + b"\n")
    write("catalog-4097.csv", cat + b"x" * (4097 - len(cat) - 1) + b"\n")
    pair("max-file-size-catalog", 2, "RA113",
         "check --max-file-size 4096 --catalog catalog-4096.csv "
         "file-4096.xml",
         "check --max-file-size 4096 --catalog catalog-4097.csv "
         "file-4096.xml")
    alert = b"The user lacks prvReadAccount.\n"
    write("alert-4096.txt", padded(alert, 4096))
    write("alert-4097.txt", padded(alert, 4097))
    pair("max-file-size-stdin", 3, "RA113",
         "explain --max-file-size 4096", "explain --max-file-size 4096",
         stdin=("alert-4096.txt", "alert-4097.txt"))

    # --max-member-size: a member of exactly N bytes, and of N + 1.
    one_member_zip(p("member-4096.zip"), padded(CUST, 4096))
    one_member_zip(p("member-4097.zip"), padded(CUST, 4097))
    pair("max-member-size", 3, "RA204",
         "roles --max-member-size 4096 member-4096.zip",
         "roles --max-member-size 4096 member-4097.zip")

    # --max-ratio: a 2 MiB member compressing Q times; a ratio of
    # exactly the limit passes, so ceil(Q) passes and ceil(Q) - 1 not.
    big = padded(CUST, 2 << 20)
    comp = one_member_zip(p("ratio.zip"), big)
    r = math.ceil(len(big) / comp)
    pair("max-ratio", 3, "RA204", f"roles --max-ratio {r} ratio.zip",
         f"roles --max-ratio {r - 1} ratio.zip")
    # Up to 1 MiB a member is not held to any ratio.
    one_member_zip(p("ratio-floor.zip"), padded(CUST, 1 << 20))
    one_member_zip(p("ratio-floor-1.zip"), padded(CUST, (1 << 20) + 1))
    pair("max-ratio-floor", 3, "RA204",
         "roles --max-ratio 1 ratio-floor.zip",
         "roles --max-ratio 1 ratio-floor-1.zip")

    # --max-total-size: the members read, 8192 bytes together, or 8193.
    for total in (8192, 8193):
        zip_members(p(f"total-{total}.zip"),
                    [("customizations.xml", padded(CUST, 4096)),
                     ("Roles/r.xml", padded(role, total - 4096))])
    pair("max-total-size", 3, "RA204",
         "roles --max-total-size 8192 total-8192.zip",
         "roles --max-total-size 8192 total-8193.zip")

    # --max-members: 10 members and 11; the default, 100000 and 100001
    # (tiny-100k.zip, above, is read).
    members_zip(p("members-10.zip"), 10)
    members_zip(p("members-11.zip"), 11)
    pair("max-members", 3, "RA205",
         "roles --max-members 10 members-10.zip",
         "roles --max-members 10 members-11.zip")
    members_zip(p("members-100001.zip"), 100001)
    case("max-members-default-past", 3, "RA205", "roles members-100001.zip")

    # A package zip: its members and those of the solution zips inside
    # it together, and their declared sizes together, each counted here
    # by Python's own reading of the zips.
    sol = zip_bytes([("customizations.xml", padded(CUST, 4096)),
                     ("solution.xml", b"<ImportExportXml/>")])
    package(p("package.zip"), import_config(b"A.zip", b"B.zip"),
            [("A.zip", sol), ("B.zip", sol)])
    nmem = total = 0
    with zipfile.ZipFile(p("package.zip")) as z:
        for info in z.infolist():
            nmem += 1
            total += info.file_size
            if info.filename.endswith(".zip"):
                with zipfile.ZipFile(io.BytesIO(z.read(info))) as inner:
                    for i in inner.infolist():
                        nmem += 1
                        total += i.file_size
    pair("max-members-package", 3, "RA205",
         f"roles --max-members {nmem} package.zip",
         f"roles --max-members {nmem - 1} package.zip")
    pair("max-total-size-package", 3, "RA204",
         f"roles --max-total-size {total} package.zip",
         f"roles --max-total-size {total - 1} package.zip")

    # A folder: a Roles/ of 10 entries and of 11, and files of 8192
    # bytes together or 8193.
    for n in (10, 11):
        os.makedirs(p(f"folder-{n}/Roles"), exist_ok=True)
        for i in range(n):
            write(f"folder-{n}/Roles/r{i:02d}.xml",
                  role_xml(rid=b"{%d}" % i))
    pair("max-members-folder", 3, "RA205",
         "roles --max-members 10 folder-10",
         "roles --max-members 10 folder-11")
    for total in (8192, 8193):
        os.makedirs(p(f"folder-total-{total}/Roles"), exist_ok=True)
        write(f"folder-total-{total}/customizations.xml",
              padded(cust_xml(), 4096))
        write(f"folder-total-{total}/Roles/r.xml",
              padded(role, total - 4096))
    pair("max-total-size-folder", 3, "RA204",
         "roles --max-total-size 8192 folder-total-8192",
         "roles --max-total-size 8192 folder-total-8193",)

    # A member's extra fields (each header) and comment: 256 bytes, 257.
    def extra(n):
        return struct.pack("<HH", 0xCAFE, n - 4) + b"x" * (n - 4)
    for n in (256, 257):
        one_member_zip(p(f"extra-local-{n}.zip"), CUST,
                       extra_local=extra(n))
        one_member_zip(p(f"extra-central-{n}.zip"), CUST,
                       extra_central=extra(n))
        one_member_zip(p(f"comment-{n}.zip"), CUST, comment=b"c" * n)
    for what in ("extra-local", "extra-central", "comment"):
        pair(f"zip-{what}", 3, "RA208", f"roles {what}-256.zip",
             f"roles {what}-257.zip")

    # Names of 1024 bytes, and 1025: a role's name and id, a privilege's
    # (in a role and in a profile), a zip member's.  Each document is
    # read by libxml2, and by the fast <Roles> reader (--scan-size 1).
    for n in (1024, 1025):
        write(f"role-name-{n}.xml", cust_xml(role_xml(name=b"N" * n)))
        write(f"role-id-{n}.xml", cust_xml(role_xml(rid=b"{" +
                                                     b"1" * (n - 2) + b"}")))
        write(f"priv-name-{n}.xml",
              cust_xml(role_xml(priv=b"prvRead" + b"X" * (n - 7))))
        write(f"profile-name-{n}.csv", b"privilege,level\nprvRead" +
              b"X" * (n - 7) + b",Basic\n")
        write(f"catalog-name-{n}.csv",
              b"privilege,entity,tab,section,access,depths\nprvRead" +
              b"X" * (n - 7) + b",X,Custom Entities,,Read,Basic;Global\n")
        member = b"Roles/" + b"m" * (n - 10) + b".xml"
        one_member_zip(p(f"member-name-{n}.zip"), role, name=member)
    for what in ("role-name", "role-id", "priv-name"):
        for scan, opt in (("", ""), ("-scan", "--scan-size 1 ")):
            pair(f"{what}{scan}", 3, "RA112",
                 f"roles {opt}{what}-1024.xml", f"roles {opt}{what}-1025.xml")
    # A profile or catalog over a limit is the user's to fix: exit 2, as
    # for its rows and bytes.
    pair("profile-name", 2, "RA112",
         "check -p profile-name-1024.csv file-4096.xml",
         "check -p profile-name-1025.csv file-4096.xml")
    pair("catalog-name", 2, "RA112",
         "check --catalog catalog-name-1024.csv file-4096.xml",
         "check --catalog catalog-name-1025.csv file-4096.xml")
    # A built-in profile's name on the command line, 1024 bytes (no such
    # profile: RA305) and 1025 (too long, not echoed): both usage errors.
    case("profile-arg-1024", 2, "RA305", "check -p " + "p" * 1024 +
         " file-4096.xml")
    case("profile-arg-1025", 2, "RA112", "check -p " + "p" * 1025 +
         " file-4096.xml")
    # A profile and a catalog of 100,000 bad rows: a few lines, exit 3.
    rows_csv(p("profile-bad-rows.csv"), "privilege,level",
             "prvReadX%d,Bogus", 100000)
    rows_csv(p("catalog-bad-rows.csv"),
             "privilege,entity,tab,section,access,depths",
             "prvReadX%d,X,NoTab,,Read,Basic", 100000)
    case("profile-bad-rows", 3, "RA301",
         "check -p profile-bad-rows.csv file-4096.xml")
    case("catalog-bad-rows", 3, "RA304",
         "check --catalog catalog-bad-rows.csv file-4096.xml")
    pair("member-name", 3, "RA112", "roles member-name-1024.zip",
         "roles member-name-1025.zip")

    # Elements nested 256 deep, and 257.
    write("depth-256.xml", nested(256))
    write("depth-257.xml", nested(257))
    for scan, opt in (("", ""), ("-scan", "--scan-size 1 ")):
        pair(f"depth{scan}", 3, "RA114", f"roles {opt}depth-256.xml",
             f"roles {opt}depth-257.xml")

    # Rows of a profile and of a catalog: 100000 after the header, and
    # 100001.
    for n in (100000, 100001):
        rows_csv(p(f"profile-rows-{n}.csv"), "privilege,level",
                 "prvReadX%d,Basic", n)
        rows_csv(p(f"catalog-rows-{n}.csv"),
                 "privilege,entity,tab,section,access,depths",
                 "prvReadX%d,X,Custom Entities,,Read,Basic;Global", n)
    pair("profile-rows", 2, "RA309",
         "check -p profile-rows-100000.csv file-4096.xml",
         "check -p profile-rows-100001.csv file-4096.xml")
    pair("catalog-rows", 2, "RA309",
         "check --catalog catalog-rows-100000.csv file-4096.xml",
         "check --catalog catalog-rows-100001.csv file-4096.xml")

    with open(p("bounds.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


# ---- time and memory: inputs whose runs run.sh measures -------------------


def million_role(path, n, edit=0, misc=False):
    """One role of N distinct privileges, prvReadX0000000 ... (each a
    table's Read, as a catalog of custom tables would give), or with MISC
    names no prv<Verb> reading knows (each a lint note).  EDIT K moves
    every Kth privilege to another level, for diff."""
    levels = [b"Basic", b"Local", b"Deep", b"Global"]
    fmt = b"prvCustom%07d" if misc else b"prvReadX%07d"
    body = b"".join(b'<RolePrivilege name="' + fmt % i + b'" level="' +
                    levels[(3 - i % 4) if edit and i % edit == 0 else
                           i % 4] + b'"/>' for i in range(n))
    data = (b'<ImportExportXml><Roles><Role id="{00000000-0000-0000-0000-'
            b'000000000001}" name="Million"><RolePrivileges>' + body +
            b"</RolePrivileges></Role></Roles></ImportExportXml>")
    with zipfile.ZipFile(path, "w") as z:
        info = zipfile.ZipInfo("customizations.xml", STAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data, compresslevel=1)


def budget(out, scale):
    os.makedirs(out, exist_ok=True)
    p = lambda n: os.path.join(out, n)
    n = int(1000000 * scale)
    million_role(p("million.zip"), n)
    million_role(p("million-edit.zip"), n, edit=7)
    million_role(p("million-misc.zip"), n, misc=True)
    # A profile of 100,000 rows (the row limit) that 20 roles lack
    # whole: 2,000,000 missing privileges, listed a role at a time.
    rows_csv(p("profile-100k.csv"), "privilege,level", "prvReadP%d,Basic",
             int(100000 * scale) or 1)
    with zipfile.ZipFile(p("roles-20.zip"), "w") as z:
        z.writestr(zipfile.ZipInfo("customizations.xml", STAMP), cust_xml(
            b"".join(role_xml(name=b"R%d" % i, rid=b"{%d}" % i)
                     for i in range(20))),
            compress_type=zipfile.ZIP_DEFLATED)
    # A role of a million privileges of an unknown level: one warning
    # each, three printed and one line for the rest.
    levels = b"".join(b'<RolePrivilege name="prvReadX%07d" level="Bogus"/>'
                      % i for i in range(n))
    with zipfile.ZipFile(p("million-bad-level.zip"), "w") as z:
        z.writestr(zipfile.ZipInfo("customizations.xml", STAMP),
                   b'<ImportExportXml><Roles><Role id="{1}" name="M">'
                   b"<RolePrivileges>" + levels + b"</RolePrivileges>"
                   b"</Role></Roles></ImportExportXml>",
                   compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    # An app of 200,000 tables and as many role ids no input carries:
    # every report walks it an element at a time.
    k = int(200000 * scale) or 1
    app_zip(p("apps-wide.zip"), k, k)
    # 500 roles mapped to an app of 4,000 tables none can read: 2,000,000
    # RA502 findings from a zip of a few kilobytes, found as written,
    # not kept (they once took 16 bytes a table for each role).
    r, t = int(500 * scale) or 1, int(4000 * scale) or 1
    app_zip(p("apps-product.zip"), t, r,
            b"".join(role_xml(name=b"R%d" % i, rid=b"{%d}" % i)
                     for i in range(r)))
    gen = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                       "bench", "gen.py")
    subprocess.run([sys.executable, gen, "roles", str(scale),
                    p("bench-roles.zip")], check=True)


def app_zip(path, tables, ids, roles=None):
    """A zip of ROLES (the default role when None) and an app a_App of
    TABLES tables a_t0... and a role map of IDS ids {0}..."""
    app = (b"<AppModules><AppModule><UniqueName>a_App</UniqueName>"
           b"<AppModuleComponents>" +
           b"".join(b'<AppModuleComponent type="1" schemaName="a_t%d"/>' % i
                    for i in range(tables)) +
           b"</AppModuleComponents><AppModuleRoleMaps>" +
           b"".join(b'<Role id="{%d}"/>' % i for i in range(ids)) +
           b"</AppModuleRoleMaps></AppModule></AppModules>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("customizations.xml", STAMP),
                   cust_xml(roles, tail=app),
                   compress_type=zipfile.ZIP_DEFLATED)


def app_xml(name=b"a_App", body=b""):
    return (b"<AppModule><UniqueName>" + name + b"</UniqueName>" + body +
            b"</AppModule>")


def perm_xml(entity=b"a_t", attr=b"a_c", read=b"4"):
    return (b"<FieldPermission><EntityName>" + entity + b"</EntityName>"
            b"<AttributeName>" + attr + b"</AttributeName><CanRead>" + read +
            b"</CanRead></FieldPermission>")


def apps_sections(out):
    """Hostile app and column security sections: each a malformed part
    after a sound role, which must still be reported."""
    fsp = lambda name, perms: (b'<FieldSecurityProfile name="' + name +
                               b'"><FieldPermissions>' + perms +
                               b"</FieldPermissions></FieldSecurityProfile>")
    cases = {
        "apps-twice-section.zip": b"<AppModules>" + app_xml() +
        b"</AppModules><AppModules>" + app_xml(b"a_Other") +
        b"</AppModules>",
        "apps-noname.zip": b"<AppModules><AppModule><AppModuleRoleMaps>"
        b'<Role id="{1}"/></AppModuleRoleMaps></AppModule></AppModules>',
        "apps-twice.zip": b"<AppModules>" + app_xml() + app_xml() +
        b"</AppModules>",
        "apps-long-name.zip": b"<AppModules>" + app_xml(b"N" * 5000) +
        b"</AppModules>",
        "fsp-bad-value.zip": b"<FieldSecurityProfiles>" +
        fsp(b"P", perm_xml(read=b"7")) + b"</FieldSecurityProfiles>",
        "fsp-no-column.zip": b"<FieldSecurityProfiles>" +
        fsp(b"P", b"<FieldPermission><CanRead>4</CanRead>"
            b"</FieldPermission>") + b"</FieldSecurityProfiles>",
        "fsp-noname.zip": b"<FieldSecurityProfiles><FieldSecurityProfile>"
        b"</FieldSecurityProfile></FieldSecurityProfiles>",
        # 200,000 tables and role ids, each twice: kept once, in time.
        "apps-huge.zip": b"<AppModules>" + app_xml(body=b"<AppModuleComponents>"
        + b"".join(b'<AppModuleComponent type="1" schemaName="a_t%d"/>' %
                   (i % 200000) for i in range(400000)) +
        b"</AppModuleComponents><AppModuleRoleMaps>" +
        b"".join(b'<Role id="{%d}"/>' % (i % 200000)
                 for i in range(400000)) +
        b"</AppModuleRoleMaps>") + b"</AppModules>",
    }
    for name, tail in cases.items():
        zip_members(os.path.join(out, name),
                    [("customizations.xml", cust_xml(tail=tail))])


def main():
    out = sys.argv[1]
    scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
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
    overlap(p("overlap-20k.zip"), 20000)
    overlap(p("overlap-100k.zip"), 100000)
    quoted_overlap(p("quoted-overlap.zip"), 20000)
    nested_headers(p("nested-headers.zip"))
    cd_too_large(p("cd-too-large.zip"))
    count_too_large(p("count-too-large.zip"))
    total_bomb(p("total-bomb.zip"))
    tiny_members(p("tiny-100k.zip"))
    million_rows(p("profile-1m.csv"), "privilege,level",
                 "prvReadX%d,Basic%.0s")
    million_rows(p("catalog-1m.csv"),
                 "privilege,entity,tab,section,access,depths",
                 "prvReadX%d,X%d,Custom Entities,,Read,Basic;Global")
    sol = zip_bytes([("customizations.xml", CUST)])
    pkg_nested_bomb(p("pkg-nested-bomb.zip"), p("bomb-4g.zip"))
    pkg_loop(p("pkg-loop.zip"))
    pkg_members(p("pkg-members-120k.zip"))
    pkg_total(p("pkg-total.zip"))
    pkg_many_listed(p("pkg-many-listed.zip"))
    pkg_many_solutions(p("pkg-many-solutions.zip"))
    package(p("pkg-missing.zip"), import_config(b"A.zip", b"Gone.zip"),
            [("A.zip", sol)])
    package(p("pkg-bad-config.zip"), b"<configdatastorage>\n<solutions>\n"
            b'<configsolutionfile solutionpackagefilename="A.zip">\n'
            b"</solutions>\n", [("A.zip", sol)])
    package(p("pkg-xxe.zip"), b'<!DOCTYPE c [<!ENTITY x SYSTEM '
            b'"file:///etc/passwd">]>\n<configdatastorage><solutions>'
            b'<configsolutionfile solutionpackagefilename="&x;"/>'
            b"</solutions></configdatastorage>", [("A.zip", sol)])
    package(p("pkg-traversal.zip"), import_config(b"..\\..\\A.zip",
                                                  b"/etc/A.zip"),
            [("A.zip", sol)])
    zip_members(p("bad-utf8.zip"), [("customizations.xml",
        b'<ImportExportXml><Roles><Role id="{1}" name="\xc3\x28"/>'
        b'</Roles></ImportExportXml>')])
    apps_sections(out)
    bounds(p("bounds"))
    budget(p("budget"), scale)


if __name__ == "__main__":
    main()
