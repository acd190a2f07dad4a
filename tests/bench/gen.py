#!/usr/bin/env python3
"""Generate the benchmark solutions deterministically.

    python3 tests/bench/gen.py KIND SCALE OUT.zip [EDIT]

KIND is "roles" (role-heavy: entity definitions, then 2,000 roles of 800
privileges at scale 1) or "entities" (entity-heavy: 12,000 entity
definitions with attributes and forms, then 200 roles of 600 privileges).
Each entity carries the metadata real exports do (see the corpus in
../shared/corpus/real): <Name LocalizedName OriginalName>, LocalizedNames
in one or two languages, and after its attributes the table's settings,
OwnershipTypeMask (user-owned, one in five organization-owned, one in
fifty a business process flow: organization-owned, IsBPFEntity 1)
among them; the first few are system tables written unmodified="1", as
an export writes a system table it only touches.
SCALE multiplies the counts: 1 gives a customizations.xml of about
150 MB, 0.1 about 15 MB, 4 about 600 MB.  Output depends only on the
arguments (fixed seed, fixed zip timestamps).

EDIT N makes the next version of the same solution, for `diff`: the
first privilege of every Nth role changes level (Basic <-> Global, Local
<-> Deep); everything else is byte for byte the same.
"""
import random
import sys
import zipfile

STAMP = (2024, 6, 1, 12, 0, 0)
VERBS = ["Create", "Read", "Write", "Delete", "Append", "AppendTo",
         "Assign", "Share"]
LEVELS = ["Basic", "Local", "Deep", "Global"]
SSS = ["prvReadEmailServerProfile", "prvWriteMailbox", "prvReadMailbox",
       "prvReadOrganization", "prvSyncToOutlook", "prvReadActionCard",
       "prvDeleteActivity", "prvAppendActivity", "prvWriteActivity",
       "prvCreateActivity", "prvReadActivity", "prvAppendToActivity",
       "prvReadConnection", "prvAssignContact", "prvReadContact",
       "prvWriteContact", "prvCreateContact", "prvDeleteContact",
       "prvReadUserQuery", "prvReadQueue", "prvReadQuery", "prvReadIncident",
       "prvSearchAvailability", "prvOverrideCreatedOnCreatedBy"]


SYSTEM = [("Account", "Account"), ("Contact", "Contact"),
          ("SystemUser", "User"), ("Task", "Task")]


def settings(w, rng, owner, bpf):
    """The table's settings after its attributes, in the order and the
    spelling of a Dataverse 9.2 export."""
    flags = ["IsDuplicateCheckSupported", "IsBusinessProcessEnabled",
             "IsRequiredOffline", "IsInteractionCentricEnabled",
             "IsCollaboration", "AutoRouteToOwnerQueue",
             "IsConnectionsEnabled", "IsDocumentManagementEnabled",
             "AutoCreateAccessTeams", "IsOneNoteIntegrationEnabled",
             "IsKnowledgeManagementEnabled", "IsSLAEnabled",
             "IsDocumentRecommendationsEnabled"]
    for f in flags:
        w(f'          <{f}>{rng.randrange(2)}</{f}>\n')
    w(f'          <IsBPFEntity>{bpf}</IsBPFEntity>\n'
      f'          <OwnershipTypeMask>{owner}</OwnershipTypeMask>\n')
    for f in ["IsAuditEnabled", "IsRetrieveAuditEnabled",
              "IsRetrieveMultipleAuditEnabled", "IsActivity"]:
        w(f'          <{f}>{rng.randrange(2) if f != "IsActivity" else 0}'
          f'</{f}>\n')
    w('          <ActivityTypeMask></ActivityTypeMask>\n'
      '          <IsActivityParty>0</IsActivityParty>\n'
      '          <IsReplicated>1</IsReplicated>\n'
      '          <IsReplicationUserFiltered>1</IsReplicationUserFiltered>\n'
      '          <IsMailMergeEnabled>0</IsMailMergeEnabled>\n'
      '          <IsVisibleInMobile>0</IsVisibleInMobile>\n'
      '          <IsVisibleInMobileClient>1</IsVisibleInMobileClient>\n'
      '          <MobileOfflineFilters></MobileOfflineFilters>\n'
      '          <IntroducedVersion>1.0.0.0</IntroducedVersion>\n'
      '          <IsCustomizable>1</IsCustomizable>\n'
      '          <IsRenameable>1</IsRenameable>\n'
      '          <IsMappable>1</IsMappable>\n'
      '          <CanCreateAttributes>1</CanCreateAttributes>\n'
      '          <CanCreateForms>1</CanCreateForms>\n'
      '          <CanCreateViews>1</CanCreateViews>\n'
      '          <EntityHelpUrlEnabled>0</EntityHelpUrlEnabled>\n'
      '          <ChangeTrackingEnabled>0</ChangeTrackingEnabled>\n')


def entity(w, rng, i, nattr):
    if i < len(SYSTEM):
        # A system table the export only touches: no metadata of its own.
        name, label = SYSTEM[i]
        w(f'    <Entity>\n      <Name LocalizedName="{label}" '
          f'OriginalName="">{name}</Name>\n'
          f'      <EntityInfo>\n        <entity Name="{name}" '
          'unmodified="1">\n          <attributes />\n        </entity>\n'
          '      </EntityInfo>\n      <RibbonDiffXml />\n    </Entity>\n')
        return
    name = f"bench_table{i:05d}"
    kind = rng.randrange(50)
    owner, bpf = ("OrgOwned", 1) if kind == 0 else \
        ("OrgOwned", 0) if kind < 11 else ("UserOwned", 0)
    w(f'    <Entity>\n      <Name LocalizedName="Table {i}" '
      f'OriginalName="Table {i}">{name}</Name>\n'
      f'      <ObjectTypeCode>{10000 + i}</ObjectTypeCode>\n'
      f'      <EntityInfo>\n        <entity Name="{name}">\n'
      f'          <LocalizedNames>\n            <LocalizedName '
      f'description="Table {i}" languagecode="1033" />\n')
    if i % 3 == 0:
        w(f'            <LocalizedName description="Tabelle {i}" '
          'languagecode="1031" />\n')
    w(f'          </LocalizedNames>\n          <LocalizedCollectionNames>\n'
      f'            <LocalizedCollectionName description="Tables {i}" '
      'languagecode="1033" />\n          </LocalizedCollectionNames>\n'
      '          <Descriptions>\n            <Description description='
      f'"Bench table {i} &amp; its records" languagecode="1033" />\n'
      '          </Descriptions>\n          <attributes>\n')
    for a in range(nattr):
        w(f'            <attribute PhysicalName="bench_field{a:03d}">\n'
          f'              <Type>nvarchar</Type>\n'
          f'              <Name>bench_field{a:03d}</Name>\n'
          f'              <LogicalName>bench_field{a:03d}</LogicalName>\n'
          f'              <RequiredLevel>none</RequiredLevel>\n'
          f'              <MaxLength>{rng.randrange(10, 4000)}</MaxLength>\n'
          f'              <displaynames><displayname description="Field '
          f'{a}" languagecode="1033" /></displaynames>\n'
          f'            </attribute>\n')
    w('          </attributes>\n'
      f'          <EntitySetName>{name}s</EntitySetName>\n')
    settings(w, rng, owner, bpf)
    w('        </entity>\n      </EntityInfo>\n'
      '      <FormXml>\n        <forms type="main">\n          <systemform>\n'
      f'            <formid>{{{rng.getrandbits(128):032x}}}</formid>\n'
      '            <DisplayConditions Order="0" FallbackForm="true">\n'
      f'              <Role Id="{{{rng.getrandbits(128):032x}}}" />\n'
      '            </DisplayConditions>\n'
      '            <form><tabs><tab name="general"><columns><column '
      'width="100%"><sections><section name="s1"><rows>\n')
    for a in range(0, nattr, 2):
        w(f'              <row><cell id="{{{rng.getrandbits(64):016x}}}">'
          f'<control id="bench_field{a:03d}" datafieldname='
          f'"bench_field{a:03d}" /></cell></row>\n')
    w('            </rows></section></sections></column></columns></tab>'
      '</tabs></form>\n          </systemform>\n        </forms>\n'
      '      </FormXml>\n    </Entity>\n')


def role(w, rng, i, nprivs, pool, edit=0):
    w(f'    <Role id="{{{rng.getrandbits(128):032x}}}" name="Bench role '
      f'{i:04d}">\n      <IsCustomizable>1</IsCustomizable>\n'
      '      <RolePrivileges>\n')
    names = rng.sample(pool, nprivs - 20) + rng.sample(SSS, 20)
    # Exports list privileges sorted ignoring case (see the corpus).
    for k, n in enumerate(sorted(names, key=str.lower)):
        level = rng.randrange(4)
        if edit and i % edit == 0 and k == 0:
            level = 3 - level
        w(f'        <RolePrivilege name="{n}" '
          f'level="{LEVELS[level]}" />\n')
    w('      </RolePrivileges>\n    </Role>\n')


def main():
    kind, scale, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    edit = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    rng = random.Random(20261121)
    if kind == "roles":
        nent, nattr, nrole, nprivs = int(3000 * scale), 23, int(2000 * scale), 800
    elif kind == "entities":
        nent, nattr, nrole, nprivs = int(12000 * scale), 19, int(200 * scale), 600
    else:
        sys.exit("KIND is roles or entities")
    pool = [f"prv{v}bench_table{i:05d}" for i in range(max(nent, 200))
            for v in VERBS]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                         compresslevel=6) as z:
        info = zipfile.ZipInfo("customizations.xml", STAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as f:
            buf = []

            def w(s):
                buf.append(s)
                if len(buf) > 4096:
                    f.write("".join(buf).encode())
                    buf.clear()
            w('<?xml version="1.0" encoding="utf-8"?>\n<ImportExportXml '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
              '  <Entities>\n')
            for i in range(nent):
                entity(w, rng, i, nattr)
            w('  </Entities>\n  <Roles>\n')
            for i in range(nrole):
                role(w, rng, i, nprivs, pool, edit)
            w('  </Roles>\n  <Workflows />\n</ImportExportXml>\n')
            f.write("".join(buf).encode())
        info = zipfile.ZipInfo("solution.xml", STAMP)
        z.writestr(info, '<ImportExportXml><SolutionManifest><UniqueName>'
                   f'Bench{kind}</UniqueName><Version>1.0.0.0</Version>'
                   '<Managed>0</Managed><Publisher><CustomizationPrefix>'
                   'bench</CustomizationPrefix></Publisher>'
                   '</SolutionManifest></ImportExportXml>')


if __name__ == "__main__":
    main()
