/*
 * build.c - roles under construction.  Both readers of role XML,
 * xml.c (libxml2) and the fast path of scan.c, build roles
 * through these functions, so one place decides how an id is
 * normalised, how a privilege is counted and kept, and how a finished
 * role joins its solution.
 *
 * What a privilege becomes depends on the load:
 *   focused (ra_ctx_focus())   counted; kept in a dense bitmap only when
 *                              a profile needs it
 *   lean (ra_ctx_set_lean())   remembered for the role's digest, then
 *                              forgotten at the role's end
 *   filled (ra_solution_fill)  a role not marked in sol->keep: ignored;
 *                              a marked one: as unfocused, plus digest
 *   unfocused (the default)    interned in the catalog, kept in a sparse
 *                              set
 */
#include <stdlib.h>
#include <string.h>

#include "parse/parse.h"

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
	b->names.len = 0;
	b->names.oom = 0;
	b->ng = 0;
	b->open = 0;
	b->skip = 0;
}

void
ra_build_free(struct ra_build *b)
{
	ra_build_abandon(b);
	ra_nameset_free(&b->seen);
	ra_buf_free(&b->names);
	free(b->g);
	b->g = NULL;
	b->capg = 0;
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

/* Does this load keep a digest of every role instead of privileges? */
static int
digesting(const struct ra_build *b)
{
	return b->ld->sol->lean || b->ld->sol->keep != NULL;
}

enum ra_err
ra_build_begin(struct ra_build *b, const char *id, size_t idlen,
    const char *name, size_t namelen, unsigned long line)
{
	const struct ra_solution *sol = b->ld->sol;

	ra_build_abandon(b);
	b->open = 1;
	b->cur.line = line;
	/* Filling: roles are numbered as the first reading appended them. */
	b->skip = sol->keep != NULL && (sol->nrole >= sol->nkeep ||
	    !sol->keep[sol->nrole]);
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

/* Remember a grant for the digest. */
static enum ra_err
note_grant(struct ra_build *b, const char *name, size_t n, enum ra_level l)
{
	struct ra_noted	*g;
	size_t		 i, off = b->names.len;

	if (l == RA_LEVEL_NONE)
		return RA_OK;
	if (off > UINT32_MAX - n || ra_grow(&b->g, &b->capg, b->ng + 1,
	    sizeof(*b->g)) == -1)
		return RA_ENOMEM;
	ra_buf_add(&b->names, name, n);
	if (b->names.oom)
		return RA_ENOMEM;
	for (i = off; i < off + n; i++)
		b->names.s[i] = (char)ra_lower((unsigned char)b->names.s[i]);
	g = &b->g[b->ng++];
	g->off = (uint32_t)off;
	g->len = (uint32_t)n;
	g->level = l;
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
	if (b->skip)
		return RA_OK;
	if (digesting(b) && note_grant(b, name, n, l) != RA_OK)
		return RA_ENOMEM;
	if (b->ld->sol->lean)
		return RA_OK;
	priv = ra_catalog_intern(&ctx->cat, name, n);
	if (priv == RA_NOPRIV || ra_bitmap_set(&b->cur.bits, priv, l) == -1)
		return RA_ENOMEM;
	return RA_OK;
}

/*
 * By name, in byte order, then the higher level first.  qsort() takes no
 * context: the names' arena is this thread's (loads run in parallel).
 */
static _Thread_local const char *grant_names;

static int
grant_cmp(const void *a, const void *b)
{
	const struct ra_noted	*x = a, *y = b;
	size_t			 n = x->len < y->len ? x->len : y->len;
	int			 c;

	if ((c = memcmp(grant_names + x->off, grant_names + y->off, n)) != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return (int)y->level - (int)x->level;
}

/*
 * The digest of the grants noted since the role began (see struct
 * ra_role), and how many distinct privileges they name.
 */
static size_t
digest_grants(struct ra_build *b, unsigned char out[32])
{
	struct ra_sha256	 sha;
	size_t			 i, n = 0;
	char			 tail[2];

	grant_names = b->names.s;
	/* Exports list privileges sorted: sort only when they are not. */
	for (i = 1; i < b->ng; i++)
		if (grant_cmp(&b->g[i - 1], &b->g[i]) > 0)
			break;
	if (i < b->ng)
		qsort(b->g, b->ng, sizeof(*b->g), grant_cmp);
	ra_sha256_init(&sha);
	for (i = 0; i < b->ng; i++) {
		/* Repeats follow their highest level: skip them. */
		if (i > 0 && b->g[i].len == b->g[i - 1].len &&
		    memcmp(b->names.s + b->g[i].off,
		    b->names.s + b->g[i - 1].off, b->g[i].len) == 0)
			continue;
		tail[0] = '\0';
		tail[1] = (char)('0' + b->g[i].level);
		ra_sha256_update(&sha, b->names.s + b->g[i].off, b->g[i].len);
		ra_sha256_update(&sha, tail, 2);
		n++;
	}
	ra_sha256_final(&sha, out);
	grant_names = NULL;
	return n;
}

enum ra_err
ra_build_end(struct ra_build *b)
{
	struct ra_solution	*sol = b->ld->sol;
	size_t			 n = 0;

	ra_bitmap_seal(&b->cur.bits);
	if (digesting(b) && !b->skip)
		n = digest_grants(b, b->cur.digest);
	/* Focused, the bitmap holds only what profiles need. */
	b->cur.nprivs = b->ld->ctx->focused ? b->seen.n : sol->lean ? n :
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
