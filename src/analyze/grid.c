/*
 * grid.c - the security-role editor's layout of the privilege catalog.
 *
 * The editor shows one tab after another; in a tab, a grid with an entity
 * per row and an access right per column, then the Miscellaneous and the
 * Privacy-related privileges, one per row.  Every privilege of the
 * catalog (built-in, --catalog, and those met in the inputs and
 * classified) gets exactly one place, the one ra_pinfo() gives it (with
 * the inputs' own tables), so the HTML grids, the matrix export and the
 * text reports list the same privileges in the same places.
 */
#include <stdlib.h>

#include <string.h>

#include "analyze/analyze.h"

/* Where one privilege goes. */
struct place {
	size_t		 priv;
	enum ra_tab	 tab;
	enum ra_section	 section;
	enum ra_access	 access;
	const char	*label;
	const char	*name;
	int		 unplaced;
};

static int
place_cmp(const void *a, const void *b)
{
	const struct place	*x = a, *y = b;
	int			 c;

	/* In a tab the entity grid comes first, then each section. */
	if (x->tab == y->tab && x->section != y->section)
		return x->section < y->section ? -1 : 1;
	/* Tab, then the row's label as reports order names, then column. */
	if ((c = ra_priv_order_cmp(x->tab, x->label, y->tab, y->label)) != 0)
		return c;
	if (x->access != y->access)
		return x->access < y->access ? -1 : 1;
	return ra_namecmp(x->name, y->name);
}

/* A new row for P at the end of G; NULL when memory runs out. */
static struct ra_grid_row *
new_row(struct ra_grid *g, const struct place *p)
{
	struct ra_grid_row	*r;
	size_t			 k;

	if (ra_grow(&g->row, &g->cap, g->n + 1, sizeof(*g->row)) == -1)
		return NULL;
	r = &g->row[g->n++];
	r->tab = p->tab;
	r->section = p->section;
	r->access = p->section == RA_SECTION_ENTITIES ? RA_ACCESS_NONE :
	    p->access;
	r->label = p->label;
	r->unplaced = p->unplaced;
	for (k = 0; k < RA_ACCESS__COUNT; k++)
		r->priv[k] = RA_NOPRIV;
	return r;
}

int
ra_grid_build(const struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, struct ra_grid *g)
{
	const struct ra_catalog	*cat = &ctx->cat;
	struct place		*pl = NULL;
	struct ra_grid_row	*r = NULL;
	struct ra_pinfo		 pi;
	size_t			 i, n = cat->n;

	memset(g, 0, sizeof(*g));
	if (n == 0)
		return 0;
	if ((pl = calloc(n, sizeof(*pl))) == NULL)
		goto fail;
	for (i = 0; i < n; i++) {
		struct place	*p = &pl[i];

		ra_pinfo(ctx, sol, nsol, i, &pi);
		p->priv = i;
		p->name = pi.name;
		p->access = pi.access;
		p->tab = pi.tab;
		p->section = pi.section;
		p->label = *pi.entity ? pi.entity : pi.name;
		p->unplaced = pi.tab_by == RA_PROV_UNPLACED;
		/* Without an access right it cannot be a grid cell. */
		if (p->access == RA_ACCESS_NONE &&
		    p->section == RA_SECTION_ENTITIES)
			p->section = RA_SECTION_MISC;
	}
	qsort(pl, n, sizeof(*pl), place_cmp);
	for (i = 0; i < n; i++) {
		const struct place	*p = &pl[i];

		if (p->section != RA_SECTION_ENTITIES) {
			if ((r = new_row(g, p)) == NULL)
				goto fail;
			r->priv[RA_ACCESS_NONE] = p->priv;
			continue;
		}
		/* Same entity and a free cell: same row, else a new one. */
		if (r == NULL || r->section != RA_SECTION_ENTITIES ||
		    r->tab != p->tab || strcmp(r->label, p->label) != 0 ||
		    r->priv[p->access] != RA_NOPRIV)
			if ((r = new_row(g, p)) == NULL)
				goto fail;
		r->priv[p->access] = p->priv;
	}
	free(pl);
	return 0;
fail:
	free(pl);
	ra_grid_free(g);
	return -1;
}

void
ra_grid_free(struct ra_grid *g)
{
	free(g->row);
	memset(g, 0, sizeof(*g));
}
