/*
 * xml.c - stream role XML into the model with libxml2's SAX2 push
 * parser.  No tree is ever built: customizations.xml can exceed 100 MB.
 *
 * What counts as a role (CustomizationsSolution.xsd):
 *   customizations.xml  /ImportExportXml/Roles/Role
 *   role file           /Role  (SolutionPackager's Roles/<name>.xml)
 * and a role's privileges are its RolePrivileges/RolePrivilege children.
 * <Role Id=.../> elements anywhere else (forms, app modules, role maps)
 * are references and are ignored.  A table's metadata is read from
 *   customizations.xml  /ImportExportXml/Entities/Entity
 *   Entity.xml          /Entity  (SolutionPackager's Entities/<name>/)
 * as build.c's ra_tbuild describes.
 *
 * A package's ImportConfig.xml (RA_DOC_IMPORTCONFIG) is read here too,
 * with the same defences, into the list of files it names (see struct
 * ra_pkg_entry): the elements and attributes of Package Deployer's
 * ImportConfig reference, matched exactly.  Its encoding declaration is
 * ignored: Visual Studio's package template declares "utf-16" in a file
 * it saves as UTF-8, which libxml2 would refuse; a UTF-16 file starts
 * with a byte order mark, which still decides.
 *
 * Untrusted input: the network is off, a DOCTYPE or an entity declaration
 * stops the parse with an error, so nothing is expanded or loaded.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "parse/parse.h"

/* What the document turned out to be, from its root element. */
enum root {
	ROOT_UNSEEN = 0,
	ROOT_CUSTOMIZATIONS,	/* <ImportExportXml> with roles */
	ROOT_MANIFEST,		/* <ImportExportXml> of solution.xml */
	ROOT_ROLE,		/* <Role> */
	ROOT_IMPORTCONFIG,	/* <configdatastorage> of ImportConfig.xml */
	ROOT_ENTITY,		/* <Entity> of an Entity.xml */
	ROOT_SECTION,		/* <AppModule> or <FieldSecurityProfiles> */
	ROOT_SKIP		/* ignored (not a role in Roles/) */
};

/* The child of <configdatastorage> being read, and what it lists. */
enum pkg_section {
	PKG_NONE = 0,
	PKG_SOLUTIONS,		/* <solutions>: configsolutionfile */
	PKG_FILES,		/* <filestoimport>: configimportfile */
	PKG_CMT,		/* <cmtdatafiles>: cmtdatafile */
	PKG_MAPS		/* <filesmapstoimport>: configimportmapfile */
};

/* solution.xml fields we keep, by element path below the manifest. */
enum field {
	F_NONE = 0,
	F_UNIQUE_NAME,
	F_VERSION,
	F_MANAGED,
	F_PREFIX
};

#define TEXT_MAX	1024

struct ra_xml {
	struct ra_load		*ld;
	enum ra_doc		 doc;
	xmlParserCtxtPtr	 px;
	enum ra_err		 rc;
	enum root		 root;
	unsigned long		 depth;
	unsigned long		 roles_depth;	/* open <Roles>, 0 none */
	int			 roles_seen;
	unsigned long		 role_depth;	/* open role, 0 none */
	unsigned long		 privs_depth;	/* open <RolePrivileges> */
	struct ra_build		 b;		/* the role being read */
	unsigned long		 manifest_depth;
	enum field		 field;
	struct ra_buf		 text;
	enum pkg_section	 pkg_section;
	/* A table's metadata: the open elements of build.c's ra_tbuild. */
	unsigned long		 ents_depth;	/* <Entities>, 0 none */
	unsigned long		 ent_depth;	/* <Entity> */
	unsigned long		 info_depth;	/* <EntityInfo> */
	unsigned long		 einfo_depth;	/* <entity> */
	unsigned long		 lnames_depth;	/* <LocalizedNames> */
	unsigned long		 tfield_depth;	/* the element read as text */
	struct ra_tbuild	 tb;
	/* Apps, column security, a table's columns (build.c's ra_sbuild). */
	unsigned long		 sect_depth;	/* the section's root, 0 none */
	struct ra_sbuild	 sb;
};

void
ra_xml_global_init(void)
{
	static pthread_once_t	 once = PTHREAD_ONCE_INIT;

	pthread_once(&once, xmlInitParser);
}

/* Stop at the first fatal problem; later input is ignored. */
static void
fail(struct ra_xml *x, enum ra_err rc)
{
	if (x->rc == RA_OK)
		x->rc = rc;
	if (x->px)
		xmlStopParser(x->px);
}

static unsigned long
cur_line(const struct ra_xml *x)
{
	return x->px && x->px->input ? (unsigned long)x->px->input->line : 0;
}

/*
 * Line of the start tag being reported.  libxml2 calls startElementNs
 * with the cursor at the tag's closing '>' (the push parser holds the
 * whole tag in its buffer), so count the newlines back to its '<': a
 * role whose attributes span lines is located at its first line.
 */
static unsigned long
tag_line(const struct ra_xml *x)
{
	const xmlChar	*p, *base;
	unsigned long	 line = cur_line(x);

	if (x->px == NULL || x->px->input == NULL || x->px->input->cur == NULL)
		return line;
	base = x->px->input->base;
	for (p = x->px->input->cur; p > base && *p != '<'; p--)
		if (*p == '\n' && p != x->px->input->cur && line > 1)
			line--;
	return line;
}

/*
 * Where the start tag being reported is written (struct ra_span).
 * libxml2's column is the cursor's, in code points: the tag's '/' or
 * '>'.  The start column is counted back from it over the tag's bytes,
 * or, for a tag that spans lines, from the newline before its '<' when
 * the parser still holds it (0 when not).
 */
static void
tag_span(const struct ra_xml *x, struct ra_span *sp)
{
	const xmlChar	*p, *cur, *base;
	unsigned long	 col;
	int		 nl = 0;

	memset(sp, 0, sizeof(*sp));
	sp->line = tag_line(x);
	if (x->px == NULL || x->px->input == NULL ||
	    (cur = x->px->input->cur) == NULL)
		return;
	base = x->px->input->base;
	col = x->px->input->col > 0 ? (unsigned long)x->px->input->col : 0;
	for (p = cur; p > base && *p != '<'; p--)
		if (*p == '\n')
			nl = 1;
	if (*p != '<' || col == 0)
		return;
	sp->endline = cur_line(x);
	sp->endcol = col + (*cur == '/' ? 2 : 1);
	if (!nl) {
		sp->col = col - ra_cp_count((const char *)p,
		    (size_t)(cur - p));
		return;
	}
	for (cur = p; p > base && p[-1] != '\n'; p--)
		continue;
	if (p > base)
		sp->col = 1 + ra_cp_count((const char *)p, (size_t)(cur - p));
}

static void
diag(struct ra_xml *x, enum ra_severity sev, int code, unsigned long line,
    const char *fmt, ...) RA_PRINTF(5, 6);

static void
diag(struct ra_xml *x, enum ra_severity sev, int code, unsigned long line,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	ra_diag_vadd(x->ld->ctx, sev, code, x->ld->file, x->ld->member, line,
	    0, fmt, ap);
	va_end(ap);
}

/* Value of attribute NAME (ASCII case-insensitive) or NULL; length in *N. */
static const xmlChar *
attr(int nattr, const xmlChar **a, const char *name, size_t *n)
{
	int	 i;

	for (i = 0; i < nattr; i++, a += 5)
		if (a[1] == NULL && ra_strcaseeq((const char *)a[0], name)) {
			*n = (size_t)(a[4] - a[3]);
			return a[3];
		}
	return NULL;
}

/*
 * Copy an attribute value of N bytes.  Without entity replacement (which
 * stays off for untrusted input) libxml2 hands a '&' in an attribute back
 * as the five characters "&#38;" and every other character decoded, so
 * that one sequence is turned back into '&'.
 */
static char *
attr_decode(const xmlChar *v, size_t n)
{
	char	*s, *o;
	size_t	 i;

	if ((s = malloc(n + 1)) == NULL)
		return NULL;
	for (i = 0, o = s; i < n; i++) {
		*o++ = (char)v[i];
		if (v[i] == '&' && n - i >= 5 && memcmp(v + i, "&#38;", 5) == 0)
			i += 4;
	}
	*o = '\0';
	return s;
}

/* Copy an attribute value, refusing names past the length limit. */
static char *
attr_dup(struct ra_xml *x, const xmlChar *v, size_t n, const char *what)
{
	char	*s;

	if (n > x->ld->ctx->limit[RA_LIMIT_NAME_LENGTH]) {
		diag(x, RA_SEV_ERROR, RA_C_TOOLONG, tag_line(x),
		    "%s is %zu bytes long, over the limit of %llu", what, n,
		    (unsigned long long)x->ld->ctx->limit[RA_LIMIT_NAME_LENGTH]);
		fail(x, RA_ELIMIT);
		return NULL;
	}
	if ((s = attr_decode(v, n)) == NULL)
		fail(x, RA_ENOMEM);
	return s;
}

static void
role_begin(struct ra_xml *x, int nattr, const xmlChar **a)
{
	const xmlChar	*v;
	size_t		 n;
	char		*name, *id = NULL;
	unsigned long	 line = tag_line(x);
	struct ra_span	 at;
	enum ra_err	 rc;

	tag_span(x, &at);
	x->role_depth = x->depth;
	if ((v = attr(nattr, a, "name", &n)) == NULL) {
		diag(x, RA_SEV_ERROR, RA_C_ROLE_NONAME, line,
		    "<Role> without a name attribute");
		fail(x, RA_EINPUT);
		return;
	}
	if ((name = attr_dup(x, v, n, "role name")) == NULL)
		return;
	if ((v = attr(nattr, a, "id", &n)) == NULL)
		diag(x, RA_SEV_WARNING, RA_C_ROLE_NOID, line,
		    "role \"%s\" has no id attribute", name);
	else if ((id = attr_dup(x, v, n, "role id")) == NULL) {
		free(name);
		return;
	}
	rc = ra_build_begin(&x->b, id, id ? strlen(id) : 0, name, strlen(name),
	    &at);
	if (rc != RA_OK)
		fail(x, rc);
	else {
		if ((v = attr(nattr, a, "isinherited", &n)) != NULL)
			ra_role_set_inherit(&x->b.cur, (const char *)v, n);
		if ((v = attr(nattr, a, "unmodified", &n)) != NULL)
			ra_role_set_unmodified(&x->b.cur, (const char *)v, n);
	}
	free(name);
	free(id);
}

static void
role_end(struct ra_xml *x)
{
	enum ra_err	 rc;

	x->role_depth = 0;
	if (x->rc != RA_OK || !x->b.open) {
		ra_build_abandon(&x->b);
		return;
	}
	if ((rc = ra_build_end(&x->b)) != RA_OK)
		fail(x, rc);
}

static void
privilege(struct ra_xml *x, int nattr, const xmlChar **a)
{
	const xmlChar	*name, *lv;
	size_t		 nname, nlv;
	char		 level[32], *decoded = NULL;
	struct ra_span	 at;
	enum ra_err	 rc;
	enum ra_level	 l;

	if ((name = attr(nattr, a, "name", &nname)) == NULL || nname == 0) {
		diag(x, RA_SEV_ERROR, RA_C_PRIV_NONAME, tag_line(x),
		    "<RolePrivilege> without a name in role \"%s\"",
		    x->b.cur.name ? x->b.cur.name : "");
		fail(x, RA_EINPUT);
		return;
	}
	if (nname > x->ld->ctx->limit[RA_LIMIT_NAME_LENGTH]) {
		diag(x, RA_SEV_ERROR, RA_C_TOOLONG, tag_line(x),
		    "privilege name is %zu bytes long, over the limit of %llu",
		    nname, (unsigned long long)
		    x->ld->ctx->limit[RA_LIMIT_NAME_LENGTH]);
		fail(x, RA_ELIMIT);
		return;
	}
	if ((lv = attr(nattr, a, "level", &nlv)) == NULL) {
		diag(x, RA_SEV_ERROR, RA_C_PRIV_NOLEVEL, tag_line(x),
		    "<RolePrivilege name=\"%.*s\"> without a level",
		    (int)(nname > 200 ? 200 : nname), (const char *)name);
		fail(x, RA_EINPUT);
		return;
	}
	if (nlv >= sizeof(level) ||
	    (memcpy(level, lv, nlv), level[nlv] = '\0',
	    ra_level_parse(level, &l) != RA_OK) || l == RA_LEVEL_NONE) {
		diag(x, RA_SEV_WARNING, RA_C_PRIV_BADLEVEL, tag_line(x),
		    "unknown level \"%.*s\" for %.*s (Basic, Local, Deep or "
		    "Global); counted as not granted",
		    (int)(nlv > 40 ? 40 : nlv), (const char *)lv,
		    (int)(nname > 200 ? 200 : nname), (const char *)name);
		return;
	}
	/* The hot path: only a name holding '&' needs a decoded copy. */
	if (memchr(name, '&', nname) != NULL) {
		if ((decoded = attr_decode(name, nname)) == NULL) {
			fail(x, RA_ENOMEM);
			return;
		}
		name = (const xmlChar *)decoded;
		nname = strlen(decoded);
	}
	tag_span(x, &at);
	if (x->b.open && (rc = ra_build_privilege(&x->b, (const char *)name,
	    nname, l, &at)) != RA_OK)
		fail(x, rc);
	free(decoded);
}

/*
 * Add the file named by attribute ATTR of the element being read to the
 * package's list, as a solution (SOLUTION 1) or a data file.  A solution
 * element without it is an error; a data element without it (or with it
 * empty, as the reference's examples leave agentdesktopzipfile) names
 * nothing.
 */
static void
pkg_entry(struct ra_xml *x, int nattr, const xmlChar **a, const char *at,
    int solution)
{
	struct ra_pkg_list	*l = x->ld->pkg;
	const xmlChar		*v;
	size_t			 n;
	char			*name;

	if ((v = attr(nattr, a, at, &n)) == NULL || n == 0) {
		if (!solution)
			return;
		diag(x, RA_SEV_ERROR, RA_C_PKG_ENTRY, tag_line(x),
		    "<configsolutionfile> without a solutionpackagefilename");
		fail(x, RA_EINPUT);
		return;
	}
	if ((name = attr_dup(x, v, n, "file name")) == NULL)
		return;
	if (ra_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v)) == -1) {
		free(name);
		fail(x, RA_ENOMEM);
		return;
	}
	l->v[l->n].name = name;
	l->v[l->n].line = tag_line(x);
	l->v[l->n++].solution = solution;
}

/* <configdatastorage>: the data files its attributes name. */
static void
pkg_root(struct ra_xml *x, int nattr, const xmlChar **a)
{
	pkg_entry(x, nattr, a, "crmmigdataimportfile", 0);
	pkg_entry(x, nattr, a, "agentdesktopzipfile", 0);
}

/* An element below <configdatastorage>. */
static void
pkg_element(struct ra_xml *x, const char *name, int nattr,
    const xmlChar **a)
{
	static const struct {
		const char		*section, *element, *attr;
		enum pkg_section	 id;
	} known[] = {
		{ "solutions", "configsolutionfile", "solutionpackagefilename",
		    PKG_SOLUTIONS },
		{ "filestoimport", "configimportfile", "filename", PKG_FILES },
		{ "cmtdatafiles", "cmtdatafile", "filename", PKG_CMT },
		{ "filesmapstoimport", "configimportmapfile", "filename",
		    PKG_MAPS },
	};
	size_t	 i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (x->depth == 2 && strcmp(name, known[i].section) == 0)
			x->pkg_section = known[i].id;
		else if (x->depth == 3 && x->pkg_section == known[i].id &&
		    strcmp(name, known[i].element) == 0)
			pkg_entry(x, nattr, a, known[i].attr,
			    known[i].id == PKG_SOLUTIONS);
	}
}

void
ra_pkg_list_free(struct ra_pkg_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static char	*tattr(struct ra_xml *, int, const xmlChar **, const char *,
		    size_t *);

/* The element at X->depth opens section SECT (build.c's ra_sbuild). */
static void
section_begin(struct ra_xml *x, enum ra_sect sect)
{
	x->sect_depth = x->depth;
	ra_sbuild_begin(&x->sb, sect, tag_line(x));
}

/* An element inside the open section: the attributes it asks for. */
static void
section_start(struct ra_xml *x, const char *name, int nattr,
    const xmlChar **a)
{
	enum ra_swant	 w;
	const char	*n1, *n2;
	char		*v1 = NULL, *v2 = NULL;
	size_t		 l1 = 0, l2 = 0;
	enum ra_err	 rc;

	w = ra_sbuild_start(&x->sb, name, strlen(name), tag_line(x));
	if (w == RA_SW_NONE)
		return;
	ra_swant_names(w, &n1, &n2);
	v1 = tattr(x, nattr, a, n1, &l1);
	if (n2 != NULL)
		v2 = tattr(x, nattr, a, n2, &l2);
	if (x->rc == RA_OK && (rc = ra_sbuild_attrs(&x->sb, v1, l1, v2,
	    l2)) != RA_OK)
		fail(x, rc);
	free(v1);
	free(v2);
}

/* The root element decides what the document is. */
static void
root_element(struct ra_xml *x, const char *name, int nattr,
    const xmlChar **a)
{
	int	 is_iex = strcmp(name, "ImportExportXml") == 0;
	int	 is_role = strcmp(name, "Role") == 0;

	switch (x->doc) {
	case RA_DOC_MANIFEST:
		if (is_iex) {
			x->root = ROOT_MANIFEST;
			return;
		}
		break;
	case RA_DOC_CUSTOMIZATIONS:
	case RA_DOC_CUSTOMIZATIONS_OPT:
		if (is_iex) {
			x->root = ROOT_CUSTOMIZATIONS;
			return;
		}
		break;
	case RA_DOC_ROLE:
		if (is_role)
			break;
		diag(x, RA_SEV_WARNING, RA_C_NOTROLE, tag_line(x),
		    "root element is <%.100s>, not <Role>: skipped", name);
		x->root = ROOT_SKIP;
		xmlStopParser(x->px);
		return;
	case RA_DOC_ANY:
		if (is_iex) {
			x->root = ROOT_CUSTOMIZATIONS;
			return;
		}
		break;
	case RA_DOC_IMPORTCONFIG:
		if (strcmp(name, "configdatastorage") == 0) {
			x->root = ROOT_IMPORTCONFIG;
			pkg_root(x, nattr, a);
			return;
		}
		diag(x, RA_SEV_ERROR, RA_C_UNKNOWN_DOC, tag_line(x),
		    "root element is <%.100s>; expected <configdatastorage> "
		    "(ImportConfig.xml)", name);
		fail(x, RA_EINPUT);
		return;
	case RA_DOC_APPMODULE:
	case RA_DOC_FSPS:
		if (strcmp(name, x->doc == RA_DOC_APPMODULE ? "AppModule" :
		    "FieldSecurityProfiles") == 0) {
			x->root = ROOT_SECTION;
			section_begin(x, x->doc == RA_DOC_APPMODULE ?
			    RA_SECT_APP : RA_SECT_FSPS);
			return;
		}
		diag(x, RA_SEV_WARNING, RA_C_UNKNOWN_DOC, tag_line(x),
		    "root element is <%.100s>, not <%s>: skipped", name,
		    x->doc == RA_DOC_APPMODULE ? "AppModule" :
		    "FieldSecurityProfiles");
		x->root = ROOT_SKIP;
		xmlStopParser(x->px);
		return;
	case RA_DOC_ENTITY:
		if (strcmp(name, "Entity") == 0) {
			x->root = ROOT_ENTITY;
			x->ent_depth = 1;
			ra_tbuild_begin(&x->tb);
			return;
		}
		diag(x, RA_SEV_WARNING, RA_C_UNKNOWN_DOC, tag_line(x),
		    "root element is <%.100s>, not <Entity>: skipped", name);
		x->root = ROOT_SKIP;
		xmlStopParser(x->px);
		return;
	}
	if (is_role && (x->doc == RA_DOC_ROLE || x->doc == RA_DOC_ANY)) {
		x->root = ROOT_ROLE;
		role_begin(x, nattr, a);
		return;
	}
	diag(x, RA_SEV_ERROR, RA_C_UNKNOWN_DOC, tag_line(x),
	    "root element is <%.100s>; expected %s", name,
	    x->doc == RA_DOC_MANIFEST ? "<ImportExportXml> (solution.xml)" :
	    x->doc == RA_DOC_ANY ? "<Role> or <ImportExportXml>" :
	    "<ImportExportXml> (customizations.xml)");
	fail(x, RA_EINPUT);
}

static enum field
manifest_field(const struct ra_xml *x, const char *name)
{
	unsigned long	 d = x->depth - x->manifest_depth;

	if (d == 1 && strcmp(name, "UniqueName") == 0)
		return F_UNIQUE_NAME;
	if (d == 1 && strcmp(name, "Version") == 0)
		return F_VERSION;
	if (d == 1 && strcmp(name, "Managed") == 0)
		return F_MANAGED;
	return F_NONE;
}

/* An attribute's value decoded for the builders, or NULL. */
static char *
tattr(struct ra_xml *x, int nattr, const xmlChar **a, const char *name,
    size_t *n)
{
	const xmlChar	*v;
	char		*s;

	if ((v = attr(nattr, a, name, n)) == NULL)
		return NULL;
	if ((s = attr_decode(v, *n)) == NULL)
		fail(x, RA_ENOMEM);
	else
		*n = strlen(s);
	return s;
}

/*
 * An element below an <Entity> (see build.c): the parts of a table's
 * metadata, by their depth below it.
 */
static void
table_start(struct ra_xml *x, const char *name, int nattr, const xmlChar **a)
{
	unsigned long	 d = x->depth;
	size_t		 n1 = 0, n2 = 0;
	char		*v1, *v2;

	if (d == x->ent_depth + 1 && strcmp(name, "Name") == 0) {
		v1 = tattr(x, nattr, a, "LocalizedName", &n1);
		v2 = tattr(x, nattr, a, "OriginalName", &n2);
		ra_tbuild_name_attrs(&x->tb, v1, n1, v2, n2);
		free(v1);
		free(v2);
		x->tb.field = RA_TF_NAME;
		x->tfield_depth = d;
	} else if (d == x->ent_depth + 1 && strcmp(name, "EntityInfo") == 0)
		x->info_depth = d;
	else if (x->info_depth && d == x->info_depth + 1 &&
	    strcmp(name, "entity") == 0) {
		v1 = tattr(x, nattr, a, "Name", &n1);
		v2 = tattr(x, nattr, a, "unmodified", &n2);
		ra_tbuild_entity_attrs(&x->tb, v1, n1, v2, n2);
		free(v1);
		free(v2);
		x->einfo_depth = d;
	} else if (x->einfo_depth && d == x->einfo_depth + 1) {
		if (strcmp(name, "OwnershipTypeMask") == 0)
			x->tb.field = RA_TF_OWNER;
		else if (strcmp(name, "IsBPFEntity") == 0)
			x->tb.field = RA_TF_BPF;
		else if (strcmp(name, "LocalizedNames") == 0)
			x->lnames_depth = d;
		else if (strcmp(name, "attributes") == 0)
			section_begin(x, RA_SECT_ATTRS);
		if (x->tb.field != RA_TF_NONE)
			x->tfield_depth = d;
	} else if (x->lnames_depth && d == x->lnames_depth + 1 &&
	    strcmp(name, "LocalizedName") == 0) {
		v1 = tattr(x, nattr, a, "description", &n1);
		v2 = tattr(x, nattr, a, "languagecode", &n2);
		ra_tbuild_localized(&x->tb, v1, n1, v2, n2);
		free(v1);
		free(v2);
	}
}

/* The end of the element at X->depth for the table being read. */
static void
table_end(struct ra_xml *x)
{
	unsigned long	 d = x->depth;
	enum ra_err	 rc;

	if (d == x->tfield_depth) {
		x->tfield_depth = 0;
		x->tb.field = RA_TF_NONE;
	}
	if (d == x->lnames_depth)
		x->lnames_depth = 0;
	if (d == x->einfo_depth)
		x->einfo_depth = 0;
	if (d == x->info_depth)
		x->info_depth = 0;
	if (d == x->ent_depth) {
		x->ent_depth = 0;
		if ((rc = ra_tbuild_end(&x->tb)) != RA_OK)
			fail(x, rc);
	}
	if (d == x->ents_depth)
		x->ents_depth = 0;
}

static void
on_start(void *ctx, const xmlChar *lname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattr, int ndef,
    const xmlChar **a)
{
	struct ra_xml	*x = ctx;
	const char	*name = (const char *)lname;
	struct ra_span	 at;

	(void)prefix; (void)uri; (void)nns; (void)ns; (void)ndef;
	if (x->rc != RA_OK || x->root == ROOT_SKIP)
		return;
	if (++x->depth > x->ld->ctx->limit[RA_LIMIT_XML_DEPTH]) {
		diag(x, RA_SEV_ERROR, RA_C_DEPTH, cur_line(x),
		    "elements nested deeper than the limit of %llu",
		    (unsigned long long)x->ld->ctx->limit[RA_LIMIT_XML_DEPTH]);
		fail(x, RA_ELIMIT);
		return;
	}
	if (x->depth == 1) {
		root_element(x, name, nattr, a);
		return;
	}
	if (x->sect_depth) {
		section_start(x, name, nattr, a);
		return;
	}
	switch (x->root) {
	case ROOT_CUSTOMIZATIONS:
		if (x->depth == 2 && strcmp(name, "AppModules") == 0)
			section_begin(x, RA_SECT_APPS);
		else if (x->depth == 2 &&
		    strcmp(name, "FieldSecurityProfiles") == 0)
			section_begin(x, RA_SECT_FSPS);
		else if (x->depth == 2 && strcmp(name, "Roles") == 0) {
			x->roles_depth = 2;
			x->roles_seen = 1;
		} else if (x->roles_depth && x->depth == 3 &&
		    strcmp(name, "Role") == 0)
			role_begin(x, nattr, a);
		else if (x->depth == 2 && strcmp(name, "Entities") == 0)
			x->ents_depth = 2;
		else if (x->ents_depth && x->depth == 3 &&
		    strcmp(name, "Entity") == 0) {
			x->ent_depth = 3;
			ra_tbuild_begin(&x->tb);
		} else if (x->ent_depth)
			table_start(x, name, nattr, a);
		break;
	case ROOT_ENTITY:
		table_start(x, name, nattr, a);
		return;
	case ROOT_MANIFEST:
		if (x->depth == 2 && strcmp(name, "SolutionManifest") == 0) {
			x->manifest_depth = 2;
			x->ld->sol->has_manifest = 1;
		} else if (x->manifest_depth) {
			x->field = manifest_field(x, name);
			if (x->depth == 4 && strcmp(name,
			    "CustomizationPrefix") == 0)
				x->field = F_PREFIX;
			x->text.len = 0;
			if (x->text.s)
				x->text.s[0] = '\0';
		}
		return;
	case ROOT_IMPORTCONFIG:
		pkg_element(x, name, nattr, a);
		return;
	default:
		break;
	}
	if (x->role_depth == 0)
		return;
	if (x->depth == x->role_depth + 1 &&
	    strcmp(name, "RolePrivileges") == 0) {
		x->privs_depth = x->depth;
		tag_span(x, &at);
		ra_build_privileges(&x->b, &at);
	}
	else if (x->privs_depth && x->depth == x->privs_depth + 1 &&
	    strcmp(name, "RolePrivilege") == 0)
		privilege(x, nattr, a);
}

/* Store a finished solution.xml field; the first one of each wins. */
static void
manifest_store(struct ra_xml *x)
{
	struct ra_solution	*sol = x->ld->sol;
	char			**dst = NULL, *v;
	const char		*s = x->text.s ? x->text.s : "";
	size_t			 n;

	while (isspace((unsigned char)*s))
		s++;
	for (n = strlen(s); n && isspace((unsigned char)s[n - 1]); n--)
		continue;
	switch (x->field) {
	case F_UNIQUE_NAME:
		dst = &sol->unique_name;
		break;
	case F_VERSION:
		dst = &sol->version;
		break;
	case F_PREFIX:
		dst = &sol->prefix;
		break;
	case F_MANAGED:
		/* 0 unmanaged, 1 managed, 2 both (SolutionPackager sources). */
		if (sol->managed == -1 && n == 1 && s[0] >= '0' && s[0] <= '2')
			sol->managed = s[0] - '0';
		return;
	case F_NONE:
		return;
	}
	if (*dst != NULL)
		return;
	if ((v = ra_strndup(s, n)) == NULL)
		fail(x, RA_ENOMEM);
	*dst = v;
}

static void
on_end(void *ctx, const xmlChar *lname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct ra_xml	*x = ctx;
	enum ra_err	 rc;

	(void)lname; (void)prefix; (void)uri;
	if (x->rc != RA_OK || x->root == ROOT_SKIP)
		return;
	if (x->sect_depth) {
		if ((rc = ra_sbuild_end(&x->sb)) != RA_OK)
			fail(x, rc);
		if (x->depth == x->sect_depth)
			x->sect_depth = 0;
		else {
			x->depth--;
			return;
		}
	}
	if (x->field != F_NONE) {
		manifest_store(x);
		x->field = F_NONE;
	}
	if (x->depth == x->privs_depth)
		x->privs_depth = 0;
	if (x->depth == x->role_depth)
		role_end(x);
	if (x->depth == x->roles_depth)
		x->roles_depth = 0;
	if (x->depth == x->manifest_depth)
		x->manifest_depth = 0;
	if (x->depth == 2)
		x->pkg_section = PKG_NONE;
	if (x->ent_depth || x->ents_depth)
		table_end(x);
	x->depth--;
}

static void
on_text(void *ctx, const xmlChar *s, int n)
{
	struct ra_xml	*x = ctx;

	if (x->rc != RA_OK)
		return;
	if (ra_sbuild_wants_text(&x->sb)) {
		ra_sbuild_text(&x->sb, (const char *)s, (size_t)n);
		return;
	}
	if (x->tb.field != RA_TF_NONE) {
		ra_tbuild_text(&x->tb, (const char *)s, (size_t)n);
		return;
	}
	if (x->field == F_NONE)
		return;
	if (x->text.len + (size_t)n > TEXT_MAX)
		n = (int)(TEXT_MAX - x->text.len);
	ra_buf_add(&x->text, (const char *)s, (size_t)n);
	if (x->text.oom)
		fail(x, RA_ENOMEM);
}

static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext,
    const xmlChar *sys)
{
	struct ra_xml	*x = ctx;

	(void)name; (void)ext; (void)sys;
	diag(x, RA_SEV_ERROR, RA_C_DTD, cur_line(x), "document has a DOCTYPE; "
	    "DTDs and entity declarations are refused in untrusted input");
	fail(x, RA_EXML);
}

static void
on_entity(void *ctx, const xmlChar *name, int type, const xmlChar *pub,
    const xmlChar *sys, xmlChar *content)
{
	struct ra_xml	*x = ctx;

	(void)type; (void)pub; (void)sys; (void)content;
	diag(x, RA_SEV_ERROR, RA_C_DTD, cur_line(x), "entity declaration "
	    "\"%.100s\" refused in untrusted input", (const char *)name);
	fail(x, RA_EXML);
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct ra_xml	*x = ctx;
	char		 msg[512];
	size_t		 n;

	if (e->level < XML_ERR_ERROR || x->rc != RA_OK)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message :
	    "malformed XML");
	for (n = strlen(msg); n && isspace((unsigned char)msg[n - 1]); n--)
		msg[n - 1] = '\0';
	/* libxml2 puts a newline before the bytes it quotes. */
	for (n = 0; msg[n]; n++)
		if (msg[n] == '\n')
			msg[n] = ' ';
	ra_diag_add(x->ld->ctx, RA_SEV_ERROR, RA_C_XML, x->ld->file,
	    x->ld->member, e->line > 0 ? (unsigned long)e->line : cur_line(x),
	    e->int2 > 0 ? (unsigned long)e->int2 : 0, "malformed XML: %s", msg);
	fail(x, RA_EXML);
}

struct ra_xml *
ra_xml_new(struct ra_load *ld, enum ra_doc doc)
{
	struct ra_xml	*x;

	ra_xml_global_init();
	if ((x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	x->ld = ld;
	x->doc = doc;
	ra_build_init(&x->b, ld);
	ra_tbuild_init(&x->tb, ld);
	ra_sbuild_init(&x->sb, ld, &x->tb);
	return x;
}

static xmlSAXHandler	 handlers[2];

static void
handler_init(void)
{
	int	 i;

	for (i = 0; i < 2; i++) {
		memset(&handlers[i], 0, sizeof(handlers[i]));
		handlers[i].initialized = XML_SAX2_MAGIC;
		handlers[i].startElementNs = on_start;
		handlers[i].endElementNs = on_end;
		handlers[i].internalSubset = on_doctype;
		handlers[i].externalSubset = on_doctype;
		handlers[i].entityDecl = on_entity;
		handlers[i].serror = on_error;
	}
	handlers[1].characters = on_text;
	handlers[1].cdataBlock = on_text;
}

/*
 * The handlers.  Text matters in solution.xml and for a table's
 * metadata; a role file has none to read, so its parse skips text.
 */
static xmlSAXHandler *
handler(enum ra_doc doc)
{
	static pthread_once_t	 once = PTHREAD_ONCE_INIT;

	pthread_once(&once, handler_init);
	return &handlers[doc != RA_DOC_ROLE];
}

enum ra_err
ra_xml_feed(struct ra_xml *x, const char *buf, size_t len)
{
	const char	*name = x->ld->member ? x->ld->member : x->ld->file;

	if (x->rc != RA_OK || x->root == ROOT_SKIP || len == 0)
		return x->rc;
	if (x->px == NULL) {
		x->px = xmlCreatePushParserCtxt(handler(x->doc), x, NULL, 0,
		    name);
		if (x->px == NULL) {
			fail(x, RA_ENOMEM);
			return x->rc;
		}
		xmlCtxtUseOptions(x->px, XML_PARSE_NONET | XML_PARSE_NOCDATA |
		    (x->doc == RA_DOC_IMPORTCONFIG ? XML_PARSE_IGNORE_ENC : 0));
		x->px->replaceEntities = 0;
	}
	while (len > 0 && x->rc == RA_OK && x->root != ROOT_SKIP) {
		int	 n = len > (1 << 30) ? 1 << 30 : (int)len;

		xmlParseChunk(x->px, buf, n, 0);
		buf += n;
		len -= (size_t)n;
	}
	return x->rc;
}

enum ra_err
ra_xml_finish(struct ra_xml *x)
{
	if (x->rc != RA_OK || x->root == ROOT_SKIP)
		return x->rc;
	if (x->px == NULL) {
		ra_diag_add(x->ld->ctx, RA_SEV_ERROR, RA_C_XML, x->ld->file,
		    x->ld->member, 0, 0, "empty file: no XML document");
		fail(x, RA_EXML);
		return x->rc;
	}
	xmlParseChunk(x->px, NULL, 0, 1);
	if (x->rc != RA_OK)
		return x->rc;
	if (x->root == ROOT_UNSEEN) {
		ra_diag_add(x->ld->ctx, RA_SEV_ERROR, RA_C_XML, x->ld->file,
		    x->ld->member, cur_line(x), 0, "no root element");
		fail(x, RA_EXML);
	} else if (x->root == ROOT_CUSTOMIZATIONS && !x->roles_seen &&
	    x->doc != RA_DOC_CUSTOMIZATIONS_OPT) {
		ra_diag_add(x->ld->ctx, RA_SEV_ERROR, RA_C_NOROLES, x->ld->file,
		    x->ld->member, 0, 0, "no <Roles> section under "
		    "<ImportExportXml>");
		fail(x, RA_EINPUT);
	}
	return x->rc;
}

int
ra_xml_skipped(const struct ra_xml *x)
{
	return x->root == ROOT_SKIP;
}

void
ra_xml_free(struct ra_xml *x)
{
	if (x == NULL)
		return;
	if (x->px) {
		if (x->px->myDoc)
			xmlFreeDoc(x->px->myDoc);
		xmlFreeParserCtxt(x->px);
	}
	ra_build_free(&x->b);
	ra_tbuild_free(&x->tb);
	ra_sbuild_free(&x->sb);
	ra_buf_free(&x->text);
	free(x);
}
