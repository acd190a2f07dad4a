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
	if (sol->ntable > n)
		sol->ntable = n;
	free(sol->tindex);
	sol->tindex = NULL;
	sol->ntindex = 0;
}

/* A table's place in the index while it is sorted. */
struct tkey {
	const char	*base;
	size_t		 i;
};

/* By base, ASCII case ignored, then in the order read. */
static int
tkey_cmp(const void *a, const void *b)
{
	const struct tkey	*x = a, *y = b;
	int			 c;

	if ((c = ra_namecmp_n(x->base, strlen(x->base), y->base)) != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
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
}

int
ra_solution_index_tables(struct ra_solution *sol)
{
	const struct ra_kb		*kb = ra_kb();
	const struct ra_kb_table	*kt;
	struct tkey			*key;
	size_t				 i, k, n;

	free(sol->tindex);
	sol->tindex = NULL;
	sol->ntindex = 0;
	if (sol->ntable == 0)
		return 0;
	if ((key = calloc(sol->ntable, sizeof(*key))) == NULL ||
	    (sol->tindex = calloc(sol->ntable, sizeof(*sol->tindex))) ==
	    NULL) {
		free(key);
		return -1;
	}
	for (i = 0; i < sol->ntable; i++) {
		struct ra_table	*t = &sol->table[i];

		/* A system table whose privileges carry another base. */
		kt = ra_kb_table(kb, t->name, strlen(t->name));
		t->base = kt != NULL && kt->base_unique && *kt->base ?
		    kt->base : t->name;
		key[i].base = t->base;
		key[i].i = i;
	}
	qsort(key, sol->ntable, sizeof(*key), tkey_cmp);
	/* The first read of a table stands for it; later ones fill it in. */
	for (i = 0, n = 0; i < sol->ntable; i = k) {
		for (k = i + 1; k < sol->ntable && ra_namecmp_n(key[i].base,
		    strlen(key[i].base), key[k].base) == 0; k++)
			merge(&sol->table[key[i].i], &sol->table[key[k].i]);
		sol->tindex[n++] = (uint32_t)key[i].i;
	}
	sol->ntindex = n;
	free(key);
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
