/*
 * parse.h - the parse stage: XML bytes to roles (and a package's
 * ImportConfig.xml to the files it lists).  xml.c is the libxml2
 * SAX reader (the only file here that sees libxml2), scan.c the fast
 * reader of a large customizations.xml's <Roles> section (and of its
 * tables' metadata), build.c the one place a role or a table is built
 * from either.  It may call model/ and base/.
 * Never installed.
 */
#ifndef RA_PARSE_H
#define RA_PARSE_H

#include "model/model.h"
/* ---- build.c, xml.c, scan.c ------------------------------------------ */

/* What a document is expected to be. */
enum ra_doc {
	RA_DOC_ANY = 0,		/* single XML input: role or customizations */
	RA_DOC_CUSTOMIZATIONS,	/* roles section required */
	RA_DOC_CUSTOMIZATIONS_OPT,	/* unpacked Other/Customizations.xml */
	RA_DOC_ROLE,		/* file in Roles/: non-role root is a warning */
	RA_DOC_MANIFEST,	/* solution.xml */
	RA_DOC_IMPORTCONFIG,	/* a package's ImportConfig.xml: into LD->pkg */
	RA_DOC_ENTITY,		/* Entities/<name>/Entity.xml: <Entity> */
	RA_DOC_APPMODULE,	/* AppModules/<name>/AppModule.xml */
	RA_DOC_FSPS		/* Other/FieldSecurityProfiles.xml */
};

/*
 * A file a package's ImportConfig.xml names (Package Deployer's
 * ImportConfig reference): a solution zip of
 * <solutions><configsolutionfile solutionpackagefilename=...>, in import
 * order, or a data file (the crmmigdataimportfile and agentdesktopzipfile
 * attributes of the root, <configimportfile filename>, <cmtdatafile
 * filename>, <configimportmapfile filename>).  NAME is as written,
 * checked for nothing but the name length limit; LINE is its element's.
 */
struct ra_pkg_entry {
	char		*name;
	unsigned long	 line;
	int		 solution;
};

struct ra_pkg_list {
	struct ra_pkg_entry	*v;
	size_t			 n, cap;
};

void		 ra_pkg_list_free(struct ra_pkg_list *);

/* A document being loaded into a solution. */
struct ra_load {
	struct ra_ctx		*ctx;
	struct ra_solution	*sol;
	const char		*file;		/* for diagnostics */
	const char		*member;	/* zip member or NULL */
	const char		*role_file;	/* name stored in roles */
	struct ra_pkg_list	*pkg;		/* RA_DOC_IMPORTCONFIG's list */
};

/*
 * build.c: the role being read.  begin, then privileges, then end (which
 * appends the role to the solution) or abandon.  Each returns RA_OK or
 * RA_ENOMEM; checking the input is the readers' business.  An unfocused
 * load interns privileges in the catalog as it goes (see build.c).
 */
struct ra_pending {
	uint32_t		 off, len;	/* of the name, in PEND */
	uint32_t		 h;		/* its ra_name_hash() */
	uint32_t		 priv;		/* its catalog index, once interned */
	enum ra_level		 level;
};

/* Where a grant of the role being read is written, in document order. */
struct ra_gloc {
	uint32_t		 priv;		/* once interned */
	uint32_t		 line, col, endline, endcol;
	uint32_t		 seq;		/* its place in the role */
	enum ra_level		 level;
};

struct ra_build {
	struct ra_load		*ld;
	struct ra_role		 cur;
	int			 open;
	struct ra_nameset	 seen;		/* focused: names counted */
	/* Unfocused: grants waiting to be numbered, a batch at a time. */
	struct ra_buf		 pend;
	struct ra_pending	*pg;
	size_t			 npg, cappg;
	/*
	 * Where the role's grants are (struct ra_grant_layout): each one's
	 * span until the role ends, and whether the layout is still the
	 * regular one, names sorted folded to lower (bit 1) or upper case
	 * (bit 2), after the name in PREV.
	 */
	struct ra_gloc		*gl;
	size_t			 ngl, capgl;
	int			 regular;
	struct ra_buf		 prev;
	/*
	 * Set by the caller before ra_build_end(): the role goes to the
	 * other side of a twin, which seals its set (struct ra_role's
	 * DEFERRED); not when its grants are located.
	 */
	int			 defer;
};

void		 ra_build_init(struct ra_build *, struct ra_load *);
/*
 * A role's start tag at AT (its line; its column, or 0), and then its
 * <RolePrivileges> start tag's span (ra_build_privileges(), when it has
 * one).
 */
enum ra_err	 ra_build_begin(struct ra_build *, const char *id,
		    size_t idlen, const char *name, size_t namelen,
		    const struct ra_span *at);
void		 ra_build_privileges(struct ra_build *, const struct ra_span *);
/*
 * A grant: NAME (LEN bytes, decoded) at level L, its <RolePrivilege>
 * element written at AT (0 fields unknown).
 */
enum ra_err	 ra_build_privilege(struct ra_build *, const char *name,
		    size_t len, enum ra_level, const struct ra_span *at);
enum ra_err	 ra_build_end(struct ra_build *);
/*
 * Role R, built elsewhere from the same bytes as this load's next role
 * (twin.c), joins the solution as that role: its start tag at LINE (in
 * the same column), its file this load's.  R is moved (zeroed), also on
 * RA_ENOMEM.
 */
enum ra_err	 ra_build_adopt(struct ra_build *, struct ra_role *r,
		    unsigned long line);
void		 ra_build_abandon(struct ra_build *);
void		 ra_build_free(struct ra_build *);

/*
 * build.c: a table's metadata being read, from an <Entity> of
 * customizations.xml (/ImportExportXml/Entities/Entity) or the root of an
 * unpacked Entity.xml, where the elements below <Entity> are the same:
 *
 *   <Name LocalizedName="Device Order" OriginalName="Device Order">
 *     contoso_DeviceOrder</Name>
 *   <EntityInfo><entity Name="contoso_DeviceOrder" [unmodified="1"]>
 *     <LocalizedNames><LocalizedName description="..." languagecode=
 *       "1033"/></LocalizedNames>
 *     ... <IsBPFEntity>0</IsBPFEntity>
 *     <OwnershipTypeMask>UserOwned</OwnershipTypeMask> ...
 *
 * The readers call begin at <Entity>, the attribute calls at the tags,
 * set FIELD while the text of <Name>, <OwnershipTypeMask> or
 * <IsBPFEntity> is read and hand the text to ra_tbuild_text(), then end.
 * What the fields become (the display name, the custom flag from
 * OriginalName, ...) is decided in ra_tbuild_end(), the same for both.
 */
enum ra_tfield {
	RA_TF_NONE = 0,
	RA_TF_NAME,
	RA_TF_OWNER,
	RA_TF_BPF,
	RA_TF__COUNT
};

struct ra_tbuild {
	struct ra_load		*ld;
	int			 open;
	enum ra_tfield		 field;		/* where text goes now */
	struct ra_buf		 text[RA_TF__COUNT];
	struct ra_buf		 entity;	/* <entity Name=...> */
	struct ra_buf		 localized;	/* <Name LocalizedName=...> */
	struct ra_buf		 en, first;	/* LocalizedName 1033, first */
	int			 original;	/* OriginalName: 1, 0 empty,
						   -1 absent */
	int			 unmodified;
	/* Secured columns, from the section reader (ra_sbuild). */
	char			**secured;
	size_t			 nsecured;
	struct ra_nameset	 secset;
};

void		 ra_tbuild_init(struct ra_tbuild *, struct ra_load *);
void		 ra_tbuild_begin(struct ra_tbuild *);
/* <Name>'s attributes: LocalizedName and OriginalName, NULL when absent. */
void		 ra_tbuild_name_attrs(struct ra_tbuild *, const char *loc,
		    size_t nloc, const char *orig, size_t norig);
/* <entity>'s: Name and unmodified, NULL when absent. */
void		 ra_tbuild_entity_attrs(struct ra_tbuild *, const char *name,
		    size_t n, const char *unmod, size_t nunmod);
/* A <LocalizedName>: description and languagecode, NULL when absent. */
void		 ra_tbuild_localized(struct ra_tbuild *, const char *desc,
		    size_t n, const char *lang, size_t nlang);
/* Text of the element being read (decoded); TB->field says whose. */
void		 ra_tbuild_text(struct ra_tbuild *, const char *s, size_t n);
/*
 * </Entity>: the table joins LD->sol when it has a name.  RA_OK or
 * RA_ENOMEM.
 */
enum ra_err	 ra_tbuild_end(struct ra_tbuild *);
void		 ra_tbuild_free(struct ra_tbuild *);

/*
 * build.c: the sections of apps and column security, and the columns
 * of a table, read element by element.  A reader calls begin at the
 * section's root element:
 *
 *   RA_SECT_APPS    /ImportExportXml/AppModules
 *   RA_SECT_APP     the root <AppModule> of an unpacked AppModule.xml
 *   RA_SECT_FSPS    /ImportExportXml/FieldSecurityProfiles, or the root
 *                   of an unpacked Other/FieldSecurityProfiles.xml
 *   RA_SECT_ATTRS   <attributes> below an <Entity>'s <entity> (the
 *                   table ra_sbuild_init()'s TB is building)
 *
 * then ra_sbuild_start() at each element inside it, which says which
 * attributes the reader hands to ra_sbuild_attrs() (RA_SW_*: two values,
 * NULL when absent, decoded), ra_sbuild_text() with the element's text
 * while ra_sbuild_wants_text(), and ra_sbuild_end() at every end tag
 * inside it and at the section's own.  Which elements count is decided
 * here, by their path below the section, for both readers:
 *
 *   AppModule/UniqueName, AppModule/LocalizedNames/LocalizedName
 *     (description, languagecode), AppModule/AppModuleComponents/
 *     AppModuleComponent (type, schemaName), AppModule/
 *     AppModuleRoleMaps/Role (id)
 *   FieldSecurityProfile (name, fieldsecurityprofileid)/
 *     FieldPermissions/FieldPermission/{EntityName, AttributeName,
 *     CanRead, CanUpdate, CanCreate, CanReadUnmasked}
 *   attribute (PhysicalName)/{LogicalName, IsSecured}
 *
 * A malformed part (an app without <UniqueName>, a profile without a
 * name, a permission without its column or with a value other than 0
 * or 4, a name over the length limit, an app or profile written twice,
 * a second section) is an error diagnostic at its start tag's line, and
 * only that part is dropped: the rest of the input is still read.
 */
enum ra_sect {
	RA_SECT_APPS = 1,
	RA_SECT_APP,
	RA_SECT_FSPS,
	RA_SECT_ATTRS
};

/* The attributes a reader hands over for the element just started. */
enum ra_swant {
	RA_SW_NONE = 0,
	RA_SW_COMPONENT,	/* type, schemaName */
	RA_SW_ROLE,		/* id */
	RA_SW_LOCALIZED,	/* description, languagecode */
	RA_SW_PROFILE,		/* name, fieldsecurityprofileid */
	RA_SW_ATTRIBUTE		/* PhysicalName */
};

#define RA_SB_KINDS	8	/* the deepest path below a section read */
#define RA_SB_TEXTS	9

struct ra_sbuild {
	struct ra_load		*ld;
	struct ra_tbuild	*tb;
	unsigned long		 depth;		/* open elements; 0 outside */
	unsigned long		 known;		/* of them, a known path */
	unsigned char		 kind[RA_SB_KINDS + 1];
	int			 text;		/* slot + 1 taking text, 0 */
	struct ra_buf		 txt[RA_SB_TEXTS];
	unsigned char		 toolong[RA_SB_TEXTS];
	int			 apps_seen, fsps_seen, skip;
	struct ra_app		 app;
	int			 app_open, app_bad;
	struct ra_buf		 en, first;	/* app's LocalizedName */
	struct ra_nameset	 tset, rset;	/* the app's tables, roles */
	struct ra_nameset	 names;		/* apps, then profiles */
	struct ra_nameset	 pnames;
	struct ra_fsp		 fsp;
	int			 fsp_open, fsp_bad;
	struct ra_nameset	 cols;		/* the profile's columns */
	unsigned long		 perm_line;
	struct ra_buf		 phys;		/* <attribute PhysicalName> */
};

void		 ra_sbuild_init(struct ra_sbuild *, struct ra_load *,
		    struct ra_tbuild *);
void		 ra_sbuild_free(struct ra_sbuild *);
/* The section's root element, at LINE. */
void		 ra_sbuild_begin(struct ra_sbuild *, enum ra_sect,
		    unsigned long line);
/* 1 while a section is open. */
int		 ra_sbuild_open(const struct ra_sbuild *);
enum ra_swant	 ra_sbuild_start(struct ra_sbuild *, const char *name,
		    size_t n, unsigned long line);
/* The names of the attributes W asks for: *A2 NULL when one. */
void		 ra_swant_names(enum ra_swant w, const char **a1,
		    const char **a2);
enum ra_err	 ra_sbuild_attrs(struct ra_sbuild *, const char *v1,
		    size_t n1, const char *v2, size_t n2);
int		 ra_sbuild_wants_text(const struct ra_sbuild *);
void		 ra_sbuild_text(struct ra_sbuild *, const char *s, size_t n);
/* RA_OK, or RA_ENOMEM. */
enum ra_err	 ra_sbuild_end(struct ra_sbuild *);

struct ra_xml;

/*
 * Streaming parse of one document into LD->sol.  Feed bytes in any
 * chunking, then finish.  Roles are appended to the solution as their end
 * tags are seen.  Problems are diagnostics; feed/finish return the first
 * fatal status (and ignore further input after it).
 */
struct ra_xml	*ra_xml_new(struct ra_load *, enum ra_doc);
enum ra_err	 ra_xml_feed(struct ra_xml *, const char *, size_t);
enum ra_err	 ra_xml_finish(struct ra_xml *);
/* 1 when the document's root was not a role (RA_DOC_ROLE only). */
int		 ra_xml_skipped(const struct ra_xml *);
void		 ra_xml_free(struct ra_xml *);

/* libxml2's one-time set-up; ra_xml_new() calls it, any thread may. */
void		 ra_xml_global_init(void);

/*
 * scan.c: read the roles of a large customizations.xml without
 * libxml2 (see the file's comment).  Feed and finish return RA_OK or
 * RA_ENOMEM; when ra_scan_unsure() says the scan could not follow the
 * document, the caller discards what was loaded and parses it whole.
 */
struct ra_scan;

struct ra_scan	*ra_scan_new(struct ra_load *, enum ra_doc);
enum ra_err	 ra_scan_feed(struct ra_scan *, const char *, size_t);
enum ra_err	 ra_scan_finish(struct ra_scan *);
int		 ra_scan_unsure(const struct ra_scan *);
void		 ra_scan_free(struct ra_scan *);

/*
 * twin.c: two loads on two threads (the sides of a diff: side 0 the
 * reader, side 1 the follower) that build a role written byte for byte
 * alike in both only once (see the file's comment).  The loader makes
 * the twin, binds each thread to it with its side before loading, passes
 * each side when its load ends, and frees the twin after both loads.
 */
struct ra_twin;
struct ra_twin_slot;

/* A role's bytes kept for the other side: at most, and in all. */
#define TWIN_ROLE_MAX	(512 * 1024)
#define TWIN_HELD	(2 * 1024 * 1024)

enum ra_twin_meet {
	RA_TWIN_READ = 0,	/* read it, nobody waits for it */
	RA_TWIN_CLAIMED,	/* the reader's: read it, then post or drop */
	RA_TWIN_OFFERED		/* the follower's: take or drop the slot */
};

struct ra_twin	*ra_twin_new(void);
void		 ra_twin_free(struct ra_twin *);
/* Loads on this thread take part in T as SIDE; T NULL: in none. */
void		 ra_twin_bind(struct ra_twin *, int side);
struct ra_twin	*ra_twin_bound(int *side);
/*
 * SIDE's scan begins: the number its first role gets (the roles its
 * earlier scans met), each next one the number after.
 */
size_t		 ra_twin_enter(struct ra_twin *, int side);
/*
 * SIDE meets its role number AT, whose id attribute is written KEY (KLEN
 * bytes): what to do, and in *OUT the slot to post, take or drop.  The
 * follower may wait for the reader.  Asked again for the same role (its
 * bytes ran out), AT stays.
 */
enum ra_twin_meet ra_twin_meet(struct ra_twin *, int side, const char *key,
		    size_t klen, size_t at, struct ra_twin_slot **out);
/* An offered slot's bytes and role, to compare with one's own. */
void		 ra_twin_offer(const struct ra_twin_slot *, const char **bytes,
		    size_t *len, const struct ra_role **role);
/*
 * A claimed role read: its BYTES (malloc'd, handed over; NULL when not
 * kept) and the role built from them (copied, its set shared), the
 * reader's solution's role IDX.  1 when the follower has it: a role
 * DEFERRED then gets its set back sealed (ra_twin_sealed()); 0 when not,
 * and the reader seals its own.
 */
int		 ra_twin_post(struct ra_twin *, struct ra_twin_slot *,
		    char *bytes, size_t len, const struct ra_role *, size_t idx);
/*
 * An offered role taken: moved into *R (its lines still the other's),
 * its set sealed.
 */
void		 ra_twin_take(struct ra_twin *, struct ra_twin_slot *,
		    struct ra_role *r);
/*
 * The reader's scan of SOL takes the sets the follower sealed for its
 * deferred roles (each posted, and taken, refused or passed by).  CLOSE:
 * the scan meets no more roles; it seals the rest of SOL's deferred
 * roles itself, and sets sealed for them later are dropped.  T NULL:
 * nothing.
 */
void		 ra_twin_sealed(struct ra_twin *, struct ra_solution *sol,
		    int close);
/* A claim given up, or an offer refused (SLOT NULL: nothing). */
void		 ra_twin_drop(struct ra_twin *, struct ra_twin_slot *);
/*
 * SIDE's <Roles> ended, or its scan or its load: the other no longer
 * waits for it, for the rest of the load (a package's later solutions
 * still share what they can, without waiting).  T NULL: nothing.
 */
void		 ra_twin_pass(struct ra_twin *, int side);

#endif /* RA_PARSE_H */
