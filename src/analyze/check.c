/*
 * check.c - which roles lack what the profiles require.
 *
 * The profiles are united into one requirement bitmap (a privilege listed
 * twice needs the higher level); each role's missing privileges are then
 * required & ~held per depth plane (bitmap.c), listed in tab order (the
 * tab ra_pinfo() gives, the role's own solution's tables considered),
 * then by name.  A role whose privileges are not in the export
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

/* Evaluate one role into R. */
static int
check_role(const struct ra_report *rep, const struct ra_bitmap *need,
    const size_t *reqof, struct ra_bitmap *miss, struct ra_result *r)
{
	const struct ra_catalog	*cat = &rep->ctx->cat;
	const struct ra_pinfo	*pi = rep->pinfo + r->sol * rep->req.n;
	size_t			 i, n = 0;

	if ((r->not_exported = ra_role_not_exported(r->role)))
		return 0;
	if (ra_bitmap_missing(need, &r->role->bits, miss) == -1)
		return -1;
	for (i = ra_bitmap_next(miss, 0); i != RA_NOPRIV;
	    i = ra_bitmap_next(miss, i + 1))
		n++;
	if (n == 0)
		return 0;
	if ((r->miss = calloc(n, sizeof(*r->miss))) == NULL)
		return -1;
	for (i = ra_bitmap_next(miss, 0); i != RA_NOPRIV;
	    i = ra_bitmap_next(miss, i + 1)) {
		struct ra_missing	*m = &r->miss[r->nmiss++];

		m->priv = i;
		m->req = &rep->req.req[reqof[i]];
		m->actual = ra_bitmap_get(&r->role->bits, i);
		m->pi = &pi[reqof[i]];
		m->tab = m->pi->tab;
		m->name = cat->v[i].name;
	}
	if (r->nmiss > 1)
		qsort(r->miss, r->nmiss, sizeof(*r->miss), missing_cmp);
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
	struct ra_bitmap	 need = { 0 }, miss = { 0 };
	struct ra_policy_eval	*ev = NULL;
	size_t			*reqof = NULL, s, i, nres = 0;
	enum ra_err		 rc = RA_ENOMEM;

	if ((rep = calloc(1, sizeof(*rep))) == NULL)
		return RA_ENOMEM;
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
	if ((reqof = calloc(ctx->cat.n ? ctx->cat.n : 1, sizeof(*reqof))) ==
	    NULL)
		goto out;
	for (i = 0; i < rep->req.n; i++) {
		reqof[rep->req.req[i].priv] = i;
		if (ra_bitmap_set(&need, rep->req.req[i].priv,
		    rep->req.req[i].min) == -1)
			goto out;
	}
	/* Each requirement's facts, once a solution. */
	if (nsol && rep->req.n && (rep->pinfo = calloc(nsol * rep->req.n,
	    sizeof(*rep->pinfo))) == NULL)
		goto out;
	for (s = 0; s < nsol; s++)
		for (i = 0; i < rep->req.n; i++)
			ra_pinfo(ctx, &sol[s], 1, rep->req.req[i].priv,
			    &rep->pinfo[s * rep->req.n + i]);
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
			if (check_role(rep, &need, reqof, &miss, r) == -1)
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
	free(reqof);
	ra_bitmap_free(&need);
	ra_bitmap_free(&miss);
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
	size_t	 i;

	if (rep == NULL)
		return;
	for (i = 0; i < rep->nres; i++) {
		free(rep->res[i].miss);
		free(rep->res[i].viol);
	}
	free(rep->res);
	free(rep->pinfo);
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
