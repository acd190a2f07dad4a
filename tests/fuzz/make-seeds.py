#!/usr/bin/env python3
"""make-seeds.py - write the seed corpora of the libFuzzer targets.

    python3 tests/fuzz/make-seeds.py [OUTDIR]     (default: tests/fuzz/corpus)

Every seed is built here from readable text, so a reviewer can see what
each one contains; zips get fixed timestamps and attributes, so the output
is the same on every run (with the same zlib).  The script only writes
the files it names: inputs added by hand (fuzz findings) are left alone.

Targets and what their inputs are:
  xml/    one XML document; a first byte below 0x20 is a control byte
          (see fuzz_xml.c): kind = (byte & 7) % 5 (0 any,
          1 customizations, 2 optional customizations, 3 Roles/ member,
          4 solution.xml), bit 3 = feed in chunks of the next byte's
          size, bit 4 = parse focused on server-side-sync too and compare
  zip/    the bytes of a solution zip or a Package Deployer package (or
          anything else)
  zipdir/ the bytes of a zip, for the central directory walk
  csv/    a profile or catalog CSV
  check/  a solution zip or XML file, checked against server-side-sync
"""

import io
import os
import struct
import sys
import warnings
import zipfile
import zlib

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "corpus")
DATE = (1980, 1, 1, 0, 0, 0)
# The same moment as MS-DOS time and date fields: 00:00:00, 1980-01-01.
DOSDATE = (0, (0 << 9) | (1 << 5) | 1)

# ---- readable documents --------------------------------------------------

SSS = [  # the server-side-sync profile's privileges
    "prvReadEmailServerProfile", "prvWriteMailbox", "prvReadMailbox",
    "prvReadOrganization", "prvSyncToOutlook", "prvReadActionCard",
    "prvDeleteActivity", "prvAppendActivity", "prvWriteActivity",
    "prvCreateActivity", "prvReadActivity", "prvAppendToActivity",
    "prvReadConnection", "prvAssignContact", "prvReadContact",
    "prvWriteContact",
]


def privs(names, level="Basic", indent="      "):
    return "".join('%s<RolePrivilege name="%s" level="%s" />\n'
                   % (indent, n, level) for n in names)


def role(name, rid, body, indent=""):
    return ('%s<Role id="{%s}" name="%s">\n%s  <RolePrivileges>\n%s'
            '%s  </RolePrivileges>\n%s</Role>\n'
            % (indent, rid, name, indent, body, indent, indent))


ROLE_PASS = ('<?xml version="1.0" encoding="utf-8"?>\n'
             + role("Mailbox Owner", "8D1F9A2B-3C4D-4E5F-A6B7-C8D9E0F1A2B3",
                    privs(SSS + ["prvReadEmail"], "Basic", "    ")))

ROLE_FAIL = ('<?xml version="1.0" encoding="utf-8"?>\n'
             + role("Read-only Auditor",
                    "0b7e5c3a-9f8e-4d7c-b6a5-f4e3d2c1b0a9",
                    privs(["prvReadAccount", "prvReadLead",
                           "prvReadMailbox", "prvReadContact"],
                          "Global", "    ")))

# Custom, BPF, unknown and miscellaneous privileges, editor level names.
ROLE_ODD = '''<Role id="{11111111-2222-3333-4444-555555555555}" name="Odd &amp; Ends &lt;x&gt;">
  <RolePrivileges>
    <RolePrivilege name="prvCreatecontoso_Widget" level="Organization" />
    <RolePrivilege name="prvReadnew_bpf_0123456789abcdef0123456789ABCDEF" level="User" />
    <RolePrivilege name="prvReadOpportunitySalesProcess" level="Business Unit" />
    <RolePrivilege name="prvAppendTocontoso_widget" level="Parent: Child Business Units" />
    <RolePrivilege name="prvExportToExcel" level="Global" />
    <RolePrivilege name="prvFrobnicate" level="Deep" />
    <RolePrivilege name="PRVREADACCOUNT" level="local" />
    <RolePrivilege name="prvReadAccount" level="Basic" />
    <RolePrivilege name="prvWriteAccount" level="None" />
    <RolePrivilege name="prvDeleteAccount" level="Sideways" />
  </RolePrivileges>
</Role>
'''


# The same privilege spelt several ways, character references included.
ROLE_CASE = '''<Role id="{22222222-0000-0000-0000-000000000000}" name="Cases">
  <RolePrivileges>
    <RolePrivilege name="prvReadMailbox" level="Basic" />
    <RolePrivilege name="PRVREADMAILBOX" level="Global" />
    <RolePrivilege name="prvRead&#x4d;ailbox" level="Local" />
    <RolePrivilege name="prvWrite&#77;ailbox" level="Deep" />
    <RolePrivilege name="prvWriteMailbox" level="Basic" />
    <RolePrivilege name="prvRead&amp;Nothing" level="Basic" />
    <RolePrivilege name="prvReadContact&#x20;" level="Basic" />
    <RolePrivilege name=" prvReadContact" level="Basic" />
    <RolePrivilege name="prvReadContact" level="none" />
  </RolePrivileges>
</Role>
'''


def customizations(roles_xml, extra=""):
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/'
            'XMLSchema-instance" OrganizationVersion="9.2.24061.200">\n'
            '  <Entities />\n%s  <Roles>\n%s  </Roles>\n'
            '  <Languages><Language>1033</Language></Languages>\n'
            '</ImportExportXml>\n' % (extra, roles_xml))


# <Role> references that are not roles: forms, app modules, role maps.
REFERENCES = '''  <Entities>
    <Entity>
      <FormXml>
        <forms type="main">
          <systemform>
            <DisplayConditions Order="0" FallbackForm="true">
              <Role Id="{627090FF-40A3-4053-8790-584EDC5BE201}" />
              <Role Id="{119f245c-3cc8-4b62-b31c-d1a046ced15d}" name="Not a role" />
            </DisplayConditions>
          </systemform>
        </forms>
      </FormXml>
    </Entity>
  </Entities>
  <AppModules>
    <AppModule>
      <AppModuleRoleMaps>
        <Role id="{627090ff-40a3-4053-8790-584edc5be201}" />
      </AppModuleRoleMaps>
    </AppModule>
  </AppModules>
  <RoleMaps><Role id="{00000000-0000-0000-0000-00000000abcd}" name="map" /></RoleMaps>
'''

CUST = customizations(
    role("Mailbox Owner", "8d1f9a2b-3c4d-4e5f-a6b7-c8d9e0f1a2b3",
         privs(SSS), "    ")
    + role("Salesperson", "{aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee}",
           privs(SSS[:5] + ["prvReadAccount"], "Local"), "    ")
    + '    <Role id="{12345678-1234-1234-1234-123456789012}" '
      'name="No Privileges" />\n',
    REFERENCES)

MANIFEST = '''<ImportExportXml version="9.2.24061.200" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive">
  <SolutionManifest>
    <UniqueName> ContosoFuzz </UniqueName>
    <LocalizedNames><LocalizedName description="Contoso" languagecode="1033" /></LocalizedNames>
    <Version>1.2.3.4</Version>
    <Managed>2</Managed>
    <Publisher>
      <UniqueName>contoso</UniqueName>
      <CustomizationPrefix>contoso</CustomizationPrefix>
    </Publisher>
    <UniqueName>second-is-ignored</UniqueName>
  </SolutionManifest>
</ImportExportXml>
'''

MANIFEST_UNMANAGED = MANIFEST.replace("<Managed>2", "<Managed>0").replace(
    "<Version>1.2.3.4</Version>", "<Version><![CDATA[9.9]]></Version>")

CONTENT_TYPES = ('<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://'
                 'schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/'
                 'octet-stream" /></Types>')

LAUGHS = '''<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Role id="{1}" name="&lol9;"><RolePrivileges><RolePrivilege name="prvReadAccount" level="Basic"/></RolePrivileges></Role>
'''

XXE = '''<?xml version="1.0"?>
<!DOCTYPE Role SYSTEM "http://127.0.0.1:9/role.dtd">
<Role id="{1}" name="x"><RolePrivileges>
<RolePrivilege name="&xxe;" level="Basic"/></RolePrivileges></Role>
'''

# An entity declared without a DOCTYPE callback firing first is impossible,
# but a parameter entity in the internal subset takes another path.
PARAM_ENTITY = '''<!DOCTYPE r [ <!ENTITY % p SYSTEM "file:///etc/passwd"> %p; ]>
<Role name="x"/>
'''

DEEP = "<Role name=\"deep\">" + "<a>" * 300 + "</a>" * 300 + "</Role>\n"

LONG = ('<Role id="{1}" name="%s"><RolePrivileges>'
        '<RolePrivilege name="prv%s" level="Basic"/>'
        '</RolePrivileges></Role>\n' % ("N" * 1025, "R" * 1100))

BAD_ROLES = '''<ImportExportXml><Roles>
  <Role name="no id"><RolePrivileges><RolePrivilege name="prvReadAccount" level="Basic"/></RolePrivileges></Role>
  <Role id="{2}" name="no level"><RolePrivileges><RolePrivilege name="prvReadAccount"/></RolePrivileges></Role>
  <Role id="{3}"><RolePrivileges><RolePrivilege level="Basic"/></RolePrivileges></Role>
</Roles></ImportExportXml>
'''

NO_PRIV_NAME = ('<Role id="{3}" name="p"><RolePrivileges>'
                '<RolePrivilege name="" level="Basic"/>'
                '</RolePrivileges></Role>')

NO_NAME = '<Role id="{4}"><RolePrivileges/></Role>'

MULTILINE_TAG = '''<?xml version="1.0"?>

<Role
  id="{ABCDEF00-0000-0000-0000-000000000000}"
  name="Spread
over lines"
><RolePrivileges
><RolePrivilege
   name="prvReadMailbox"
   level="Basic"/></RolePrivileges></Role>
'''

NAMESPACED = '''<a:ImportExportXml xmlns:a="urn:x"><a:Roles>
<a:Role id="{1}" name="prefixed"><a:RolePrivileges><a:RolePrivilege name="prvReadAccount" level="Basic"/></a:RolePrivileges></a:Role>
</a:Roles><Roles><Role ID="{2}" NAME="upper attrs"><RolePrivileges>
<RolePrivilege NAME="prvReadMailbox" LEVEL="Global" x:level="Basic" xmlns:x="urn:y"/>
</RolePrivileges></Role></Roles></a:ImportExportXml>
'''

# Invalid UTF-8 and control characters in names (numeric references).
CONTROL = ('<Role id="{1}" name="tab&#9;bell&#x1F;esc">'
           '<RolePrivileges><RolePrivilege name="prv&#x85;Read\u202eAccount"'
           ' level="Basic"/></RolePrivileges></Role>')

# ---- xml target ---------------------------------------------------------


def bom_crlf(s):
    return b"\xef\xbb\xbf" + s.replace("\n", "\r\n").encode("utf-8")


XML = {
    "role-pass.xml": ROLE_PASS.encode(),
    "role-fail.xml": ROLE_FAIL.encode(),
    "role-odd.xml": ROLE_ODD.encode(),
    "role-bom-crlf.xml": bom_crlf(ROLE_PASS),
    "role-utf16.xml": ROLE_FAIL.replace('"utf-8"', '"utf-16"')
                               .encode("utf-16"),
    "role-multiline-tag.xml": MULTILINE_TAG.encode(),
    "role-control-chars.xml": CONTROL.encode(),
    "role-invalid-utf8.xml": b'<Role id="{1}" name="caf\xe9 \xff\xfe">'
                             b'</Role>',
    "role-long-names.xml": LONG.encode(),
    "role-no-name.xml": NO_NAME.encode(),
    "role-empty-priv-name.xml": NO_PRIV_NAME.encode(),
    "role-deep.xml": DEEP.encode(),
    "role-truncated.xml": ROLE_PASS.encode()[:300],
    "customizations.xml": CUST.encode(),
    "customizations-bad-roles.xml": BAD_ROLES.encode(),
    "customizations-no-roles.xml": b"<ImportExportXml><Entities/>"
                                   b"</ImportExportXml>",
    "customizations-namespaced.xml": NAMESPACED.encode(),
    "doctype-billion-laughs.xml": LAUGHS.encode(),
    "doctype-external.xml": XXE.encode(),
    "doctype-param-entity.xml": PARAM_ENTITY.encode(),
    "unknown-root.xml": b"<Solution><Roles/></Solution>",
    "not-xml-pk.xml": b"PK\x03\x04<Role name='x'/>",
    "empty.xml": b"",
    "whitespace.xml": b"  \n\t ",
    "two-roots.xml": b"<Role name='a'/><Role name='b'/>",
    "comment-pi-only.xml": b"<?xml version='1.0'?><!-- c --><?pi x?>",
    # Control byte: kind 4, solution.xml.
    "k4-manifest.bin": b"\x04" + MANIFEST.encode(),
    "k4-manifest-cdata.bin": b"\x04" + MANIFEST_UNMANAGED.encode(),
    "k4-not-manifest.bin": b"\x04" + ROLE_FAIL.encode(),
    # Kind 3, a Roles/ member: a role, and a root that is skipped.
    "k3-role.bin": b"\x03" + ROLE_ODD.encode(),
    "k3-not-a-role.bin": b"\x03" + CONTENT_TYPES.encode(),
    # Kind 1, customizations.xml in a zip; kind 2 in a folder.
    "k1-customizations.bin": b"\x01" + CUST.encode(),
    "k1-role.bin": b"\x01" + ROLE_PASS.encode(),
    "k2-no-roles.bin": b"\x02<ImportExportXml><Entities/></ImportExportXml>",
    # Chunked feeds: byte by byte, 7 bytes, 64 bytes.
    "k0-chunk1-multiline.bin": b"\x08\x01" + MULTILINE_TAG.encode(),
    "k3-chunk7-bom-crlf.bin": b"\x0b\x07" + bom_crlf(ROLE_PASS),
    "k1-chunk64-customizations.bin": b"\x09\x40" + CUST.encode(),
    "k4-chunk3-manifest.bin": b"\x0c\x03" + MANIFEST.encode(),
    "k0-chunk5-laughs.bin": b"\x08\x05" + LAUGHS.encode(),
    "role-case.xml": ROLE_CASE.encode(),
    # Bit 4: parse focused on server-side-sync too, and compare.
    "k0-focus-case.bin": b"\x10" + ROLE_CASE.encode(),
    "k0-focus-odd.bin": b"\x10" + ROLE_ODD.encode(),
    "k1-focus-customizations.bin": b"\x11" + CUST.encode(),
    "k3-focus-chunk9-pass.bin": b"\x1b\x09" + ROLE_PASS.encode(),
    "k4-focus-manifest.bin": b"\x14" + MANIFEST.encode(),
}

# ---- zips ---------------------------------------------------------------


def zip_normal(members, compress=zipfile.ZIP_DEFLATED, comment=b""):
    """A zip written by zipfile with fixed metadata; duplicates allowed."""
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(buf, "w") as z:
            for name, data in members:
                zi = zipfile.ZipInfo(name, DATE)
                zi.compress_type = compress
                zi.create_system = 0
                zi.external_attr = 0
                z.writestr(zi, data)
            z.comment = comment
    return buf.getvalue()


class Unseekable(io.RawIOBase):
    """A write-only stream: zipfile then writes data descriptors."""

    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.buf += b
        return len(b)


def zip_streamed(members):
    out = Unseekable()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            with z.open(zi, "w") as f:
                f.write(data)
    return bytes(out.buf)


def zip_zip64(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            with z.open(zi, "w", force_zip64=True) as f:
                f.write(data)
    return buf.getvalue()


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def zip_raw(entries, comment=b""):
    """Hand-built zip.  Each entry is a dict: name, data and optionally
    method, flags, crc, size (uncompressed), payload (stored bytes)."""
    local = bytearray()
    central = bytearray()
    for e in entries:
        name = e["name"].encode() if isinstance(e["name"], str) else e["name"]
        data = e.get("data", b"")
        method = e.get("method", 8)
        payload = e.get("payload")
        if payload is None:
            payload = deflate(data) if method == 8 else data
        crc = e.get("crc", zlib.crc32(data))
        size = e.get("size", len(data))
        flags = e.get("flags", 0)
        off = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, flags, method,
                             DOSDATE[0], DOSDATE[1], crc, len(payload), size,
                             len(name), 0) + name + payload
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 20, 20,
                               flags, method, DOSDATE[0], DOSDATE[1], crc,
                               len(payload), size, len(name), 0, 0, 0, 0, 0,
                               off) + name
    eocd = struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, len(entries),
                       len(entries), len(central), len(local), len(comment))
    return bytes(local + central + eocd + comment)


SOLUTION = [("[Content_Types].xml", CONTENT_TYPES.encode()),
            ("solution.xml", MANIFEST.encode()),
            ("customizations.xml", CUST.encode())]

PACKAGED = [("[Content_Types].xml", CONTENT_TYPES.encode()),
            ("solution.xml", MANIFEST_UNMANAGED.encode()),
            ("Roles/Mailbox Owner.xml", ROLE_PASS.encode()),
            ("Roles/Auditor.xml", bom_crlf(ROLE_FAIL)),
            ("Roles/odd", ROLE_ODD.encode()),
            ("Roles/Other.xml", CONTENT_TYPES.encode()),
            ("Roles/sub/ignored.xml", b"<not xml"),
            ("Roles/", b"")]

MINI_CUST = customizations(role("Mini", "1", privs(["prvReadAccount"])))
BOMB = (b"<ImportExportXml><Roles>" + b" " * (2 << 20)
        + b"</Roles></ImportExportXml>")

ZIP = {
    "solution.zip": zip_normal(SOLUTION),
    "solution-stored.zip": zip_normal(SOLUTION, zipfile.ZIP_STORED,
                                      b"a comment"),
    "packaged-roles.zip": zip_normal(PACKAGED),
    "streamed-data-descriptors.zip": zip_streamed(PACKAGED[:4]),
    "zip64.zip": zip_zip64([("customizations.xml", MINI_CUST.encode())]),
    "only-roles-member.zip": zip_normal([("roles/x.XML", ROLE_ODD.encode())]),
    "case-customizations.zip": zip_normal(
        [("CUSTOMIZATIONS.XML", CUST.encode()),
         ("Solution.xml", MANIFEST.encode())]),
    "empty.zip": zip_normal([]),
    "no-solution.zip": zip_normal([("[Content_Types].xml",
                                    CONTENT_TYPES.encode())]),
    "empty-member.zip": zip_normal([("customizations.xml", b"")]),
    "doctype-member.zip": zip_normal([("customizations.xml",
                                       LAUGHS.encode())]),
    "truncated.zip": zip_normal(SOLUTION)[:700],
    "truncated-tail.zip": zip_normal(SOLUTION)[:-10],
    "duplicate-customizations.zip": zip_normal(
        [("customizations.xml", MINI_CUST.encode()),
         ("customizations.xml", CUST.encode())]),
    "duplicate-solution-case.zip": zip_normal(
        [("solution.xml", MANIFEST.encode()),
         ("SOLUTION.XML", MANIFEST.encode()),
         ("customizations.xml", MINI_CUST.encode())]),
    "duplicate-roles-case.zip": zip_normal(
        [("Roles/A.xml", ROLE_PASS.encode()),
         ("roles/a.xml", ROLE_FAIL.encode())]),
    # Case-insensitive duplicates that a case-sensitive sort keeps apart.
    "duplicate-roles-case-apart.zip": zip_normal(
        [("Roles/A.xml", ROLE_PASS.encode()),
         ("Roles/B.xml", ROLE_ODD.encode()),
         ("roles/a.xml", ROLE_FAIL.encode())]),
    "unsafe-names.zip": zip_normal(
        [("../customizations.xml", CUST.encode()),
         ("/solution.xml", MANIFEST.encode()),
         ("C:customizations.xml", CUST.encode()),
         ("Roles/..", ROLE_PASS.encode()),
         ("a\\..\\b", b""),
         ("Roles/ok.xml", ROLE_PASS.encode())]),
    "encrypted-flag.zip": zip_raw(
        [{"name": "customizations.xml", "data": MINI_CUST.encode(),
          "flags": 1,
          "payload": bytes(12) + deflate(MINI_CUST.encode())}]),
    "unsupported-method.zip": zip_raw(
        [{"name": "customizations.xml", "data": MINI_CUST.encode(),
          "method": 97, "payload": MINI_CUST.encode()}]),
    "bad-crc.zip": zip_raw(
        [{"name": "customizations.xml", "data": MINI_CUST.encode(),
          "crc": 0x12345678}]),
    "lying-size.zip": zip_raw(
        [{"name": "customizations.xml", "data": MINI_CUST.encode(),
          "size": 40}]),
    "bad-deflate.zip": zip_raw(
        [{"name": "customizations.xml", "data": MINI_CUST.encode(),
          "payload": b"\xff" * 64}]),
    "ratio-bomb.zip": zip_raw([{"name": "customizations.xml",
                                "data": BOMB}]),
    "lying-size-bomb.zip": zip_raw([{"name": "customizations.xml",
                                     "data": BOMB, "size": 100}]),
    "raw-roles.zip": zip_raw(
        [{"name": "solution.xml", "data": MANIFEST.encode(), "method": 0},
         {"name": "Roles/r.xml", "data": ROLE_ODD.encode()}],
        b"trailing comment"),
    "pk-not-zip.bin": b"PK\x03\x04" + b"\x00" * 26 + b"garbage",
    "pk-empty-sig-only.bin": b"PK\x05\x06",
}

# ---- zipdir: layouts for the central directory walk -----------------------


def lh(name, payload, size=None, extra=b"", method=0):
    """A local header and its data, stored unless METHOD says not."""
    size = len(payload) if size is None else size
    return struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, 0, method,
                       DOSDATE[0], DOSDATE[1], zlib.crc32(payload),
                       len(payload), size, len(name), len(extra)) \
        + name + extra + payload


def ce(name, off, payload_len, size, extra=b"", comment=b"", method=0,
       crc=0, version=20):
    """A central directory entry."""
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, version, version, 0,
                       method, DOSDATE[0], DOSDATE[1], crc, payload_len,
                       size, len(name), len(extra), len(comment), 0, 0, 0,
                       off) + name + extra + comment


def eocd(count, cd, cd_off, comment=b""):
    return struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, count, count, len(cd),
                       cd_off, len(comment)) + comment


def layout(entries, count=None, cd_size=None, comment=b""):
    """Members from (name, data) pairs, stored, then the directory; COUNT
    and CD_SIZE override the end record's."""
    body, cd = b"", b""
    for name, data in entries:
        cd += ce(name, len(body), len(data), len(data),
                 crc=zlib.crc32(data))
        body += lh(name, data)
    rec = eocd(len(entries) if count is None else count, cd, len(body),
               comment)
    if cd_size is not None:
        rec = rec[:12] + struct.pack("<I", cd_size) + rec[16:]
    return body + cd + rec


def overlapped(n, quoted):
    """N members sharing one kernel: all local headers first ("full
    overlap"), or each quoting the next in a stored block (QUOTED)."""
    kernel = deflate(b" " * 4096)
    names = [b"Roles/r%d.xml" % i for i in range(n)]
    quote = 5 if quoted else 0
    heads = [lh(nm, b"", 0, method=8) for nm in names]
    offs = [sum(len(h) + quote for h in heads[:i]) for i in range(n)]
    end = offs[-1] + len(heads[-1]) + len(kernel)
    body = b""
    for i in range(n):
        if quoted and i > 0:
            body += struct.pack("<BHH", 0, len(heads[i]),
                                len(heads[i]) ^ 0xFFFF)
        body += heads[i]
    body += kernel
    cd = b"".join(ce(names[i], offs[i], end - offs[i] - len(heads[i]),
                     4096 + i, method=8) for i in range(n))
    return body + cd + eocd(n, cd, len(body))


def nested():
    """A local header inside another's extra field, and an entry for it."""
    role = b'<Role id="{1}" name="in"/>'
    inner = lh(b"Roles/in.xml", role)
    extra = struct.pack("<HH", 0xCAFE, len(inner)) + inner
    cust = MINI_CUST.encode()
    body = lh(b"customizations.xml", cust, extra=extra)
    cd = (ce(b"customizations.xml", 0, len(cust), len(cust),
             crc=zlib.crc32(cust)) +
          ce(b"Roles/in.xml", 30 + 18 + 4, len(role), len(role),
             crc=zlib.crc32(role)))
    return body + cd + eocd(2, cd, len(body))


def zip64_count():
    """A zip64 end record claiming 2^40 members, and one that is sound."""
    cust = MINI_CUST.encode()
    body = lh(b"customizations.xml", cust)
    x64 = struct.pack("<HHQQQ", 1, 24, len(cust), len(cust), 0)
    cd = ce(b"customizations.xml", 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF,
            extra=x64, crc=zlib.crc32(cust), version=45)

    def tail(count):
        at = len(body) + len(cd)
        return (struct.pack("<IQHHIIQQQQ", 0x06064b50, 44, 45, 45, 0, 0,
                            count, count, len(cd), len(body)) +
                struct.pack("<IIQI", 0x07064b50, 0, at, 1) +
                struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, 0xFFFF, 0xFFFF,
                            0xFFFFFFFF, 0xFFFFFFFF, 0))
    return body + cd + tail(1), body + cd + tail(1 << 40)


SOUND = [(b"customizations.xml", MINI_CUST.encode()),
         (b"Roles/a.xml", ROLE_PASS.encode())]
_two = layout(SOUND)
_zip64_sound, _zip64_count = zip64_count()

ZIPDIR = {
    "solution.zip": ZIP["solution.zip"],
    "zip64.zip": ZIP["zip64.zip"],
    "streamed.zip": ZIP["streamed-data-descriptors.zip"],
    "raw-roles.zip": ZIP["raw-roles.zip"],
    "empty.zip": ZIP["empty.zip"],
    "sound-stored.zip": _two,
    "zip64-hand.zip": _zip64_sound,
    "zip64-count-2-40.zip": _zip64_count,
    "overlap-full.zip": overlapped(4, False),
    "overlap-quoted.zip": overlapped(4, True),
    "nested-header.zip": nested(),
    "shared-header.zip": (lambda c: lh(b"customizations.xml", c) +
                          ce(b"customizations.xml", 0, len(c), len(c)) +
                          ce(b"customizations.xml", 0, len(c), len(c)) +
                          eocd(2, b"\0" * 2 * (46 + 18), 30 + 18 + len(c)))(
                              MINI_CUST.encode()),
    "cd-too-large.zip": layout(SOUND, cd_size=0xFFFFFFF0),
    "count-too-large.zip": layout(SOUND, count=0xFFFE),
    "count-wrong.zip": layout(SOUND, count=1),
    "two-end-records.zip": _two[:-2] + struct.pack("<H", 22) + _two[-22:],
    # A signature in the comment, but the comment would not end there.
    "comment-holds-signature.zip": layout(SOUND, comment=b"PK\x05\x06" +
                                          bytes(18) + b"more"),
    "extra-257.zip": (lambda c: lh(b"customizations.xml", c,
                                   extra=struct.pack("<HH", 0xCAFE, 253) +
                                   bytes(253)) +
                      ce(b"customizations.xml", 0, len(c), len(c)) +
                      eocd(1, bytes(46 + 18), 30 + 18 + 257 + len(c)))(
                          MINI_CUST.encode()),
    "truncated-directory.zip": _two[:-40] + _two[-22:],
    # libzip opens zero bytes as an empty archive (a first fuzz finding).
    "zero-bytes.bin": b"",
}

# Package Deployer packages: PkgFolder/ImportConfig.xml and the solution
# zips it lists, in memory one level down.
PKG_CONFIG = (b'\xef\xbb\xbf<?xml version="1.0" encoding="utf-16"?>\n'
              b'<configdatastorage crmmigdataimportfile="Data.zip">\n'
              b"<solutions>\n"
              b'<configsolutionfile solutionpackagefilename="B.zip"/>\n'
              b'<configsolutionfile solutionpackagefilename="A.zip"/>\n'
              b'<configsolutionfile solutionpackagefilename="a.zip"/>\n'
              b'<configsolutionfile solutionpackagefilename="Gone.zip"/>\n'
              b"</solutions>\n</configdatastorage>\n")
ZIP["package.zip"] = zip_normal(
    [("PkgFolder/ImportConfig.xml", PKG_CONFIG),
     ("PkgFolder/A.zip", ZIP["solution.zip"]),
     ("PkgFolder/B.zip", ZIP["packaged-roles.zip"]),
     ("PkgFolder/Data.zip", ZIP["empty.zip"]),
     ("PkgFolder/Extra.zip", ZIP["solution-stored.zip"])])
ZIP["package-backslash-stored.zip"] = zip_normal(
    [("PkgFolder\\ImportConfig.xml", PKG_CONFIG.replace(
        b'"Gone.zip"', b'"..\\x.zip"')),
     ("PkgFolder\\A.zip", ZIP["solution.zip"]),
     ("PkgFolder\\B.zip", ZIP["zip64.zip"])], zipfile.ZIP_STORED)
# Sound: the same solution twice, so a merge replaces its roles.
ZIP["package-sound.zip"] = zip_normal(
    [("PkgFolder/ImportConfig.xml", PKG_CONFIG.replace(
        b'"a.zip"', b'"A2.zip"').replace(b'"Gone.zip"', b'"Data.zip"')),
     ("PkgFolder/A.zip", ZIP["solution.zip"]),
     ("PkgFolder/A2.zip", ZIP["solution.zip"]),
     ("PkgFolder/B.zip", ZIP["packaged-roles.zip"]),
     ("PkgFolder/Data.zip", ZIP["solution-stored.zip"])])
ZIP["package-nested.zip"] = zip_normal(
    [("PkgFolder/ImportConfig.xml", PKG_CONFIG),
     ("PkgFolder/A.zip", ZIP["package.zip"]),
     ("PkgFolder/B.zip", ZIP["solution.zip"])])

# ---- csv ----------------------------------------------------------------

PROFILE = '''# A profile for the fuzzer.
# source: hand-written seed
privilege,entity,tab,section,min_level
prvReadMailbox,Mailbox,Business Management,,
prvWriteMailbox,Mailbox,Business Management,,Local
prvSyncToOutlook,"Outlook (sync)",Business Management,Privacy-related Privileges,
prvExportToExcel,,Core Records,Miscellaneous Privileges,Global
prvReadAccount,,,,Organization
prvReadAccount,,,,Basic
prvCreatenew_widget,Widget,Custom Entities,,Parent: Child Business Units
prvReadnew_bpf_0123456789abcdef0123456789abcdef,,,,
'''

CATALOG = '''privilege,entity,tab,section,access,depths
prvReadAccount,"Account, overridden",Sales,,Read,Basic;Local|Global
prvFuzzThing,Fuzz Thing,Customization,Miscellaneous,Misc,Global
prvAppendToFuzz,Fuzz,Custom Entities,Entities,Append To,basic;;deep;nonsense
prvReadMailbox,Mailbox,Core,Privacy,Read,
'''

CSV = {
    "profile.csv": PROFILE.encode(),
    "profile-bom-crlf.csv": b"\xef\xbb\xbf" + PROFILE.replace(
        "\n", "\r\n").encode(),
    "profile-level-column.csv": b"Privilege,Level\nprvReadAccount,deep\n"
                                b"prvReadContact,\n",
    "profile-quotes-newlines.csv":
        b'privilege,entity,tab,section,min_level\n'
        b'"prvReadAccount","Account ""the"" entity\nover, two lines",'
        b'"Core Records","",Basic\n'
        b'prvReadContact,"=cmd|\' /C calc\'!A0",,,\n'
        b'prvReadLead,"+1","","",""\n'
        b'# not a comment inside data? it is: between records\n'
        b'"prvReadMailbox"\n',
    "profile-bad-level.csv": b"privilege,min_level\nprvReadAccount,Sideways\n"
                             b"prvReadContact,None\nprvReadLead,Global\n",
    "profile-not-prv.csv": b"privilege,min_level\nReadAccount,Basic\n,Basic\n"
                           b"prvReadLead,Basic\n",
    "profile-bad-tab.csv": b"privilege,tab,section\nprvReadAccount,Nowhere,\n"
                           b"prvReadContact,Sales,Nothing\n",
    "profile-empty.csv": b"privilege,min_level\n",
    "profile-no-header.csv": b"# only comments\n\n#\n",
    "profile-wrong-header.csv": b"name,level\nprvReadAccount,Basic\n",
    "unterminated-quote.csv": b'privilege\n"prvReadAccount\nprvReadLead\n',
    "quote-in-field.csv": b'privilege\nprv"Read"Account\n',
    "nul-byte.csv": b"privilege\nprvRead\x00Account\n",
    "invalid-utf8.csv": b"privilege,entity\nprvRead\xff\xfe,\xc3(\n",
    "long-name.csv": b"privilege\nprv" + b"x" * 1100 + b"\n",
    "catalog.csv": CATALOG.encode(),
    "catalog-bad-rows.csv": b"privilege,entity,tab,section,access,depths\n"
                            b",x,Sales,,Read,\nprvA,x,Nowhere,,Read,\n"
                            b"prvB,x,Sales,,Frob,\nprvC,x,Sales,Odd,Read,\n",
    "catalog-cr-only.csv": CATALOG.replace("\n", "\r").encode(),
    "empty.csv": b"",
    "bom-only.csv": b"\xef\xbb\xbf",
}

# ---- check --------------------------------------------------------------

CHECK = {
    "role-pass.xml": XML["role-pass.xml"],
    "role-fail-bom-crlf.xml": bom_crlf(ROLE_FAIL),
    "role-odd.xml": XML["role-odd.xml"],
    "customizations.xml": XML["customizations.xml"],
    "solution.zip": ZIP["solution.zip"],
    "packaged-roles.zip": ZIP["packaged-roles.zip"],
    "control-chars.zip": zip_normal(
        [("Roles/\x1b[31mred.xml", CONTROL.encode()),
         ("Roles/inv\xe9.xml", XML["role-invalid-utf8.xml"])]),
    "csv-injection.xml": (
        '<Role id="{1}" name="=HYPERLINK(&quot;x&quot;)">'
        '<RolePrivileges><RolePrivilege name="prvReadMailbox" level="Basic"/>'
        '</RolePrivileges></Role>').encode(),
    "empty-role.xml": b'<Role name="" id=""/>',
    "role-case.xml": ROLE_CASE.encode(),
    "customizations-case.zip": zip_normal(
        [("customizations.xml", customizations(ROLE_CASE).encode())]),
}


def write(target, files):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    for name, data in sorted(files.items()):
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
    print("%s/%s: %d seeds" % (os.path.basename(OUT), target, len(files)))


# Seeds for the fast <Roles> reader against libxml2 (fuzz_xml control
# values 5-7): every customizations-shaped seed, whole and in chunks.
for _name in [n for n in sorted(XML) if n.startswith("customizations")]:
    XML["s6-" + _name.replace(".xml", ".bin")] = b"\x06" + XML[_name]
    XML["s6-chunk13-" + _name.replace(".xml", ".bin")] = \
        b"\x0e\x0d" + XML[_name]
    XML["s5-focus-" + _name.replace(".xml", ".bin")] = b"\x15" + XML[_name]
XML["s6-doctype.bin"] = b"\x06" + XML["doctype-billion-laughs.xml"]
XML["s7-no-roles.bin"] = b"\x07" + XML["customizations-no-roles.xml"]


def main():
    write("xml", XML)
    write("zip", ZIP)
    write("zipdir", ZIPDIR)
    write("csv", CSV)
    write("check", CHECK)


if __name__ == "__main__":
    main()
