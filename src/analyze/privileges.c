/*
 * privileges.c - what roleaudit knows of privileges, and why (`roleaudit
 * privileges`): for each name asked (or every privilege the knowledge
 * base has a fact about), what ra_pinfo() says with its sources, the
 * depths real exports hold it at, its table's facts, and every conflict
 * between sources about it, its base or its table.  Reads the model
 * only: a name the catalog lacks is classified here, as the catalog
 * would, and kept in the list.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"

/* Is conflict C about R: its privilege, its base or its table? */
static int
about(const struct ra_kb_conflict *c, const struct ra_privrec *r,
    const char *base)
{
	if (ra_strcaseeq(c->subject, r->def.name))
		return 1;
	if (base != NULL && ra_strcaseeq(c->subject, base))
		return 1;
	return r->table != NULL && ra_strcaseeq(c->subject, r->table->logical);
}

/* Fill record R for privilege NAME (owned by the list). 0 or -1. */
static int
record(struct ra_privlist *pl, struct ra_privrec *r, char *name)
{
	const struct ra_ctx	*ctx = pl->ctx;
	const struct ra_kb	*kb = ra_kb();
	const char		*base;
	size_t			 i, k, blen;

	if ((i = ra_catalog_find(&ctx->cat, name, strlen(name))) !=
	    RA_NOPRIV) {
		ra_catalog_def(&ctx->cat, i, &r->def);
		free(name);
	} else {
		/* The entity is borrowed from the name or the catalog. */
		ra_classify(&ctx->cat, name, &r->def);
		r->def.name = name;
		r->owned = 1;
	}
	ra_pinfo_def(ctx, pl->sol, pl->nsol, &r->def, &r->info);
	r->kb = ra_kb_priv(kb, r->def.name, strlen(r->def.name));
	if ((base = ra_priv_base(r->def.name, NULL)) != NULL) {
		blen = strlen(base);
		if ((r->table = ra_kb_table_by_base(kb, base, blen)) == NULL)
			r->table = ra_kb_table(kb, base, blen);
	}
	for (k = 0; kb != NULL && k < kb->nconf; k++)
		if (about(&kb->conf[k], r, base))
			r->nconf++;
	if (r->nconf && (r->conf = calloc(r->nconf, sizeof(*r->conf))) ==
	    NULL)
		return -1;
	for (k = 0, r->nconf = 0; kb != NULL && k < kb->nconf; k++)
		if (about(&kb->conf[k], r, base))
			r->conf[r->nconf++] = &kb->conf[k];
	return 0;
}

/* By tab in the editor's order, then by name. */
static int
rec_cmp(const void *a, const void *b)
{
	const struct ra_privrec	*x = a, *y = b;

	return ra_priv_order_cmp(x->info.tab, x->def.name, y->info.tab,
	    y->def.name);
}

enum ra_err
ra_privileges_build(const struct ra_ctx *ctx, const char *const *names,
    size_t n, const struct ra_solution *const *sol, size_t nsol,
    struct ra_privlist **out)
{
	const struct ra_kb	*kb = ra_kb();
	struct ra_privlist	*pl;
	size_t			 i, total;
	char			*name;

	if ((pl = calloc(1, sizeof(*pl))) == NULL)
		return RA_ENOMEM;
	pl->ctx = ctx;
	pl->sol = sol;
	pl->nsol = nsol;
	pl->asked = n > 0;
	total = n > 0 ? n : kb != NULL ? kb->npriv : 0;
	if (total && (pl->v = calloc(total, sizeof(*pl->v))) == NULL)
		goto nomem;
	for (i = 0; i < total; i++) {
		name = ra_strdup(n > 0 ? names[i] : kb->priv[i].name);
		if (name == NULL || record(pl, &pl->v[pl->n++], name) == -1)
			goto nomem;
	}
	/* Asked: in the order asked.  Every one: as reports list them. */
	if (!pl->asked && pl->n > 1)
		qsort(pl->v, pl->n, sizeof(*pl->v), rec_cmp);
	*out = pl;
	return RA_OK;
nomem:
	ra_privileges_free(pl);
	return RA_ENOMEM;
}

void
ra_privileges_free(struct ra_privlist *pl)
{
	size_t	 i;

	if (pl == NULL)
		return;
	for (i = 0; i < pl->n; i++) {
		if (pl->v[i].owned)
			free(pl->v[i].def.name);
		free(pl->v[i].conf);
	}
	free(pl->v);
	free(pl);
}
