/*
 * policy.c - which roles hold more than a least-privilege policy allows.
 *
 * A row matches a privilege by what ra_pinfo() knows of it in the role's
 * solution: its name (exact or a prefix), its access right, its table
 * (the solution's own, else the knowledge base's for its base; never
 * guessed from the name) and its tab.  A criterion the facts cannot
 * answer does not match, unless the row asks for "unknown", and then the
 * violation says it matched through unknown.  The rows that match a
 * privilege are found once a solution (cached by catalog index), and the
 * rows that apply to a role once a role, so a role costs one look-up per
 * privilege it holds.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"

const char *
ra_pinfo_table(const struct ra_pinfo *pi)
{
	if (pi->table != NULL)
		return pi->table->name;
	if (pi->kb_table != NULL)
		return pi->kb_table->logical;
	return NULL;
}

/* 1 when NAME starts with the N bytes at PFX, ASCII case ignored. */
static int
prefix_n(const char *name, const char *pfx, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (name[i] == '\0' || ra_lower((unsigned char)name[i]) !=
		    ra_lower((unsigned char)pfx[i]))
			return 0;
	return 1;
}

int
ra_prule_matches(const struct ra_prule *q, const struct ra_pinfo *pi,
    unsigned *via)
{
	const char	*t;

	*via = 0;
	if (q->prefix ? !prefix_n(pi->name, q->priv, q->privlen) :
	    !ra_name_eq(pi->name, q->priv, q->privlen))
		return 0;
	if (q->has_access && pi->access != q->access)
		return 0;
	if (q->table != NULL || q->table_unknown) {
		/* A miscellaneous privilege has no table, known or not. */
		if (pi->section != RA_SECTION_ENTITIES ||
		    pi->access == RA_ACCESS_NONE ||
		    ra_priv_base(pi->name, NULL) == NULL)
			return 0;
		t = ra_pinfo_table(pi);
		if (q->table_unknown) {
			if (t != NULL)
				return 0;
			*via |= RA_VIA_TABLE;
		} else if (t == NULL || !ra_strcaseeq(t, q->table))
			return 0;
	}
	if (q->has_tab) {
		if (q->tab_unknown) {
			if (pi->tab_by != RA_PROV_UNPLACED)
				return 0;
			*via |= RA_VIA_TAB;
		} else if (pi->tab_by == RA_PROV_UNPLACED || pi->tab != q->tab)
			return 0;
	}
	return 1;
}

/* A row that matches a privilege of the solution being evaluated. */
struct pmatch {
	size_t			 pol;
	size_t			 row;		/* over every policy's rows */
	unsigned		 via;
};

/* A privilege some row matches: its facts and its matches. */
struct pent {
	struct ra_pinfo		 pi;
	size_t			 first, n;	/* into eval->m */
};

struct ra_policy_eval {
	size_t			 sol;		/* cached for; -1 none */
	uint32_t		*at;		/* by privilege: 0 not looked at,
						   1 no match, else pent + 2 */
	size_t			 nat;
	struct pent		*e;
	size_t			 ne, cape;
	struct pmatch		*m;
	size_t			 nm, capm;
	/* Every policy's rows in turn, and whether each applies to a role. */
	const struct ra_prule	**row;
	size_t			*rowpol;
	unsigned char		*applies;
	size_t			 nrow;
	struct ra_violation	*v;		/* a role's, being gathered */
	size_t			 nv, capv;
};

struct ra_policy_eval *
ra_policy_eval_new(const struct ra_report *rep)
{
	struct ra_policy_eval	*ev;
	size_t			 p, k, n = 0;

	if ((ev = calloc(1, sizeof(*ev))) == NULL)
		return NULL;
	ev->sol = (size_t)-1;
	ev->nat = rep->ctx->cat.n;
	for (p = 0; p < rep->npol; p++)
		n += rep->pol[p]->n;
	if ((ev->at = calloc(ev->nat ? ev->nat : 1, sizeof(*ev->at))) ==
	    NULL || (ev->row = calloc(n ? n : 1, sizeof(*ev->row))) == NULL ||
	    (ev->rowpol = calloc(n ? n : 1, sizeof(*ev->rowpol))) == NULL ||
	    (ev->applies = calloc(n ? n : 1, 1)) == NULL) {
		ra_policy_eval_free(ev);
		return NULL;
	}
	for (p = 0; p < rep->npol; p++)
		for (k = 0; k < rep->pol[p]->n; k++) {
			ev->row[ev->nrow] = &rep->pol[p]->row[k];
			ev->rowpol[ev->nrow++] = p;
		}
	return ev;
}

void
ra_policy_eval_free(struct ra_policy_eval *ev)
{
	if (ev == NULL)
		return;
	free(ev->at);
	free(ev->e);
	free(ev->m);
	free(ev->row);
	free(ev->rowpol);
	free(ev->applies);
	free(ev->v);
	free(ev);
}

/*
 * The rows that match privilege PRIV in solution SOL, found once: the
 * index of its entry + 2, 1 for none, 0 when memory runs out.
 */
static uint32_t
lookup(struct ra_policy_eval *ev, const struct ra_report *rep,
    const struct ra_solution *sol, size_t priv)
{
	struct ra_pinfo		 pi;
	struct pent		*e;
	size_t			 k, first = ev->nm;
	unsigned		 via;

	if (ev->at[priv] != 0)
		return ev->at[priv];
	ra_pinfo(rep->ctx, &sol, 1, priv, &pi);
	for (k = 0; k < ev->nrow; k++) {
		if (!ra_prule_matches(ev->row[k], &pi, &via))
			continue;
		if (ra_grow(&ev->m, &ev->capm, ev->nm + 1,
		    sizeof(*ev->m)) == -1)
			return 0;
		ev->m[ev->nm].pol = ev->rowpol[k];
		ev->m[ev->nm].row = k;
		ev->m[ev->nm++].via = via;
	}
	if (ev->nm == first)
		return ev->at[priv] = 1;
	if (ev->ne + 2 > UINT32_MAX || ra_grow(&ev->e, &ev->cape, ev->ne + 1,
	    sizeof(*ev->e)) == -1)
		return 0;
	e = &ev->e[ev->ne++];
	e->pi = pi;
	e->first = first;
	e->n = ev->nm - first;
	return ev->at[priv] = (uint32_t)(ev->ne + 1);
}

static int
viol_cmp(const void *a, const void *b)
{
	const struct ra_violation	*x = a, *y = b;
	int				 c;

	if ((c = ra_priv_order_cmp(x->pi.tab, x->pi.name, y->pi.tab,
	    y->pi.name)) != 0)
		return c;
	if (x->pol != y->pol)
		return x->pol < y->pol ? -1 : 1;
	return x->row->line < y->row->line ? -1 : x->row->line > y->row->line;
}

int
ra_policy_eval_role(struct ra_policy_eval *ev, struct ra_report *rep,
    struct ra_result *r)
{
	const struct ra_solution	*sol = rep->sol[r->sol];
	struct ra_bitmap_iter		 it;
	struct ra_violation		*v;
	const struct pent		*e;
	const struct pmatch		*m;
	size_t				 priv, k, any = 0;
	enum ra_level			 held;
	uint32_t			 at;

	if (rep->npol == 0 || r->not_exported)
		return 0;
	if (ev->sol != r->sol) {
		memset(ev->at, 0, ev->nat * sizeof(*ev->at));
		ev->ne = ev->nm = 0;
		ev->sol = r->sol;
	}
	for (k = 0; k < ev->nrow; k++)
		any += ev->applies[k] = (unsigned char)ra_prule_applies(
		    ev->row[k], r->role);
	if (any == 0)
		return 0;
	ev->nv = 0;
	ra_bitmap_iter_init(&it, &r->role->bits);
	while (ra_bitmap_iter_next(&it, &priv, &held)) {
		if (priv >= ev->nat || (at = lookup(ev, rep, sol, priv)) == 1)
			continue;
		if (at == 0)
			return -1;
		e = &ev->e[at - 2];
		for (k = 0; k < e->n; k++) {
			m = &ev->m[e->first + k];
			if (!ev->applies[m->row] || held <= ev->row[m->row]->max)
				continue;
			if (ra_grow(&ev->v, &ev->capv, ev->nv + 1,
			    sizeof(*ev->v)) == -1)
				return -1;
			v = &ev->v[ev->nv++];
			v->priv = priv;
			v->held = held;
			v->pol = m->pol;
			v->row = ev->row[m->row];
			v->via = m->via;
			v->pi = e->pi;
		}
	}
	if (ev->nv == 0)
		return 0;
	if ((r->viol = malloc(ev->nv * sizeof(*r->viol))) == NULL)
		return -1;
	memcpy(r->viol, ev->v, ev->nv * sizeof(*r->viol));
	r->nviol = ev->nv;
	if (r->nviol > 1)
		qsort(r->viol, r->nviol, sizeof(*r->viol), viol_cmp);
	for (k = 0; k < r->nviol; k++) {
		rep->nviol[r->viol[k].row->sev]++;
		if (r->viol[k].row->sev == RA_SEV_ERROR)
			r->nviol_error++;
	}
	return 0;
}

void
ra_violation_message(const struct ra_report *rep, const struct ra_result *r,
    const struct ra_violation *v, struct ra_buf *b)
{
	const struct ra_policy	*p = rep->pol[v->pol];
	const struct ra_prule	*q = v->row;

	if (r != NULL) {
		ra_buf_adds(b, "Role \"");
		ra_buf_adds(b, r->role->name);
		ra_buf_adds(b, "\" holds ");
	}
	ra_buf_adds(b, v->pi.name);
	ra_buf_printf(b, " at %s; policy \"%s\" row %s:%lu (",
	    ra_level_name(v->held), p->name, p->file, q->line);
	ra_prule_describe(q, b);
	if (q->max == RA_LEVEL_NONE)
		ra_buf_adds(b, ") forbids it");
	else
		ra_buf_printf(b, ") allows at most %s", ra_level_name(q->max));
	if (*q->reason) {
		ra_buf_adds(b, ": ");
		ra_buf_adds(b, q->reason);
	}
	if (v->via & RA_VIA_TABLE)
		ra_buf_adds(b, " (matched through unknown: no fact names its "
		    "table)");
	if (v->via & RA_VIA_TAB)
		ra_buf_adds(b, " (matched through unknown: no fact places it "
		    "on a tab)");
	ra_buf_add(b, "", 0);
}
