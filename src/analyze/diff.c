/*
 * diff.c - what changed between two exports of the same roles.
 *
 * Matching: by id first; a role whose id has no partner on the other side
 * is matched by name (exactly, then ignoring ASCII case).  For a matched
 * pair the union of both privilege sets is walked once, in index order,
 * and every privilege whose level differs becomes a change, of 8 bytes
 * (struct ra_pdiff: its name and escalation reasons are made when it is
 * written, by ra_pdiff_name() and ra_pdiff_reason()).  Changes are
 * listed per role in tab order, then by name; roles in the new export's
 * order, removed roles last in the old export's order.  A side written
 * unmodified without its privileges (ra_role_not_exported()) is not
 * compared: such a role is listed as "privileges not in this export",
 * not as every privilege added or removed.
 *
 * Apps are matched by unique name and column security profiles by name
 * (ASCII case ignored): a role added to or removed from a role map, and
 * each right of a column permission granted or revoked, is a change of
 * its own (struct ra_adiff, struct ra_cdiff); an app or a profile only
 * one side has brings all of its roles or rights.
 *
 * Both solutions are loaded in full through the same context (their
 * roles' sparse sets index one catalog), so two sides hold the same
 * privileges exactly when their sets are equal.  Nothing here reads an
 * input or changes the solutions, the profiles or the catalog.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"

const char *
ra_pchange_name(enum ra_pchange c)
{
	static const char *const names[] = { "added", "removed", "raised",
	    "lowered" };

	return (unsigned)c <= RA_PCH_LOWERED ? names[c] : "";
}

const char *
ra_rchange_name(enum ra_rchange c)
{
	static const char *const names[] = { "added", "removed", "changed" };

	return (unsigned)c <= RA_RCH_CHANGED ? names[c] : "";
}

/* What struct ra_pdiff's bit-fields must hold. */
_Static_assert(RA_LEVEL_GLOBAL < 8 && RA_PCH_LOWERED < 4 &&
    RA_TAB__COUNT <= 32, "struct ra_pdiff's bit-fields are too narrow");
_Static_assert(sizeof(struct ra_pdiff) == 8, "struct ra_pdiff is 8 bytes");

struct ra_pdiff
ra_pdiff_make(const struct ra_ctx *ctx, size_t priv, enum ra_level old,
    enum ra_level new)
{
	struct ra_pdiff	 p;

	memset(&p, 0, sizeof(p));
	p.priv = (uint32_t)priv;
	p.old = old;
	p.new = new;
	p.change = old == RA_LEVEL_NONE ? RA_PCH_ADDED :
	    new == RA_LEVEL_NONE ? RA_PCH_REMOVED :
	    new > old ? RA_PCH_RAISED : RA_PCH_LOWERED;
	p.tab = ctx->cat.v[priv].tab;
	p.escalates = ra_escalation(ctx, priv, old, new, NULL) != 0;
	return p;
}

const char *
ra_pdiff_name(const struct ra_ctx *ctx, const struct ra_pdiff *p)
{
	return ctx->cat.v[p->priv].name;
}

const char *
ra_pdiff_reason(const struct ra_ctx *ctx, const struct ra_pdiff *p,
    struct ra_buf *b)
{
	b->len = 0;
	if (!p->escalates)
		return NULL;
	ra_escalation(ctx, p->priv, p->old, p->new, b);
	ra_buf_add(b, "", 0);
	return b->oom ? "" : b->s;
}

/* ra_sort() order of a role's changes: ra_priv_order_cmp(), by name. */
static int
pdiff_cmp(const void *a, const void *b, const void *arg)
{
	const struct ra_pdiff	*x = a, *y = b;
	const struct ra_pent	*v = arg;

	return ra_priv_order_cmp(x->tab, v[x->priv].name, y->tab,
	    v[y->priv].name);
}

/* Does role R pass the --role filter? */
static int
wanted(const struct ra_diff_opts *o, const struct ra_role *a,
    const struct ra_role *b)
{
	size_t	 i;

	if (o == NULL || o->nroles == 0)
		return 1;
	for (i = 0; i < o->nroles; i++)
		if ((a && (ra_strcaseeq(a->name, o->roles[i]) ||
		    (*a->id && ra_strcaseeq(a->id, o->roles[i])))) ||
		    (b && (ra_strcaseeq(b->name, o->roles[i]) ||
		    (*b->id && ra_strcaseeq(b->id, o->roles[i])))))
			return 1;
	return 0;
}

/*
 * The roles of a solution by a case-insensitive hash of their id or
 * name: bucket chains in the solution's order, so the first untaken
 * match in a chain is the first in the export.  Indexes are stored + 1.
 */
struct role_index {
	size_t	*head, *next, mask;
};

static const char *
role_key(const struct ra_role *r, int by_name)
{
	return by_name ? r->name : r->id;
}

static int
index_build(struct role_index *x, const struct ra_solution *s, int by_name)
{
	size_t	 n = 16, j, h;

	while (n < 2 * s->nrole)
		n *= 2;
	x->mask = n - 1;
	x->head = calloc(n, sizeof(*x->head));
	x->next = calloc(s->nrole + 1, sizeof(*x->next));
	if (x->head == NULL || x->next == NULL)
		return -1;
	for (j = s->nrole; j-- > 0;) {
		const char	*k = role_key(&s->role[j], by_name);

		h = ra_name_hash(k, strlen(k)) & x->mask;
		x->next[j] = x->head[h];
		x->head[h] = j + 1;
	}
	return 0;
}

static void
index_free(struct role_index *x)
{
	free(x->head);
	free(x->next);
}

/*
 * Pair each role of NEW still without a partner with the first untaken
 * role of OLD whose id (BY_NAME 0) or name is equal: exactly (EXACT) or
 * ignoring ASCII case.  Ids are stored lower-cased, so either compares
 * them.
 */
static int
match_pass(const struct ra_solution *old, const struct ra_solution *new,
    int by_name, int exact, long *partner, char *taken)
{
	struct role_index	 x = { 0 };
	const char		*k;
	size_t			 i, j;

	if (index_build(&x, old, by_name) == -1) {
		index_free(&x);
		return -1;
	}
	for (i = 0; i < new->nrole; i++) {
		k = role_key(&new->role[i], by_name);
		if (partner[i] != -1 || (!by_name && *k == '\0'))
			continue;
		for (j = x.head[ra_name_hash(k, strlen(k)) & x.mask]; j;
		    j = x.next[j - 1]) {
			const char	*o = role_key(&old->role[j - 1], by_name);

			if (taken[j - 1] || !(exact ? strcmp(o, k) == 0 :
			    ra_strcaseeq(o, k)))
				continue;
			partner[i] = (long)(j - 1);
			taken[j - 1] = 1;
			break;
		}
	}
	index_free(&x);
	return 0;
}

/*
 * For each role of NEW, the index of its partner in OLD or -1; roles of
 * OLD that found a partner are marked in TAKEN.  By id, then by name:
 * exactly, then ignoring case.  0 or -1.
 */
static int
match_roles(const struct ra_solution *old, const struct ra_solution *new,
    long *partner, char *taken)
{
	size_t	 i;

	for (i = 0; i < new->nrole; i++)
		partner[i] = -1;
	if (match_pass(old, new, 0, 0, partner, taken) == -1 ||
	    match_pass(old, new, 1, 1, partner, taken) == -1 ||
	    match_pass(old, new, 1, 0, partner, taken) == -1)
		return -1;
	return 0;
}

/*
 * Every privilege whose level differs between the two sides of R: both
 * sets walked side by side in index order twice, to count the changes
 * and then to make them into an array of just that size (a role may
 * have millions), then sorted.  0 or -1.
 */
static int
diff_privileges(const struct ra_diff *d, struct ra_rdiff *r)
{
	struct ra_bitmap_iter	 x, y;
	size_t			 i, j, k, n = 0;
	enum ra_level		 li, lj, lo, ln;
	int			 pass;

	for (pass = 0; pass < 2; pass++) {
		if (pass == 1 && (n == 0 ||
		    (r->p = calloc(n, sizeof(*r->p))) == NULL))
			return n == 0 ? 0 : -1;
		ra_bitmap_iter_init(&x, &r->old->bits);
		ra_bitmap_iter_init(&y, &r->new->bits);
		if (!ra_bitmap_iter_next(&x, &i, &li))
			i = RA_NOPRIV;
		if (!ra_bitmap_iter_next(&y, &j, &lj))
			j = RA_NOPRIV;
		while (i != RA_NOPRIV || j != RA_NOPRIV) {
			k = i < j ? i : j;
			lo = i == k ? li : RA_LEVEL_NONE;
			ln = j == k ? lj : RA_LEVEL_NONE;
			if (lo != ln && pass == 0)
				n++;
			else if (lo != ln)
				r->p[r->np++] = ra_pdiff_make(d->ctx, k, lo,
				    ln);
			if (i == k && !ra_bitmap_iter_next(&x, &i, &li))
				i = RA_NOPRIV;
			if (j == k && !ra_bitmap_iter_next(&y, &j, &lj))
				j = RA_NOPRIV;
		}
	}
	return ra_sort(r->p, r->np, sizeof(*r->p), pdiff_cmp, d->ctx->cat.v);
}

/* Profiles whose verdict on the pair changed. */
static int
diff_profiles(struct ra_diff *d, struct ra_rdiff *r,
    const struct ra_bitmap *need)
{
	size_t	 i;
	int	 a, b;

	for (i = 0; i < d->nprof; i++) {
		a = ra_bitmap_covers(&r->old->bits, &need[i]);
		b = ra_bitmap_covers(&r->new->bits, &need[i]);
		if (a == b)
			continue;
		if (r->t == NULL && (r->t = calloc(d->nprof,
		    sizeof(*r->t))) == NULL)
			return -1;
		r->t[r->nt].prof = d->prof[i];
		r->t[r->nt].old_pass = a;
		r->t[r->nt].new_pass = b;
		r->nt++;
	}
	return 0;
}

/* Would granting everything ROLE holds, from nothing, escalate? */
static int
grants_escalation(const struct ra_ctx *ctx, const struct ra_role *role)
{
	struct ra_bitmap_iter	 it;
	size_t			 i;
	enum ra_level		 l;
	int			 hit = 0;

	ra_bitmap_iter_init(&it, &role->bits);
	while (!hit && ra_bitmap_iter_next(&it, &i, &l))
		hit = ra_escalation(ctx, i, RA_LEVEL_NONE, l, NULL);
	return hit;
}

/* The partner in OLD of role I of NEW (see match_roles()), or NULL. */
static const struct ra_role *
partner_of(const struct ra_solution *old, const long *partner, size_t i)
{
	return partner[i] == -1 ? NULL : &old->role[partner[i]];
}

static struct ra_rdiff *
new_rdiff(struct ra_diff *d)
{
	struct ra_rdiff	*r;

	if (ra_grow(&d->r, &d->capr, d->nr + 1, sizeof(*d->r)) == -1)
		return NULL;
	r = &d->r[d->nr++];
	memset(r, 0, sizeof(*r));
	return r;
}

/* ---- apps' role maps and column permissions -------------------------- */

/* The role of SOL whose id is ID, or NULL. */
static const struct ra_role *
role_by_id(const struct ra_solution *sol, const char *id)
{
	size_t	 i;

	for (i = 0; i < sol->nrole; i++)
		if (strcmp(sol->role[i].id, id) == 0)
			return &sol->role[i];
	return NULL;
}

/* 1 when app A maps role id ID. */
static int
maps(const struct ra_app *a, const char *id)
{
	size_t	 i;

	for (i = 0; a != NULL && i < a->nrole; i++)
		if (strcmp(a->role[i], id) == 0)
			return 1;
	return 0;
}

/*
 * The roles of app FROM that app OTHER (of the other side, or NULL)
 * does not map: added (ADDED 1, FROM the new side's) or removed.  0 or
 * -1.
 */
static int
diff_rolemap(struct ra_diff *d, const struct ra_diff_opts *o,
    const struct ra_app *from, const struct ra_app *other, int added)
{
	const struct ra_solution	*side = added ? d->new : d->old;
	const struct ra_role		*r;
	struct ra_adiff			*a;
	size_t				 i;

	for (i = 0; i < from->nrole; i++) {
		if (maps(other, from->role[i]))
			continue;
		r = role_by_id(side, from->role[i]);
		if (o != NULL && o->nroles > 0 && (r == NULL ||
		    !wanted(o, r, NULL)))
			continue;
		if (ra_grow(&d->ad, &d->capad, d->nad + 1, sizeof(*d->ad)) ==
		    -1)
			return -1;
		a = &d->ad[d->nad++];
		a->app = from;
		a->role_id = from->role[i];
		a->role = r;
		a->added = added;
		d->escalations += (size_t)added;
	}
	return 0;
}

/* The permission of profile P on ENTITY.ATTRIBUTE, or NULL. */
static const struct ra_fperm *
perm_of(const struct ra_fsp *p, const char *entity, const char *attribute)
{
	size_t	 i;

	for (i = 0; p != NULL && i < p->nperm; i++)
		if (ra_strcaseeq(p->perm[i].entity, entity) &&
		    ra_strcaseeq(p->perm[i].attribute, attribute))
			return &p->perm[i];
	return NULL;
}

/*
 * The rights of profile FROM's permissions that profile OTHER (the
 * other side's, or NULL) does not grant alike: granted (FROM the new
 * side's, ADDED 1) or revoked.  A permission both sides have is
 * compared once, from the new side.  0 or -1.
 */
static int
diff_perms(struct ra_diff *d, const struct ra_fsp *from,
    const struct ra_fsp *other, int added)
{
	const struct ra_fperm	*p, *q;
	struct ra_cdiff		*c;
	size_t			 i;
	int			 r, mine, theirs;

	for (i = 0; i < from->nperm; i++) {
		p = &from->perm[i];
		q = perm_of(other, p->entity, p->attribute);
		if (!added && q != NULL)
			continue;
		for (r = 0; r < RA_FR__COUNT; r++) {
			mine = p->can[r] == 1;
			theirs = q != NULL && q->can[r] == 1;
			if (mine == theirs)
				continue;
			if (ra_grow(&d->cd, &d->capcd, d->ncd + 1,
			    sizeof(*d->cd)) == -1)
				return -1;
			c = &d->cd[d->ncd++];
			c->profile = from->name;
			c->entity = p->entity;
			c->attribute = p->attribute;
			c->right = (enum ra_fright)r;
			/* The new side grants what the old did not, or not. */
			c->granted = added ? mine : theirs;
			c->escalation = c->granted && (r == RA_FR_READ ||
			    r == RA_FR_UNMASKED);
			c->fsp = from;
			c->perm = p;
			c->new_side = added;
			d->escalations += (size_t)c->escalation;
		}
	}
	return 0;
}

/* The role-map and column permission changes from D->old to D->new. */
static int
diff_access(struct ra_diff *d, const struct ra_diff_opts *o)
{
	const struct ra_solution	*old = d->old, *new = d->new;
	const struct ra_app		*a;
	const struct ra_fsp		*f;
	size_t				 i;

	for (i = 0; i < new->napp; i++) {
		a = ra_solution_app(old, new->app[i].name);
		if (diff_rolemap(d, o, &new->app[i], a, 1) == -1)
			return -1;
	}
	for (i = 0; i < old->napp; i++) {
		a = ra_solution_app(new, old->app[i].name);
		if (diff_rolemap(d, o, &old->app[i], a, 0) == -1)
			return -1;
	}
	for (i = 0; i < new->nfsp; i++) {
		f = ra_solution_fsp(old, new->fsp[i].name);
		if (diff_perms(d, &new->fsp[i], f, 1) == -1)
			return -1;
	}
	for (i = 0; i < old->nfsp; i++) {
		f = ra_solution_fsp(new, old->fsp[i].name);
		if (diff_perms(d, &old->fsp[i], f, 0) == -1)
			return -1;
	}
	return 0;
}

RA_EXPORT enum ra_err
ra_diff(const struct ra_ctx *ctx, const struct ra_solution *old,
    const struct ra_solution *new, const struct ra_profile *const *prof,
    size_t nprof, const struct ra_diff_opts *o, struct ra_diff **out)
{
	struct ra_diff		*d;
	struct ra_bitmap	*need = NULL;
	struct ra_rdiff		*r;
	long			*partner = NULL;
	char			*taken = NULL;
	size_t			 i, k;
	enum ra_err		 rc = RA_ENOMEM;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return RA_ENOMEM;
	d->ctx = ctx;
	d->old = old;
	d->new = new;
	d->prof = prof;
	d->nprof = nprof;
	if ((partner = calloc(new->nrole + 1, sizeof(*partner))) == NULL ||
	    (taken = calloc(old->nrole + 1, 1)) == NULL ||
	    (need = calloc(nprof + 1, sizeof(*need))) == NULL)
		goto out;
	for (i = 0; i < nprof; i++)
		if (ra_profile_bitmap(prof[i], &need[i]) == -1)
			goto out;
	if (match_roles(old, new, partner, taken) == -1)
		goto out;
	for (i = 0; i < new->nrole; i++) {
		const struct ra_role	*a = partner_of(old, partner, i);
		const struct ra_role	*b = &new->role[i];

		if (!wanted(o, a, b))
			continue;
		if ((r = new_rdiff(d)) == NULL)
			goto out;
		r->old = a;
		r->new = b;
		r->unexported = (a != NULL && ra_role_not_exported(a) ?
		    RA_UNEXPORTED_OLD : 0) | (ra_role_not_exported(b) ?
		    RA_UNEXPORTED_NEW : 0);
		if (a == NULL) {
			r->change = RA_RCH_ADDED;
			r->escalation = grants_escalation(ctx, b);
			d->roles_added++;
			d->escalations += (size_t)r->escalation;
			continue;
		}
		r->change = RA_RCH_CHANGED;
		r->renamed = strcmp(a->name, b->name) != 0;
		if (r->unexported) {
			/* Nothing to compare on a side without privileges. */
			if (r->unexported == (RA_UNEXPORTED_OLD |
			    RA_UNEXPORTED_NEW) && !r->renamed) {
				d->nr--;
				continue;
			}
			d->roles_not_exported++;
			continue;
		}
		/* Most roles do not change: one comparison says so. */
		if (!r->renamed && ra_bitmap_equal(&a->bits, &b->bits)) {
			d->nr--;
			continue;
		}
		if (diff_privileges(d, r) == -1 ||
		    diff_profiles(d, r, need) == -1)
			goto out;
		if (r->np == 0 && !r->renamed) {
			/* No difference: not listed.  It owns nothing, as
			 * verdicts only change when privileges do. */
			d->nr--;
			continue;
		}
		d->roles_changed++;
		for (k = 0; k < r->np; k++) {
			switch (r->p[k].change) {
			case RA_PCH_ADDED:	d->added++;	break;
			case RA_PCH_REMOVED:	d->removed++;	break;
			case RA_PCH_RAISED:	d->raised++;	break;
			case RA_PCH_LOWERED:	d->lowered++;	break;
			}
			if (r->p[k].escalates) {
				r->escalation = 1;
				r->nesc++;
				d->escalations++;
			}
		}
	}
	for (i = 0; i < old->nrole; i++) {
		if (taken[i] || !wanted(o, &old->role[i], NULL))
			continue;
		if ((r = new_rdiff(d)) == NULL)
			goto out;
		r->old = &old->role[i];
		r->change = RA_RCH_REMOVED;
		r->unexported = ra_role_not_exported(r->old) ?
		    RA_UNEXPORTED_OLD : 0;
		d->roles_removed++;
	}
	if (diff_access(d, o) == -1)
		goto out;
	rc = RA_OK;
out:
	for (i = 0; need && i < nprof; i++)
		ra_bitmap_free(&need[i]);
	free(need);
	free(partner);
	free(taken);
	if (rc != RA_OK) {
		ra_diff_free(d);
		return rc;
	}
	*out = d;
	return RA_OK;
}

RA_EXPORT void
ra_diff_free(struct ra_diff *d)
{
	size_t	 i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nr; i++) {
		free(d->r[i].p);
		free(d->r[i].t);
	}
	free(d->r);
	free(d->ad);
	free(d->cd);
	free(d);
}

RA_EXPORT size_t
ra_diff_change_count(const struct ra_diff *d)
{
	return d->roles_added + d->roles_removed + d->roles_changed + d->nad +
	    d->ncd;
}

RA_EXPORT size_t
ra_diff_escalation_count(const struct ra_diff *d)
{
	return d->escalations;
}
