/*
 * solution.c - a loaded input: its roles, its accessors, and the end of
 * an unfocused load, when the names its roles number join the catalog
 * (ra_solution_adopt()).
 */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "model/model.h"

struct ra_solution *
ra_solution_new(const char *path, enum ra_input_kind kind)
{
	struct ra_solution	*sol;

	if ((sol = calloc(1, sizeof(*sol))) == NULL)
		return NULL;
	if ((sol->path = ra_strdup(path)) == NULL) {
		free(sol);
		return NULL;
	}
	sol->kind = kind;
	sol->managed = -1;
	return sol;
}

RA_EXPORT void
ra_solution_free(struct ra_solution *sol)
{
	size_t	 i;

	if (sol == NULL)
		return;
	for (i = 0; i < sol->nrole; i++) {
		free(sol->role[i].id);
		free(sol->role[i].name);
		free(sol->role[i].file);
		ra_bitmap_free(&sol->role[i].bits);
	}
	free(sol->role);
	ra_solution_truncate_tables(sol, 0);
	free(sol->table);
	ra_names_free(sol->names);
	free(sol->names);
	free(sol->path);
	free(sol->unique_name);
	free(sol->version);
	free(sol->prefix);
	free(sol);
}

void
ra_solution_truncate(struct ra_solution *sol, size_t n)
{
	while (sol->nrole > n) {
		struct ra_role	*r = &sol->role[--sol->nrole];

		free(r->id);
		free(r->name);
		free(r->file);
		ra_bitmap_free(&r->bits);
	}
}

int
ra_solution_adopt(struct ra_ctx *ctx, struct ra_solution *sol)
{
	struct ra_catalog	*cat = &ctx->cat;
	struct ra_names		*t = sol->names;
	uint32_t		*map;
	const char		*name;
	size_t			 k, priv, off, nnew = 0;
	int			 take = 0, rc = -1;

	if (t == NULL)
		return 0;
	ra_names_done(t);
	if ((map = malloc((t->n ? t->n : 1) * sizeof(*map))) == NULL)
		return -1;
	/* Room for the new names at once, not by doubling. */
	for (off = 0; (name = ra_names_next(t, &off)) != NULL;)
		nnew += ra_catalog_find(cat, name, strlen(name)) == RA_NOPRIV;
	if (ra_catalog_reserve(cat, cat->n + nnew) == -1)
		goto out;
	/*
	 * Mostly new names (the first input): the catalog takes the table's
	 * arena, and the names stay where they are instead of being copied.
	 */
	take = nnew * 2 > t->n && t->arena.s != NULL &&
	    ra_catalog_take(cat, t->arena.s) == 0;
	for (k = 0, off = 0; (name = ra_names_next(t, &off)) != NULL; k++) {
		priv = take ? ra_catalog_intern_taken(cat, (char *)(uintptr_t)
		    name) : ra_catalog_intern(cat, name, strlen(name));
		if (priv == RA_NOPRIV || priv >= UINT32_MAX)
			goto out;
		map[k] = (uint32_t)priv;
	}
	for (k = 0; k < sol->nrole; k++)
		if (sol->role[k].bits.sparse &&
		    ra_bitmap_renumber(&sol->role[k].bits, map) == -1)
			goto out;
	rc = 0;
out:
	if (take) {
		/* The catalog owns the arena now. */
		t->arena.s = NULL;
		t->arena.len = t->arena.cap = 0;
	}
	ra_names_free(t);
	free(t);
	sol->names = NULL;
	free(map);
	return rc;
}

RA_EXPORT const char *
ra_solution_path(const struct ra_solution *s)
{
	return s->path;
}

RA_EXPORT enum ra_input_kind
ra_solution_kind(const struct ra_solution *s)
{
	return s->kind;
}

RA_EXPORT const char *
ra_solution_sha256(const struct ra_solution *s)
{
	return s->sha256;
}

RA_EXPORT const char *
ra_solution_unique_name(const struct ra_solution *s)
{
	return s->unique_name;
}

RA_EXPORT const char *
ra_solution_version(const struct ra_solution *s)
{
	return s->version;
}

RA_EXPORT int
ra_solution_managed(const struct ra_solution *s)
{
	return s->managed;
}

RA_EXPORT size_t
ra_solution_role_count(const struct ra_solution *s)
{
	return s->nrole;
}

RA_EXPORT const struct ra_role *
ra_solution_role(const struct ra_solution *s, size_t i)
{
	return i < s->nrole ? &s->role[i] : NULL;
}
