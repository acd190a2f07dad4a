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
	v = ra_trim(v, &n);
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
	v = ra_trim(v, &n);
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
	/*
	 * A zip's roles are in members; a folder's in files below it; a
	 * merged package's in "PkgFolder/NAME.zip!FILE", which is a member
	 * of a package zip or a path below a package folder.
	 */
	int	 inside = sol->kind == RA_INPUT_ZIP ||
		    (sol->kind == RA_INPUT_PACKAGE && !sol->pkg_dir);
	int	 below = sol->kind == RA_INPUT_FOLDER ||
		    (sol->kind == RA_INPUT_PACKAGE && sol->pkg_dir);

	*member = inside ? r->file : NULL;
	ra_buf_adds(file, sol->path);
	if (below) {
		if (file->len && file->s[file->len - 1] != '/')
			ra_buf_adds(file, "/");
		ra_buf_adds(file, r->file);
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

/* Edits (insert, delete, replace; ASCII case ignored) from A to B, capped. */
static size_t
edits(const char *a, const char *b)
{
	size_t	 row[65], n = strlen(b), m = strlen(a), i, j, diag, up;

	if (n > 64 || m > 64)
		return (size_t)-1;
	for (j = 0; j <= n; j++)
		row[j] = j;
	for (i = 1; i <= m; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= n; j++) {
			up = row[j];
			row[j] = diag + (ra_lower((unsigned char)a[i - 1]) !=
			    ra_lower((unsigned char)b[j - 1]));
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[n];
}

/* 1 when NEEDLE (three bytes or more) is in HAY, ASCII case ignored. */
static int
contains(const char *hay, const char *needle)
{
	size_t	 n = strlen(needle), h = strlen(hay), i, k;

	for (i = 0; n >= 3 && i + n <= h; i++) {
		for (k = 0; k < n && ra_lower((unsigned char)hay[i + k]) ==
		    ra_lower((unsigned char)needle[k]); k++)
			continue;
		if (k == n)
			return 1;
	}
	return 0;
}

/* The length of the word at P: up to a blank, '-' or '_'. */
static size_t
word_at(const char *p)
{
	size_t	 n;

	for (n = 0; p[n] && p[n] != ' ' && p[n] != '-' && p[n] != '_'; n++)
		continue;
	return n;
}

/* 1 when A and B share a word of three bytes or more, case ignored. */
static int
share_word(const char *a, const char *b)
{
	const char	*p, *q;
	size_t		 n, m, k;

	for (p = a; *p; p += n + (p[n] != '\0')) {
		n = word_at(p);
		for (q = b; n >= 3 && *q; q += m + (q[m] != '\0')) {
			m = word_at(q);
			for (k = 0; m == n && k < n && ra_lower((unsigned char)
			    p[k]) == ra_lower((unsigned char)q[k]); k++)
				continue;
			if (m == n && k == n)
				return 1;
		}
	}
	return 0;
}

void
ra_role_close_matches(const struct ra_solution *const *sol, size_t nsol,
    const char *spec, struct ra_buf *b)
{
	size_t	 s, i, k, d, n = 0, limit = strlen(spec) / 4;
	size_t	 best[5];
	const struct ra_role *pick[5];

	if (limit < 2)
		limit = 2;
	for (s = 0; s < nsol; s++)
		for (i = 0; i < sol[s]->nrole; i++) {
			const struct ra_role	*r = &sol[s]->role[i];

			d = contains(r->name, spec) || contains(spec, r->name) ?
			    0 : edits(spec, r->name);
			/* A shared word makes a name close, if less so. */
			if (d > limit && share_word(spec, r->name))
				d = limit + 1;
			else if (d > limit)
				continue;
			/* Keep the five closest, the first found on a tie. */
			for (k = n; k > 0 && best[k - 1] > d; k--)
				if (k < 5) {
					best[k] = best[k - 1];
					pick[k] = pick[k - 1];
				}
			if (k < 5) {
				best[k] = d;
				pick[k] = r;
				if (n < 5)
					n++;
			}
		}
	for (k = 0; k < n; k++) {
		ra_buf_adds(b, k ? ", \"" : "\"");
		ra_buf_adds(b, pick[k]->name);
		ra_buf_adds(b, "\"");
	}
}

void
ra_role_unknown(struct ra_ctx *ctx, const char *what, const char *spec,
    const struct ra_solution *const *sol, size_t nsol)
{
	struct ra_buf	 close = { 0 };

	ra_role_close_matches(sol, nsol, spec, &close);
	ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ROLE_UNKNOWN, NULL, NULL, 0, 0,
	    "%s \"%s\" names no role of the inputs%s%s", what, spec,
	    close.len ? "; close: " : "", close.len && !close.oom ?
	    close.s : "");
	ra_buf_free(&close);
}

void
ra_role_clear(struct ra_role *r)
{
	free(r->id);
	free(r->name);
	free(r->file);
	ra_bitmap_free(&r->bits);
	free(r->lay.at);
	memset(r, 0, sizeof(*r));
}

int
ra_role_share(struct ra_role *dst, const struct ra_role *src)
{
	size_t	 n = 4 * src->lay.nat;

	*dst = *src;
	dst->id = dst->name = dst->file = NULL;
	dst->lay.at = NULL;
	memset(&dst->bits, 0, sizeof(dst->bits));
	if ((src->id && (dst->id = ra_strdup(src->id)) == NULL) ||
	    (src->name && (dst->name = ra_strdup(src->name)) == NULL) ||
	    (src->file && (dst->file = ra_strdup(src->file)) == NULL) ||
	    (src->lay.at && (dst->lay.at = malloc((n ? n : 1) *
	    sizeof(*dst->lay.at))) == NULL) ||
	    ra_bitmap_share(&dst->bits, &src->bits) == -1) {
		ra_role_clear(dst);
		return -1;
	}
	if (n > 0)
		memcpy(dst->lay.at, src->lay.at, n * sizeof(*dst->lay.at));
	return 0;
}

/*
 * Line L of a role whose start tag moves from line FROM to line TO: 0
 * (unknown) stays 0, and so does a line the move takes past 32 bits.
 */
static unsigned long
move_line(unsigned long l, unsigned long from, unsigned long to)
{
	if (l == 0 || l < from || to > UINT32_MAX ||
	    l - from > UINT32_MAX - to)
		return 0;
	return l - from + to;
}

/* The same for the 32-bit lines of a grant layout. */
static uint32_t
move_line32(uint32_t l, unsigned long from, unsigned long to)
{
	return (uint32_t)move_line(l, from, to);
}

void
ra_role_relocate(struct ra_role *r, unsigned long line)
{
	unsigned long	 from = r->line;
	size_t		 i;

	r->privs.line = move_line(r->privs.line, from, line);
	r->privs.endline = move_line(r->privs.endline, from, line);
	if (r->lay.kind == RA_LAYOUT_LOWER || r->lay.kind == RA_LAYOUT_UPPER)
		r->lay.first = move_line32(r->lay.first, from, line);
	for (i = 0; i < r->lay.nat; i++) {
		r->lay.at[4 * i] = move_line32(r->lay.at[4 * i], from, line);
		r->lay.at[4 * i + 2] = move_line32(r->lay.at[4 * i + 2], from,
		    line);
	}
	r->line = line;
}

void
ra_role_seal(struct ra_role *r)
{
	/* Unpacked when memory runs short: still a valid set. */
	(void)ra_bitmap_seal(&r->bits);
	r->nprivs = ra_bitmap_count(&r->bits);
	r->deferred = 0;
}
