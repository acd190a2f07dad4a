/*
 * test_diff.c - diff.c: roles matched by id, then by name; privilege
 * changes by depth in tab then name order; escalations; profile verdicts
 * that change; the role filter; the rendered diff.  Every test of the
 * fixture runs twice: on solutions loaded from buffers one after the
 * other, and on files loaded at once on two threads (ra_solutions_load()),
 * whose names join the catalog after both loads.  Either way roles keep
 * sparse sets, and ra_diff() reads no input and changes nothing.
 */
#include <jansson.h>

#include "unit.h"

#define PRIV(n, l) "<RolePrivilege name=\"" n "\" level=\"" l "\"/>"
#define ROLE(id, name, privs) \
	"<Role id=\"{" id "}\" name=\"" name "\"><RolePrivileges>" privs \
	"</RolePrivileges></Role>\n"

#define OLD_XML "<ImportExportXml><Roles>\n" \
	ROLE("1", "Sales", PRIV("prvReadAccount", "Basic") \
	    PRIV("prvWriteAccount", "Local") \
	    PRIV("prvDeleteAccount", "Global") \
	    PRIV("prvReadContact", "Basic")) \
	ROLE("2", "Old Name", PRIV("prvReadAccount", "Basic")) \
	ROLE("3", "Gone", "") \
	ROLE("4", "Service", PRIV("prvReadIncident", "Basic")) \
	ROLE("9", "ByName", PRIV("prvReadAccount", "Basic")) \
	"</Roles></ImportExportXml>\n"

#define NEW_XML "<ImportExportXml><Roles>\n" \
	ROLE("1", "Sales", PRIV("prvReadAccount", "Deep") \
	    PRIV("prvWriteAccount", "Basic") \
	    PRIV("prvReadContact", "Basic") \
	    PRIV("prvReadRole", "Basic")) \
	ROLE("2", "New Name", PRIV("prvReadAccount", "Basic")) \
	ROLE("4", "Service", PRIV("prvReadIncident", "Basic")) \
	ROLE("5", "Fresh", PRIV("prvSyncToOutlook", "Basic")) \
	ROLE("10", "BYNAME", PRIV("prvReadAccount", "Local")) \
	"</Roles></ImportExportXml>\n"

struct fix {
	struct ra_ctx		*ctx;
	struct ra_solution	*old, *new;
	struct ra_profile	*prof;
	char			 dir[UT_PATH_MAX];	/* files: where */
};

static int
setup(void **state, int files)
{
	static const char	 csv[] = "privilege,min_level\n"
	    "prvReadAccount,Local\n";
	struct fix		*f;
	char			 p[2][UT_PATH_MAX];
	const char		*paths[2];
	struct ra_solution	*sol[2];
	enum ra_err		 st[2];

	if ((f = calloc(1, sizeof(*f))) == NULL ||
	    (f->ctx = ra_ctx_new()) == NULL)
		return -1;
	*state = f;
	if (ra_profile_load_buffer(f->ctx, "p", "p.csv", csv, strlen(csv),
	    &f->prof) != RA_OK)
		return -1;
	if (!files)
		return ut_load(f->ctx, "old.xml", OLD_XML, &f->old) != RA_OK ||
		    ut_load(f->ctx, "new.xml", NEW_XML, &f->new) != RA_OK ?
		    -1 : 0;
	ut_mkdtemp(f->dir);
	ut_writes(f->dir, "old.xml", OLD_XML);
	ut_writes(f->dir, "new.xml", NEW_XML);
	paths[0] = ut_join(p[0], f->dir, "old.xml");
	paths[1] = ut_join(p[1], f->dir, "new.xml");
	if (ra_solutions_load(f->ctx, paths, 2, 2, sol, st) != RA_OK)
		return -1;
	f->old = sol[0];
	f->new = sol[1];
	return st[0] == RA_OK && st[1] == RA_OK ? 0 : -1;
}

static int
setup_fix(void **state)
{
	return setup(state, 0);
}

static int
setup_files(void **state)
{
	return setup(state, 1);
}

static int
teardown_fix(void **state)
{
	struct fix	*f = *state;

	if (f == NULL)
		return 0;
	ra_profile_free(f->prof);
	ra_solution_free(f->old);
	ra_solution_free(f->new);
	ra_ctx_free(f->ctx);
	if (*f->dir)
		ut_rmtree(f->dir);
	free(f);
	return 0;
}

/* The diff of the fixture, with its profile and options O. */
static struct ra_diff *
diff(const struct fix *f, const struct ra_diff_opts *o)
{
	struct ra_diff	*d = NULL;

	assert_int_equal(ra_diff(f->ctx, f->old, f->new,
	    (const struct ra_profile *const *)&f->prof, 1, o, &d), RA_OK);
	assert_non_null(d);
	return d;
}

/* The entry of the role now (or last) called NAME. */
static const struct ra_rdiff *
entry(const struct ra_diff *d, const char *name)
{
	size_t	 i;

	for (i = 0; i < d->nr; i++) {
		const struct ra_role	*r = d->r[i].new ? d->r[i].new :
		    d->r[i].old;

		if (strcmp(r->name, name) == 0)
			return &d->r[i];
	}
	fail_msg("no diff entry for %s", name);
	return NULL;
}

/*
 * Roles in the new export's order, removed roles last; unchanged roles
 * are not listed; the counts add up.
 */
static void
test_roles(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);

	assert_int_equal(d->nr, 5);
	assert_string_equal(d->r[0].new->name, "Sales");
	assert_int_equal(d->r[0].change, RA_RCH_CHANGED);
	assert_string_equal(d->r[1].new->name, "New Name");
	assert_string_equal(d->r[2].new->name, "Fresh");
	assert_int_equal(d->r[2].change, RA_RCH_ADDED);
	assert_null(d->r[2].old);
	assert_string_equal(d->r[3].new->name, "BYNAME");
	assert_string_equal(d->r[4].old->name, "Gone");
	assert_int_equal(d->r[4].change, RA_RCH_REMOVED);
	assert_null(d->r[4].new);
	assert_int_equal(d->roles_added, 1);
	assert_int_equal(d->roles_removed, 1);
	assert_int_equal(d->roles_changed, 3);
	assert_int_equal(ra_diff_change_count(d), 5);
	ra_diff_free(d);
	ra_diff_free(NULL);
}

/* A role keeps its partner by id through a rename. */
static void
test_match_by_id(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);
	const struct ra_rdiff	*r = entry(d, "New Name");

	assert_non_null(r->old);
	assert_string_equal(r->old->name, "Old Name");
	assert_true(r->renamed);
	assert_int_equal(r->np, 0);
	assert_false(entry(d, "Sales")->renamed);
	ra_diff_free(d);
}

/* Without a partner by id, a role is matched by name, ignoring case. */
static void
test_match_by_name(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);
	const struct ra_rdiff	*r = entry(d, "BYNAME");

	assert_non_null(r->old);
	assert_string_equal(r->old->name, "ByName");
	assert_string_equal(r->old->id, "9");
	assert_string_equal(r->new->id, "10");
	assert_int_equal(r->np, 1);
	assert_int_equal(r->p[0].change, RA_PCH_RAISED);
	ra_diff_free(d);
}

/*
 * Repeated ids and names pair in export order; an exact name wins over
 * one equal but for case, even when the caseless one comes first; ids
 * compare without braces and case; a role without id never pairs by id.
 */
static void
test_match_order(void **state)
{
	static const char	 old_xml[] = "<ImportExportXml><Roles>\n"
	    ROLE("AB", "Twin", PRIV("prvReadAccount", "Basic"))
	    ROLE("ab", "Twin", PRIV("prvReadAccount", "Local"))
	    ROLE("1", "Dup", PRIV("prvReadAccount", "Basic"))
	    ROLE("2", "Dup", PRIV("prvReadAccount", "Local"))
	    ROLE("3", "CASE", PRIV("prvReadAccount", "Basic"))
	    ROLE("4", "Case", PRIV("prvReadAccount", "Local"))
	    "</Roles></ImportExportXml>\n";
	static const char	 new_xml[] = "<ImportExportXml><Roles>\n"
	    ROLE("aB", "Twin 1", PRIV("prvReadAccount", "Basic"))
	    ROLE("Ab", "Twin 2", PRIV("prvReadAccount", "Local"))
	    ROLE("10", "Dup", PRIV("prvReadAccount", "Basic"))
	    ROLE("11", "Dup", PRIV("prvReadAccount", "Local"))
	    ROLE("12", "Case", PRIV("prvReadAccount", "Local"))
	    "<Role name=\"CASE\"><RolePrivileges>"
	    PRIV("prvReadAccount", "Basic") "</RolePrivileges></Role>\n"
	    "</Roles></ImportExportXml>\n";
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*o = NULL, *n = NULL;
	struct ra_diff		*d = NULL;
	size_t			 i;

	assert_int_equal(ut_load(ctx, "o.xml", old_xml, &o), RA_OK);
	assert_int_equal(ut_load(ctx, "n.xml", new_xml, &n), RA_OK);
	assert_int_equal(ra_diff(ctx, o, n, NULL, 0, NULL, &d), RA_OK);
	/* Only the two renamed twins differ: every pair has equal levels. */
	assert_int_equal(d->roles_added + d->roles_removed, 0);
	assert_int_equal(d->added + d->removed + d->raised + d->lowered, 0);
	assert_int_equal(d->roles_changed, 2);
	for (i = 0; i < d->nr; i++)
		assert_true(d->r[i].renamed);
	assert_string_equal(d->r[0].old->id, "ab");
	assert_int_equal(d->r[0].old->line, 2);
	assert_int_equal(d->r[1].old->line, 3);
	ra_diff_free(d);
	ra_solution_free(o);
	ra_solution_free(n);
}

/*
 * Each privilege whose level differs is one change, in tab order then
 * by name, with both levels.
 */
static void
test_privilege_changes(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);
	const struct ra_rdiff	*r = entry(d, "Sales");

	assert_int_equal(r->np, 4);
	assert_string_equal(ra_pdiff_name(f->ctx, &r->p[0]),
	    "prvDeleteAccount");
	assert_int_equal(r->p[0].change, RA_PCH_REMOVED);
	assert_int_equal(r->p[0].old, RA_LEVEL_GLOBAL);
	assert_int_equal(r->p[0].new, RA_LEVEL_NONE);
	assert_string_equal(ra_pdiff_name(f->ctx, &r->p[1]), "prvReadAccount");
	assert_int_equal(r->p[1].change, RA_PCH_RAISED);
	assert_int_equal(r->p[1].old, RA_LEVEL_BASIC);
	assert_int_equal(r->p[1].new, RA_LEVEL_DEEP);
	assert_string_equal(ra_pdiff_name(f->ctx, &r->p[2]), "prvWriteAccount");
	assert_int_equal(r->p[2].change, RA_PCH_LOWERED);
	/* Business */
	assert_string_equal(ra_pdiff_name(f->ctx, &r->p[3]), "prvReadRole");
	assert_int_equal(r->p[3].tab, RA_TAB_BUSINESS);
	assert_int_equal(r->p[3].change, RA_PCH_ADDED);
	assert_int_equal(d->added, 1);
	assert_int_equal(d->removed, 1);
	assert_int_equal(d->raised, 2);
	assert_int_equal(d->lowered, 1);
	ra_diff_free(d);
}

/*
 * Escalations: a raise to Deep, a privilege on a security table, an
 * added role granting a privacy privilege.  Lowering and removing never
 * escalate.
 */
static void
test_escalations(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);
	const struct ra_rdiff	*r = entry(d, "Sales");

	struct ra_buf		 b = { 0 };

	assert_true(r->p[1].escalates);
	assert_string_equal(ra_pdiff_reason(f->ctx, &r->p[1], &b),
	    "granted at Deep or Global depth");
	assert_true(r->p[3].escalates);
	assert_string_equal(ra_pdiff_reason(f->ctx, &r->p[3], &b),
	    "security-sensitive table: Security Role");
	/* Removed, lowered: no reason, and the buffer is emptied. */
	assert_false(r->p[0].escalates);
	assert_null(ra_pdiff_reason(f->ctx, &r->p[0], &b));
	assert_int_equal(b.len, 0);
	assert_false(r->p[2].escalates);
	assert_null(ra_pdiff_reason(f->ctx, &r->p[2], &b));
	ra_buf_free(&b);
	assert_int_equal(r->nesc, 2);
	assert_true(r->escalation);
	assert_true(entry(d, "Fresh")->escalation);
	assert_false(entry(d, "BYNAME")->escalation);	/* Basic -> Local */
	assert_int_equal(ra_diff_escalation_count(d), 3);
	ra_diff_free(d);
}

/*
 * Reasons of several rules are joined in rule-kind order (privilege,
 * base, section, depth); only raises escalate.
 */
static void
test_escalation_reasons_joined(void **state)
{
	struct fix		*f = *state;
	struct ra_buf		 b = { 0 };
	size_t			 i;

	i = ra_catalog_find(&f->ctx->cat, "prvReadRole", 11);
	assert_int_not_equal(i, RA_NOPRIV);
	assert_int_equal(ra_escalation(f->ctx, i, RA_LEVEL_BASIC,
	    RA_LEVEL_GLOBAL, &b), 1);
	assert_string_equal(b.s, "security-sensitive table: Security Role; "
	    "granted at Deep or Global depth");
	ra_buf_free(&b);
	assert_int_equal(ra_escalation(f->ctx, i, RA_LEVEL_GLOBAL,
	    RA_LEVEL_BASIC, &b), 0);
	assert_null(b.s);
	i = ra_catalog_find(&f->ctx->cat, "prvReadAccount", 14);
	assert_int_equal(ra_escalation(f->ctx, i, RA_LEVEL_BASIC,
	    RA_LEVEL_LOCAL, &b), 0);
	assert_null(b.s);
	/* Deep to Global grants more too. */
	assert_int_equal(ra_escalation(f->ctx, i, RA_LEVEL_DEEP,
	    RA_LEVEL_GLOBAL, &b), 1);
	assert_string_equal(b.s, "granted at Deep or Global depth");
	ra_buf_free(&b);
	/* Without a buffer: whether, not why. */
	assert_int_equal(ra_escalation(f->ctx, i, RA_LEVEL_DEEP,
	    RA_LEVEL_GLOBAL, NULL), 1);
	assert_int_equal(ra_escalation(f->ctx, i, RA_LEVEL_BASIC,
	    RA_LEVEL_LOCAL, NULL), 0);
}

/*
 * A change is 8 bytes, whatever the privilege's name or reasons, and
 * made alike by the diff and by a renderer (ra_pdiff_make()).
 */
static void
test_pdiff_made(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);
	const struct ra_rdiff	*r = entry(d, "Sales");
	struct ra_pdiff		 p;
	size_t			 k;

	assert_int_equal(sizeof(struct ra_pdiff), 8);
	for (k = 0; k < r->np; k++) {
		p = ra_pdiff_make(f->ctx, r->p[k].priv, r->p[k].old,
		    r->p[k].new);
		assert_memory_equal(&p, &r->p[k], sizeof(p));
	}
	ra_diff_free(d);
}

/* A profile whose verdict changed is reported on the role. */
static void
test_profile_transitions(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);
	const struct ra_rdiff	*r = entry(d, "Sales");

	assert_int_equal(r->nt, 1);
	assert_ptr_equal(r->t[0].prof, f->prof);
	assert_false(r->t[0].old_pass);
	assert_true(r->t[0].new_pass);
	assert_int_equal(entry(d, "BYNAME")->nt, 1);
	assert_int_equal(entry(d, "New Name")->nt, 0);
	ra_diff_free(d);
}

/* The role filter keeps roles by old or new name or id, any case. */
static void
test_role_filter(void **state)
{
	static const char *const byname[] = { "sales", "old name" };
	static const char *const byid[] = { "5", "3" };
	struct fix		*f = *state;
	struct ra_diff_opts	 o;
	struct ra_diff		*d;

	o.roles = byname;
	o.nroles = 2;
	d = diff(f, &o);
	assert_int_equal(d->nr, 2);
	assert_string_equal(d->r[0].new->name, "Sales");
	assert_string_equal(d->r[1].new->name, "New Name");
	ra_diff_free(d);
	o.roles = byid;
	d = diff(f, &o);
	assert_int_equal(d->nr, 2);
	assert_string_equal(d->r[0].new->name, "Fresh");
	assert_string_equal(d->r[1].old->name, "Gone");
	assert_int_equal(ra_diff_change_count(d), 2);
	ra_diff_free(d);
}

/* Render the fixture's diff as FMT. */
static char *
render(const struct ra_diff *d, enum ra_format fmt, size_t *len)
{
	struct ra_write_opts	 o;
	char			*buf = NULL;
	FILE			*mf;

	memset(&o, 0, sizeof(o));
	o.format = fmt;
	assert_non_null(mf = open_memstream(&buf, len));
	assert_int_equal(ra_write_diff(d, &o, mf), RA_OK);
	assert_int_equal(fclose(mf), 0);
	return buf;
}

/* The rendered diff: JSON summary, CSV rows, the text summary line. */
static void
test_render(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);
	struct ra_csv		 c;
	json_error_t		 err;
	json_t			*j, *s;
	char			*out;
	size_t			 len;

	out = render(d, RA_FORMAT_JSON, &len);
	assert_non_null(j = json_loadb(out, len, 0, &err));
	free(out);
	s = json_object_get(j, "summary");
	assert_int_equal(json_integer_value(json_object_get(s,
	    "roles_added")), 1);
	assert_int_equal(json_integer_value(json_object_get(s,
	    "escalations")), 3);
	assert_int_equal(json_array_size(json_object_get(j, "roles")), 5);
	json_decref(j);

	out = render(d, RA_FORMAT_CSV, &len);
	assert_int_equal(ra_csv_parse(f->ctx, "d.csv", out, len, &c), RA_OK);
	free(out);
	/* header + Sales 4 + New Name 1 + Fresh 1 + BYNAME 1 + Gone 1 */
	assert_int_equal(c.nrow, 9);
	assert_string_equal(c.row[0].field[0], "role_id");
	ra_csv_free(&c);

	out = render(d, RA_FORMAT_TEXT, &len);
	assert_non_null(strstr(out, "renamed from \"Old Name\""));
	assert_non_null(strstr(out, "\nRoles: 1 added, 1 removed, 3 changed."
	    "  Privileges: 1 added, 1 removed, 2 raised, 1 lowered.  "
	    "Escalations: 3.\n"));
	free(out);
	ra_diff_free(d);
}

/*
 * Two identical exports: no differences at all.
 * Regression (fixed): diff_privileges() ends with qsort(r->p, 0, ...) where r->p is NULL
 * for a matched role without changes (diff.c); UBSan aborts with "null
 * pointer passed as argument 1, which is declared to never be null", so
 * every unchanged role kills `roleaudit diff` under `make check`.
 */
static void
test_identical(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = NULL;

	assert_int_equal(ra_diff(f->ctx, f->old, f->old,
	    (const struct ra_profile *const *)&f->prof, 1, NULL, &d), RA_OK);
	assert_int_equal(d->nr, 0);
	assert_int_equal(ra_diff_change_count(d), 0);
	assert_int_equal(ra_diff_escalation_count(d), 0);
	ra_diff_free(d);
}

/*
 * Every role keeps its privileges as a sparse set of catalog indices,
 * sorted, each once; unchanged roles have equal sets.
 */
static void
test_sparse_sets(void **state)
{
	struct fix		*f = *state;
	const struct ra_role	*sales = ut_role(f->new, "Sales");
	size_t			 i, k;

	for (i = 0; i < f->new->nrole; i++) {
		const struct ra_bitmap	*b = &f->new->role[i].bits;
		struct ra_bitmap_iter	 it;
		size_t			 p, last = RA_NOPRIV;
		enum ra_level		 l;

		assert_true(b->sparse);
		assert_true(b->sorted);
		assert_int_equal(b->ne, f->new->role[i].nprivs);
		/* Sealed: packed, nothing left of the grants as added. */
		assert_true(b->ne == 0 || b->pk != NULL);
		assert_null(b->e);
		ra_bitmap_iter_init(&it, b);
		for (k = 0; ra_bitmap_iter_next(&it, &p, &l); k++) {
			assert_true(last == RA_NOPRIV || last < p);
			assert_true(p < f->ctx->cat.n);
			assert_true(l >= RA_LEVEL_BASIC && l <= RA_LEVEL_GLOBAL);
			assert_int_equal(ra_bitmap_get(b, p), l);
			last = p;
		}
		assert_int_equal(k, b->ne);
	}
	assert_int_equal(ra_bitmap_count(&sales->bits), 4);
	assert_int_equal(ra_role_level(f->ctx, sales, "prvReadRole"),
	    RA_LEVEL_BASIC);
	assert_int_equal(ra_role_level(f->ctx, sales, "PRVREADACCOUNT"),
	    RA_LEVEL_DEEP);
	assert_true(ra_bitmap_equal(&ut_role(f->old, "Service")->bits,
	    &ut_role(f->new, "Service")->bits));
	assert_false(ra_bitmap_equal(&ut_role(f->old, "Sales")->bits,
	    &sales->bits));
}

/* 1 when role X of context CX holds what role Y of CY holds, by name. */
static int
same_by_name(const struct ra_ctx *cx, const struct ra_role *x,
    const struct ra_ctx *cy, const struct ra_role *y)
{
	struct ra_bitmap_iter	 it;
	size_t			 p;
	enum ra_level		 l;
	const char		*nm;

	if (ra_bitmap_count(&x->bits) != ra_bitmap_count(&y->bits))
		return 0;
	ra_bitmap_iter_init(&it, &x->bits);
	while (ra_bitmap_iter_next(&it, &p, &l)) {
		nm = cx->cat.v[p].name;
		if (ra_bitmap_get(&y->bits, ra_catalog_find(&cy->cat, nm,
		    strlen(nm))) != l)
			return 0;
	}
	return 1;
}

/*
 * Loads on two threads share the catalog: it ends with the names one load
 * after the other gives, each once (in whatever order the threads met
 * them), and every role holds the same privileges at the same levels.
 */
static void
test_parallel_indices(void **state)
{
	struct fix		*f = *state;
	struct ra_ctx		*seq;
	struct ra_solution	*a = NULL, *b = NULL;
	size_t			 i;

	assert_non_null(seq = ra_ctx_new());
	assert_int_equal(ut_load(seq, "old.xml", OLD_XML, &a), RA_OK);
	assert_int_equal(ut_load(seq, "new.xml", NEW_XML, &b), RA_OK);
	/* The fixture's own profile was loaded first. */
	assert_int_equal(seq->cat.n, f->ctx->cat.n);
	for (i = 0; i < seq->cat.n; i++)
		assert_int_not_equal(ra_catalog_find(&f->ctx->cat,
		    seq->cat.v[i].name, strlen(seq->cat.v[i].name)),
		    RA_NOPRIV);
	assert_int_equal(a->nrole, f->old->nrole);
	assert_int_equal(b->nrole, f->new->nrole);
	for (i = 0; i < a->nrole; i++)
		assert_true(same_by_name(seq, &a->role[i], f->ctx,
		    &f->old->role[i]));
	for (i = 0; i < b->nrole; i++)
		assert_true(same_by_name(seq, &b->role[i], f->ctx,
		    &f->new->role[i]));
	ra_solution_free(a);
	ra_solution_free(b);
	ra_ctx_free(seq);
}

/* A copy of what a role holds, to compare after. */
struct snap {
	unsigned char	*pk;
	size_t		 npk;
	char		*name;
};

/*
 * ra_diff() changes nothing it is given: the catalog, the roles and
 * their sets, the context's diagnostics.  It reads no input either: it
 * gives the same answer with the files gone.
 */
static void
test_const(void **state)
{
	struct fix		*f = *state;
	const struct ra_solution *side[2] = { f->old, f->new };
	struct snap		*sn[2];
	struct ra_diff		*d, *again;
	size_t			 n = f->ctx->cat.n, nd = ra_ctx_diag_count(f->ctx);
	size_t			 s, i;
	char			 p[UT_PATH_MAX];

	for (s = 0; s < 2; s++) {
		assert_non_null(sn[s] = calloc(side[s]->nrole + 1,
		    sizeof(*sn[s])));
		for (i = 0; i < side[s]->nrole; i++) {
			const struct ra_bitmap	*b = &side[s]->role[i].bits;

			sn[s][i].npk = b->npk;
			assert_non_null(sn[s][i].pk = calloc(b->npk + 1, 1));
			if (b->npk)
				memcpy(sn[s][i].pk, b->pk, b->npk);
			assert_non_null(sn[s][i].name =
			    strdup(side[s]->role[i].name));
		}
	}
	d = diff(f, NULL);
	if (*f->dir) {
		assert_int_equal(unlink(ut_join(p, f->dir, "old.xml")), 0);
		assert_int_equal(unlink(ut_join(p, f->dir, "new.xml")), 0);
	}
	again = diff(f, NULL);
	assert_int_equal(again->nr, d->nr);
	assert_int_equal(ra_diff_change_count(again), ra_diff_change_count(d));
	assert_int_equal(again->added, d->added);
	assert_int_equal(again->raised, d->raised);
	assert_int_equal(f->ctx->cat.n, n);
	assert_int_equal(ra_ctx_diag_count(f->ctx), nd);
	for (s = 0; s < 2; s++) {
		for (i = 0; i < side[s]->nrole; i++) {
			const struct ra_bitmap	*b = &side[s]->role[i].bits;

			assert_int_equal(b->npk, sn[s][i].npk);
			if (b->npk)
				assert_memory_equal(b->pk, sn[s][i].pk,
				    b->npk);
			assert_string_equal(side[s]->role[i].name,
			    sn[s][i].name);
			free(sn[s][i].pk);
			free(sn[s][i].name);
		}
		free(sn[s]);
	}
	ra_diff_free(d);
	ra_diff_free(again);
}

/*
 * Nor do explain and the profiles listing add to the catalog: a name the
 * catalog lacks is classified in the explanation, and held by no role;
 * the listing only borrows the profiles it is given.
 */
static void
test_catalog_stays(void **state)
{
	struct fix			*f = *state;
	const struct ra_solution	*s[2] = { f->old, f->new };
	struct ra_privdef		 def, *d = &def;
	struct ra_explanation		*x = NULL;
	struct ra_write_opts		 wo = { 0 };
	size_t				 n = f->ctx->cat.n, k;
	FILE				*out;
	static const char		 text[] = "SecLib::CheckPrivilege "
	    "failed: prvReadcontoso_Widget and prvReadAccount; then "
	    "prvREADCONTOSO_WIDGET again";

	assert_int_equal(ra_explain(f->ctx, text, strlen(text), s, 2,
	    (const struct ra_profile *const *)&f->prof, 1, &x), RA_OK);
	assert_int_equal(f->ctx->cat.n, n);
	assert_int_equal(x->np, 2);
	assert_int_equal(x->nextra, 1);
	for (k = 0; k < x->np; k++) {
		ra_explanation_privdef(x, x->p[k].priv, &def);
		if (x->p[k].priv < n) {
			assert_string_equal(d->name, "prvReadAccount");
			/* The fixture's profile lists it. */
			assert_int_equal(x->p[k].np, 1);
			continue;
		}
		assert_string_equal(d->name, "prvReadcontoso_Widget");
		assert_string_equal(d->entity, "contoso_Widget");
		assert_int_equal(d->tab, RA_TAB_CUSTOM);
		assert_int_equal(d->access, RA_ACCESS_READ);
		assert_int_equal(x->p[k].nr, 10);
		assert_int_equal(x->p[k].nlack, 10);
	}
	wo.format = RA_FORMAT_JSON;
	assert_non_null(out = tmpfile());
	assert_int_equal(ra_write_explanation(x, &wo, out), RA_OK);
	wo.format = RA_FORMAT_CSV;
	assert_int_equal(ra_write_profiles(
	    (const struct ra_profile *const *)&f->prof, 1, &wo, out), RA_OK);
	fclose(out);
	assert_int_equal(f->ctx->cat.n, n);
	ra_explanation_free(x);
}

#define FIX(t)	cmocka_unit_test_setup_teardown(t, setup_fix, teardown_fix)
#define FILES(t) cmocka_unit_test_setup_teardown(t, setup_files, teardown_fix)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FIX(test_escalation_reasons_joined),
		FIX(test_pdiff_made),
		FIX(test_roles),
		FIX(test_match_by_id),
		FIX(test_match_by_name),
		cmocka_unit_test_setup_teardown(test_match_order,
		    ut_setup_ctx, ut_teardown_ctx),
		FIX(test_privilege_changes),
		FIX(test_escalations),
		FIX(test_profile_transitions),
		FIX(test_role_filter),
		FIX(test_render),
		FIX(test_sparse_sets),
		FIX(test_const),
		FIX(test_catalog_stays),
		FILES(test_escalation_reasons_joined),
		FILES(test_roles),
		FILES(test_match_by_id),
		FILES(test_match_by_name),
		FILES(test_privilege_changes),
		FILES(test_escalations),
		FILES(test_profile_transitions),
		FILES(test_role_filter),
		FILES(test_render),
		FILES(test_identical),
		FILES(test_sparse_sets),
		FILES(test_parallel_indices),
		FILES(test_const),
		FILES(test_catalog_stays),
		/* Last: under UBSan it aborts the program until fixed. */
		FIX(test_identical),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
