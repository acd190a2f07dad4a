/*
 * internal.h - types shared by libroleaudit's stages.  Never installed.
 *
 * Stages and the types they hand on:
 *   input_zip.c, input_dir.c, input.c   bytes of members/files -> parser
 *   parse_roles.c                       XML stream -> struct ra_role
 *   catalog.c                           CSV -> struct ra_catalog, profiles
 *   bitmap.c                            per-role privilege/depth bit planes
 *   check.c                             solutions + profiles -> report
 *   render_*.c                          report -> text, CSV, JSON
 * Third-party headers stay in the stage that needs them.
 */
#ifndef RA_INTERNAL_H
#define RA_INTERNAL_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>

#include "roleaudit.h"

#define RA_EXPORT	__attribute__((visibility("default")))

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
	RA_C_CHANGED = 116,	/* input changed between diff's two readings */
	RA_C_ZIP = 200,		/* not a zip / corrupt zip */
	RA_C_ZIP_MEMBER = 201,	/* corrupt member (CRC, truncated) */
	RA_C_ZIP_ENCRYPTED = 202,
	RA_C_ZIP_DUP = 203,	/* duplicate member name */
	RA_C_ZIP_BOMB = 204,	/* size or ratio limit */
	RA_C_ZIP_MEMBERS = 205,	/* too many members */
	RA_C_ZIP_NAME = 206,	/* unsafe member name: warning */
	RA_C_ZIP_METHOD = 207,	/* unsupported compression */
	RA_C_CSV = 300,		/* malformed CSV */
	RA_C_CSV_LEVEL = 301,	/* bad level in a profile */
	RA_C_CSV_NOPRIV = 302,	/* row without privilege */
	RA_C_CSV_HEADER = 303,	/* missing/unknown header */
	RA_C_CSV_TAB = 304,	/* unknown tab or section */
	RA_C_PROFILE = 305,	/* no such built-in profile */
	RA_C_CSV_ID = 306,	/* malformed privilege id or depths in a catalog */
	RA_C_ROLE_UNKNOWN = 307,	/* a role named on the command line: none */
	RA_C_ROLE_AMBIGUOUS = 308,	/* ... matches several roles */
	/* lint.c: findings about roles, not about the input's syntax. */
	RA_C_LINT_DEPTH = 401,	/* depth the privilege cannot take */
	RA_C_LINT_MISC_DEPTH = 402,	/* misc privilege below Organization: note */
	RA_C_LINT_APPEND = 410,	/* Append on a table, Append To on none */
	RA_C_LINT_APPENDTO = 411,	/* Append To on a table, Append on none */
	RA_C_LINT_TEAM = 420	/* team role granting User depth */
};

/* ---- util.c ---------------------------------------------------------- */

/* Growable byte string; `s` is always NUL-terminated once non-NULL. */
struct ra_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
	int	 oom;	/* sticky: an append ran out of memory */
};

/* Append N bytes of S; on failure B->oom is set and stays set. */
void	 ra_buf_grow_add(struct ra_buf *, const char *, size_t);

static inline void
ra_buf_add(struct ra_buf *b, const char *s, size_t n)
{
	/* The common case, room to spare, without a call. */
	if (!b->oom && b->s && n < b->cap - b->len) {
		if (n)
			memcpy(b->s + b->len, s, n);
		b->len += n;
		b->s[b->len] = '\0';
	} else
		ra_buf_grow_add(b, s, n);
}
void	 ra_buf_adds(struct ra_buf *, const char *);
void	 ra_buf_printf(struct ra_buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 ra_buf_free(struct ra_buf *);

char	*ra_strdup(const char *);
char	*ra_strndup(const char *, size_t);
/* ASCII case-insensitive compare; ties broken byte-wise (a total order). */
int	 ra_namecmp(const char *, const char *);
int	 ra_strcaseeq(const char *, const char *);
/* ASCII lower case, without the locale: names are compared as bytes. */
static inline unsigned char
ra_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

/* FNV-1a of the ASCII-lower-cased name: names hash case-insensitively. */
uint32_t ra_name_hash(const char *, size_t);
/* The NUL-terminated S equals the N bytes at NAME, ignoring ASCII case. */
int	 ra_name_eq(const char *s, const char *name, size_t n);

/*
 * A set of names compared ignoring ASCII case: counts a role's distinct
 * privileges when they are not all kept (see ra_ctx_focus()).  Cleared
 * per role, so its size follows the largest role, not the input.
 */
struct ra_nameset {
	uint64_t	*slot;
	size_t		 nslot, n;
	struct ra_buf	 arena;
};

/* 1 when NAME was new, 0 when already there, -1 when memory runs out. */
int	 ra_nameset_add(struct ra_nameset *, const char *, size_t);
/* The same, for a name whose ra_name_hash() is H. */
int	 ra_nameset_add_hash(struct ra_nameset *, const char *, size_t,
	    uint32_t h);
void	 ra_nameset_clear(struct ra_nameset *);
void	 ra_nameset_free(struct ra_nameset *);

/*
 * Length (1-4) of the valid UTF-8 sequence at S, or 0 (overlong forms,
 * surrogates and values past U+10FFFF are invalid).  S must hold a NUL
 * or enough bytes.
 */
size_t	 ra_utf8_len(const unsigned char *s);

/*
 * Text reports: write B to OUT and empty it (RA_EIO, or RA_ENOMEM when an
 * append had failed); pad B with blanks from column USED to TO; add the
 * terminal CODE only when COLOR.  (ra_text_width() is in render_text.c.)
 */
enum ra_err	 ra_buf_flush(struct ra_buf *, FILE *out);
void		 ra_buf_pad(struct ra_buf *, size_t used, size_t to);
void		 ra_buf_ink(struct ra_buf *, int color, const char *code);

/* Terminal colours of the text reports (only with --color). */
#define RA_BOLD		"\033[1m"
#define RA_RED		"\033[31;1m"
#define RA_YELLOW	"\033[33;1m"
#define RA_GREEN	"\033[32m"
#define RA_DIM		"\033[2m"
#define RA_RESET	"\033[0m"

/* Append S to B with control characters and invalid UTF-8 escaped. */
void	 ra_buf_add_safe(struct ra_buf *, const char *);
/* Grow *V (of *CAP elements of SIZE) to hold at least N; 0 or -1. */
int	 ra_grow(void *v, size_t *cap, size_t n, size_t size);

/* ---- sha256.c -------------------------------------------------------- */

struct ra_sha256 {
	uint32_t	 h[8];
	uint64_t	 nbytes;
	unsigned char	 block[64];
	size_t		 fill;
};

void	 ra_sha256_init(struct ra_sha256 *);
void	 ra_sha256_update(struct ra_sha256 *, const void *, size_t);
/* The 32-byte digest; S is spent. */
void	 ra_sha256_final(struct ra_sha256 *, unsigned char out[32]);
/* Writes 64 hex digits and a NUL to HEX; S is spent. */
void	 ra_sha256_hex(struct ra_sha256 *, char hex[65]);

/* ---- ctx.c: diagnostics --------------------------------------------- */

/*
 * Record a diagnostic on the context.  FILE and MEMBER are copied.  When
 * memory runs out the diagnostic is dropped: the stage that ran out
 * reports RA_ENOMEM anyway.
 */
void	 ra_diag_add(struct ra_ctx *, enum ra_severity, int code,
	    const char *file, const char *member, unsigned long line,
	    unsigned long col, const char *fmt, ...)
	    __attribute__((format(printf, 8, 9)));
void	 ra_diag_vadd(struct ra_ctx *, enum ra_severity, int code,
	    const char *file, const char *member, unsigned long line,
	    unsigned long col, const char *fmt, va_list);

/* ---- catalog.c ------------------------------------------------------- */

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
 * all solutions of a context.
 */
struct ra_catalog {
	struct ra_privdef	*v;
	size_t			 n, cap;
	uint64_t		*slot;	/* open addressing: hash, index + 1 */
	size_t			 nslot;	/* power of two */
	struct ra_base		*bases;
	size_t			 nbases, capbases;
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
/* Index of NAME (len bytes, case-insensitive) or RA_NOPRIV. */
size_t	 ra_catalog_find(const struct ra_catalog *, const char *, size_t);
/* The same, for a name whose ra_name_hash() is H. */
size_t	 ra_catalog_find_hash(const struct ra_catalog *, const char *,
	    size_t, uint32_t h);
/*
 * Index of NAME (LEN bytes), adding and classifying it when new.
 * RA_NOPRIV when memory runs out.
 */
size_t	 ra_catalog_intern(struct ra_catalog *, const char *, size_t);
/*
 * The table part of a prv<Verb><Base> name (a pointer into NAME) and its
 * access right, or NULL when NAME is not of that shape.
 */
const char	*ra_priv_base(const char *name, enum ra_access *);

/*
 * Classify a privilege the catalog does not list: fills tab, entity,
 * and access of D from its name.  Documented in the man page.
 */
int	 ra_classify(const struct ra_catalog *, const char *name,
	    struct ra_privdef *d);

/* Parse CSV bytes into rows; used for the catalog and for profiles. */
struct ra_csv_row {
	char		**field;
	size_t		  nfield;
	unsigned long	  line;
};

struct ra_csv {
	struct ra_csv_row	*row;
	size_t			 nrow, cap;
};

/*
 * Parse BUF as CSV (RFC 4180, UTF-8 BOM allowed).  Lines that start with
 * '#' between records are comments; empty rows are dropped; each row
 * keeps the 1-based line it starts on.  Errors are recorded as diagnostics against FILE.
 */
enum ra_err	 ra_csv_parse(struct ra_ctx *, const char *file,
		    const char *buf, size_t len, struct ra_csv *out);
void		 ra_csv_free(struct ra_csv *);
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

/* Built-in data compiled into the library (build/data.c). */
struct ra_blob {
	const char		*name;
	const unsigned char	*data;
	size_t			 len;
};
extern const struct ra_blob	ra_data_catalog;
extern const struct ra_blob	ra_data_bases;
extern const struct ra_blob	ra_data_escalation;
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
 * matches (then B is untouched).  Lowering never escalates.
 */
int	 ra_escalation(const struct ra_ctx *, size_t priv, enum ra_level old,
	    enum ra_level new, struct ra_buf *b);

/* ---- bitmap.c -------------------------------------------------------- */

/*
 * The privileges of a role or a profile, each at a level (Basic=1 ..
 * Global=4), in one of two layouts chosen when the bitmap is empty:
 *
 * - dense (the default): four bit planes; bit i of plane L-1 is set when
 *   privilege i is held at level L or higher.  "Holds X at least at L" is
 *   one bit test; "lacks from a profile" is, per plane, required & ~held.
 * - sparse (ra_bitmap_sparse()): sorted (privilege, level) entries, four
 *   bytes a grant, for roles of unfocused loads, whose privileges are
 *   indexed by a catalog of every name in the input.  After setting,
 *   call ra_bitmap_seal() before reading.
 *
 * Both answer the same calls.  REQ, NEED, MISSING and profile bitmaps
 * are dense; a role's may be either.
 */
#define RA_PLANES	4

struct ra_bitmap {
	uint64_t	*w;	/* dense: RA_PLANES * nwords words, plane-major */
	size_t		 nwords;
	uint32_t	*e;	/* sparse: privilege << 2 | (level - 1) */
	size_t		 ne, cape;
	unsigned char	 sparse;
	unsigned char	 sorted;	/* sparse: sealed, or appended in order */
};

/* Make empty B sparse. */
void		 ra_bitmap_sparse(struct ra_bitmap *);
/* Sparse: sort and keep each privilege once, at its highest level. */
void		 ra_bitmap_seal(struct ra_bitmap *);
/* Grant PRIV at L (a higher level than before wins); 0 or -1. */
int		 ra_bitmap_set(struct ra_bitmap *, size_t priv, enum ra_level);
enum ra_level	 ra_bitmap_get(const struct ra_bitmap *, size_t priv);
/* Privileges held at any level. */
size_t		 ra_bitmap_count(const struct ra_bitmap *);
void		 ra_bitmap_free(struct ra_bitmap *);
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

/* ---- the model ------------------------------------------------------- */

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

struct ra_role {
	char		*id;
	char		*name;
	char		*file;		/* member or file the role is in */
	unsigned long	 line;
	struct ra_bitmap bits;		/* lean: empty (see ra_solution) */
	size_t		 nprivs;
	enum ra_inherit	 inherit;
	/*
	 * Lean or kept loads: SHA-256 of the role's privileges, each once at
	 * its highest level, as ASCII-lower-cased name, NUL, level digit,
	 * in byte order of the names.  Equal digests, equal privileges.
	 */
	unsigned char	 digest[32];
};

/*
 * Record the isinherited attribute's value (N bytes at V) on R; lint.c.
 * Anything but "0" or "1" leaves it unknown.
 */
void	 ra_role_set_inherit(struct ra_role *r, const char *v, size_t n);

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
	/*
	 * Lean (loaded from a path under ra_ctx_set_lean()): roles hold a
	 * digest and a count, not privileges, until ra_diff() reads the
	 * privileges of the roles it reports back in (ra_solution_fill()).
	 */
	int		 lean;
	/*
	 * While ra_solution_fill() reads the input again: role i's privileges
	 * are kept when keep[i]; the others are only counted in order.
	 */
	const unsigned char *keep;
	size_t		 nkeep;
};

/*
 * Read SOL's input again and give the roles marked in KEEP (SOL->nrole
 * flags) their privileges.  The input must read as it did: the same
 * roles in the same order, the kept ones with the same digest; else an
 * error is recorded and RA_EINPUT returned.  Diagnostics of the second
 * reading are dropped unless it fails.
 */
enum ra_err	 ra_solution_fill(struct ra_ctx *, struct ra_solution *sol,
		    const unsigned char *keep);
/* 1 when one of the N solutions is lean: their privileges are not there. */
int		 ra_solutions_lean(const struct ra_solution *const *, size_t n);

struct ra_ctx {
	struct ra_catalog	 cat;
	uint64_t		 limit[RA_LIMIT__COUNT];
	struct ra_esc		*esc;
	size_t			 nesc, capesc;
	void			(*progress)(void *, uint64_t, size_t);
	void			*progress_arg;
	pthread_mutex_t		 progress_mu;
	int			 focused;	/* see ra_ctx_focus() */
	int			 lean;		/* see ra_ctx_set_lean() */
	/*
	 * Set by ra_solutions_load() when every core it may use already has
	 * an input (or -j 1 allows one core): then an input gets no threads
	 * of its own (inflater, digest).
	 */
	int			 solo;
	struct ra_bitmap	 focus;		/* plane 0: privileges kept */
	struct ra_diag		*diag;
	size_t			 ndiag, capdiag;
};

/* ---- input and parse stages ----------------------------------------- */

/* What a document is expected to be. */
enum ra_doc {
	RA_DOC_ANY = 0,		/* single XML input: role or customizations */
	RA_DOC_CUSTOMIZATIONS,	/* roles section required */
	RA_DOC_CUSTOMIZATIONS_OPT,	/* unpacked Other/Customizations.xml */
	RA_DOC_ROLE,		/* file in Roles/: non-role root is a warning */
	RA_DOC_MANIFEST		/* solution.xml */
};

/* A document being loaded into a solution. */
struct ra_load {
	struct ra_ctx		*ctx;
	struct ra_solution	*sol;
	const char		*file;		/* for diagnostics */
	const char		*member;	/* zip member or NULL */
	const char		*role_file;	/* name stored in roles */
};

/*
 * build_roles.c: the role being read.  begin, then privileges, then end
 * (which appends the role to the solution) or abandon.  Each returns
 * RA_OK or RA_ENOMEM; checking the input is the readers' business.
 */
struct ra_noted {
	uint32_t		 off, len;	/* of the lower-cased name */
	enum ra_level		 level;
};

struct ra_build {
	struct ra_load		*ld;
	struct ra_role		 cur;
	int			 open;
	int			 skip;		/* fill: not a kept role */
	struct ra_nameset	 seen;		/* focused: names counted */
	/* Lean or kept: the role's grants, for its digest. */
	struct ra_buf		 names;
	struct ra_noted		*g;
	size_t			 ng, capg;
};

void		 ra_build_init(struct ra_build *, struct ra_load *);
enum ra_err	 ra_build_begin(struct ra_build *, const char *id,
		    size_t idlen, const char *name, size_t namelen,
		    unsigned long line);
enum ra_err	 ra_build_privilege(struct ra_build *, const char *name,
		    size_t len, enum ra_level);
enum ra_err	 ra_build_end(struct ra_build *);
void		 ra_build_abandon(struct ra_build *);
void		 ra_build_free(struct ra_build *);

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

/* Called once per process by ra_ctx_new(). */
void		 ra_xml_global_init(void);

/*
 * scan_roles.c: read the roles of a large customizations.xml without
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

enum ra_err	 ra_load_zip(struct ra_ctx *, struct ra_solution *,
		    const char *path, const void *buf, size_t len);
enum ra_err	 ra_load_dir(struct ra_ctx *, struct ra_solution *,
		    const char *path);
/*
 * Bytes of one document that can be read again from the start: a file or
 * a zip member.  open() (re)starts it; read() hands out the next chunk,
 * borrowed until the next call, with *LEN 0 at the end; both record their
 * own diagnostics and return the status.  SIZE is the document's size
 * when known, else UINT64_MAX.
 */
struct ra_source {
	void		*arg;
	uint64_t	 size;
	enum ra_err	(*open)(void *arg);
	enum ra_err	(*read)(void *arg, const char **data, size_t *len);
	void		(*close)(void *arg);
};

/*
 * Parse the document from SRC as DOC into LD->sol, hashing the bytes into
 * SHA when not NULL.  A customizations.xml of RA_LIMIT_SCAN_SIZE bytes or
 * more goes through scan_roles.c first; when the scan is unsure, what it
 * loaded is discarded and the document is read again, whole.
 */
enum ra_err	 ra_load_stream(struct ra_load *, enum ra_doc,
		    struct ra_source *, struct ra_sha256 *sha);
/*
 * Diagnostics of one input while workers load several at once: a thread
 * that redirects records into its list (NULL: back to the context's), and
 * the lists are adopted by the context in input order.
 */
struct ra_diaglist {
	struct ra_diag	*diag;
	size_t		 ndiag, capdiag;
};

/* Returns the list this thread recorded into before (NULL: the context). */
struct ra_diaglist *ra_diag_redirect(struct ra_diaglist *);
void		 ra_diaglist_free(struct ra_diaglist *);
void		 ra_diag_adopt(struct ra_ctx *, struct ra_diaglist *);
/* How many diagnostics this thread has recorded so far (see truncate). */
size_t		 ra_diag_mark(struct ra_ctx *);
/* Forget this thread's diagnostics after the first N (a retried parse). */
void		 ra_diag_truncate(struct ra_ctx *, size_t n);
/* Tell the progress callback, if any (see ra_ctx_set_progress()). */
void		 ra_progress(struct ra_ctx *, uint64_t bytes, size_t inputs);

/*
 * Stream the file at PATH (or BUF) through a parser of kind DOC, hashing
 * into SHA when not NULL; with NOFOLLOW a symbolic link is not opened.
 */
enum ra_err	 ra_load_xml_file(struct ra_load *, enum ra_doc,
		    const char *path, struct ra_sha256 *sha, int nofollow);
enum ra_err	 ra_load_xml_buffer(struct ra_load *, enum ra_doc,
		    const void *buf, size_t len);
/* The same, handed to the stages CHUNK bytes at a time (0: one). */
enum ra_err	 ra_load_xml_chunks(struct ra_load *, enum ra_doc,
		    const void *buf, size_t len, size_t chunk);

/* ---- check.c --------------------------------------------------------- */

struct ra_missing {
	size_t			 priv;
	const struct ra_req	*req;
	enum ra_level		 actual;
	enum ra_tab		 tab;	/* sort keys: tab, then name */
	const char		*name;
};

struct ra_result {
	size_t			 sol;
	const struct ra_role	*role;
	struct ra_missing	*miss;
	size_t			 nmiss;
};

struct ra_report {
	const struct ra_ctx		 *ctx;
	const struct ra_solution *const *sol;
	size_t				  nsol;
	const struct ra_profile *const	 *prof;
	size_t				  nprof;
	struct ra_profile		  req;	/* the union, min-level applied */
	struct ra_result		 *res;
	size_t				  nres;
	size_t				  npass, nfail;
};

/* The requirements of P as a bitmap; 0 or -1. */
int		 ra_profile_bitmap(const struct ra_profile *, struct ra_bitmap *);

/* Display data of a missing privilege: the profile row wins. */
const char	*ra_req_entity(const struct ra_catalog *, const struct ra_req *);
enum ra_tab	 ra_req_tab(const struct ra_catalog *, const struct ra_req *);
enum ra_section	 ra_req_section(const struct ra_catalog *, const struct ra_req *);

/* ---- diff.c --------------------------------------------------------- */

enum ra_pchange {
	RA_PCH_ADDED = 0,
	RA_PCH_REMOVED,
	RA_PCH_RAISED,
	RA_PCH_LOWERED
};

enum ra_rchange {
	RA_RCH_ADDED = 0,
	RA_RCH_REMOVED,
	RA_RCH_CHANGED
};

/* One privilege that differs between the two sides of a role. */
struct ra_pdiff {
	size_t		 priv;
	enum ra_level	 old, new;
	enum ra_pchange	 change;
	enum ra_tab	 tab;		/* sort keys: tab, then name */
	const char	*name;
	char		*reason;	/* escalation reasons, or NULL */
};

/* A built-in profile whose verdict on a role changed. */
struct ra_ptrans {
	const struct ra_profile	*prof;
	int			 old_pass, new_pass;
};

struct ra_rdiff {
	const struct ra_role	*old, *new;	/* NULL when added/removed */
	enum ra_rchange		 change;
	int			 renamed;
	int			 escalation;	/* some change escalates */
	struct ra_pdiff		*p;
	size_t			 np;
	struct ra_ptrans	*t;
	size_t			 nt;
};

struct ra_diff {
	const struct ra_ctx		 *ctx;
	const struct ra_solution	 *old, *new;
	const struct ra_profile *const	 *prof;
	size_t				  nprof;
	struct ra_rdiff			 *r;
	size_t				  nr, capr;
	size_t				  roles_added, roles_removed;
	size_t				  roles_changed;
	size_t				  added, removed, raised, lowered;
	size_t				  escalations;
};

const char	*ra_pchange_name(enum ra_pchange);
const char	*ra_rchange_name(enum ra_rchange);

/* ---- lint.c, combine.c, explain.c, redact.c ------------------------- */

/* One lint finding about a role (RA4xx). */
struct ra_finding {
	int			 code;
	enum ra_severity	 severity;
	size_t			 sol;		/* index of the role's input */
	const struct ra_role	*role;
	size_t			 priv;		/* RA_NOPRIV: about the role */
	enum ra_level		 level;		/* held, when about a privilege */
	char			*message;
};

struct ra_lint {
	const struct ra_ctx		 *ctx;
	const struct ra_solution *const	 *sol;
	size_t				  nsol;
	size_t				  nrole;
	struct ra_finding		 *f;
	size_t				  n, cap;
	size_t				  count[RA_SEV_ERROR + 1];
};

/*
 * The depths privilege D can take: its catalog depths, else Organization
 * for a privacy-related privilege, else 0 (unknown).
 */
unsigned	 ra_privdef_depths(const struct ra_privdef *d);
/* "User (Basic)" ... "Organization (Global)", "None". */
const char	*ra_level_both(enum ra_level);
/* RA_DEPTH() bits as "User (Basic), Organization (Global)" into B. */
void		 ra_depths_format(unsigned depths, struct ra_buf *b);
/*
 * 1 when role R is the one SPEC (N bytes) names: its id (braces, blanks
 * and case ignored) or its name (ASCII case ignored).
 */
int		 ra_role_matches(const struct ra_role *r, const char *spec,
		    size_t n);
/*
 * Where a diagnostic about role R of SOL points: the path into FILE, and
 * the zip member (or NULL) into *MEMBER (borrowed from R).
 */
void		 ra_role_diag_location(const struct ra_solution *sol,
		    const struct ra_role *r, struct ra_buf *file,
		    const char **member);

/* A role of a combination, and the input it came from. */
struct ra_member {
	size_t			 sol;
	const struct ra_role	*role;
};

/* Who grants one required privilege in a combination. */
struct ra_grant {
	size_t			 member;	/* index into combo->m */
	enum ra_level		 level;
};

struct ra_creq {
	const struct ra_req	*req;
	enum ra_level		 held;		/* the union's level */
	struct ra_grant		*g;		/* highest level first */
	size_t			 ng;
};

struct ra_combo {
	int			 all;		/* every role of the inputs */
	struct ra_member	*m;
	size_t			 nm, capm;
	size_t			 nprivs;	/* distinct, in the union */
	struct ra_creq		*r;		/* tab order, then name */
	size_t			 nr;
	size_t			 nmiss;
};

struct ra_combined {
	const struct ra_ctx		 *ctx;
	const struct ra_solution *const	 *sol;
	size_t				  nsol;
	const struct ra_profile *const	 *prof;
	size_t				  nprof;
	struct ra_profile		  req;	/* the union, as in ra_check() */
	struct ra_combo			 *c;
	size_t				  nc;
	size_t				  npass, nfail;
};

/* The error texts explain.c knows, by index; NULL past the last. */
const struct ra_sigdef *ra_sigdef(int);
/* The table an ObjectTypeCode names, or NULL when explain.c has none. */
const char	*ra_otc_table(long);

/* Unite PROF into REQ (borrowing entities), applying OPTS; 0 or -1. */
int		 ra_profiles_unite(struct ra_profile *req,
		    const struct ra_profile *const *prof, size_t nprof,
		    const struct ra_check_opts *opts);

/*
 * redact.c: the pseudonym of a role name ("Role " and 12 hex digits) or
 * of a role id (GUID-shaped; "" stays ""), keyed; NULL when memory runs
 * out.
 */
char		*ra_pseudonym_name(const void *key, size_t keylen,
		    const char *name);
char		*ra_pseudonym_id(const void *key, size_t keylen,
		    const char *id);

/* An error text explain.c recognizes, and what it means. */
struct ra_sigdef {
	const char	*code;		/* short name shown in reports */
	const char	*meaning;
	const char	*source;	/* the article, or NULL */
	const char	*profile;	/* built-in profile it belongs to */
};

struct ra_xsig {
	const struct ra_sigdef	*def;
	char			*matched;	/* the text as found */
};

/* Why explain.c talks about a privilege (bits). */
#define RA_XHOW_NAMED	0x1	/* prvName in the text */
#define RA_XHOW_ID	0x2	/* its id, or a prefix of it, in the text */
#define RA_XHOW_IMPLIED	0x4	/* implied by an error or access right */

/* A role's standing on one privilege of an explanation. */
struct ra_xrole {
	size_t			 sol;
	const struct ra_role	*role;
	enum ra_level		 held;
	int			 lacks;
};

/* A built-in profile that lists the privilege, and at which level. */
struct ra_xprof {
	const struct ra_profile	*prof;
	const struct ra_req	*req;
};

struct ra_xpriv {
	size_t			 priv;
	int			 how;		/* RA_XHOW_* */
	char			*idtext;	/* the id as the text gives it */
	char			*why;		/* RA_XHOW_IMPLIED: by what */
	enum ra_level		 required;	/* from the text, or NONE */
	struct ra_xprof		*p;
	size_t			 np;
	struct ra_xrole		*r;
	size_t			 nr;
	size_t			 nlack;
};

struct ra_explanation {
	const struct ra_ctx		 *ctx;
	const struct ra_solution *const	 *sol;
	size_t				  nsol;
	char				  sha256[65];	/* of the text */
	size_t				  textlen;
	struct ra_profile		**bprof;	/* every built-in */
	size_t				  nbprof;
	struct ra_xsig			 *s;
	size_t				  ns;
	int				  principal;	/* type=N, or -1 */
	long				  otc;		/* ObjectTypeCode, or -1 */
	char				 *access;	/* AccessRights: X */
	struct ra_xpriv			 *p;
	size_t				  np;
	/* Profiles checked because the text names none of their privileges. */
	struct ra_report		**rep;
	const struct ra_profile		**repprof;	/* rep[i]'s profile */
	size_t				  nrep;
	size_t				  nlacking;	/* distinct roles */
};

/* ---- render_*.c ------------------------------------------------------ */

enum ra_err	 ra_render_text(const struct ra_report *, int color, FILE *);
enum ra_err	 ra_render_csv(const struct ra_report *, FILE *);
enum ra_err	 ra_render_json(const struct ra_report *, FILE *);
enum ra_err	 ra_render_roles_text(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t, FILE *);
enum ra_err	 ra_render_roles_csv(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t, FILE *);
enum ra_err	 ra_render_roles_json(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t, FILE *);
enum ra_err	 ra_render_diff_text(const struct ra_diff *, int color, FILE *);
enum ra_err	 ra_render_diff_csv(const struct ra_diff *, FILE *);
enum ra_err	 ra_render_diff_json(const struct ra_diff *, FILE *);
enum ra_err	 ra_render_profiles_text(const struct ra_profile *const *,
		    size_t, FILE *);
enum ra_err	 ra_render_profiles_csv(const struct ra_profile *const *,
		    size_t, FILE *);
enum ra_err	 ra_render_profiles_json(const struct ra_profile *const *,
		    size_t, FILE *);
enum ra_err	 ra_render_lint_text(const struct ra_lint *, int color, FILE *);
enum ra_err	 ra_render_lint_csv(const struct ra_lint *, FILE *);
enum ra_err	 ra_render_lint_json(const struct ra_lint *, FILE *);
enum ra_err	 ra_render_combined_text(const struct ra_combined *, int color,
		    FILE *);
enum ra_err	 ra_render_combined_csv(const struct ra_combined *, FILE *);
enum ra_err	 ra_render_combined_json(const struct ra_combined *, FILE *);
enum ra_err	 ra_render_explain_text(const struct ra_explanation *, int color,
		    FILE *);
enum ra_err	 ra_render_explain_csv(const struct ra_explanation *, FILE *);
enum ra_err	 ra_render_explain_json(const struct ra_explanation *, FILE *);

/*
 * Make a CSV cell inert for spreadsheets: a cell that starts with = + - @
 * TAB or CR and is not a number gets a leading apostrophe.  Returns S or
 * a string in *TMP (free it).
 */
const char	*ra_csv_safe(const char *s, char **tmp);
/* Write one CSV record of N cells (quoted as needed, made inert). */
int		 ra_csv_write_row(FILE *, const char *const *cells, size_t n);

/*
 * Text reports (render_text.c): the header line of an input,
 * "path (kind, name version, managed, N roles)", escaped and with a
 * newline, into B (bold when COLOR); the display width of UTF-8 text.
 */
void		 ra_text_input_header(struct ra_buf *b,
		    const struct ra_solution *, int color);
size_t		 ra_text_width(const char *);

/* Location "file:line" of a role into B. */
void		 ra_role_location(const struct ra_role *, struct ra_buf *b);

#endif /* RA_INTERNAL_H */
