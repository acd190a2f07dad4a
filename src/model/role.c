/*
 * role.c - a loaded role: accessors, its inheritance setting, how a
 * command-line spec (id or name) names it, and where a diagnostic about
 * it points.
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

RA_EXPORT const char *
ra_role_id(const struct ra_role *r)
{
	return r->id;
}

RA_EXPORT const char *
ra_role_name(const struct ra_role *r)
{
	return r->name;
}

RA_EXPORT const char *
ra_role_file(const struct ra_role *r)
{
	return r->file;
}

RA_EXPORT unsigned long
ra_role_line(const struct ra_role *r)
{
	return r->line;
}

RA_EXPORT size_t
ra_role_privilege_count(const struct ra_role *r)
{
	return r->nprivs;
}

RA_EXPORT enum ra_level
ra_role_level(const struct ra_ctx *ctx, const struct ra_role *r,
    const char *privilege)
{
	size_t	 i = ra_catalog_find(&ctx->cat, privilege, strlen(privilege));

	return i == RA_NOPRIV ? RA_LEVEL_NONE : ra_bitmap_get(&r->bits, i);
}

void
ra_role_location(const struct ra_role *r, struct ra_buf *b)
{
	ra_buf_printf(b, "%s:%lu", r->file, r->line);
}

void
ra_role_set_inherit(struct ra_role *r, const char *v, size_t n)
{
	/* Blanks around the value are not part of it. */
	while (n && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	if (n == 1 && *v == '0')
		r->inherit = RA_INHERIT_TEAM;
	else if (n == 1 && *v == '1')
		r->inherit = RA_INHERIT_DIRECT;
	else
		r->inherit = RA_INHERIT_UNKNOWN;
}

void
ra_role_set_unmodified(struct ra_role *r, const char *v, size_t n)
{
	while (n && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	r->unmodified = (n == 1 && *v == '1') ||
	    (n == 4 && ra_name_eq("true", v, n));
}

int
ra_role_not_exported(const struct ra_role *r)
{
	return r->unmodified && r->nprivs == 0;
}

void
ra_role_diag_location(const struct ra_solution *sol, const struct ra_role *r,
    struct ra_buf *file, const char **member)
{
	*member = NULL;
	switch (sol->kind) {
	case RA_INPUT_ZIP:
		ra_buf_adds(file, sol->path);
		*member = r->file;
		break;
	case RA_INPUT_FOLDER:
		ra_buf_adds(file, sol->path);
		if (file->len && file->s[file->len - 1] != '/')
			ra_buf_adds(file, "/");
		ra_buf_adds(file, r->file);
		break;
	default:
		ra_buf_adds(file, sol->path);
		break;
	}
}

int
ra_role_id_is(const struct ra_role *r, const char *spec, size_t n)
{
	const char	*p = spec, *end = spec + n, *id = r->id;

	if (*id == '\0')
		return 0;
	for (; p < end; p++) {
		if (*p == '{' || *p == '}' || *p == ' ' || *p == '\t')
			continue;
		if (*id == '\0' ||
		    ra_lower((unsigned char)*p) != (unsigned char)*id)
			return 0;
		id++;
	}
	return *id == '\0';
}

int
ra_role_matches(const struct ra_role *r, const char *spec, size_t n)
{
	return ra_name_eq(r->name, spec, n) || ra_role_id_is(r, spec, n);
}
