/*
 * app.c - the model-driven apps and the column security profiles a
 * solution carries, as parse/build.c's section reader hands them over:
 * apps with their tables and the ids of the roles mapped to them,
 * profiles with their column permissions.  Secured columns belong to
 * the tables (table.c's struct ra_table).  Read-only once loaded.
 */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

static const char *const fright_el[RA_FR__COUNT] = {
	"CanRead", "CanUpdate", "CanCreate", "CanReadUnmasked"
};
static const char *const fright_nm[RA_FR__COUNT] = {
	"read", "update", "create", "read-unmasked"
};

const char *
ra_fright_element(enum ra_fright r)
{
	return (unsigned)r < RA_FR__COUNT ? fright_el[r] : "";
}

const char *
ra_fright_name(enum ra_fright r)
{
	return (unsigned)r < RA_FR__COUNT ? fright_nm[r] : "";
}

const char *
ra_fperm_writes(const struct ra_fperm *p)
{
	int	 u = p->can[RA_FR_UPDATE] == 1, c = p->can[RA_FR_CREATE] == 1;

	return u && c ? "update and create" : u ? "update" : c ? "create" : "";
}

void
ra_strlist_free(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

int
ra_strlist_add(char ***v, size_t *nv, const char *s, size_t n)
{
	char	**nvv, *c;

	/* Room for 4, then doubled whenever the count reaches a power of 2. */
	if (*nv == 0 || (*nv >= 4 && (*nv & (*nv - 1)) == 0)) {
		if ((nvv = realloc(*v, (*nv ? *nv * 2 : 4) *
		    sizeof(**v))) == NULL)
			return -1;
		*v = nvv;
	}
	if ((c = ra_strndup(s, n)) == NULL)
		return -1;
	(*v)[(*nv)++] = c;
	return 0;
}

void
ra_app_free(struct ra_app *a)
{
	free(a->name);
	free(a->display);
	free(a->file);
	ra_strlist_free(a->table, a->ntable);
	ra_strlist_free(a->role, a->nrole);
	memset(a, 0, sizeof(*a));
}

void
ra_fsp_free(struct ra_fsp *p)
{
	size_t	 i;

	for (i = 0; i < p->nperm; i++) {
		free(p->perm[i].entity);
		free(p->perm[i].attribute);
	}
	free(p->perm);
	free(p->name);
	free(p->id);
	free(p->file);
	memset(p, 0, sizeof(*p));
}

int
ra_solution_add_app(struct ra_solution *sol, struct ra_app *a)
{
	if (ra_grow(&sol->app, &sol->capapp, sol->napp + 1,
	    sizeof(*sol->app)) == -1) {
		ra_app_free(a);
		return -1;
	}
	sol->app[sol->napp++] = *a;
	memset(a, 0, sizeof(*a));
	return 0;
}

int
ra_solution_add_fsp(struct ra_solution *sol, struct ra_fsp *p)
{
	if (ra_grow(&sol->fsp, &sol->capfsp, sol->nfsp + 1,
	    sizeof(*sol->fsp)) == -1) {
		ra_fsp_free(p);
		return -1;
	}
	sol->fsp[sol->nfsp++] = *p;
	memset(p, 0, sizeof(*p));
	return 0;
}

const struct ra_app *
ra_solution_app(const struct ra_solution *sol, const char *name)
{
	size_t	 i;

	for (i = 0; i < sol->napp; i++)
		if (ra_strcaseeq(sol->app[i].name, name))
			return &sol->app[i];
	return NULL;
}

const struct ra_fsp *
ra_solution_fsp(const struct ra_solution *sol, const char *name)
{
	size_t	 i;

	for (i = 0; i < sol->nfsp; i++)
		if (ra_strcaseeq(sol->fsp[i].name, name))
			return &sol->fsp[i];
	return NULL;
}

void
ra_solution_truncate_apps(struct ra_solution *sol, size_t napp, size_t nfsp)
{
	while (sol->napp > napp)
		ra_app_free(&sol->app[--sol->napp]);
	while (sol->nfsp > nfsp)
		ra_fsp_free(&sol->fsp[--sol->nfsp]);
}

const struct ra_table *
ra_solution_table_named(const struct ra_solution *sol, const char *name)
{
	size_t	 i;

	for (i = 0; i < sol->ntable; i++)
		if (ra_strcaseeq(sol->table[i].name, name))
			return &sol->table[i];
	return NULL;
}

int
ra_table_secured(const struct ra_table *t, const char *col)
{
	size_t	 i;

	for (i = 0; t != NULL && i < t->nsecured; i++)
		if (ra_strcaseeq(t->secured[i], col))
			return 1;
	return 0;
}
