/*
 * build.c - roles and tables under construction.  Both readers of role
 * XML, xml.c (libxml2) and the fast path of scan.c, build roles and the
 * solution's tables through these functions, so one place decides how an
 * id is normalised, how a privilege is counted and kept, how a finished
 * role joins its solution, and what a table's metadata says.
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
	ra_role_clear(&b->cur);
	ra_nameset_clear(&b->seen);
	b->ngl = 0;
	b->regular = 3;
	b->prev.len = 0;
	b->prev.oom = 0;
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
	free(b->gl);
	b->gl = NULL;
	b->capgl = 0;
	ra_buf_free(&b->prev);
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
    const char *name, size_t namelen, const struct ra_span *at)
{
	ra_build_abandon(b);
	b->open = 1;
	b->cur.line = at->line;
	b->cur.col = at->col;
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
	for (i = 0; i < b->npg && rc == RA_OK; i++) {
		if (ra_bitmap_set(&b->cur.bits, b->pg[i].priv,
		    b->pg[i].level) == -1)
			rc = RA_ENOMEM;
		if (b->ngl > 0)
			b->gl[b->ngl - b->npg + i].priv = b->pg[i].priv;
	}
	b->npg = 0;
	b->pend.len = 0;
	return rc;
}

void
ra_build_privileges(struct ra_build *b, const struct ra_span *at)
{
	if (b->open && b->cur.privs.line == 0)
		b->cur.privs = *at;
}

/* A span's field as stored: 0 (unknown) past what 32 bits hold. */
static uint32_t
u32(unsigned long v)
{
	return v > UINT32_MAX ? 0 : (uint32_t)v;
}

/*
 * Note where grant NAME at L is written (AT), as the role's next in
 * document order, and whether the layout is still regular.  -1 when
 * memory runs out.
 */
static int
locate(struct ra_build *b, const char *name, size_t n, enum ra_level l,
    const struct ra_span *at, size_t priv)
{
	struct ra_grant_layout	*lay = &b->cur.lay;
	struct ra_gloc		*g;
	size_t			 len;

	if (ra_grow(&b->gl, &b->capgl, b->ngl + 1, sizeof(*b->gl)) == -1)
		return -1;
	g = &b->gl[b->ngl];
	g->priv = priv == RA_NOPRIV ? 0 : (uint32_t)priv;
	g->line = u32(at->line);
	g->col = u32(at->col);
	g->endline = u32(at->endline);
	g->endcol = u32(at->endcol);
	g->level = l;
	g->seq = (uint32_t)b->ngl;
	/*
	 * Regular: one a line from the first, at its column, each as long
	 * as its name and level plus the first one's OVER (LAY holds the
	 * first grant's numbers meanwhile).
	 */
	len = ra_cp_count(name, n) + ra_level_xml_len(l);
	if (g->line == 0 || g->col == 0 || g->endline != g->line ||
	    g->endcol < g->col + len)
		b->regular = 0;
	else if (b->ngl == 0) {
		lay->first = g->line;
		lay->col = g->col;
		lay->over = g->endcol - g->col - (uint32_t)len;
	} else if (g->line != lay->first + b->ngl || g->col != lay->col ||
	    g->endcol - g->col - len != lay->over)
		b->regular = 0;
	if (b->regular && b->ngl > 0)
		b->regular &= ra_fold_order(b->prev.s, b->prev.len, name, n);
	if (b->regular) {
		b->prev.len = 0;
		ra_buf_add(&b->prev, name, n);
		if (b->prev.oom)
			return -1;
	}
	b->ngl++;
	return 0;
}

enum ra_err
ra_build_privilege(struct ra_build *b, const char *name, size_t n,
    enum ra_level l, const struct ra_span *at)
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
		    (ra_bitmap_set(&b->cur.bits, priv, l) == -1 ||
		    (!ctx->unlocated &&
		    locate(b, name, n, l, at, priv) == -1)))
			return RA_ENOMEM;
		return RA_OK;
	}
	if (b->pend.len > UINT32_MAX - n || ra_grow(&b->pg, &b->cappg,
	    b->npg + 1, sizeof(*b->pg)) == -1 ||
	    (!ctx->unlocated && locate(b, name, n, l, at, RA_NOPRIV) == -1))
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

/* Grants by privilege, the highest level first, then in document order. */
static int
gloc_cmp(const void *a, const void *b)
{
	const struct ra_gloc	*x = a, *y = b;

	if (x->priv != y->priv)
		return x->priv < y->priv ? -1 : 1;
	return x->level != y->level ? (x->level > y->level ? -1 : 1) :
	    (x->seq < y->seq ? -1 : x->seq > y->seq);
}

/*
 * The finished role's layout (struct ra_grant_layout): regular, or a
 * span a grant in privilege order, each privilege's the element that
 * gave its level (the highest; the first of equals, as the set keeps
 * it).  -1 when memory runs out.
 */
static int
layout(struct ra_build *b)
{
	struct ra_grant_layout	*lay = &b->cur.lay;
	size_t			 i, n, count = ra_bitmap_count(&b->cur.bits);
	uint32_t		*at;

	if (b->ngl == 0) {
		memset(lay, 0, sizeof(*lay));
		return 0;
	}
	if (b->regular && !b->ld->ctx->focused && b->ngl == count) {
		lay->kind = (b->regular & 1) ? RA_LAYOUT_LOWER :
		    RA_LAYOUT_UPPER;
		return 0;
	}
	qsort(b->gl, b->ngl, sizeof(*b->gl), gloc_cmp);
	memset(lay, 0, sizeof(*lay));
	if ((at = calloc(count ? count : 1, 4 * sizeof(*at))) == NULL)
		return -1;
	for (i = 0, n = 0; i < b->ngl && n < count; i++) {
		if (i > 0 && b->gl[i].priv == b->gl[i - 1].priv)
			continue;
		at[4 * n] = b->gl[i].line;
		at[4 * n + 1] = b->gl[i].col;
		at[4 * n + 2] = b->gl[i].endline;
		at[4 * n + 3] = b->gl[i].endcol;
		n++;
	}
	lay->kind = RA_LAYOUT_TABLE;
	lay->at = at;
	lay->nat = n;
	return 0;
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
	if (layout(b) == -1) {
		ra_build_abandon(b);
		return RA_ENOMEM;
	}
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

/* ---- tables ---------------------------------------------------------- */

/* Bytes of one field kept: a display name, an ownership, a flag. */
#define FIELD_MAX	1024

void
ra_tbuild_init(struct ra_tbuild *tb, struct ra_load *ld)
{
	memset(tb, 0, sizeof(*tb));
	tb->ld = ld;
}

static void
tbuild_clear(struct ra_tbuild *tb)
{
	size_t	 i;

	for (i = 0; i < RA_TF__COUNT; i++)
		tb->text[i].len = 0;
	tb->entity.len = tb->localized.len = tb->en.len = tb->first.len = 0;
	tb->field = RA_TF_NONE;
	tb->original = -1;
	tb->unmodified = 0;
	tb->open = 0;
}

void
ra_tbuild_free(struct ra_tbuild *tb)
{
	size_t	 i;

	for (i = 0; i < RA_TF__COUNT; i++)
		ra_buf_free(&tb->text[i]);
	ra_buf_free(&tb->entity);
	ra_buf_free(&tb->localized);
	ra_buf_free(&tb->en);
	ra_buf_free(&tb->first);
}

void
ra_tbuild_begin(struct ra_tbuild *tb)
{
	tbuild_clear(tb);
	tb->open = 1;
}

/*
 * Append the N bytes at S to B, keeping at most FIELD_MAX bytes and never
 * half a UTF-8 sequence: both readers keep the same prefix.
 */
static void
keep(struct ra_buf *b, const char *s, size_t n)
{
	size_t	 room = b->len < FIELD_MAX ? FIELD_MAX - b->len : 0;

	if (n > room) {
		n = room;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	ra_buf_add(b, s, n);
}

/* Set B to the N bytes at S (none when S is NULL). */
static void
set(struct ra_buf *b, const char *s, size_t n)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
	if (s != NULL)
		keep(b, s, n);
}

void
ra_tbuild_name_attrs(struct ra_tbuild *tb, const char *loc, size_t nloc,
    const char *orig, size_t norig)
{
	if (!tb->open)
		return;
	set(&tb->localized, loc, nloc);
	tb->original = orig == NULL ? -1 : norig > 0;
}

void
ra_tbuild_entity_attrs(struct ra_tbuild *tb, const char *name, size_t n,
    const char *unmod, size_t nunmod)
{
	if (!tb->open)
		return;
	set(&tb->entity, name, n);
	tb->unmodified = unmod != NULL && nunmod == 1 && *unmod == '1';
}

void
ra_tbuild_localized(struct ra_tbuild *tb, const char *desc, size_t n,
    const char *lang, size_t nlang)
{
	if (!tb->open || desc == NULL || n == 0)
		return;
	if (tb->first.len == 0)
		set(&tb->first, desc, n);
	if (tb->en.len == 0 && lang != NULL && nlang == 4 &&
	    memcmp(lang, "1033", 4) == 0)
		set(&tb->en, desc, n);
}

void
ra_tbuild_text(struct ra_tbuild *tb, const char *s, size_t n)
{
	if (tb->open && tb->field != RA_TF_NONE)
		keep(&tb->text[tb->field], s, n);
}

/* A copy of B without the XML blanks around it, or NULL when empty. */
static char *
trimmed(const struct ra_buf *b, int *oom)
{
	size_t		 n = b->len;
	const char	*s = ra_trim(b->s ? b->s : "", &n);
	char		*out;

	if (n == 0)
		return NULL;
	if ((out = ra_strndup(s, n)) == NULL)
		*oom = 1;
	return out;
}

enum ra_err
ra_tbuild_end(struct ra_tbuild *tb)
{
	struct ra_table	 t;
	const char	*v;
	char		*flag;
	size_t		 i;
	int		 oom = 0;

	if (!tb->open)
		return RA_OK;
	for (i = 0; i < RA_TF__COUNT; i++)
		oom |= tb->text[i].oom;
	oom |= tb->entity.oom || tb->localized.oom || tb->en.oom ||
	    tb->first.oom;
	memset(&t, 0, sizeof(t));
	/* The schema name: <Name>'s text, else <entity Name>. */
	if (!oom && (t.name = trimmed(&tb->text[RA_TF_NAME], &oom)) == NULL &&
	    !oom)
		t.name = trimmed(&tb->entity, &oom);
	/* The display name: <Name LocalizedName>, else 1033's, else any. */
	if (!oom && (t.display = trimmed(&tb->localized, &oom)) == NULL &&
	    !oom && (t.display = trimmed(&tb->en, &oom)) == NULL && !oom)
		t.display = trimmed(&tb->first, &oom);
	t.owner = RA_OWNER_UNKNOWN;
	v = tb->text[RA_TF_OWNER].s;
	if (v != NULL)
		(void)ra_owner_parse(v, tb->text[RA_TF_OWNER].len, &t.owner);
	t.bpf = -1;
	if (!oom && (flag = trimmed(&tb->text[RA_TF_BPF], &oom)) != NULL) {
		if (strcmp(flag, "1") == 0 || ra_strcaseeq(flag, "true"))
			t.bpf = 1;
		else if (strcmp(flag, "0") == 0 || ra_strcaseeq(flag, "false"))
			t.bpf = 0;
		free(flag);
	}
	/*
	 * Exports write OriginalName empty for system tables and as the
	 * first display name for custom ones (see the man page).
	 */
	t.custom = (signed char)tb->original;
	t.unmodified = (unsigned char)tb->unmodified;
	tbuild_clear(tb);
	if (oom) {
		free(t.name);
		free(t.display);
		return RA_ENOMEM;
	}
	if (t.name == NULL) {
		free(t.display);
		return RA_OK;
	}
	return ra_solution_add_table(tb->ld->sol, &t) == -1 ? RA_ENOMEM :
	    RA_OK;
}
