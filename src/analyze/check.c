/*
 * check.c - which roles lack what the profiles require.
 *
 * The profiles are united into one requirement bitmap (a privilege listed
 * twice needs the higher level); each role's missing privileges are then
 * required & ~held per depth plane (bitmap.c), listed in tab order (the
 * tab ra_pinfo() gives, the role's own solution's tables considered),
 * then by name, when a report comes to the role (ra_report_missing()):
 * the check only counts them.  A role whose privileges are not in the export
 * (ra_role_not_exported()) is not judged, and --role's selection leaves
 * the others out.  Each role judged is then held against the policies
 * (policy.c).
 */
#include <stdlib.h>

#include <string.h>

#include "analyze/analyze.h"

static int
missing_cmp(const void *a, const void *b)
{
	const struct ra_missing	*x = a, *y = b;

	return ra_priv_order_cmp(x->tab, x->name, y->tab, y->name);
}

/* Unite the profiles into REP->req; entity strings stay borrowed. */
static int
unite(struct ra_report *rep, const struct ra_check_opts *opts)
{
	return ra_profiles_unite(&rep->req, rep->prof, rep->nprof, opts);
}

/* Judge one role into R: how many required privileges it lacks. */
static int
check_role(const struct ra_report *rep, struct ra_result *r)
{
	struct ra_misslist	*l = rep->list;

	if ((r->not_exported = ra_role_not_exported(r->role)))
		return 0;
	if (ra_bitmap_missing(&l->need, &r->role->bits, &l->scratch) == -1)
		return -1;
	r->nmiss = ra_bitmap_count(&l->scratch);
	l->of = NULL;
	return 0;
}

int
ra_report_missing(const struct ra_report *rep, const struct ra_result *r,
    const struct ra_missing **out)
{
	const struct ra_catalog	*cat = &rep->ctx->cat;
	struct ra_misslist	*l = rep->list;
	struct ra_missing	*m;
	size_t			 i, n = 0;

	if (l->of == r) {
		*out = l->miss;
		return 0;
	}
	l->of = NULL;
	*out = l->miss;
	if (r->nmiss == 0)
		return 0;
	if (r->nmiss > l->cap) {
		free(l->miss);
		free(l->pi);
		l->pi = NULL;
		l->cap = 0;
		if ((l->miss = calloc(r->nmiss, sizeof(*l->miss))) == NULL ||
		    (l->pi = calloc(r->nmiss, sizeof(*l->pi))) == NULL)
			return -1;
		l->cap = r->nmiss;
	}
	if (ra_bitmap_missing(&l->need, &r->role->bits, &l->scratch) == -1)
		return -1;
	for (i = ra_bitmap_next(&l->scratch, 0); i != RA_NOPRIV && n < l->cap;
	    i = ra_bitmap_next(&l->scratch, i + 1)) {
		m = &l->miss[n];
		ra_pinfo(rep->ctx, &rep->sol[r->sol], 1, i, &l->pi[n]);
		m->priv = i;
		m->req = &rep->req.req[l->reqof[i]];
		m->actual = ra_bitmap_get(&r->role->bits, i);
		m->pi = &l->pi[n];
		m->tab = m->pi->tab;
		m->name = cat->v[i].name;
		n++;
	}
	if (n > 1)
		qsort(l->miss, n, sizeof(*l->miss), missing_cmp);
	l->of = r;
	*out = l->miss;
	return 0;
}

/* Is R one of the roles OPTS selects (all when it selects none)? */
static int
selected(const struct ra_check_opts *opts, const struct ra_role *r)
{
	size_t	 k;

	if (opts == NULL || opts->nroles == 0)
		return 1;
	for (k = 0; k < opts->nroles; k++)
		if (ra_role_matches(r, opts->roles[k],
		    strlen(opts->roles[k])))
			return 1;
	return 0;
}

/* The check itself: OPTS's selection is known to name roles. */
static enum ra_err
check(const struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, const struct ra_profile *const *prof, size_t nprof,
    const struct ra_check_opts *opts, struct ra_report **out)
{
	struct ra_report	*rep;
	struct ra_misslist	*l;
	struct ra_policy_eval	*ev = NULL;
	size_t			 s, i, nres = 0;
	enum ra_err		 rc = RA_ENOMEM;

	if ((rep = calloc(1, sizeof(*rep))) == NULL)
		return RA_ENOMEM;
	if ((l = rep->list = calloc(1, sizeof(*rep->list))) == NULL) {
		free(rep);
		return RA_ENOMEM;
	}
	rep->ctx = ctx;
	rep->sol = sol;
	rep->nsol = nsol;
	rep->prof = prof;
	rep->nprof = nprof;
	if (opts != NULL) {
		rep->pol = opts->policies;
		rep->npol = opts->npolicies;
	}
	if (unite(rep, opts) == -1)
		goto out;
	if (rep->npol && (ev = ra_policy_eval_new(rep)) == NULL)
		goto out;
	if ((l->reqof = calloc(ctx->cat.n ? ctx->cat.n : 1,
	    sizeof(*l->reqof))) == NULL)
		goto out;
	for (i = 0; i < rep->req.n; i++) {
		l->reqof[rep->req.req[i].priv] = i;
		if (ra_bitmap_set(&l->need, rep->req.req[i].priv,
		    rep->req.req[i].min) == -1)
			goto out;
	}
	for (s = 0; s < nsol; s++)
		nres += sol[s]->nrole;
	if (nres && (rep->res = calloc(nres, sizeof(*rep->res))) == NULL)
		goto out;
	for (s = 0; s < nsol; s++)
		for (i = 0; i < sol[s]->nrole; i++) {
			struct ra_result	*r;

			if (!selected(opts, &sol[s]->role[i]))
				continue;
			r = &rep->res[rep->nres++];
			r->sol = s;
			r->role = &sol[s]->role[i];
			if (check_role(rep, r) == -1)
				goto out;
			if (ev != NULL && ra_policy_eval_role(ev, rep, r) == -1)
				goto out;
			if (r->not_exported)
				rep->nskip++;
			else if (ra_result_fails(r))
				rep->nfail++;
			else
				rep->npass++;
		}
	rc = RA_OK;
out:
	ra_policy_eval_free(ev);
	if (rc != RA_OK) {
		ra_report_free(rep);
		return rc;
	}
	*out = rep;
	return RA_OK;
}

enum ra_err
ra_check_every_role(const struct ra_ctx *ctx,
    const struct ra_solution *const *sol, size_t nsol,
    const struct ra_profile *const *prof, size_t nprof,
    const struct ra_check_opts *opts, struct ra_report **out)
{
	struct ra_check_opts	 all;

	memset(&all, 0, sizeof(all));
	if (opts != NULL) {
		all.min_level = opts->min_level;
		all.policies = opts->policies;
		all.npolicies = opts->npolicies;
	}
	return check(ctx, sol, nsol, prof, nprof, &all, out);
}

RA_EXPORT enum ra_err
ra_check(struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, const struct ra_profile *const *prof, size_t nprof,
    const struct ra_check_opts *opts, struct ra_report **out)
{
	size_t	 k, s, i;
	int	 bad = 0, hit;

	for (k = 0; opts != NULL && k < opts->nroles; k++) {
		for (s = 0, hit = 0; s < nsol && !hit; s++)
			for (i = 0; i < sol[s]->nrole && !hit; i++)
				hit = ra_role_matches(&sol[s]->role[i],
				    opts->roles[k], strlen(opts->roles[k]));
		if (!hit) {
			ra_role_unknown(ctx, "--role", opts->roles[k], sol,
			    nsol);
			bad = 1;
		}
	}
	if (opts != NULL && opts->npolicies > 0 && ctx->focused)
		return RA_EINVAL;
	if (bad)
		return RA_EINVAL;
	return check(ctx, sol, nsol, prof, nprof, opts, out);
}

RA_EXPORT void
ra_report_free(struct ra_report *rep)
{
	struct ra_misslist	*l;
	size_t			 i;

	if (rep == NULL)
		return;
	for (i = 0; i < rep->nres; i++)
		free(rep->res[i].viol);
	if ((l = rep->list) != NULL) {
		free(l->miss);
		free(l->pi);
		free(l->reqof);
		ra_bitmap_free(&l->need);
		ra_bitmap_free(&l->scratch);
		free(l);
	}
	free(rep->res);
	free(rep->req.req);	/* entity strings belong to the profiles */
	free(rep);
}

RA_EXPORT size_t
ra_report_pass_count(const struct ra_report *rep)
{
	return rep->npass;
}

RA_EXPORT size_t
ra_report_fail_count(const struct ra_report *rep)
{
	return rep->nfail;
}

RA_EXPORT size_t
ra_report_not_exported_count(const struct ra_report *rep)
{
	return rep->nskip;
}
