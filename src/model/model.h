/*
 * model.h - the model stage: what a loaded solution is, and the data it is
 * judged against.  Owns the context (limits, progress, diagnostics), the
 * names of levels, tabs, sections and access rights (names.c), the CSV
 * reader (csv.c), the privilege catalog and its classification rules
 * (catalog.c), escalation rules (escalation.c), requirement profiles
 * (profile.c), privilege bitmaps (bitmap.c), roles (role.c), solutions
 * (solution.c), the rest of the knowledge base (kb.c), the solution's
 * own tables (table.c) and what is known of a privilege, and why
 * (facts.c).  It may call base/ only.  Once loaded, the model is read
 * through const pointers by analyze/ and render/.  Never installed.
 */
#ifndef RA_MODEL_H
#define RA_MODEL_H

#include <pthread.h>

#include "base/base.h"
/* Stable diagnostic codes; documented in man/roleaudit.1. */
enum ra_code {
	RA_C_IO = 100,		/* cannot open or read a file */
	RA_C_XML = 101,		/* malformed XML */
	RA_C_ROLE_NONAME = 102,	/* <Role> without name */
	RA_C_PRIV_NONAME = 103,	/* <RolePrivilege> without name */
	RA_C_PRIV_NOLEVEL = 104,	/* <RolePrivilege> without level */
	RA_C_PRIV_BADLEVEL = 105,	/* unknown level: warning */
	RA_C_DTD = 106,		/* DOCTYPE or entity declaration refused */
	RA_C_NOROLES = 107,	/* customizations.xml without <Roles> */
	RA_C_NOTROLE = 108,	/* file in Roles/ whose root is not <Role> */
	RA_C_UNKNOWN_DOC = 109,	/* XML that is neither role nor solution */
	RA_C_NOSOLUTION = 110,	/* no customizations.xml / Roles/ found */
	RA_C_ROLE_NOID = 111,	/* <Role> without id: warning */
	RA_C_TOOLONG = 112,	/* name longer than the limit */
	RA_C_SIZE = 113,	/* file larger than the limit */
	RA_C_DEPTH = 114,	/* nesting deeper than the limit */
	RA_C_SYMLINK = 115,	/* symbolic link in a folder: warning */
	/* Apps and column security (parse/build.c's section reader). */
	RA_C_APP_NONAME = 140,	/* <AppModule> without <UniqueName> */
	RA_C_APP_TWICE = 141,	/* an app or a profile written twice */
	RA_C_SECTION_TWICE = 142,	/* a second <AppModules> or
					   <FieldSecurityProfiles> */
	RA_C_FSP_NONAME = 143,	/* <FieldSecurityProfile> without name */
	RA_C_FPERM_BAD = 144,	/* <FieldPermission> without a column, or
				   a value other than 0 or 4 */
	/* Package Deployer packages (input/package.c). */
	RA_C_PKG_MISSING = 130,	/* a listed solution is not in the package */
	RA_C_PKG_UNLISTED = 131,	/* a zip in PkgFolder/ listed nowhere: warning */
	RA_C_PKG_ENTRY = 132,	/* a listing without a name, or not a file name */
	RA_C_PKG_NESTED = 133,	/* a package inside a package: not followed */
	RA_C_PKG_TWICE = 134,	/* a solution listed twice: warning */
	RA_C_PKG_REPLACED = 135,	/* merged: a later solution's role wins: note */
	RA_C_PKG_EMPTY = 136,	/* ImportConfig.xml lists no solution: warning */
	RA_C_ZIP = 200,		/* not a zip / corrupt zip */
	RA_C_ZIP_MEMBER = 201,	/* corrupt member (CRC, truncated) */
	RA_C_ZIP_ENCRYPTED = 202,
	RA_C_ZIP_DUP = 203,	/* duplicate member name */
	RA_C_ZIP_BOMB = 204,	/* size or ratio limit */
	RA_C_ZIP_MEMBERS = 205,	/* too many members */
	RA_C_ZIP_NAME = 206,	/* unsafe member name: warning */
	RA_C_ZIP_METHOD = 207,	/* unsupported compression */
	RA_C_ZIP_LAYOUT = 208,	/* overlapping members, out-of-proportion directory */
	RA_C_CSV = 300,		/* malformed CSV */
	RA_C_CSV_LEVEL = 301,	/* bad level in a profile */
	RA_C_CSV_NOPRIV = 302,	/* row without privilege */
	RA_C_CSV_HEADER = 303,	/* missing/unknown header */
	RA_C_CSV_TAB = 304,	/* unknown tab or section */
	RA_C_PROFILE = 305,	/* no such built-in profile */
	RA_C_CSV_ID = 306,	/* malformed privilege id or depths in a catalog */
	RA_C_ROLE_UNKNOWN = 307,	/* a role named on the command line: none */
	RA_C_ROLE_AMBIGUOUS = 308,	/* ... matches several roles */
	RA_C_CSV_ROWS = 309,	/* profile or catalog over the row limit */
	RA_C_ROLE_NOT_EXPORTED = 310,	/* a role's privileges are not in
					   the export: skipped (note) */
	RA_C_POLICY = 311,	/* no such built-in policy */
	RA_C_CSV_VALUE = 312,	/* bad access right or severity in a policy */
	/* lint.c: findings about roles, not about the input's syntax. */
	RA_C_LINT_DEPTH = 401,	/* depth the privilege cannot take */
	RA_C_LINT_MISC_DEPTH = 402,	/* depth no fact covers (--unknown-depths) */
	RA_C_LINT_ACCESS = 403,	/* access right the table does not have */
	RA_C_LINT_APPEND = 410,	/* Append on a table, Append To on none */
	RA_C_LINT_APPENDTO = 411,	/* Append To on a table, Append on none */
	RA_C_LINT_TEAM = 420,	/* team role granting User depth */
	/* apps.c and columns.c: findings about apps and secured columns. */
	RA_C_APP_OPEN = 501,	/* a mapped role lacks the model-driven-app
				   minimum: it cannot open the app */
	RA_C_APP_READ = 502,	/* a mapped role cannot Read an app table */
	RA_C_COL_UNREADABLE = 511,	/* a secured column no profile reads */
	RA_C_COL_NOREAD = 512	/* update or create granted without read */
};

/* ---- diag.c ---------------------------------------------------------- */

/*
 * Record a diagnostic on the context.  FILE and MEMBER are copied.  When
 * memory runs out the diagnostic is dropped: the stage that ran out
 * reports RA_ENOMEM anyway.
 */
void	 ra_diag_add(struct ra_ctx *, enum ra_severity, int code,
	    const char *file, const char *member, unsigned long line,
	    unsigned long col, const char *fmt, ...)
	    RA_PRINTF(8, 9);
/* Forget every diagnostic of the context (ra_ctx_free()). */
void	 ra_diag_clear(struct ra_ctx *);
void	 ra_diag_vadd(struct ra_ctx *, enum ra_severity, int code,
	    const char *file, const char *member, unsigned long line,
	    unsigned long col, const char *fmt, va_list);

/* ---- catalog.c, names.c, csv.c, profile.c, escalation.c -------------- */

enum ra_access {
	RA_ACCESS_NONE = 0,	/* miscellaneous or privacy privilege */
	RA_ACCESS_CREATE,
	RA_ACCESS_READ,
	RA_ACCESS_WRITE,
	RA_ACCESS_DELETE,
	RA_ACCESS_APPEND,
	RA_ACCESS_APPENDTO,
	RA_ACCESS_ASSIGN,
	RA_ACCESS_SHARE,
	RA_ACCESS__COUNT
};

const char	*ra_access_name(enum ra_access);
/* An access right by name ("" and "Misc": none; "Append To"); 0 or -1. */
int		 ra_access_parse(const char *, enum ra_access *);
/* The editor's name of a level: "User", ..., "Organization", "None". */
const char	*ra_level_editor_name(enum ra_level);
/* "note", "warning" or "error". */
const char	*ra_severity_name(enum ra_severity);

/*
 * What is known of one privilege: a value the catalog fills for its
 * readers (ra_catalog_def()), or a classified name of an explanation's
 * own.  Strings are borrowed.
 */
struct ra_privdef {
	char		*name;		/* canonical spelling */
	char		*entity;	/* display name */
	enum ra_tab	 tab;
	enum ra_section	 section;
	enum ra_access	 access;
	/*
	 * Depths the privilege can take, as RA_DEPTH(level) bits; 0 when no
	 * source states them (the catalog's `depths` column).
	 */
	unsigned	 depths;
	char		*id;		/* well-known GUID, lower case, or NULL */
	int		 listed;	/* from a catalog CSV, not classified */
};

/*
 * One catalog entry as the catalog keeps it: sixteen bytes, because a
 * large input interns hundreds of thousands of names and the entries of
 * both sides of a diff are the bulk of its memory.  A privilege a
 * catalog CSV lists has a row of its own (struct ra_prow: entity, id,
 * depths); an interned one has none, and its entity is classified from
 * its name again when asked (ra_catalog_def()).
 */
struct ra_pent {
	char		*name;		/* canonical spelling */
	/* 1 + its index in cat->row: listed by a catalog CSV; 0 interned. */
	uint32_t	 row;
	unsigned char	 tab;		/* enum ra_tab */
	unsigned char	 section;	/* enum ra_section */
	unsigned char	 access;	/* enum ra_access */
	unsigned char	 name_in_arena;	/* NAME lies in the arena */
};

/* A catalog CSV row's own data: what a name alone does not say. */
struct ra_prow {
	char		*entity;
	char		*id;
	unsigned	 depths;
};

#define RA_DEPTH(l)	(1u << (l))
#define RA_DEPTHS_ALL	(RA_DEPTH(RA_LEVEL_BASIC) | RA_DEPTH(RA_LEVEL_LOCAL) | \
			 RA_DEPTH(RA_LEVEL_DEEP) | RA_DEPTH(RA_LEVEL_GLOBAL))

struct ra_base {
	char		*base;
	char		*entity;
	enum ra_tab	 tab;
};

/*
 * The privilege catalog: every privilege ever named, each with a dense
 * index.  Privileges met in input that the CSV does not list are added
 * (interned) with a classified tab, so indices stay dense and shared by
 * all solutions of a context.  Interned names are packed into large
 * chunks (the arena) and their entries hold no entity (struct ra_pent):
 * a large input names hundreds of thousands of privileges, and an
 * allocation or a pointer more each would cost as much as the names.
 * Loading is the only stage that adds to the catalog (unfocused loads
 * on several threads one batch of names at a time, under the context's
 * intern_mu); once loaded it is read through const pointers.
 */
struct ra_catalog {
	struct ra_pent		*v;
	size_t			 n, cap;
	struct ra_prow		*row;	/* of the listed entries */
	size_t			 nrow, caprow;
	uint32_t		*slot;	/* open addressing: hash tag, index + 1 */
	size_t			 nslot;	/* power of two */
	struct ra_base		*bases;
	size_t			 nbases, capbases;
	struct ra_arena		 arena;	/* the interned names */
};

#define RA_NOPRIV	((size_t)-1)

int	 ra_catalog_init(struct ra_ctx *);
/*
 * Give DST (a new context) copies of SRC's catalog, bases and escalation
 * rules: how every context after the first gets the embedded data
 * without parsing its CSV again.  0, or -1 with what was copied left for
 * ra_ctx_free().
 */
int	 ra_catalog_copy(struct ra_ctx *dst, const struct ra_ctx *src);
void	 ra_catalog_free(struct ra_catalog *);
/*
 * The order reports list privileges in: by tab, in the editor's order,
 * then by name (ra_namecmp()).  Negative, 0 or positive, as for qsort():
 * each analysis sorts its own records by it.
 */
int	 ra_priv_order_cmp(enum ra_tab, const char *, enum ra_tab,
	    const char *);
/*
 * What the catalog knows of privilege I (< cat->n), into *D; D's strings
 * are borrowed from the catalog.
 */
void	 ra_catalog_def(const struct ra_catalog *, size_t i,
	    struct ra_privdef *d);
/* Index of NAME (len bytes, case-insensitive) or RA_NOPRIV. */
size_t	 ra_catalog_find(const struct ra_catalog *, const char *, size_t);
/* The same, for a name whose ra_name_hash() is H. */
size_t	 ra_catalog_find_hash(const struct ra_catalog *, const char *,
	    size_t, uint32_t h);
/*
 * Index of NAME (LEN bytes), adding and classifying it when new.
 * RA_NOPRIV when memory runs out.  Unfocused loads on several threads
 * intern through this under the context's intern_mu (parse/build.c).
 */
size_t	 ra_catalog_intern(struct ra_catalog *, const char *, size_t);
/* The same, for a name whose ra_name_hash() is H. */
size_t	 ra_catalog_intern_hash(struct ra_catalog *, const char *, size_t,
	    uint32_t h);
/*
 * Ask the processor for what ra_catalog_intern_hash() of a name hashed H
 * will read: STAGE 0 its slot, 1 the privilege there, 2 its name.
 * Loads intern a role's names in batches, prefetched, because a large input's catalog
 * does not fit the caches and each lookup would otherwise wait for
 * memory twice.
 */
void	 ra_catalog_prefetch(const struct ra_catalog *, uint32_t h, int stage);

/*
 * 1 when NAME is a publisher-prefixed schema name (letters and digits,
 * '_', then more): a custom table's, whose privileges carry it.
 */
int		 ra_name_prefixed(const char *name);

/*
 * The table part of a prv<Verb><Base> name (a pointer into NAME) and its
 * access right, or NULL when NAME is not of that shape.
 */
const char	*ra_priv_base(const char *name, enum ra_access *);

/*
 * Classify a privilege the catalog does not list: fills tab, section,
 * entity and access of D from its name.  D's entity is borrowed: a part
 * of NAME, a base's entity of the catalog, or "", so NAME must outlive
 * it.  Documented in the man page.
 */
void	 ra_classify(const struct ra_catalog *, const char *name,
	    struct ra_privdef *d);


/* Parse CSV bytes into rows; used for the catalog and for profiles. */
struct ra_csv_row {
	char		**field;	/* into the ra_csv's cells */
	size_t		  nfield;
	unsigned long	  line;
};

/*
 * The text of every field lies in one block and the field pointers of
 * every row in another, so a row costs no allocation of its own.
 */
struct ra_csv {
	struct ra_csv_row	*row;
	size_t			 nrow, cap;
	char			*text;		/* the fields, NUL-terminated */
	char			**cells;	/* every row's fields in turn */
	size_t			 nbad;		/* rows ra_csv_row_diag() met */
};

/* Bad rows of a profile or catalog that each get a diagnostic. */
#define RA_CSV_DIAG_MAX	3

/*
 * Parse BUF as CSV (RFC 4180, UTF-8 BOM allowed).  Lines that start with
 * '#' between records are comments; empty rows are dropped; each row
 * keeps the 1-based line it starts on.  Errors are recorded as
 * diagnostics against FILE.  More than RA_LIMIT_CSV_ROWS rows after the
 * first (the header) is RA_ELIMIT with RA309, found while parsing: the
 * rows past the limit are never stored.
 */
enum ra_err	 ra_csv_parse(struct ra_ctx *, const char *file,
		    const char *buf, size_t len, struct ra_csv *out);
void		 ra_csv_free(struct ra_csv *);
/*
 * Map the header row of C to column indices: COLS lists the known names,
 * IDX receives each name's column or -1.  Returns -1 (with a diagnostic)
 * when the first required column is missing.
 */
int		 ra_csv_columns(struct ra_ctx *, const char *file,
		    const struct ra_csv *, const char *const *cols, int *idx,
		    size_t ncols);
/*
 * A diagnostic (an error) about the row of C at LINE of FILE: the first
 * RA_CSV_DIAG_MAX of C are recorded, the others only counted, for
 * ra_csv_diag_rest() to say how many there were: a file of 100,000 bad
 * rows prints a few lines, not 100,000.
 */
void		 ra_csv_row_diag(struct ra_ctx *, struct ra_csv *c,
		    const char *file, int code, unsigned long line,
		    const char *fmt, ...) RA_PRINTF(6, 7);
/* One line for the bad rows of C that ra_csv_row_diag() held back. */
void		 ra_csv_diag_rest(struct ra_ctx *, const struct ra_csv *c,
		    const char *file);
/*
 * Whether NAME, a privilege in the row of FILE at LINE, is within the
 * name limit: 0, or -1 with RA112 (the caller refuses the file with
 * RA_ELIMIT, a usage error: the file is the user's to fix).
 */
int		 ra_csv_name_ok(struct ra_ctx *, const char *file,
		    unsigned long line, const char *name);
/* Cell I of row R, or "" when the row is shorter. */
const char	*ra_csv_cell(const struct ra_csv_row *r, int i);
/*
 * The text after "# KEY" (KEY ends in ':') on the first comment line of
 * BUF (LEN bytes) that has it, trimmed, for a profile's or a policy's
 * source and version; "" when there is none, NULL when memory runs out.
 */
char		*ra_csv_comment(const char *buf, size_t len, const char *key);
/*
 * What names a profile or policy file in reports: a copy of NAME, the
 * source and version comments of BUF (LEN bytes; see ra_csv_comment())
 * and the SHA-256 of BUF in hex.  0, or -1 when memory runs out (what
 * was copied is set, for the caller's free function).
 */
int		 ra_csv_identity(const char *name, const char *buf, size_t len,
		    char **namep, char **source, char **version,
		    char sha256[65]);
/* The base name of PATH without a ".csv" suffix; NULL: no memory. */
char		*ra_csv_name_of(const char *path);
/* Read a whole file into memory (NUL-terminated), honouring the size limit. */
enum ra_err	 ra_read_file(struct ra_ctx *, const char *path, char **buf,
		    size_t *len);

/* The catalog or a profile from CSV bytes; NAME/FILE for diagnostics. */
enum ra_err	 ra_catalog_load_buffer(struct ra_ctx *, const char *name,
		    const char *buf, size_t len);
enum ra_err	 ra_profile_load_buffer(struct ra_ctx *, const char *name,
		    const char *file, const char *buf, size_t len,
		    struct ra_profile **out);

/*
 * A catalog `depths` cell ("Basic;Local;Deep;Global", any level spelling
 * but None) as RA_DEPTH() bits in *OUT; empty gives 0 (unknown).  0 or -1.
 */
int	 ra_depths_parse(const char *, unsigned *out);

/* Tab or section by its name (case-insensitive, a few spellings). */
int	 ra_tab_parse(const char *, enum ra_tab *);
int	 ra_section_parse(const char *, enum ra_section *);

/* A requirement of a profile. */
struct ra_req {
	size_t		 priv;		/* catalog index */
	enum ra_level	 min;
	/* Display data; NULL/unset: from the catalog. */
	char		*entity;
	int		 has_tab;
	enum ra_tab	 tab;
	enum ra_section	 section;
};

struct ra_profile {
	char		*name;
	char		*source;	/* "# source:" comment, or "" */
	char		*version;	/* "# version:" comment, or "" */
	char		 sha256[65];	/* of the CSV bytes */
	struct ra_req	*req;
	size_t		 n, cap;
};

/*
 * A row of a policy (policy.c): which privileges it is about (every
 * criterion given must hold), the roles it applies to, and the highest
 * depth it allows them.  Strings point into the policy's CSV text.
 */
struct ra_prule {
	unsigned long	 line;		/* in the policy file */
	const char	*priv;		/* name, or prefix when PREFIX; "" any */
	size_t		 privlen;
	unsigned char	 prefix;	/* the cell ended in '*' */
	unsigned char	 has_access;
	unsigned char	 has_tab;
	unsigned char	 tab_unknown;	/* tab "unknown": no fact places it */
	unsigned char	 table_unknown;	/* table "unknown": no fact names it */
	enum ra_access	 access;
	enum ra_tab	 tab;
	const char	*table;		/* logical name, or NULL: any */
	const char	*tabtext;	/* the tab cell as written */
	enum ra_level	 max;		/* the highest depth allowed; NONE: none */
	const char	*roles;		/* ';'-separated patterns; "": every role */
	const char	*except;	/* ';'-separated patterns; "": none */
	enum ra_severity sev;
	const char	*reason;
};

/*
 * A least-privilege policy: CSV rows of what roles must not hold, or
 * not above a depth (man page, POLICIES).  Rows are kept in file order.
 */
struct ra_policy {
	char		*name;
	char		*file;		/* the path given: rows are FILE:LINE */
	char		*source;	/* "# source:" comment, or "" */
	char		*version;	/* "# version:" comment, or "" */
	char		 sha256[65];	/* of the CSV bytes */
	struct ra_csv	 csv;		/* the text the rows point into */
	struct ra_prule	*row;
	size_t		 n;
};

/*
 * A policy from CSV bytes: NAME names it, FILE locates its rows in
 * diagnostics and findings.  Errors are diagnostics at FILE:LINE and
 * RA_ECSV (RA_ELIMIT past the row limit); on RA_OK *OUT is the caller's.
 */
enum ra_err	 ra_policy_load_buffer(struct ra_ctx *, const char *name,
		    const char *file, const char *buf, size_t len,
		    struct ra_policy **out);
/*
 * 1 when row Q applies to role R: R matches one of its role patterns
 * (or it has none) and none of its exceptions.  A pattern is a role id
 * (braces and case ignored) or a name, ASCII case ignored, in which '*'
 * stands for any run of characters.
 */
int		 ra_prule_applies(const struct ra_prule *q,
		    const struct ra_role *r);
/* 1 when role pattern PAT (N bytes) matches R as ra_prule_applies() says. */
int		 ra_role_pattern_matches(const struct ra_role *r,
		    const char *pat, size_t n);
/* Q's privilege criteria in words ("prvDelete*, access Delete"), into B. */
void		 ra_prule_describe(const struct ra_prule *q, struct ra_buf *b);

/* Built-in data compiled into the library (build/data.c). */
struct ra_blob {
	const char		*name;
	const unsigned char	*data;
	size_t			 len;
};
extern const struct ra_blob	ra_data_catalog;
extern const struct ra_blob	ra_data_bases;
extern const struct ra_blob	ra_data_escalation;
extern const struct ra_blob	ra_data_depths;		/* the knowledge base */
extern const struct ra_blob	ra_data_tables;
extern const struct ra_blob	ra_data_observed;
extern const struct ra_blob	ra_data_conflicts;
extern const struct ra_blob	ra_data_profiles[];	/* NULL name ends */

/* An escalation rule (schema/escalation.csv). */
enum ra_esc_kind {
	RA_ESC_PRIVILEGE = 0,	/* in the order rules are tried */
	RA_ESC_BASE,
	RA_ESC_SECTION,
	RA_ESC_DEPTH
};

struct ra_esc {
	enum ra_esc_kind	 kind;
	char			*match;
	enum ra_level		 level;		/* RA_ESC_DEPTH */
	enum ra_section		 section;	/* RA_ESC_SECTION */
	char			*reason;
};

int	 ra_escalation_init(struct ra_ctx *);
/*
 * Why going from OLD to NEW on privilege PRIV grants more, as the
 * reasons of every matching rule joined by "; " into B; 0 when no rule
 * matches (then B is untouched).  Lowering never escalates.  B NULL:
 * whether a rule matches, no more.
 */
int	 ra_escalation(const struct ra_ctx *, size_t priv, enum ra_level old,
	    enum ra_level new, struct ra_buf *b);

/* ---- kb.c: the knowledge base ----------------------------------------- */

/*
 * Where a fact about a privilege came from, as reports name it: a
 * published fact or a real export (source), the solution's own table
 * metadata (solution), a documented rule (rule), or nothing (unplaced:
 * Missing Entities, as the legacy editor shows a table it has no place
 * for).
 */
enum ra_prov {
	RA_PROV_SOURCE = 0,
	RA_PROV_SOLUTION,
	RA_PROV_RULE,
	RA_PROV_UNPLACED
};

/* "source", "solution", "rule" or "unplaced". */
const char	*ra_prov_name(enum ra_prov);
/*
 * The category of a `;`-joined list of source ids (schema/README.md):
 * empty or "unplaced" is unplaced, ids that all start with "rule:" a
 * rule, anything else a source.
 */
enum ra_prov	 ra_prov_of(const char *ids);

/* A table's OwnershipTypeMask. */
enum ra_owner {
	RA_OWNER_UNKNOWN = 0,	/* not said */
	RA_OWNER_USER,		/* UserOwned, TeamOwned: every depth */
	RA_OWNER_ORG,		/* OrgOwned: Organization only, no Assign,
				   no Share */
	RA_OWNER_BUSINESS,	/* BusinessOwned: no rule */
	RA_OWNER_NONE		/* None */
};

/* "UserOwned", "OrganizationOwned", "BusinessOwned", "None" or "". */
const char	*ra_owner_name(enum ra_owner);
/*
 * An OwnershipTypeMask (N bytes at S, the export's or the knowledge
 * base's spelling, ASCII case ignored; the first of a '|' list): 0, or
 * -1 for anything else (*OUT untouched).
 */
int		 ra_owner_parse(const char *s, size_t n, enum ra_owner *out);
/*
 * The depths a privilege with access right ACC takes on a table owned
 * so (ms-tableref-own + ms-learn-secroles): every depth on a user-owned
 * table, Organization on an organization-owned one; 0 (no rule) for
 * any other owner and for a miscellaneous privilege.
 */
unsigned	 ra_owner_depths(enum ra_owner, enum ra_access acc);

/* What schema/ says of one privilege, by name. */
struct ra_kb_priv {
	const char	*name;
	/* A row of privileges.csv (the built-in catalog), with its sources. */
	int		 in_catalog;
	enum ra_tab	 tab;
	enum ra_section	 section;
	enum ra_access	 access;
	const char	*entity;
	unsigned	 stated;	/* its depths column */
	const char	*tab_src, *entity_src;
	/* depths.csv: 0 when no row; BASIS "stated", "ownership", ... */
	unsigned	 depths;
	const char	*depth_src, *basis;
	/* observed_depths.csv: the depths real exports hold it at */
	unsigned	 observed;
	const char	*observed_src;
	unsigned long	 observed_roles;
};

/* A row of privilege_bases.csv. */
struct ra_kb_base {
	const char	*base, *entity, *entity_src, *tab_src;
	enum ra_tab	 tab;
};

/* A row of tables.csv that names a table. */
struct ra_kb_table {
	const char	*logical, *base, *base_src, *display, *display_src;
	enum ra_owner	 owner;
	const char	*owner_src;
	int		 custom;	/* 1, 0, or -1 when no fact says */
	const char	*custom_src;
	enum ra_tab	 tab;
	const char	*tab_src;
	int		 base_unique;	/* no other table has its base */
};

/* A row of conflicts.csv. */
struct ra_kb_conflict {
	const char	*subject, *field, *value_a, *source_a, *value_b;
	const char	*source_b, *preferred, *used, *reason;
};

/*
 * The knowledge base: the embedded schema/ files besides the catalog
 * (privileges.csv's sources, depths.csv, privilege_bases.csv's sources,
 * tables.csv, observed_depths.csv, conflicts.csv), parsed once a process
 * and shared read-only by every context.  Every string lies in the
 * parsed files.  Records are sorted by their key, ASCII case ignored.
 */
struct ra_kb {
	struct ra_csv		 csv[6];
	struct ra_kb_priv	*priv;
	size_t			 npriv;
	struct ra_kb_base	*base;
	size_t			 nbase;
	struct ra_kb_table	*table;
	size_t			 ntable;
	const struct ra_kb_table **by_base;	/* tables with a base */
	size_t			 nby_base;
	struct ra_kb_conflict	*conf;
	size_t			 nconf;
};

/*
 * Build the knowledge base, once a process; problems with the embedded
 * files are recorded on CTX.  0, or -1 (then ra_kb() is NULL).
 */
int		 ra_kb_init(struct ra_ctx *);
/* The knowledge base ra_kb_init() built, or NULL. */
const struct ra_kb *ra_kb(void);
/* The record of privilege NAME (N bytes), base, table; NULL: none. */
const struct ra_kb_priv *ra_kb_priv(const struct ra_kb *, const char *name,
		    size_t n);
const struct ra_kb_base *ra_kb_base(const struct ra_kb *, const char *base,
		    size_t n);
const struct ra_kb_table *ra_kb_table(const struct ra_kb *,
		    const char *logical, size_t n);
/* The one table whose privileges carry base BASE, or NULL. */
const struct ra_kb_table *ra_kb_table_by_base(const struct ra_kb *,
		    const char *base, size_t n);

/* ---- table.c: the solution's own tables ------------------------------- */

/*
 * A table the solution carries (customizations.xml <Entities>, or an
 * unpacked Entities/<name>/Entity.xml): what its metadata says.
 */
struct ra_table {
	char		*name;		/* schema name, as the export spells it */
	char		*display;	/* display name, or NULL */
	enum ra_owner	 owner;
	signed char	 bpf;		/* IsBPFEntity: 1, 0, -1 not said */
	signed char	 custom;	/* 1 custom, 0 system, -1 not said */
	unsigned char	 unmodified;	/* <entity unmodified="1">: no metadata */
	/* The base its privileges carry (ra_solution_index_tables()). */
	const char	*base;
	/*
	 * Its secured columns (<attribute> with <IsSecured>1), by logical
	 * name as written, each once, in the order read.
	 */
	char		**secured;
	size_t		 nsecured;
};

/*
 * Add table T to SOL, taking its strings (on failure too: they are
 * freed; SOL keeps copies in its arena, TNAMES, as a large solution
 * has tens of thousands of tables).  0, or -1 when memory runs out.
 */
int		 ra_solution_add_table(struct ra_solution *, struct ra_table *t);
/* Drop the tables after the first N (a retried parse). */
void		 ra_solution_truncate_tables(struct ra_solution *, size_t n);
/*
 * The end of a load: give each table its privilege base (its schema
 * name, or the base the knowledge base gives its logical name), merge a
 * table read twice (the later read fills what the first left unsaid)
 * and index them by base.  0, or -1 when memory runs out.
 */
int		 ra_solution_index_tables(struct ra_solution *);
/* SOL's table whose privileges carry BASE (N bytes), or NULL. */
const struct ra_table *ra_solution_table(const struct ra_solution *,
		    const char *base, size_t n);

/* ---- app.c: model-driven apps and column security ---------------------- */

/*
 * A model-driven app (customizations.xml <AppModules><AppModule>, or an
 * unpacked AppModules/<name>/AppModule.xml): its <UniqueName>, its
 * display name (<LocalizedName> 1033, else the first; NULL when none),
 * the tables it shows (<AppModuleComponent type="1" schemaName>, as
 * written, each once, ASCII case ignored) and the roles that may open it
 * (<AppModuleRoleMaps><Role id>, normalised as role ids are, each once).
 */
struct ra_app {
	char		*name;
	char		*display;
	char		**table;
	size_t		 ntable;
	char		**role;
	size_t		 nrole;
	char		*file;		/* member or file it is in */
	unsigned long	 line;		/* of <AppModule> */
};

/* The rights of a <FieldPermission>, in the order reports show them. */
enum ra_fright {
	RA_FR_READ = 0,		/* CanRead */
	RA_FR_UPDATE,		/* CanUpdate */
	RA_FR_CREATE,		/* CanCreate */
	RA_FR_UNMASKED,		/* CanReadUnmasked (newer exports) */
	RA_FR__COUNT
};

/* A column permission of a profile: 1 allowed (4), 0 not (0), -1 unsaid. */
struct ra_fperm {
	char		*entity;	/* <EntityName> */
	char		*attribute;	/* <AttributeName> */
	signed char	 can[RA_FR__COUNT];
	unsigned long	 line;
};

/*
 * A column security profile (<FieldSecurityProfiles><FieldSecurityProfile
 * name fieldsecurityprofileid>, or unpacked Other/FieldSecurityProfiles.
 * xml) and its permissions, one per column (a column written twice: the
 * first row counts).
 */
struct ra_fsp {
	char		*name;
	char		*id;		/* normalised as role ids, or "" */
	struct ra_fperm	*perm;
	size_t		 nperm, capperm;
	char		*file;
	unsigned long	 line;
};

/* The XML element names of the rights ("CanRead", ...). */
const char	*ra_fright_element(enum ra_fright);
/*
 * What permission P lets its members write: "update and create",
 * "update", "create" or "" (for the update-or-create-without-read
 * finding).
 */
const char	*ra_fperm_writes(const struct ra_fperm *p);
/* The rights as reports name them ("read", "update", ...). */
const char	*ra_fright_name(enum ra_fright);
/*
 * Add app A or profile P to SOL, taking its strings (on failure too).
 * 0, or -1 when memory runs out.
 */
int		 ra_solution_add_app(struct ra_solution *, struct ra_app *a);
int		 ra_solution_add_fsp(struct ra_solution *, struct ra_fsp *p);
/* SOL's app or profile named NAME (ASCII case ignored), or NULL. */
const struct ra_app *ra_solution_app(const struct ra_solution *,
		    const char *name);
const struct ra_fsp *ra_solution_fsp(const struct ra_solution *,
		    const char *name);
/* Drop the apps and profiles after the first NAPP and NFSP. */
void		 ra_solution_truncate_apps(struct ra_solution *, size_t napp,
		    size_t nfsp);
void		 ra_app_free(struct ra_app *);
void		 ra_fsp_free(struct ra_fsp *);
/*
 * Append a copy of the N bytes at S to the list V (*NV of them; its room
 * follows from *NV alone); 0, or -1 when memory runs out.  Whoever adds
 * keeps its own set of what is there (parse/build.c).
 */
int		 ra_strlist_add(char ***v, size_t *nv, const char *s,
		    size_t n);
void		 ra_strlist_free(char **v, size_t n);
/* The table of SOL whose schema name is NAME (ASCII case ignored), or NULL. */
const struct ra_table *ra_solution_table_named(const struct ra_solution *,
		    const char *name);
/* 1 when table T marks column COL (ASCII case ignored) secured. */
int		 ra_table_secured(const struct ra_table *t, const char *col);

/* ---- facts.c: what is known of a privilege, and why ------------------- */

/*
 * Everything reports say of one privilege: where the role editor shows
 * it, its display name, the depths it can take and the depths real
 * exports hold it at, each with where that came from (a category and
 * the source ids, "" when none).  Strings are borrowed from the
 * catalog, the knowledge base or the solution.
 */
struct ra_pinfo {
	const char		*name;
	enum ra_tab		 tab;
	enum ra_section		 section;
	enum ra_access		 access;
	const char		*entity;	/* never NULL; "" for none */
	unsigned		 depths;	/* RA_DEPTH() bits; 0 unknown */
	unsigned		 observed;	/* depths seen in real exports */
	enum ra_prov		 tab_by, entity_by, depths_by;
	const char		*tab_ids, *entity_ids, *depth_ids;
	const char		*observed_ids;
	enum ra_owner		 owner;		/* of its table, if known */
	enum ra_prov		 owner_by;
	const char		*owner_ids;
	const struct ra_table	*table;		/* the solution's, or NULL */
	/*
	 * The knowledge base's table whose privileges carry its base (or
	 * whose logical name is the base), for a table privilege; NULL.
	 */
	const struct ra_kb_table *kb_table;
	int			 in_catalog;	/* a catalog CSV lists it */
};

/*
 * What is known of privilege D given the solutions SOL (NSOL, may be 0):
 * the first of them that carries its table decides what the solution's
 * metadata decides (the tab of a custom or BPF table, the display name,
 * the depths of its ownership).  The rules are the man page's
 * (KNOWLEDGE) and schema/README.md's.  D's strings must outlive OUT.
 */
void		 ra_pinfo_def(const struct ra_ctx *,
		    const struct ra_solution *const *sol, size_t nsol,
		    const struct ra_privdef *d, struct ra_pinfo *out);
/* The same for catalog privilege PRIV. */
void		 ra_pinfo(const struct ra_ctx *,
		    const struct ra_solution *const *sol, size_t nsol,
		    size_t priv, struct ra_pinfo *out);
/*
 * The one display name of a privilege, which every command and format
 * shows: "Email Server Profile: Read" for a table privilege (the table's
 * display name and the editor's column, "Append To" included), the
 * label of a miscellaneous or privacy-related privilege, else its name.
 * Appended to B, unescaped.
 */
void		 ra_pinfo_label(const struct ra_pinfo *, struct ra_buf *b);
/*
 * 0 when the privilege is an access right its table does not have: an
 * organization-owned table has no Assign and no Share; else 1.
 */
int		 ra_pinfo_access_ok(const struct ra_pinfo *);
/* The editor's column heading of an access right ("Append To"). */
const char	*ra_access_label(enum ra_access);
/*
 * The depth a requirement asks for, in the editor's words: "any depth"
 * for Basic (anything granted meets it), else "Business Unit", ...
 */
const char	*ra_need_name(enum ra_level min);

/* ---- bitmap.c -------------------------------------------------------- */

/*
 * The privileges of a role or a profile, each at a level (Basic=1 ..
 * Global=4), in one of two layouts chosen when the bitmap is empty:
 *
 * - dense (the default): four bit planes; bit i of plane L-1 is set when
 *   privilege i is held at level L or higher.  "Holds X at least at L" is
 *   one bit test; "lacks from a profile" is, per plane, required & ~held.
 * - sparse (ra_bitmap_sparse()): for roles of unfocused loads, whose
 *   privileges are indexed by a catalog of every name in the input.
 *   Grants are appended in any order, four bytes each; ra_bitmap_seal()
 *   then sorts them and packs them in about 11 bits a grant (bitmap.c).
 *   Read a sealed set in order with an iterator (ra_bitmap_iter_next());
 *   ra_bitmap_get() and ra_bitmap_next() find a privilege in it by binary
 *   search and read at most 64 grants.
 *
 * Both answer the same calls.  REQ, NEED, MISSING and profile bitmaps
 * are dense; a role's may be either.
 */
#define RA_PLANES	4

struct ra_bitmap {
	uint64_t	*w;	/* dense: RA_PLANES * nwords words, plane-major */
	size_t		 nwords;
	/* Sparse: privilege << 2 | (level - 1), while grants are added. */
	uint32_t	*e;
	size_t		 ne;	/* sparse: grants (distinct once sealed) */
	size_t		 cape;
	unsigned char	*pk;	/* sparse, sealed: the packed set */
	size_t		 npk;
	unsigned char	 sparse;
	unsigned char	 sorted;	/* sparse: sealed, or appended in order */
};

/* Make empty B sparse. */
void		 ra_bitmap_sparse(struct ra_bitmap *);
/*
 * Sparse: sort, keep each privilege once at its highest level, and pack.
 * 0, or -1 when memory runs out (B then stays sorted, unpacked, and
 * answers every call alike).  Adding to a sealed set unpacks it.
 */
int		 ra_bitmap_seal(struct ra_bitmap *);
/* 1 when A and B hold the same privileges at the same levels. */
int		 ra_bitmap_equal(const struct ra_bitmap *a,
		    const struct ra_bitmap *b);
/* Grant PRIV at L (a higher level than before wins); 0 or -1. */
int		 ra_bitmap_set(struct ra_bitmap *, size_t priv, enum ra_level);
enum ra_level	 ra_bitmap_get(const struct ra_bitmap *, size_t priv);
/*
 * Every privilege B holds, in index order: after ra_bitmap_iter_init(),
 * each ra_bitmap_iter_next() gives the next privilege and its level and
 * returns 1, then 0 at the end.  B (sealed, if sparse) must not change
 * meanwhile.
 */
struct ra_bitmap_iter {
	const struct ra_bitmap	*b;
	size_t			 i;	/* sparse: grants read */
	size_t			 priv;	/* the last privilege read; dense: next */
	uint64_t		 pos;	/* packed: bit of the next grant */
};

void		 ra_bitmap_iter_init(struct ra_bitmap_iter *,
		    const struct ra_bitmap *);
int		 ra_bitmap_iter_next(struct ra_bitmap_iter *, size_t *priv,
		    enum ra_level *);
/*
 * A copy of B in OUT that answers ra_bitmap_get() by one binary search
 * over four bytes a grant: for a report that asks every role about every
 * privilege out of index order (the matrix), where a packed set would
 * read up to 64 grants a question.  0, or -1 (OUT empty).
 */
int		 ra_bitmap_unpacked(const struct ra_bitmap *b,
		    struct ra_bitmap *out);
/* Privileges held at any level. */
size_t		 ra_bitmap_count(const struct ra_bitmap *);
void		 ra_bitmap_free(struct ra_bitmap *);
/*
 * DST (uninitialised) holds what SRC holds: a packed set is shared (it
 * never changes; the last holder's ra_bitmap_free() frees it, from any
 * thread), anything else copied.  0, or -1 when memory runs out (DST
 * empty).
 */
int		 ra_bitmap_share(struct ra_bitmap *dst,
		    const struct ra_bitmap *src);
/*
 * For every privilege i with REQ at level L, set bit i in MISSING when
 * HELD lacks it at L.  MISSING is resized to REQ's width.  0 or -1.
 */
int		 ra_bitmap_missing(const struct ra_bitmap *req,
		    const struct ra_bitmap *held, struct ra_bitmap *missing);
/* 1 when HELD has every privilege of NEED at its level. */
int		 ra_bitmap_covers(const struct ra_bitmap *held,
		    const struct ra_bitmap *need);
/* The next privilege held at or after I, or RA_NOPRIV. */
size_t		 ra_bitmap_next(const struct ra_bitmap *, size_t i);

/* ---- role.c, solution.c, settings.c, ctx.c ---------------------------- */

/*
 * The <Role isinherited> attribute, "Member's privilege inheritance" in
 * the role editor: how a team's members get the role's privileges.
 */
enum ra_inherit {
	RA_INHERIT_UNKNOWN = 0,	/* no attribute (exports before 2021) */
	RA_INHERIT_TEAM,	/* "0": Team privileges only */
	RA_INHERIT_DIRECT	/* "1": Direct User (Basic) access level and
				   Team privileges */
};

/*
 * Where something is written in a role's file: from LINE:COL to
 * ENDLINE:ENDCOL (ENDCOL just past the last character), lines and
 * columns 1-based, columns in Unicode code points as libxml2 counts
 * them; 0 is unknown (a column or an end is left out then).
 */
struct ra_span {
	unsigned long	 line, col, endline, endcol;
};

/*
 * How a role's grants are laid out, so that where each <RolePrivilege>
 * is written costs nothing a grant when the layout is the exporters'
 * (every export of the corpus and of the bench): one element a line on
 * consecutive lines, all at one column, the names sorted ignoring case
 * (folded to lower or to upper case: .NET's OrdinalIgnoreCase folds to
 * upper), each element as long as its name and level spelled as written
 * plus a constant.  The k-th grant in that order is then on line
 * FIRST + k (ra_role_spans()).  Any other layout keeps a span a grant in
 * AT (four numbers each, in privilege index order): the cost of an
 * irregular role, 16 bytes a grant.  A focused load always keeps AT, for
 * the grants it keeps (those a profile needs), as the order of the
 * others is not known.
 */
enum ra_layout {
	RA_LAYOUT_NONE = 0,	/* no grant located */
	RA_LAYOUT_LOWER,	/* regular, names folded to lower case */
	RA_LAYOUT_UPPER,	/* regular, folded to upper case */
	RA_LAYOUT_TABLE		/* AT */
};

struct ra_grant_layout {
	unsigned char	 kind;		/* enum ra_layout */
	uint32_t	 first;		/* regular: the first grant's line */
	uint32_t	 col;		/* its column */
	uint32_t	 over;		/* element length less name, level */
	uint32_t	*at;		/* TABLE: line, col, endline, endcol */
	size_t		 nat;		/* TABLE: grants in AT */
};

struct ra_role {
	char		*id;
	char		*name;
	char		*file;		/* member or file the role is in */
	unsigned long	 line;
	unsigned long	 col;		/* of its start tag, 0 unknown */
	struct ra_span	 privs;		/* <RolePrivileges> start tag, or 0 */
	struct ra_grant_layout lay;
	struct ra_bitmap bits;
	size_t		 nprivs;
	enum ra_inherit	 inherit;
	/*
	 * <Role unmodified="1">: a built-in role the export left as it is,
	 * written without its privileges.
	 */
	unsigned char	 unmodified;
	/*
	 * Its sparse set is not sealed yet, and NPRIVS not counted: the
	 * first of diff's two inputs leaves that to the second, which hands
	 * the sealed set back (parse/twin.c).  Never so once loaded.
	 */
	unsigned char	 deferred;
};

/*
 * Record the isinherited attribute's value (N bytes at V) on R; lint.c.
 * Anything but "0" or "1" leaves it unknown.
 */
void	 ra_role_set_inherit(struct ra_role *r, const char *v, size_t n);
/* Record the unmodified attribute's value ("1" or "true" sets it). */
void	 ra_role_set_unmodified(struct ra_role *r, const char *v, size_t n);
/*
 * 1 when R's privileges are not in the export: written unmodified and
 * with no privilege.  Such a role is never judged (status not-exported).
 */
int	 ra_role_not_exported(const struct ra_role *r);
/* The one-line reason reports give for a role not judged so. */
#define RA_NOT_EXPORTED_REASON	"privileges not in this export: the role " \
	"is written unmodified=\"1\" (a built-in role left as it is), " \
	"without its privileges"


struct ra_solution {
	char		*path;
	enum ra_input_kind kind;
	char		 sha256[65];
	int		 has_manifest;
	char		*unique_name;
	char		*version;
	char		*prefix;	/* publisher customization prefix */
	int		 managed;	/* 0, 1, 2 both, -1 unknown */
	struct ra_role	*role;
	size_t		 nrole, caprole;
	struct ra_table	*table;		/* its own tables (table.c) */
	size_t		 ntable, captable;
	uint32_t	*tindex;	/* table indices, by base */
	size_t		 ntindex;
	struct ra_arena	 tnames;	/* the tables' names */
	struct ra_app	*app;		/* its apps (app.c), in the order read */
	size_t		 napp, capapp;
	struct ra_fsp	*fsp;		/* its column security profiles */
	size_t		 nfsp, capfsp;
	/*
	 * A package (RA_INPUT_PACKAGE): the solutions of the zips its
	 * ImportConfig.xml lists, in import order, owned; no roles of its
	 * own until ra_solution_merge().  PKG_DIR: the package is a folder
	 * (its roles' files, once merged, are below it, not members).
	 */
	struct ra_solution **part;
	size_t		 npart, cappart;
	int		 pkg_dir;
	/*
	 * A part: where in PATH its name inside the package starts
	 * ("PkgFolder/NAME.zip", after "PACKAGE!" or "PACKAGE/"); 0 for
	 * any other solution.
	 */
	size_t		 pkg_name;
};

/* A solution with no roles yet, for the input at PATH; NULL: no memory. */
struct ra_solution *ra_solution_new(const char *path, enum ra_input_kind);
/*
 * Append PART, loaded, to package PKG, which then owns it (its tables
 * indexed, ra_solution_index_tables()); 0, or -1 when
 * memory runs out.
 */
int		 ra_solution_add_part(struct ra_solution *pkg,
		    struct ra_solution *part);
/* Drop the roles after the first N (a retried parse). */
void		 ra_solution_truncate(struct ra_solution *, size_t n);

struct ra_ctx {
	struct ra_catalog	 cat;
	uint64_t		 limit[RA_LIMIT__COUNT];
	struct ra_esc		*esc;
	size_t			 nesc, capesc;
	void			(*progress)(void *, uint64_t, size_t);
	void			*progress_arg;
	pthread_mutex_t		 progress_mu;
	/*
	 * Held while an unfocused load interns a batch of names: inputs
	 * loading on several threads share the catalog, so each name is
	 * stored once however many inputs name it.
	 */
	pthread_mutex_t		 intern_mu;
	int			 focused;	/* see ra_ctx_focus() */
	int			 unlocated;	/* ra_ctx_locate_grants() off */
	/*
	 * Set by ra_solutions_load() when every core it may use already has
	 * an input (or -j 1 allows one core): then an input gets no threads
	 * of its own (inflater, digest).
	 */
	int			 solo;
	struct ra_bitmap	 focus;		/* plane 0: privileges kept */
	struct ra_diag		*diag;
	size_t			 ndiag, capdiag;
	struct ra_diagcap	*diagcap;
};

/*
 * The diagnostics about reading an input (codes RA_DIAG_CAP_FIRST up to
 * RA_DIAG_CAP_END: XML, folders, packages, zips) that can come once an
 * element or a member, such as a million <RolePrivilege> of an unknown
 * level: of each code a list records the first RA_DIAG_SAME_MAX, then
 * one line that says how many more there were, kept up to date.  Other
 * codes have caps of their own (lint's, a profile's rows) or come once.
 */
#define RA_DIAG_SAME_MAX	3
#define RA_DIAG_CAP_FIRST	100
#define RA_DIAG_CAP_END		300
struct ra_diagcap {
	size_t	 n[RA_DIAG_CAP_END - RA_DIAG_CAP_FIRST];	/* met */
	/* 1 + the index of the line saying how many more, or 0. */
	size_t	 at[RA_DIAG_CAP_END - RA_DIAG_CAP_FIRST];
};

/*
 * Diagnostics of one input while workers load several at once: a thread
 * that redirects records into its list (NULL: back to the context's), and
 * the lists are adopted by the context in input order.  CAP is NULL
 * until a capped code comes.
 */
struct ra_diaglist {
	struct ra_diag		*diag;
	size_t			 ndiag, capdiag;
	struct ra_diagcap	*cap;
};

/* What ra_diag_truncate() goes back to. */
struct ra_diagmark {
	size_t			 ndiag;
	int			 capped;	/* CAP holds a copy */
	struct ra_diagcap	 cap;
};

/* Returns the list this thread recorded into before (NULL: the context). */
struct ra_diaglist *ra_diag_redirect(struct ra_diaglist *);
void		 ra_diaglist_free(struct ra_diaglist *);
void		 ra_diag_adopt(struct ra_ctx *, struct ra_diaglist *);
/* Where this thread's diagnostics are now, for ra_diag_truncate(). */
void		 ra_diag_mark(struct ra_ctx *, struct ra_diagmark *);
/* Forget this thread's diagnostics since MARK (a retried parse). */
void		 ra_diag_truncate(struct ra_ctx *, const struct ra_diagmark *);
/* Tell the progress callback, if any (see ra_ctx_set_progress()). */
void		 ra_progress(struct ra_ctx *, uint64_t bytes, size_t inputs);
/* The requirements of P as a bitmap; 0 or -1. */
int		 ra_profile_bitmap(const struct ra_profile *, struct ra_bitmap *);

/*
 * Where a requirement's profile lists its privilege: the profile row's
 * own tab and section when it gives them, else the catalog's.  Reports
 * place a privilege where ra_pinfo() says; this is the profile's word.
 */
enum ra_tab	 ra_req_tab(const struct ra_catalog *, const struct ra_req *);
enum ra_section	 ra_req_section(const struct ra_catalog *,
		    const struct ra_req *);
/* "User (Basic)" ... "Organization (Global)", "None". */
const char	*ra_level_both(enum ra_level);
/* RA_DEPTH() bits as "User (Basic), Organization (Global)" into B. */
void		 ra_depths_format(unsigned depths, struct ra_buf *b);
/*
 * 1 when role R is the one SPEC (N bytes) names: its id (braces, blanks
 * and case ignored) or its name (ASCII case ignored).
 */
/* 1 when R's id is SPEC (N bytes), braces, blanks and case ignored. */
int		 ra_role_id_is(const struct ra_role *r, const char *spec, size_t n);
int		 ra_role_matches(const struct ra_role *r, const char *spec,
		    size_t n);
/*
 * The names of up to five roles of SOL close to SPEC, closest first, each
 * in double quotes, comma-separated, appended to B (nothing when none is
 * close): a name that holds SPEC or that SPEC holds, ASCII case ignored,
 * else one within max(2, len/4) edits.
 */
void		 ra_role_close_matches(const struct ra_solution *const *sol,
		    size_t nsol, const char *spec, struct ra_buf *b);
/*
 * Record that option WHAT ("--role") named SPEC, which names no role of
 * SOL: RA307, with the close matches.
 */
void		 ra_role_unknown(struct ra_ctx *, const char *what,
		    const char *spec, const struct ra_solution *const *sol,
		    size_t nsol);
/*
 * Where a diagnostic about role R of SOL points: the path into FILE, and
 * the zip member (or NULL) into *MEMBER (borrowed from R).
 */
void		 ra_role_diag_location(const struct ra_solution *sol,
		    const struct ra_role *r, struct ra_buf *file,
		    const char **member);

/* Unite PROF into REQ (borrowing entities), applying OPTS; 0 or -1. */
int		 ra_profiles_unite(struct ra_profile *req,
		    const struct ra_profile *const *prof, size_t nprof,
		    const struct ra_check_opts *opts);
/* Location "file:line" of a role into B. */
void		 ra_role_location(const struct ra_role *, struct ra_buf *b);
/* Release what R owns (its names, file, set and layout) and zero it. */
void		 ra_role_clear(struct ra_role *r);
/*
 * DST (uninitialised) a copy of SRC that shares its packed privilege set
 * (ra_bitmap_share(): a set not sealed yet is copied).  0, or -1 when
 * memory runs out (DST empty).
 */
int		 ra_role_share(struct ra_role *dst, const struct ra_role *src);
/*
 * R as written byte for byte alike with its start tag at LINE, in the
 * same column: every line inside it (its <RolePrivileges>, its grants)
 * moves along; columns stay.  A line past 32 bits becomes 0 (unknown).
 */
void		 ra_role_relocate(struct ra_role *r, unsigned long line);
/* Seal R's set (ra_bitmap_seal()) and count its privileges into NPRIVS. */
void		 ra_role_seal(struct ra_role *r);

/*
 * Where each grant of a role is written, looked up by privilege: made by
 * ra_role_spans() for one role at a time (a renderer's scratch), from
 * the role's layout.  V is sorted by privilege.
 */
struct ra_grant_span {
	size_t		 priv;
	const char	*name;		/* the catalog's, for the sort */
	struct ra_span	 at;
};

struct ra_spans {
	struct ra_grant_span	*v;
	size_t			 n, cap;
};

/*
 * Fill SP with the spans of R's grants (names from CAT), replacing what
 * it held: nothing when the role's layout is unknown.  A regular layout
 * costs one sort of the role's names.  0, or -1 when memory runs out.
 */
int		 ra_role_spans(const struct ra_catalog *cat,
		    const struct ra_role *r, struct ra_spans *sp);
/* The span of PRIV in SP into *OUT: 1, or 0 (zeroed) when not located. */
int		 ra_spans_find(const struct ra_spans *sp, size_t priv,
		    struct ra_span *out);
void		 ra_spans_free(struct ra_spans *sp);
/*
 * The length of the spelling of level L in an export ("Basic" ...
 * "Global"), which the regular layout's arithmetic uses; 0 for none.
 */
size_t		 ra_level_xml_len(enum ra_level l);
/*
 * Compare names A and B byte by byte, ASCII letters folded to lower case
 * (UPPER 0) or upper case (UPPER 1): <0, 0 or >0.
 */
int		 ra_fold_cmp(const char *a, size_t na, const char *b,
		    size_t nb, int upper);
/*
 * Which folds put A strictly before B: bit 1 to lower case, bit 2 to
 * upper case (one pass for both, as the loaders ask each grant).
 */
int		 ra_fold_order(const char *a, size_t na, const char *b,
		    size_t nb);
/* Unicode code points in the N bytes at S (UTF-8; a stray byte is one). */
size_t		 ra_cp_count(const char *s, size_t n);

#endif /* RA_MODEL_H */
