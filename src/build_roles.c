/*
 * build_roles.c - roles under construction.  Both readers of role XML,
 * parse_roles.c (libxml2) and the fast path of scan_roles.c, build roles
 * through these functions, so one place decides how an id is
 * normalised, how a privilege is counted and kept, and how a finished
 * role joins its solution.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void
ra_build_init(struct ra_build *b, struct ra_load *ld)
{
	memset(b, 0, sizeof(*b));
	b->ld = ld;
}

void
ra_build_abandon(struct ra_build *b)
{
	free(b->cur.id);
	free(b->cur.name);
	free(b->cur.file);
	ra_bitmap_free(&b->cur.bits);
	memset(&b->cur, 0, sizeof(b->cur));
	ra_nameset_clear(&b->seen);
	b->open = 0;
}

void
ra_build_free(struct ra_build *b)
{
	ra_build_abandon(b);
	ra_nameset_free(&b->seen);
}

/* Role id as reports show it: no braces or blanks, lower case. */
static char *
normalize_id(const char *s, size_t n)
{
	char	*out, *o;
	size_t	 i;

	if ((out = malloc(n + 1)) == NULL)
		return NULL;
	for (i = 0, o = out; i < n; i++)
		if (s[i] != '{' && s[i] != '}' && s[i] != ' ' &&
		    s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			*o++ = (char)ra_lower((unsigned char)s[i]);
	*o = '\0';
	return out;
}

enum ra_err
ra_build_begin(struct ra_build *b, const char *id, size_t idlen,
    const char *name, size_t namelen, unsigned long line)
{
	ra_build_abandon(b);
	b->open = 1;
	b->cur.line = line;
	if (!b->ld->ctx->focused)
		ra_bitmap_sparse(&b->cur.bits);
	if ((b->cur.file = ra_strdup(b->ld->role_file)) == NULL ||
	    (b->cur.name = ra_strndup(name, namelen)) == NULL ||
	    (b->cur.id = normalize_id(id ? id : "", id ? idlen : 0)) == NULL) {
		ra_build_abandon(b);
		return RA_ENOMEM;
	}
	return RA_OK;
}

enum ra_err
ra_build_privilege(struct ra_build *b, const char *name, size_t n,
    enum ra_level l)
{
	struct ra_ctx	*ctx = b->ld->ctx;
	size_t		 priv;
	uint32_t	 h;

	if (ctx->focused) {
		/* Count every name; keep only what a profile needs. */
		h = ra_name_hash(name, n);
		if (ra_nameset_add_hash(&b->seen, name, n, h) == -1)
			return RA_ENOMEM;
		priv = ra_catalog_find_hash(&ctx->cat, name, n, h);
		if (priv != RA_NOPRIV && ra_bitmap_get(&ctx->focus, priv) &&
		    ra_bitmap_set(&b->cur.bits, priv, l) == -1)
			return RA_ENOMEM;
		return RA_OK;
	}
	priv = ra_catalog_intern(&ctx->cat, name, n);
	if (priv == RA_NOPRIV || ra_bitmap_set(&b->cur.bits, priv, l) == -1)
		return RA_ENOMEM;
	return RA_OK;
}

enum ra_err
ra_build_end(struct ra_build *b)
{
	struct ra_solution	*sol = b->ld->sol;

	ra_bitmap_seal(&b->cur.bits);
	/* Focused, the bitmap holds only what profiles need. */
	b->cur.nprivs = b->ld->ctx->focused ? b->seen.n :
	    ra_bitmap_count(&b->cur.bits);
	if (ra_grow(&sol->role, &sol->caprole, sol->nrole + 1,
	    sizeof(*sol->role)) == -1) {
		ra_build_abandon(b);
		return RA_ENOMEM;
	}
	sol->role[sol->nrole++] = b->cur;
	memset(&b->cur, 0, sizeof(b->cur));
	ra_nameset_clear(&b->seen);
	b->open = 0;
	return RA_OK;
}
