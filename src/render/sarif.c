/*
 * sarif.c - check reports and diffs as SARIF 2.1.0 (OASIS), for code
 * scanning and other tools that read static-analysis results.  The shape
 * is checked against schema/sarif-schema-2.1.0.json by the test suite.
 *
 * One run.  Each kind of finding is one rule (run.tool.driver.rules):
 *   missing-privilege   a role lacks a privilege a profile requires, or
 *                       (diff) no longer passes a profile      error
 *   escalation          (diff) a change that grants more and matches
 *                       an escalation rule                      error
 *   role-change         (diff) any other change: added, removed or
 *                       renamed role, privilege change, verdict
 *                       that now passes                  warning or note
 *   input-diagnostic    a diagnostic about an input            its own
 * Levels come from findings.c, so they agree with --fail-on.
 *
 * A result is located at the role's start tag: the role's file (the XML
 * input, or the file inside a folder) and line.  A role inside a zip is
 * located in the member, an artifact nested in the zip's (parentIndex),
 * as SARIF describes files inside containers.  URIs are the paths as
 * given, percent-encoded; an absolute path becomes a file: URI.
 *
 * The run lists its artifacts before its results, in the order results
 * first name them.  So a first pass names every artifact (cheap: one per
 * input, member and located diagnostic), and then the results are
 * written as they are made, a role's at a time (ra_json_dump_streamed()):
 * memory follows one role, not roles times privileges.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "render/render.h"

#define SARIF_SCHEMA	"https://json.schemastore.org/sarif-2.1.0.json"

enum rule {
	RULE_MISSING = 0,
	RULE_ESCALATION,
	RULE_CHANGE,
	RULE_INPUT,
	RULE__COUNT
};

static const struct {
	const char	*id;
	const char	*name;
	const char	*brief;
	const char	*full;
	const char	*help;
	enum ra_severity level;
	const char	*tag;
	const char	*security;	/* GitHub's security-severity, or NULL */
} rules[RULE__COUNT] = {
	{ "missing-privilege", "MissingRequiredPrivilege",
	  "A role lacks a privilege that a requirement profile needs.",
	  "The role does not hold a privilege that a requirement profile "
	  "lists, or holds it below the depth the profile asks for.  For "
	  "the built-in profile server-side-sync, a mailbox whose owner has "
	  "such a role fails Test & Enable Mailbox with PrivilegeDenied "
	  "(KB 4015092).  In a diff: the role passed the profile in the old "
	  "export and no longer does in the new one.",
	  "Open the role in the security-role editor, go to the tab the "
	  "result names and grant the privilege at the depth it needs, or "
	  "add it to the role's RolePrivileges in the solution source.  "
	  "See roleaudit(1), COMMANDS and PROFILES.",
	  RA_SEV_ERROR, "correctness", NULL },
	{ "escalation", "PrivilegeEscalation",
	  "A change grants a security-sensitive privilege.",
	  "Between the two exports the role gained a privilege, or a deeper "
	  "depth of one, that matches a rule of schema/escalation.csv: a "
	  "Deep or Global depth, a privacy-related privilege, a privilege on "
	  "a security-sensitive table such as Security Role or User, or a "
	  "dangerous miscellaneous privilege such as "
	  "prvActOnBehalfOfAnotherUser.  An added role is an escalation when "
	  "granting any of its privileges would be.",
	  "Check that the change is intended and approved; if it is not, "
	  "revert the privilege in the role.  See roleaudit(1), DIFF.",
	  RA_SEV_ERROR, "security", "8.0" },
	{ "role-change", "RoleChange",
	  "A role was added, removed, renamed or changed.",
	  "Between the two exports a role was added or removed or renamed, a "
	  "privilege was added, removed, raised or lowered without matching "
	  "an escalation rule, or the role now passes a profile.  A change "
	  "that grants more is a warning, anything else a note.",
	  "Review the change.  See roleaudit(1), DIFF.",
	  RA_SEV_WARNING, "maintainability", NULL },
	{ "input-diagnostic", "InputDiagnostic",
	  "An input could not be read, or was read with a warning.",
	  "A diagnostic about an input: malformed XML, a broken or hostile "
	  "zip, a file that is not a solution, a limit exceeded, a role "
	  "without an id, an unknown level.  Errors mean the input was left "
	  "out of the report.  The code in the message (RAnnn) is listed "
	  "under DIAGNOSTICS in roleaudit(1).",
	  "Fix or re-export the input.  See roleaudit(1), DIAGNOSTICS.",
	  RA_SEV_ERROR, "input", NULL }
};

/* Rules of a check run and of a diff run, in the order listed. */
static const enum rule check_rules[] = { RULE_MISSING, RULE_INPUT };
static const enum rule diff_rules[] = { RULE_MISSING, RULE_ESCALATION,
    RULE_CHANGE, RULE_INPUT };

/* An artifact already listed: URI and parent, and its index. */
struct art {
	char		*uri;
	long		 parent;
};

struct sarif {
	json_t			*artifacts;
	json_t			*results;	/* the batch being written */
	size_t			 at;		/* its next to write */
	/* Makes the next batch of results; 0 when there is none left. */
	int			(*fill)(struct sarif *);
	const struct ra_report	*rep;		/* what FILL reads */
	const struct ra_diff	*diff;
	size_t			 next;		/* role to fill; past: diags */
	size_t			 k;		/* its next result */
	struct ra_buf		 m, names;	/* message scratch */
	struct art		*art;
	size_t			 nart, capart;
	size_t			*slot;		/* hash of art: index + 1, 0 empty */
	size_t			 nslot;		/* a power of two, or 0 */
	const enum rule		*rule;
	size_t			 nrule;
	/* Per profile of REP, the privileges it lists, sorted. */
	size_t			**listed;
	int			 oom;
};

static int
priv_cmp(const void *a, const void *b)
{
	size_t	 x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * SF->listed for REP's profiles: a result names the profiles that list
 * its privilege, and a walk of every profile's rows for each privilege
 * a role lacks would take 100,000 x 100,000 steps a role.
 */
static void
listed_init(struct sarif *sf, const struct ra_report *rep)
{
	size_t	 j, z;

	if (rep->nprof == 0)
		return;
	if ((sf->listed = calloc(rep->nprof, sizeof(*sf->listed))) == NULL) {
		sf->oom = 1;
		return;
	}
	for (j = 0; j < rep->nprof; j++) {
		const struct ra_profile	*p = rep->prof[j];

		if ((sf->listed[j] = calloc(p->n ? p->n : 1,
		    sizeof(**sf->listed))) == NULL) {
			sf->oom = 1;
			return;
		}
		for (z = 0; z < p->n; z++)
			sf->listed[j][z] = p->req[z].priv;
		qsort(sf->listed[j], p->n, sizeof(**sf->listed), priv_cmp);
	}
}

/* Whether profile J of SF's report lists privilege PRIV. */
static int
listed(const struct sarif *sf, size_t j, size_t priv)
{
	return sf->listed != NULL && sf->listed[j] != NULL &&
	    bsearch(&priv, sf->listed[j], sf->rep->prof[j]->n,
	    sizeof(**sf->listed), priv_cmp) != NULL;
}

/*
 * A JSON string of S; jansson refuses invalid UTF-8, which is then
 * escaped as the text report does.  NULL gives JSON null.
 */
static json_t *
str(const char *s)
{
	struct ra_buf	 b = { 0 };
	json_t		*j;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	ra_buf_add_safe(&b, s);
	j = b.oom ? NULL : json_string(b.s ? b.s : "");
	ra_buf_free(&b);
	return j;
}

/*
 * Text from the input for a message: controls and bidirectional
 * overrides escaped, and the brackets SARIF reserves for embedded links
 * escaped with a backslash (SARIF 3.11.6).
 */
static void
msg_add(struct ra_buf *b, const char *s)
{
	struct ra_buf	 t = { 0 };
	const char	*p;

	ra_buf_add_safe(&t, s != NULL ? s : "");
	for (p = t.s; p != NULL && *p != '\0'; p++) {
		if (*p == '[' || *p == ']' || *p == '\\')
			ra_buf_add(b, "\\", 1);
		ra_buf_add(b, p, 1);
	}
	if (t.oom)
		b->oom = 1;
	ra_buf_free(&t);
}

/* Privilege PI's display name (ra_pinfo_label()) for a message. */
static void
label_add(struct ra_buf *b, const struct ra_pinfo *pi)
{
	struct ra_buf	 l = { 0 };

	ra_pinfo_label(pi, &l);
	msg_add(b, l.oom ? "" : l.s);
	if (l.oom)
		b->oom = 1;
	ra_buf_free(&l);
	if (pi->tab_by == RA_PROV_UNPLACED)
		ra_buf_adds(b, ", unplaced");
}

/*
 * What a result's properties say of privilege PI: its name, display
 * name, place and where they came from.
 */
static void
priv_props(json_t *p, const struct ra_pinfo *pi)
{
	struct ra_buf	 l = { 0 };
	json_t		*src = json_object();

	ra_pinfo_label(pi, &l);
	json_object_set_new(p, "privilege", str(pi->name));
	json_object_set_new(p, "displayName", l.oom ? NULL : str(l.s));
	json_object_set_new(p, "entity", str(pi->entity));
	json_object_set_new(p, "tab", str(ra_tab_name(pi->tab)));
	json_object_set_new(p, "section", pi->section == RA_SECTION_ENTITIES ?
	    json_null() : str(ra_section_name(pi->section)));
	json_object_set_new(p, "access", pi->access == RA_ACCESS_NONE ?
	    json_null() : str(ra_access_name(pi->access)));
	json_object_set_new(src, "tab", str(ra_prov_name(pi->tab_by)));
	json_object_set_new(src, "entity", str(ra_prov_name(pi->entity_by)));
	json_object_set_new(src, "depths", str(ra_prov_name(pi->depths_by)));
	json_object_set_new(p, "source", src);
	ra_buf_free(&l);
}

static json_t *
message(struct ra_buf *b)
{
	json_t	*m = json_object();

	json_object_set_new(m, "text", b->oom ? NULL : str(b->s ? b->s : ""));
	return m;
}

/* PATH as a URI reference: percent-encoded; absolute becomes file:. */
static void
uri_add(struct ra_buf *b, const char *path)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;

	if (path[0] == '/')
		ra_buf_adds(b, "file://");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			ra_buf_add(b, (const char *)p, 1);
		else {
			char	 e[3] = { '%', hex[*p >> 4], hex[*p & 15] };

			ra_buf_add(b, e, 3);
		}
	}
}

static size_t
art_hash(const char *uri, long parent)
{
	size_t	 h = 2166136261u ^ (size_t)(parent + 1);

	for (; *uri != '\0'; uri++)
		h = (h ^ (unsigned char)*uri) * 16777619u;
	return h;
}

/* Index of the artifact URI under PARENT, or -1. */
static long
art_find(const struct sarif *sf, const char *uri, long parent)
{
	size_t	 i, mask = sf->nslot - 1;

	if (sf->nslot == 0)
		return -1;
	for (i = art_hash(uri, parent) & mask; sf->slot[i] != 0;
	    i = (i + 1) & mask) {
		const struct art	*a = &sf->art[sf->slot[i] - 1];

		if (a->parent == parent && strcmp(a->uri, uri) == 0)
			return (long)(sf->slot[i] - 1);
	}
	return -1;
}

/* Put artifact K in the hash, growing it at half full; 0 or -1. */
static int
art_index(struct sarif *sf, size_t k)
{
	size_t	*slot, n, i, j, mask;

	if ((k + 1) * 2 > sf->nslot) {
		n = sf->nslot ? sf->nslot * 2 : 64;
		if ((slot = calloc(n, sizeof(*slot))) == NULL)
			return -1;
		free(sf->slot);
		sf->slot = slot;
		sf->nslot = n;
		for (j = 0; j < k; j++)
			if (art_index(sf, j) == -1)
				return -1;
	}
	mask = sf->nslot - 1;
	for (i = art_hash(sf->art[k].uri, sf->art[k].parent) & mask;
	    sf->slot[i] != 0; i = (i + 1) & mask)
		continue;
	sf->slot[i] = k + 1;
	return 0;
}

/*
 * The index of the artifact URI (a path, not yet encoded) under PARENT
 * (-1 for none), listing it when new with ROLES and SHA256 (may be
 * NULL).  -1 when memory runs out.
 */
static long
artifact(struct sarif *sf, const char *path, long parent, int target,
    int directory, const char *sha256)
{
	struct ra_buf	 u = { 0 };
	json_t		*a, *loc, *roles, *h;
	long		 found;

	uri_add(&u, path);
	ra_buf_add(&u, "", 0);	/* an empty path ("") is the URI "" */
	if (directory && u.len && u.s[u.len - 1] != '/')
		ra_buf_adds(&u, "/");
	if (u.oom) {
		sf->oom = 1;
		return -1;
	}
	if ((found = art_find(sf, u.s, parent)) >= 0) {
		ra_buf_free(&u);
		return found;
	}
	if (ra_grow(&sf->art, &sf->capart, sf->nart + 1,
	    sizeof(*sf->art)) == -1) {
		ra_buf_free(&u);
		sf->oom = 1;
		return -1;
	}
	a = json_object();
	loc = json_object();
	json_object_set_new(loc, "uri", str(u.s));
	json_object_set_new(a, "location", loc);
	if (parent >= 0)
		json_object_set_new(a, "parentIndex", json_integer(parent));
	if (target || directory) {
		roles = json_array();
		if (target)
			json_array_append_new(roles,
			    json_string("analysisTarget"));
		if (directory)
			json_array_append_new(roles, json_string("directory"));
		json_object_set_new(a, "roles", roles);
	}
	if (sha256 != NULL) {
		h = json_object();
		json_object_set_new(h, "sha-256", str(sha256));
		json_object_set_new(a, "hashes", h);
	}
	if (json_array_append_new(sf->artifacts, a) != 0) {
		ra_buf_free(&u);
		sf->oom = 1;
		return -1;
	}
	sf->art[sf->nart].uri = u.s;
	sf->art[sf->nart].parent = parent;
	if (art_index(sf, sf->nart) == -1)
		sf->oom = 1;
	return (long)sf->nart++;
}

/* The artifact of an input. */
static long
input_artifact(struct sarif *sf, const struct ra_solution *s)
{
	/* A folder's hash is of its file list, not of content. */
	return artifact(sf, s->path, -1, 1, s->kind == RA_INPUT_FOLDER,
	    s->kind == RA_INPUT_FOLDER ? NULL : s->sha256);
}

/*
 * The index of the artifact of FILE (inside input S, or a path when S is
 * NULL), listing it and its containers when new; -1 when memory runs
 * out.
 */
static long
file_artifact(struct sarif *sf, const struct ra_solution *s,
    const char *path, const char *member)
{
	struct ra_buf	 p = { 0 };
	long		 idx, parent = -1;

	if (s != NULL && s->kind == RA_INPUT_ZIP) {
		parent = input_artifact(sf, s);
		idx = artifact(sf, member, parent, 0, 0, NULL);
	} else if (s != NULL && s->kind == RA_INPUT_FOLDER) {
		input_artifact(sf, s);
		ra_buf_adds(&p, s->path);
		if (p.len && p.s[p.len - 1] != '/')
			ra_buf_adds(&p, "/");
		ra_buf_adds(&p, member);
		idx = p.oom ? -1 : artifact(sf, p.s, -1, 0, 0, NULL);
	} else if (s != NULL)
		idx = input_artifact(sf, s);
	else if (member != NULL) {
		parent = artifact(sf, path, -1, 1, 0, NULL);
		idx = artifact(sf, member, parent, 0, 0, NULL);
	} else
		idx = artifact(sf, path, -1, 0, 0, NULL);
	ra_buf_free(&p);
	return idx;
}

/* A location in FILE (inside input S, or a path when S is NULL). */
static json_t *
location(struct sarif *sf, const struct ra_solution *s, const char *path,
    const char *member, unsigned long line, unsigned long col,
    const struct ra_role *role)
{
	json_t		*loc = json_object(), *phys = json_object();
	json_t		*al = json_object(), *reg, *ll, *l;
	long		 idx;

	idx = file_artifact(sf, s, path, member);
	if (idx >= 0) {
		json_object_set_new(al, "uri", str(sf->art[idx].uri));
		json_object_set_new(al, "index", json_integer(idx));
	}
	json_object_set_new(phys, "artifactLocation", al);
	if (line > 0) {
		reg = json_object();
		json_object_set_new(reg, "startLine", json_integer((json_int_t)
		    line));
		if (col > 0)
			json_object_set_new(reg, "startColumn",
			    json_integer((json_int_t)col));
		json_object_set_new(phys, "region", reg);
	}
	json_object_set_new(loc, "physicalLocation", phys);
	if (role != NULL) {
		ll = json_array();
		l = json_object();
		json_object_set_new(l, "name", str(role->name));
		if (*role->id)
			json_object_set_new(l, "decoratedName", str(role->id));
		json_object_set_new(l, "kind", json_string("element"));
		json_array_append_new(ll, l);
		json_object_set_new(loc, "logicalLocations", ll);
	}
	return loc;
}

/* The artifact of role R's file, as role_location() names it. */
static void
role_artifact(struct sarif *sf, const struct ra_solution *s,
    const struct ra_role *r)
{
	file_artifact(sf, s, s->path, r->file);
}

static json_t *
role_location(struct sarif *sf, const struct ra_solution *s,
    const struct ra_role *r)
{
	json_t	*a = json_array();

	json_array_append_new(a, location(sf, s, s->path, r->file, r->line, 0,
	    r));
	return a;
}

static long
rule_index(const struct sarif *sf, enum rule r)
{
	size_t	 i;

	for (i = 0; i < sf->nrule; i++)
		if (sf->rule[i] == r)
			return (long)i;
	return -1;
}

/* A new result of rule R at LEVEL, appended; the caller fills it in. */
static json_t *
result(struct sarif *sf, enum rule r, enum ra_severity level,
    struct ra_buf *msg)
{
	json_t	*o = json_object();

	json_object_set_new(o, "ruleId", json_string(rules[r].id));
	json_object_set_new(o, "ruleIndex", json_integer(rule_index(sf, r)));
	json_object_set_new(o, "level", json_string(ra_severity_name(level)));
	json_object_set_new(o, "message", message(msg));
	if (msg->oom || json_array_append_new(sf->results, o) != 0)
		sf->oom = 1;
	return o;
}

/* A fingerprint that stays put when lines move: role, then what. */
static void
fingerprint(json_t *res, const struct ra_role *role, const char *what)
{
	struct ra_buf	 b = { 0 };
	json_t		*f = json_object();

	ra_buf_adds(&b, *role->id ? role->id : role->name);
	ra_buf_adds(&b, "/");
	ra_buf_adds(&b, what);
	json_object_set_new(f, "roleaudit/role/v1", b.oom ? NULL : str(b.s));
	json_object_set_new(res, "partialFingerprints", f);
	ra_buf_free(&b);
}

/* The artifacts diag_results() names, in its order. */
static void
diag_artifacts(struct sarif *sf, const struct ra_ctx *ctx)
{
	size_t	 i;

	for (i = 0; i < ctx->ndiag; i++)
		if (ctx->diag[i].file != NULL)
			file_artifact(sf, NULL, ctx->diag[i].file,
			    ctx->diag[i].member);
}

/* The results of input diagnostics FROM to END. */
static void
diag_results(struct sarif *sf, const struct ra_ctx *ctx, size_t from,
    size_t end)
{
	struct ra_buf	 m = { 0 };
	json_t		*o, *a, *p;
	char		 code[16];
	size_t		 i;

	for (i = from; i < end; i++) {
		const struct ra_diag	*d = &ctx->diag[i];

		m.len = 0;
		if (m.s != NULL)
			m.s[0] = '\0';
		snprintf(code, sizeof(code), "RA%03d", d->code);
		msg_add(&m, d->message);
		if (d->code)
			ra_buf_printf(&m, " (%s)", code);
		o = result(sf, RULE_INPUT, d->severity, &m);
		if (d->file != NULL) {
			a = json_array();
			json_array_append_new(a, location(sf, NULL, d->file,
			    d->member, d->line, d->column, NULL));
			json_object_set_new(o, "locations", a);
		}
		p = json_object();
		json_object_set_new(p, "code", d->code ? json_string(code) :
		    json_null());
		json_object_set_new(o, "properties", p);
	}
	ra_buf_free(&m);
}

static json_t *
tool(const struct sarif *sf)
{
	json_t	*t = json_object(), *d = json_object(), *rs = json_array();
	json_t	*r, *m, *c, *p, *tags;
	size_t	 i;

	json_object_set_new(d, "name", json_string("roleaudit"));
	json_object_set_new(d, "fullName", json_string("roleaudit "
	    RA_VERSION));
	json_object_set_new(d, "version", json_string(RA_VERSION));
	json_object_set_new(d, "semanticVersion", json_string(RA_VERSION));
	m = json_object();
	json_object_set_new(m, "text", json_string("Audits the security "
	    "roles in exported Dynamics 365 / Dataverse solutions, "
	    "offline."));
	json_object_set_new(d, "shortDescription", m);
	for (i = 0; i < sf->nrule; i++) {
		enum rule	 k = sf->rule[i];

		r = json_object();
		json_object_set_new(r, "id", json_string(rules[k].id));
		json_object_set_new(r, "name", json_string(rules[k].name));
		m = json_object();
		json_object_set_new(m, "text", json_string(rules[k].brief));
		json_object_set_new(r, "shortDescription", m);
		m = json_object();
		json_object_set_new(m, "text", json_string(rules[k].full));
		json_object_set_new(r, "fullDescription", m);
		c = json_object();
		json_object_set_new(c, "level",
		    json_string(ra_severity_name(rules[k].level)));
		json_object_set_new(r, "defaultConfiguration", c);
		m = json_object();
		json_object_set_new(m, "text", json_string(rules[k].help));
		json_object_set_new(r, "help", m);
		p = json_object();
		tags = json_array();
		json_array_append_new(tags, json_string(rules[k].tag));
		json_object_set_new(p, "tags", tags);
		json_object_set_new(p, "precision", json_string("very-high"));
		if (rules[k].security != NULL)
			json_object_set_new(p, "security-severity",
			    json_string(rules[k].security));
		json_object_set_new(r, "properties", p);
		json_array_append_new(rs, r);
	}
	json_object_set_new(d, "rules", rs);
	json_object_set_new(t, "driver", d);
	return t;
}

static json_t *
profiles(const struct ra_profile *const *prof, size_t n)
{
	json_t	*a = json_array(), *o;
	size_t	 i;

	for (i = 0; i < n; i++) {
		o = json_object();
		json_object_set_new(o, "name", str(prof[i]->name));
		json_object_set_new(o, "privileges",
		    json_integer((json_int_t)prof[i]->n));
		json_object_set_new(o, "source", str(prof[i]->source));
		json_array_append_new(a, o);
	}
	return a;
}

/*
 * The next result to write: the next of the batch, or of the next batch
 * SF->fill() makes once the batch is written.  NULL at the end, or when
 * memory ran out (SF->oom).
 */
static json_t *
next_result(void *arg, size_t i)
{
	struct sarif	*sf = arg;
	json_t		*v;

	(void)i;
	while (sf->at >= json_array_size(sf->results)) {
		json_array_clear(sf->results);
		sf->at = 0;
		if (sf->oom || !sf->fill(sf))
			return NULL;
	}
	v = json_array_get(sf->results, sf->at++);
	return json_incref(v);
}

/*
 * Write the log, its results made by SF->fill() as they are written
 * (the artifacts they name are listed already), and release SF's
 * bookkeeping and PROPS.
 */
static enum ra_err
finish(struct sarif *sf, const struct ra_ctx *ctx, json_t *props, FILE *out)
{
	json_t		*root = json_object(), *runs = json_array();
	json_t		*run = json_object(), *inv = json_array(), *i1;
	enum ra_err	 e;
	size_t		 i;

	json_object_set_new(root, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(root, "version", json_string("2.1.0"));
	json_object_set_new(run, "tool", tool(sf));
	i1 = json_object();
	json_object_set_new(i1, "executionSuccessful",
	    json_boolean(ra_ctx_diag_count_sev(ctx, RA_SEV_ERROR) == 0));
	json_array_append_new(inv, i1);
	json_object_set_new(run, "invocations", inv);
	json_object_set_new(run, "artifacts", json_incref(sf->artifacts));
	json_object_set_new(run, "results", json_array());
	json_object_set_new(run, "columnKind",
	    json_string("unicodeCodePoints"));
	json_object_set_new(run, "properties", props);
	json_array_append_new(runs, run);
	json_object_set_new(root, "runs", runs);
	if (sf->oom || run == NULL || json_array_size(runs) != 1) {
		json_decref(root);
		e = RA_ENOMEM;
	} else
		e = ra_json_dump_streamed(root, run, "results", 6,
		    next_result, sf, out);
	if (e == RA_OK && sf->oom)
		e = RA_ENOMEM;
	json_decref(sf->artifacts);
	json_decref(sf->results);
	for (i = 0; i < sf->nart; i++)
		free(sf->art[i].uri);
	free(sf->art);
	free(sf->slot);
	for (i = 0; sf->listed != NULL && i < sf->rep->nprof; i++)
		free(sf->listed[i]);
	free(sf->listed);
	ra_buf_free(&sf->m);
	ra_buf_free(&sf->names);
	return e;
}

/* Results made at a time: one role may have a million. */
#define BATCH		256

static void	check_results(struct sarif *, size_t, size_t, size_t);
static void	diff_results(struct sarif *, size_t, size_t, size_t);
static size_t	diff_count(const struct ra_rdiff *);

/*
 * Batches for finish(): the results of each of the run's roles, then
 * those of the input diagnostics, at most BATCH at a time, made by
 * check_results(), diff_results() and diag_results() from SF->k on.
 */
static int
fill(struct sarif *sf)
{
	const struct ra_ctx	*ctx = sf->rep ? sf->rep->ctx : sf->diff->ctx;
	size_t			 nrole = sf->rep ? sf->rep->nres : sf->diff->nr;
	size_t			 n, end;

	for (; sf->next <= nrole; sf->next++, sf->k = 0) {
		if (sf->next == nrole)
			n = ctx->ndiag;
		else if (sf->rep)
			n = sf->rep->res[sf->next].nmiss;
		else
			n = diff_count(&sf->diff->r[sf->next]);
		if (sf->k >= n)
			continue;
		end = n - sf->k > BATCH ? sf->k + BATCH : n;
		if (sf->next == nrole)
			diag_results(sf, ctx, sf->k, end);
		else if (sf->rep)
			check_results(sf, sf->next, sf->k, end);
		else
			diff_results(sf, sf->next, sf->k, end);
		sf->k = end;
		return 1;
	}
	return 0;
}

static void
sarif_init(struct sarif *sf, const enum rule *r, size_t n)
{
	memset(sf, 0, sizeof(*sf));
	sf->artifacts = json_array();
	sf->results = json_array();
	sf->fill = fill;
	sf->rule = r;
	sf->nrule = n;
	if (sf->artifacts == NULL || sf->results == NULL)
		sf->oom = 1;
}

/* The roles of REP not judged: their privileges are not in the export. */
static json_t *
not_exported(const struct ra_report *rep)
{
	json_t	*a = json_array(), *o;
	size_t	 i;

	for (i = 0; i < rep->nres; i++) {
		if (!rep->res[i].not_exported)
			continue;
		o = json_object();
		json_object_set_new(o, "role", str(rep->res[i].role->name));
		json_object_set_new(o, "roleId", str(rep->res[i].role->id));
		json_object_set_new(o, "reason", str(RA_NOT_EXPORTED_REASON));
		json_array_append_new(a, o);
	}
	return a;
}

/*
 * The results of the check report's result I: a privilege it lacks
 * each, the lacking ones FROM to END.
 */
static void
check_results(struct sarif *sf, size_t i, size_t from, size_t end)
{
	const struct ra_report		*rep = sf->rep;
	const struct ra_result		*r = &rep->res[i];
	const struct ra_solution	*s = rep->sol[r->sol];
	const struct ra_missing		*miss;
	struct ra_pinfo			 pi, *d = &pi;
	json_t				*o, *p, *pa;
	size_t				 k, j, q;

	if (ra_report_missing(rep, r, &miss) == -1) {
		sf->oom = 1;
		return;
	}
	for (k = from; k < end; k++) {
		const struct ra_missing	*x = &miss[k];

		pi = *x->pi;
		sf->m.len = 0;
		ra_buf_adds(&sf->m, "Role \"");
		msg_add(&sf->m, r->role->name);
		ra_buf_adds(&sf->m, "\" lacks ");
		msg_add(&sf->m, d->name);
		ra_buf_adds(&sf->m, " (");
		label_add(&sf->m, d);
		ra_buf_printf(&sf->m, "; %s", ra_tab_name(d->tab));
		if (d->section != RA_SECTION_ENTITIES)
			ra_buf_printf(&sf->m, " > %s",
			    ra_section_name(d->section));
		/* The profiles that list it (--min-level aside). */
		pa = json_array();
		sf->names.len = 0;
		if (sf->names.s != NULL)
			sf->names.s[0] = '\0';
		for (j = 0, q = 0; j < rep->nprof; j++) {
			if (!listed(sf, j, x->priv))
				continue;
			if (q++)
				ra_buf_adds(&sf->names, ", ");
			msg_add(&sf->names, rep->prof[j]->name);
			json_array_append_new(pa,
			    str(rep->prof[j]->name));
		}
		ra_buf_printf(&sf->m, "), which %s require%s ",
		    sf->names.oom || sf->names.s == NULL ? "" : sf->names.s,
		    q == 1 ? "s" : "");
		if (x->req->min > RA_LEVEL_BASIC)
			ra_buf_printf(&sf->m, "at %s or deeper",
			    ra_need_name(x->req->min));
		else
			ra_buf_printf(&sf->m, "at %s",
			    ra_need_name(x->req->min));
		if (x->actual == RA_LEVEL_NONE)
			ra_buf_adds(&sf->m, "; the role does not hold it.");
		else
			ra_buf_printf(&sf->m, "; the role holds it at "
			    "%s.", ra_level_name(x->actual));
		o = result(sf, RULE_MISSING, RA_SEV_MISSING, &sf->m);
		json_object_set_new(o, "locations",
		    role_location(sf, s, r->role));
		fingerprint(o, r->role, d->name);
		p = json_object();
		json_object_set_new(p, "role", str(r->role->name));
		json_object_set_new(p, "roleId", str(r->role->id));
		priv_props(p, d);
		json_object_set_new(p, "required",
		    str(ra_level_name(x->req->min)));
		json_object_set_new(p, "actual",
		    x->actual == RA_LEVEL_NONE ? json_null() :
		    str(ra_level_name(x->actual)));
		json_object_set_new(p, "profiles", pa);
		json_object_set_new(o, "properties", p);
	}
}

enum ra_err
ra_render_report_sarif(const struct ra_report *rep,
    const struct ra_write_opts *wo, FILE *out)
{
	struct sarif	 sf;
	json_t		*p, *sum;
	size_t		 i;

	(void)wo;
	sarif_init(&sf, check_rules, sizeof(check_rules) /
	    sizeof(check_rules[0]));
	sf.rep = rep;
	listed_init(&sf, rep);
	for (i = 0; i < rep->nsol; i++)
		input_artifact(&sf, rep->sol[i]);
	for (i = 0; i < rep->nres; i++)
		if (rep->res[i].nmiss > 0)
			role_artifact(&sf, rep->sol[rep->res[i].sol],
			    rep->res[i].role);
	diag_artifacts(&sf, rep->ctx);
	p = json_object();
	json_object_set_new(p, "command", json_string("check"));
	json_object_set_new(p, "profiles", profiles(rep->prof, rep->nprof));
	sum = json_object();
	json_object_set_new(sum, "roles", json_integer((json_int_t)rep->nres));
	json_object_set_new(sum, "pass", json_integer((json_int_t)rep->npass));
	json_object_set_new(sum, "fail", json_integer((json_int_t)rep->nfail));
	json_object_set_new(sum, "not_exported",
	    json_integer((json_int_t)rep->nskip));
	json_object_set_new(p, "summary", sum);
	json_object_set_new(p, "notExported", not_exported(rep));
	return finish(&sf, rep->ctx, p, out);
}

/* "Role "NAME"" at the start of a message. */
static void
role_msg(struct ra_buf *m, const struct ra_role *r)
{
	m->len = 0;
	ra_buf_adds(m, "Role \"");
	msg_add(m, r->name);
	ra_buf_adds(m, "\"");
}

static json_t *
change_props(const struct ra_role *r, const char *change)
{
	json_t	*p = json_object();

	json_object_set_new(p, "role", str(r->name));
	json_object_set_new(p, "roleId", str(r->id));
	json_object_set_new(p, "change", str(change));
	return p;
}

/* Where the role's own change is: the new role, or the removed one. */
static void
rchange_at(const struct ra_diff *d, const struct ra_rdiff *r,
    const struct ra_solution **s, const struct ra_role **cur)
{
	*cur = r->new ? r->new : r->old;
	*s = r->new ? d->new : d->old;
}

/* The role's own change: added, removed or renamed. */
static void
rchange_result(struct sarif *sf, const struct ra_diff *d,
    const struct ra_rdiff *r, struct ra_buf *m)
{
	const struct ra_role		*cur;
	const struct ra_solution	*s;
	json_t				*o;

	rchange_at(d, r, &s, &cur);

	role_msg(m, cur);
	switch (r->change) {
	case RA_RCH_ADDED:
		ra_buf_printf(m, " was added with %zu privilege%s%s.",
		    cur->nprivs, cur->nprivs == 1 ? "" : "s",
		    r->escalation ? "; it grants escalating privileges" : "");
		break;
	case RA_RCH_REMOVED:
		ra_buf_printf(m, " was removed; it had %zu privilege%s.",
		    cur->nprivs, cur->nprivs == 1 ? "" : "s");
		break;
	default:
		if (r->renamed) {
			ra_buf_adds(m, " was renamed from \"");
			msg_add(m, r->old->name);
			ra_buf_adds(m, "\".");
		}
		if (r->unexported) {
			ra_buf_adds(m, r->unexported == RA_UNEXPORTED_OLD ?
			    " Old: " : r->unexported == RA_UNEXPORTED_NEW ?
			    " New: " : " ");
			ra_buf_adds(m, RA_NOT_EXPORTED_REASON ".");
		}
		break;
	}
	o = result(sf, r->change == RA_RCH_ADDED && r->escalation ?
	    RULE_ESCALATION : RULE_CHANGE, ra_rchange_severity(r), m);
	json_object_set_new(o, "locations", role_location(sf, s, cur));
	fingerprint(o, cur, r->change != RA_RCH_CHANGED ?
	    ra_rchange_name(r->change) : r->renamed ? "renamed" :
	    "not-exported");
	json_object_set_new(o, "properties", change_props(cur,
	    r->change != RA_RCH_CHANGED ? ra_rchange_name(r->change) :
	    r->renamed ? "renamed" : "not-exported"));
}

static void
pdiff_result(struct sarif *sf, const struct ra_diff *d,
    const struct ra_rdiff *r, const struct ra_pdiff *p, struct ra_buf *m)
{
	const struct ra_solution *sides[2] = { d->new, d->old };
	struct ra_pinfo		 pi, *pd = &pi;
	json_t			*o, *props;

	ra_pinfo(d->ctx, sides, 2, p->priv, &pi);
	role_msg(m, r->new);
	ra_buf_adds(m, ": ");
	msg_add(m, pd->name);
	ra_buf_adds(m, " (");
	label_add(m, pd);
	ra_buf_printf(m, "; %s", ra_tab_name(pd->tab));
	if (pd->section != RA_SECTION_ENTITIES)
		ra_buf_printf(m, " > %s", ra_section_name(pd->section));
	ra_buf_adds(m, ") ");
	switch (p->change) {
	case RA_PCH_ADDED:
		ra_buf_printf(m, "added at %s", ra_level_name(p->new));
		break;
	case RA_PCH_REMOVED:
		ra_buf_printf(m, "removed (was %s)", ra_level_name(p->old));
		break;
	default:
		ra_buf_printf(m, "%s from %s to %s",
		    ra_pchange_name(p->change), ra_level_name(p->old),
		    ra_level_name(p->new));
		break;
	}
	if (p->reason != NULL) {
		ra_buf_adds(m, "; escalation: ");
		msg_add(m, p->reason);
	}
	ra_buf_adds(m, ".");
	o = result(sf, p->reason ? RULE_ESCALATION : RULE_CHANGE,
	    ra_pdiff_severity(p), m);
	json_object_set_new(o, "locations", role_location(sf, d->new,
	    r->new));
	fingerprint(o, r->new, pd->name);
	props = change_props(r->new, ra_pchange_name(p->change));
	priv_props(props, pd);
	json_object_set_new(props, "old", p->old ? str(ra_level_name(p->old)) :
	    json_null());
	json_object_set_new(props, "new", p->new ? str(ra_level_name(p->new)) :
	    json_null());
	json_object_set_new(props, "reason", str(p->reason));
	json_object_set_new(o, "properties", props);
}

static void
ptrans_result(struct sarif *sf, const struct ra_diff *d,
    const struct ra_rdiff *r, const struct ra_ptrans *t, struct ra_buf *m)
{
	json_t	*o, *props;

	role_msg(m, r->new);
	ra_buf_adds(m, t->new_pass ? " now meets profile " :
	    " no longer meets profile ");
	msg_add(m, t->prof->name);
	ra_buf_adds(m, t->new_pass ? "." : ": it lacks a privilege the "
	    "profile requires.");
	o = result(sf, t->new_pass ? RULE_CHANGE : RULE_MISSING,
	    ra_ptrans_severity(t), m);
	json_object_set_new(o, "locations", role_location(sf, d->new,
	    r->new));
	fingerprint(o, r->new, t->prof->name);
	props = change_props(r->new, t->new_pass ? "passes" : "fails");
	json_object_set_new(props, "profile", str(t->prof->name));
	json_object_set_new(o, "properties", props);
}

/*
 * The results of a diff's role R: its own change (when it is a
 * finding), then one per privilege change, then one per profile whose
 * verdict changed.
 */
static size_t
diff_count(const struct ra_rdiff *r)
{
	return (ra_rchange_is_finding(r) ? 1 : 0) + r->np + r->nt;
}

/* Results FROM to END of the diff's role I, in diff_count()'s order. */
static void
diff_results(struct sarif *sf, size_t i, size_t from, size_t end)
{
	const struct ra_diff	*d = sf->diff;
	const struct ra_rdiff	*r = &d->r[i];
	size_t			 k, own = ra_rchange_is_finding(r) ? 1 : 0;

	for (k = from; k < end; k++) {
		if (k < own)
			rchange_result(sf, d, r, &sf->m);
		else if (k - own < r->np)
			pdiff_result(sf, d, r, &r->p[k - own], &sf->m);
		else
			ptrans_result(sf, d, r, &r->t[k - own - r->np],
			    &sf->m);
	}
}

enum ra_err
ra_render_diff_sarif(const struct ra_diff *d, const struct ra_write_opts *o,
    FILE *out)
{
	const struct ra_solution	*s;
	const struct ra_role		*cur;
	struct sarif			 sf;
	json_t				*p, *sum;
	size_t				 i;

	(void)o;
	sarif_init(&sf, diff_rules, sizeof(diff_rules) /
	    sizeof(diff_rules[0]));
	sf.diff = d;
	input_artifact(&sf, d->old);
	input_artifact(&sf, d->new);
	/* The artifacts diff_results() names, in its order. */
	for (i = 0; i < d->nr; i++) {
		const struct ra_rdiff	*r = &d->r[i];

		if (ra_rchange_is_finding(r)) {
			rchange_at(d, r, &s, &cur);
			role_artifact(&sf, s, cur);
		}
		if (r->np > 0 || r->nt > 0)
			role_artifact(&sf, d->new, r->new);
	}
	diag_artifacts(&sf, d->ctx);
	p = json_object();
	json_object_set_new(p, "command", json_string("diff"));
	json_object_set_new(p, "profiles", profiles(d->prof, d->nprof));
	sum = ra_json_diff_summary(d);
	json_object_set_new(p, "summary", sum);
	return finish(&sf, d->ctx, p, out);
}
