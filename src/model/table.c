/*
 * table.c - the tables a solution carries, as its own metadata describes
 * them (customizations.xml <Entities>, unpacked Entities/<name>/
 * Entity.xml): schema name, display name, ownership, the BPF and custom
 * flags.  The readers of parse/ add them; at the end of a load each gets
 * the privilege base its privileges carry and the solution indexes them
 * by it, so facts.c finds a privilege's table in a bisection.
 */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

/* A copy of S (or NULL) in SOL's arena; *OOM set when none is made. */
static char *
keep(struct ra_solution *sol, const char *s, int *oom)
{
	char	*c = NULL;

	if (s != NULL &&
	    (c = ra_arena_strndup(&sol->tnames, s, strlen(s))) == NULL)
		*oom = 1;
	return c;
}

int
ra_solution_add_table(struct ra_solution *sol, struct ra_table *t)
{
	char	*name, *display;
	int	 oom = 0;

	name = keep(sol, t->name, &oom);
	display = keep(sol, t->display, &oom);
	free(t->name);
	free(t->display);
	t->name = name;
	t->display = display;
	/* A table's index must fit the four bytes of TINDEX. */
	if (oom || sol->ntable >= UINT32_MAX || ra_grow(&sol->table,
	    &sol->captable, sol->ntable + 1, sizeof(*sol->table)) == -1) {
		ra_strlist_free(t->secured, t->nsecured);
		memset(t, 0, sizeof(*t));
		return -1;
	}
	sol->table[sol->ntable++] = *t;
	memset(t, 0, sizeof(*t));
	/* A table added after the index was built is not in it yet. */
	free(sol->tindex);
	sol->tindex = NULL;
	sol->ntindex = 0;
	return 0;
}

void
ra_solution_truncate_tables(struct ra_solution *sol, size_t n)
{
	/* Their names stay in the arena until SOL goes. */
	while (sol->ntable > n) {
		struct ra_table	*t = &sol->table[--sol->ntable];

		ra_strlist_free(t->secured, t->nsecured);
		memset(t, 0, sizeof(*t));
	}
	free(sol->tindex);
	sol->tindex = NULL;
	sol->ntindex = 0;
}

/*
 * Two places in the index (indices into the tables at ARG) by their
 * tables' bases, ASCII case ignored and no tie-break: ra_sort() is
 * stable, so tables of one base stay in the order read.
 */
static int
tindex_cmp(const void *a, const void *b, const void *arg)
{
	const struct ra_table	*t = arg;
	const char		*x = t[*(const uint32_t *)a].base;

	return ra_namecmp_n(x, strlen(x), t[*(const uint32_t *)b].base);
}

/* Fill what table A leaves unsaid from B, a later read of it. */
static void
merge(struct ra_table *a, struct ra_table *b)
{
	if (a->display == NULL && b->display != NULL) {
		a->display = b->display;
		b->display = NULL;
	}
	if (a->owner == RA_OWNER_UNKNOWN)
		a->owner = b->owner;
	if (a->bpf == -1)
		a->bpf = b->bpf;
	if (a->custom == -1)
		a->custom = b->custom;
	a->unmodified = a->unmodified && b->unmodified;
	if (a->nsecured == 0 && b->nsecured > 0) {
		a->secured = b->secured;
		a->nsecured = b->nsecured;
		b->secured = NULL;
		b->nsecured = 0;
	}
}

int
ra_solution_index_tables(struct ra_solution *sol)
{
	const struct ra_kb		*kb = ra_kb();
	const struct ra_kb_table	*kt;
	struct ra_table			*t;
	size_t				 i, k, n;

	free(sol->tindex);
	sol->tindex = NULL;
	sol->ntindex = 0;
	if (sol->ntable == 0)
		return 0;
	/*
	 * The index is sorted where it lies, four bytes a table: a large
	 * solution has tens of thousands, and this runs at the end of a
	 * load, when everything else it holds is at its peak.
	 */
	if ((sol->tindex = calloc(sol->ntable, sizeof(*sol->tindex))) == NULL)
		return -1;
	for (i = 0; i < sol->ntable; i++) {
		t = &sol->table[i];
		/* A system table whose privileges carry another base. */
		kt = ra_kb_table(kb, t->name, strlen(t->name));
		t->base = kt != NULL && kt->base_unique && *kt->base ?
		    kt->base : t->name;
		sol->tindex[i] = (uint32_t)i;
	}
	if (ra_sort(sol->tindex, sol->ntable, sizeof(*sol->tindex),
	    tindex_cmp, sol->table) == -1) {
		free(sol->tindex);
		sol->tindex = NULL;
		return -1;
	}
	/* The first read of a table stands for it; later ones fill it in. */
	for (i = 0, n = 0; i < sol->ntable; i = k) {
		t = &sol->table[sol->tindex[i]];
		for (k = i + 1; k < sol->ntable && ra_namecmp_n(t->base,
		    strlen(t->base), sol->table[sol->tindex[k]].base) == 0; k++)
			merge(t, &sol->table[sol->tindex[k]]);
		sol->tindex[n++] = sol->tindex[i];
	}
	sol->ntindex = n;
	return 0;
}

const struct ra_table *
ra_solution_table(const struct ra_solution *sol, const char *base, size_t n)
{
	size_t	 lo = 0, hi = sol->ntindex, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = ra_namecmp_n(base, n,
		    sol->table[sol->tindex[mid]].base)) == 0)
			return &sol->table[sol->tindex[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
