/*
 * solution.c - a loaded input: its roles and its accessors.
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
