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

/* Where one privilege goes; the catalog's entry says the rest. */
struct place {
	const char	*label;
	const char	*name;
	uint32_t	 priv;
	unsigned char	 tab, section, access, unplaced;
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
	if ((c = ra_priv_order_cmp((enum ra_tab)x->tab, x->label,
	    (enum ra_tab)y->tab, y->label)) != 0)
		return c;
	if (x->access != y->access)
		return x->access < y->access ? -1 : 1;
	return ra_namecmp(x->name, y->name);
}

/* P starts a new row after the row R (NULL before the first). */
static int
new_row(const struct ra_grid_row *r, const struct place *p)
{
	return r == NULL || p->section != RA_SECTION_ENTITIES ||
	    r->section != RA_SECTION_ENTITIES || r->tab != p->tab ||
	    strcmp(r->label, p->label) != 0 || (r->mask & (1u << p->access));
}

int
ra_grid_build(const struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, struct ra_grid *g)
{
	const struct ra_catalog	*cat = &ctx->cat;
	struct place		*pl;
	struct ra_grid_row	*r = NULL, probe;
	struct ra_pinfo		 pi;
	size_t			 i, nrow, n = cat->n;

	memset(g, 0, sizeof(*g));
	if (n == 0)
		return 0;
	/* Rows number their privileges in 32 bits. */
	if (n > UINT32_MAX || (pl = calloc(n, sizeof(*pl))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		struct place	*p = &pl[i];

		ra_pinfo(ctx, sol, nsol, i, &pi);
		p->priv = (uint32_t)i;
		p->name = pi.name;
		p->access = (unsigned char)pi.access;
		p->tab = (unsigned char)((unsigned)pi.tab < RA_TAB__COUNT ?
		    pi.tab : RA_TAB_MISSING);
		p->section = (unsigned char)pi.section;
		p->label = *pi.entity ? pi.entity : pi.name;
		p->unplaced = pi.tab_by == RA_PROV_UNPLACED;
		/* Without an access right it cannot be a grid cell. */
		if (p->access == RA_ACCESS_NONE &&
		    p->section == RA_SECTION_ENTITIES)
			p->section = RA_SECTION_MISC;
	}
	qsort(pl, n, sizeof(*pl), place_cmp);

	/* Count the rows, then fill them. */
	memset(&probe, 0, sizeof(probe));
	for (i = 0, nrow = 0; i < n; i++) {
		if (new_row(nrow ? &probe : NULL, &pl[i])) {
			nrow++;
			probe.label = pl[i].label;
			probe.tab = pl[i].tab;
			probe.section = pl[i].section;
			probe.mask = 0;
		}
		probe.mask |= (uint16_t)(1u << pl[i].access);
	}
	if ((g->row = calloc(nrow, sizeof(*g->row))) == NULL ||
	    (g->priv = calloc(n, sizeof(*g->priv))) == NULL) {
		free(pl);
		ra_grid_free(g);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const struct place	*p = &pl[i];

		if (new_row(r, p)) {
			r = &g->row[g->n++];
			r->label = p->label;
			r->first = (uint32_t)i;
			r->tab = p->tab;
			r->section = p->section;
			r->access = p->section == RA_SECTION_ENTITIES ?
			    RA_ACCESS_NONE : p->access;
			r->unplaced = p->unplaced;
		}
		/* A section's row is one privilege, in the first column. */
		r->mask |= (uint16_t)(1u << (p->section == RA_SECTION_ENTITIES ?
		    p->access : RA_ACCESS_NONE));
		g->priv[i] = p->priv;
	}
	free(pl);
	return 0;
}

void
ra_grid_free(struct ra_grid *g)
{
	free(g->row);
	free(g->priv);
	memset(g, 0, sizeof(*g));
}

/* Every role of SOL, one after the other. */
static size_t
roles_in(const struct ra_solution *const *sol, size_t nsol)
{
	size_t	 s, n = 0;

	for (s = 0; s < nsol; s++)
		n += sol[s]->nrole;
	return n;
}

struct ra_bitmap *
ra_grid_sets(const struct ra_solution *const *sol, size_t nsol)
{
	struct ra_bitmap	*set;
	size_t			 s, i, k = 0;

	if ((set = calloc(roles_in(sol, nsol) + 1, sizeof(*set))) == NULL)
		return NULL;
	for (s = 0; s < nsol; s++)
		for (i = 0; i < sol[s]->nrole; i++, k++)
			if (ra_bitmap_unpacked(&sol[s]->role[i].bits,
			    &set[k]) == -1) {
				ra_grid_sets_free(set, sol, nsol);
				return NULL;
			}
	return set;
}

void
ra_grid_sets_free(struct ra_bitmap *set, const struct ra_solution *const *sol,
    size_t nsol)
{
	size_t	 k, n = roles_in(sol, nsol);

	if (set == NULL)
		return;
	for (k = 0; k < n; k++)
		ra_bitmap_free(&set[k]);
	free(set);
}
