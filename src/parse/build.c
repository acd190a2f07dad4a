/*
 * build.c - roles under construction.  Both readers of role XML, xml.c
 * (libxml2) and the fast path of scan.c, build roles through these
 * functions, so one place decides how an id is normalised, how a
 * privilege is counted and kept, and how a finished role joins its
 * solution.
 *
 * What a privilege becomes depends on the load:
 *   focused (ra_ctx_focus())   counted; kept in a dense bitmap only when
 *                              a profile needs it
 *   unfocused (the default)    interned in the catalog and kept in a
 *                              sparse set.  Inputs loading on several
 *                              threads share the catalog, so each name
 *                              is stored once however many inputs name
 *                              it (diff holds two versions of the same
 *                              names), at the price of one lock a batch.
 *
 * Unfocused grants are interned BATCH at a time, under the context's
 * intern_mu: the catalog of a large input does not fit the caches, and
 * prefetching a batch's slots, then its names, lets the processor fetch
 * them all at once instead of waiting for each; one lock a batch keeps
 * the loads on other threads waiting little.
 */
#include <stdlib.h>
#include <string.h>

#include "parse/parse.h"

#define BATCH	64

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
	b->pend.len = 0;
	b->pend.oom = 0;
	b->npg = 0;
	b->open = 0;
}

void
ra_build_free(struct ra_build *b)
{
	ra_build_abandon(b);
	ra_nameset_free(&b->seen);
	ra_buf_free(&b->pend);
	free(b->pg);
	b->pg = NULL;
	b->cappg = 0;
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

/* Intern the pending grants' names and add the grants to the role. */
static enum ra_err
flush(struct ra_build *b)
{
	struct ra_ctx		*ctx = b->ld->ctx;
	struct ra_catalog	*cat = &ctx->cat;
	struct ra_pending	*g;
	size_t			 i, priv;
	enum ra_err		 rc = RA_OK;

	pthread_mutex_lock(&ctx->intern_mu);
	for (i = 0; i < b->npg; i++)
		ra_catalog_prefetch(cat, b->pg[i].h, 0);
	for (i = 0; i < b->npg; i++)
		ra_catalog_prefetch(cat, b->pg[i].h, 1);
	for (i = 0; i < b->npg; i++)
		ra_catalog_prefetch(cat, b->pg[i].h, 2);
	for (i = 0; i < b->npg; i++) {
		g = &b->pg[i];
		priv = ra_catalog_intern_hash(cat, b->pend.s + g->off, g->len,
		    g->h);
		if (priv == RA_NOPRIV) {
			rc = RA_ENOMEM;
			break;
		}
		g->priv = (uint32_t)priv;
	}
	pthread_mutex_unlock(&ctx->intern_mu);
	for (i = 0; i < b->npg && rc == RA_OK; i++)
		if (ra_bitmap_set(&b->cur.bits, b->pg[i].priv,
		    b->pg[i].level) == -1)
			rc = RA_ENOMEM;
	b->npg = 0;
	b->pend.len = 0;
	return rc;
}

enum ra_err
ra_build_privilege(struct ra_build *b, const char *name, size_t n,
    enum ra_level l)
{
	struct ra_ctx	*ctx = b->ld->ctx;
	size_t		 priv;
	uint32_t	 h = ra_name_hash(name, n);

	if (ctx->focused) {
		/* Count every name; keep only what a profile needs. */
		if (ra_nameset_add_hash(&b->seen, name, n, h) == -1)
			return RA_ENOMEM;
		priv = ra_catalog_find_hash(&ctx->cat, name, n, h);
		if (priv != RA_NOPRIV && ra_bitmap_get(&ctx->focus, priv) &&
		    ra_bitmap_set(&b->cur.bits, priv, l) == -1)
			return RA_ENOMEM;
		return RA_OK;
	}
	if (b->pend.len > UINT32_MAX - n || ra_grow(&b->pg, &b->cappg,
	    b->npg + 1, sizeof(*b->pg)) == -1)
		return RA_ENOMEM;
	b->pg[b->npg].off = (uint32_t)b->pend.len;
	b->pg[b->npg].len = (uint32_t)n;
	b->pg[b->npg].h = h;
	b->pg[b->npg].level = l;
	ra_buf_add(&b->pend, name, n);
	if (b->pend.oom)
		return RA_ENOMEM;
	return ++b->npg == BATCH ? flush(b) : RA_OK;
}

enum ra_err
ra_build_end(struct ra_build *b)
{
	struct ra_solution	*sol = b->ld->sol;

	if (b->npg > 0 && flush(b) != RA_OK) {
		ra_build_abandon(b);
		return RA_ENOMEM;
	}
	/* Unpacked when memory runs short: still a valid set. */
	(void)ra_bitmap_seal(&b->cur.bits);
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
	ra_build_abandon(b);
	return RA_OK;
}
