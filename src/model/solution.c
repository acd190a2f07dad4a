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
	for (i = 0; i < sol->nrole; i++)
		ra_role_clear(&sol->role[i]);
	free(sol->role);
	for (i = 0; i < sol->npart; i++)
		ra_solution_free(sol->part[i]);
	free(sol->part);
	ra_solution_truncate_tables(sol, 0);
	free(sol->table);
	ra_arena_free(&sol->tnames);
	ra_solution_truncate_apps(sol, 0, 0);
	free(sol->app);
	free(sol->fsp);
	free(sol->path);
	free(sol->unique_name);
	free(sol->version);
	free(sol->prefix);
	free(sol);
}

void
ra_solution_truncate(struct ra_solution *sol, size_t n)
{
	while (sol->nrole > n)
		ra_role_clear(&sol->role[--sol->nrole]);
}

int
ra_solution_add_part(struct ra_solution *pkg, struct ra_solution *part)
{
	if (ra_grow(&pkg->part, &pkg->cappart, pkg->npart + 1,
	    sizeof(*pkg->part)) == -1 || ra_solution_index_tables(part) == -1)
		return -1;
	pkg->part[pkg->npart++] = part;
	return 0;
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

RA_EXPORT size_t
ra_solution_part_count(const struct ra_solution *s)
{
	return s->npart;
}

RA_EXPORT const struct ra_solution *
ra_solution_part(const struct ra_solution *s, size_t i)
{
	return i < s->npart ? s->part[i] : NULL;
}

RA_EXPORT void
ra_solution_split(struct ra_solution *pkg, struct ra_solution **out)
{
	size_t	 i;

	for (i = 0; i < pkg->npart; i++)
		out[i] = pkg->part[i];
	pkg->npart = 0;
}

/* A role of a merge: where it came from, and whether it stays. */
struct merged {
	struct ra_role	*role;
	size_t		 pos;		/* in import order */
	size_t		 part;
	int		 dropped;
};

/* By id, then by position: a group of one id in import order. */
static int
merged_cmp(const void *a, const void *b)
{
	const struct merged	*x = *(struct merged *const *)a;
	const struct merged	*y = *(struct merged *const *)b;
	int			 c = strcmp(x->role->id, y->role->id);

	if (c != 0)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Name *FILE "REL!FILE" (B the scratch); 0, or -1 when memory runs out. */
static int
merge_file(struct ra_buf *b, const char *rel, char **file)
{
	b->len = 0;
	ra_buf_printf(b, "%s!%s", rel, *file ? *file : "");
	if (b->oom)
		return -1;
	free(*file);
	if ((*file = ra_strdup(b->s)) == NULL)
		b->oom = 1;
	return b->oom ? -1 : 0;
}

/*
 * Name PART's roles, apps and column security profiles
 * "PkgFolder/NAME.zip!FILE", as merged into a package.
 */
static int
merge_files(struct ra_solution *part)
{
	struct ra_buf	 b = { 0 };
	const char	*rel = part->path + part->pkg_name;
	size_t		 i;
	int		 oom;

	for (i = 0; i < part->nrole && !b.oom; i++)
		merge_file(&b, rel, &part->role[i].file);
	for (i = 0; i < part->napp && !b.oom; i++)
		merge_file(&b, rel, &part->app[i].file);
	for (i = 0; i < part->nfsp && !b.oom; i++)
		merge_file(&b, rel, &part->fsp[i].file);
	oom = b.oom;
	ra_buf_free(&b);
	return oom ? -1 : 0;
}

/*
 * Move the apps and column security profiles of PART into package PKG:
 * as with roles, a later solution's app or profile (by name) takes the
 * earlier one's place.  0, or -1 when memory runs out (what moved stays
 * with PKG, the rest with PART).
 */
static int
merge_apps(struct ra_solution *pkg, struct ra_solution *part)
{
	struct ra_app	*a;
	struct ra_fsp	*f;
	size_t		 i;

	for (i = 0; i < part->napp; i++) {
		if ((a = (struct ra_app *)ra_solution_app(pkg,
		    part->app[i].name)) != NULL) {
			ra_app_free(a);
			*a = part->app[i];
		} else if (ra_solution_add_app(pkg, &part->app[i]) == -1)
			return -1;
		memset(&part->app[i], 0, sizeof(part->app[i]));
	}
	for (i = 0; i < part->nfsp; i++) {
		if ((f = (struct ra_fsp *)ra_solution_fsp(pkg,
		    part->fsp[i].name)) != NULL) {
			ra_fsp_free(f);
			*f = part->fsp[i];
		} else if (ra_solution_add_fsp(pkg, &part->fsp[i]) == -1)
			return -1;
		memset(&part->fsp[i], 0, sizeof(part->fsp[i]));
	}
	return 0;
}

RA_EXPORT enum ra_err
ra_solution_merge(struct ra_ctx *ctx, struct ra_solution *pkg)
{
	struct merged	*m = NULL, **by = NULL;
	struct ra_role	*roles = NULL;
	struct ra_buf	 loc = { 0 };
	const char	*member;
	size_t		 i, k, n = 0, g, last, nkeep = 0;
	enum ra_err	 rc = RA_ENOMEM;

	if (pkg->kind != RA_INPUT_PACKAGE || pkg->nrole > 0)
		return RA_EINVAL;
	for (k = 0; k < pkg->npart; k++) {
		if (merge_files(pkg->part[k]) == -1)
			return RA_ENOMEM;
		n += pkg->part[k]->nrole;
	}
	if (n > 0 && ((m = calloc(n, sizeof(*m))) == NULL ||
	    (by = calloc(n, sizeof(*by))) == NULL ||
	    (roles = calloc(n, sizeof(*roles))) == NULL))
		goto out;
	for (k = 0, i = 0; k < pkg->npart; k++)
		for (g = 0; g < pkg->part[k]->nrole; g++, i++) {
			m[i].role = &pkg->part[k]->role[g];
			m[i].pos = i;
			m[i].part = k;
			by[i] = &m[i];
		}
	/*
	 * Roles are solution components of the "top wins" kind: of two
	 * solutions that carry one role (by id), the one imported later
	 * decides what it grants.  It takes the earlier one's place.
	 */
	if (n > 1)
		qsort(by, n, sizeof(*by), merged_cmp);
	for (g = 0; g < n; g = last + 1) {
		for (last = g; last + 1 < n && by[g]->role->id[0] != '\0' &&
		    strcmp(by[last + 1]->role->id, by[g]->role->id) == 0;
		    last++)
			continue;
		for (i = g; i < last; i++) {
			by[i]->dropped = 1;
			loc.len = 0;
			ra_role_diag_location(pkg, by[last]->role, &loc,
			    &member);
			ra_diag_add(ctx, RA_SEV_NOTE, RA_C_PKG_REPLACED,
			    loc.s, member, by[last]->role->line, 0,
			    "role \"%s\" replaces the one of %s, imported "
			    "before it: a later solution's role wins",
			    by[last]->role->name, pkg->part[by[i]->part]->path);
		}
		if (last > g) {
			/* The winner moves to the first one's place. */
			struct ra_role	 t = *by[g]->role;

			*by[g]->role = *by[last]->role;
			*by[last]->role = t;
			by[g]->dropped = 0;
			by[last]->dropped = 1;
		}
	}
	for (i = 0; i < n; i++) {
		if (m[i].dropped)
			ra_role_clear(m[i].role);
		else
			roles[nkeep++] = *m[i].role;
		memset(m[i].role, 0, sizeof(*m[i].role));
	}
	for (k = 0; k < pkg->npart; k++)
		if (merge_apps(pkg, pkg->part[k]) == -1)
			goto out;
	for (k = 0; k < pkg->npart; k++) {
		pkg->part[k]->nrole = 0;
		ra_solution_free(pkg->part[k]);
	}
	free(pkg->part);
	pkg->part = NULL;
	pkg->npart = pkg->cappart = 0;
	pkg->role = roles;
	pkg->nrole = pkg->caprole = nkeep;
	roles = NULL;
	rc = RA_OK;
out:
	ra_buf_free(&loc);
	free(roles);
	free(by);
	free(m);
	return rc;
}
