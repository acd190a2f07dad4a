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
	b->defer = 0;
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
	size_t			 i, n, count;
	uint32_t		*at;

	if (b->ngl == 0) {
		memset(lay, 0, sizeof(*lay));
		return 0;
	}
	count = ra_bitmap_count(&b->cur.bits);
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
	if (b->ld->ctx->focused) {
		/* Unpacked when memory runs short: still a valid set. */
		(void)ra_bitmap_seal(&b->cur.bits);
		/* The bitmap holds only what profiles need. */
		b->cur.nprivs = b->seen.n;
	} else if (b->defer && b->ngl == 0)
		b->cur.deferred = 1;
	else
		ra_role_seal(&b->cur);
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

enum ra_err
ra_build_adopt(struct ra_build *b, struct ra_role *r, unsigned long line)
{
	struct ra_solution	*sol = b->ld->sol;

	ra_build_abandon(b);
	free(r->file);
	if ((r->file = ra_strdup(b->ld->role_file)) == NULL ||
	    ra_grow(&sol->role, &sol->caprole, sol->nrole + 1,
	    sizeof(*sol->role)) == -1) {
		ra_role_clear(r);
		return RA_ENOMEM;
	}
	ra_role_relocate(r, line);
	sol->role[sol->nrole++] = *r;
	memset(r, 0, sizeof(*r));
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
	ra_strlist_free(tb->secured, tb->nsecured);
	tb->secured = NULL;
	tb->nsecured = 0;
	ra_nameset_clear(&tb->secset);
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
	ra_strlist_free(tb->secured, tb->nsecured);
	tb->secured = NULL;
	tb->nsecured = 0;
	ra_nameset_free(&tb->secset);
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
	t.secured = tb->secured;
	t.nsecured = tb->nsecured;
	tb->secured = NULL;
	tb->nsecured = 0;
	tbuild_clear(tb);
	if (oom) {
		free(t.name);
		free(t.display);
		ra_strlist_free(t.secured, t.nsecured);
		return RA_ENOMEM;
	}
	if (t.name == NULL) {
		free(t.display);
		ra_strlist_free(t.secured, t.nsecured);
		return RA_OK;
	}
	return ra_solution_add_table(tb->ld->sol, &t) == -1 ? RA_ENOMEM :
	    RA_OK;
}

/* ---- the sections of apps and column security ------------------------ */

/* What an element of a section is, by its path. */
enum {
	K_NONE = 0,
	K_APPS, K_APP, K_UNIQUE, K_COMPS, K_COMP, K_RMAPS, K_RMAP,
	K_LNAMES, K_LNAME,
	K_FSPS, K_FSP, K_FPERMS, K_FPERM, K_F_ENTITY, K_F_ATTR, K_F_CAN,
	K_ATTRS, K_ATTR, K_A_LOGICAL, K_A_SECURED
};

/* The text slots: the K_F_CAN ones follow in enum ra_fright's order. */
enum {
	T_UNIQUE = 0, T_ENTITY, T_ATTR, T_CAN,
	T_LOGICAL = T_CAN + RA_FR__COUNT, T_SECURED
};

/* A child of an element of kind PARENT: its kind and text slot + 1. */
static const struct {
	unsigned char	 parent;
	const char	*name;
	unsigned char	 kind;
	unsigned char	 text;
} paths[] = {
	{ K_APPS, "AppModule", K_APP, 0 },
	{ K_APP, "UniqueName", K_UNIQUE, T_UNIQUE + 1 },
	{ K_APP, "AppModuleComponents", K_COMPS, 0 },
	{ K_APP, "AppModuleRoleMaps", K_RMAPS, 0 },
	{ K_APP, "LocalizedNames", K_LNAMES, 0 },
	{ K_COMPS, "AppModuleComponent", K_COMP, 0 },
	{ K_RMAPS, "Role", K_RMAP, 0 },
	{ K_LNAMES, "LocalizedName", K_LNAME, 0 },
	{ K_FSPS, "FieldSecurityProfile", K_FSP, 0 },
	{ K_FSP, "FieldPermissions", K_FPERMS, 0 },
	{ K_FPERMS, "FieldPermission", K_FPERM, 0 },
	{ K_FPERM, "EntityName", K_F_ENTITY, T_ENTITY + 1 },
	{ K_FPERM, "AttributeName", K_F_ATTR, T_ATTR + 1 },
	{ K_FPERM, "CanRead", K_F_CAN, T_CAN + RA_FR_READ + 1 },
	{ K_FPERM, "CanUpdate", K_F_CAN, T_CAN + RA_FR_UPDATE + 1 },
	{ K_FPERM, "CanCreate", K_F_CAN, T_CAN + RA_FR_CREATE + 1 },
	{ K_FPERM, "CanReadUnmasked", K_F_CAN, T_CAN + RA_FR_UNMASKED + 1 },
	{ K_ATTRS, "attribute", K_ATTR, 0 },
	{ K_ATTR, "LogicalName", K_A_LOGICAL, T_LOGICAL + 1 },
	{ K_ATTR, "IsSecured", K_A_SECURED, T_SECURED + 1 },
};

static void
sdiag(struct ra_sbuild *sb, int code, unsigned long line, const char *fmt,
    ...) RA_PRINTF(4, 5);

static void
sdiag(struct ra_sbuild *sb, int code, unsigned long line, const char *fmt,
    ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	ra_diag_vadd(sb->ld->ctx, RA_SEV_ERROR, code, sb->ld->file,
	    sb->ld->member, line, 0, fmt, ap);
	va_end(ap);
}

void
ra_sbuild_init(struct ra_sbuild *sb, struct ra_load *ld,
    struct ra_tbuild *tb)
{
	memset(sb, 0, sizeof(*sb));
	sb->ld = ld;
	sb->tb = tb;
}

static void
texts_clear(struct ra_sbuild *sb)
{
	size_t	 i;

	for (i = 0; i < RA_SB_TEXTS; i++) {
		set(&sb->txt[i], NULL, 0);
		sb->toolong[i] = 0;
	}
}

void
ra_sbuild_free(struct ra_sbuild *sb)
{
	size_t	 i;

	for (i = 0; i < RA_SB_TEXTS; i++)
		ra_buf_free(&sb->txt[i]);
	ra_app_free(&sb->app);
	ra_fsp_free(&sb->fsp);
	ra_buf_free(&sb->en);
	ra_buf_free(&sb->first);
	ra_buf_free(&sb->phys);
	ra_nameset_free(&sb->tset);
	ra_nameset_free(&sb->rset);
	ra_nameset_free(&sb->names);
	ra_nameset_free(&sb->pnames);
	ra_nameset_free(&sb->cols);
}

int
ra_sbuild_open(const struct ra_sbuild *sb)
{
	return sb->depth > 0;
}

int
ra_sbuild_wants_text(const struct ra_sbuild *sb)
{
	return sb->text != 0;
}

void
ra_swant_names(enum ra_swant w, const char **a1, const char **a2)
{
	static const char *const n[][2] = {
		[RA_SW_NONE] = { NULL, NULL },
		[RA_SW_COMPONENT] = { "type", "schemaName" },
		[RA_SW_ROLE] = { "id", NULL },
		[RA_SW_LOCALIZED] = { "description", "languagecode" },
		[RA_SW_PROFILE] = { "name", "fieldsecurityprofileid" },
		[RA_SW_ATTRIBUTE] = { "PhysicalName", NULL },
	};

	*a1 = n[w][0];
	*a2 = n[w][1];
}

/* Kind of the element open at depth D of the section (K_NONE: unknown). */
static int
kind_at(const struct ra_sbuild *sb, unsigned long d)
{
	return d >= 1 && d <= sb->known && d <= RA_SB_KINDS ? sb->kind[d] :
	    K_NONE;
}

static void
app_begin(struct ra_sbuild *sb, unsigned long line)
{
	ra_app_free(&sb->app);
	texts_clear(sb);
	set(&sb->en, NULL, 0);
	set(&sb->first, NULL, 0);
	ra_nameset_clear(&sb->tset);
	ra_nameset_clear(&sb->rset);
	sb->app.line = line;
	sb->app_open = 1;
	sb->app_bad = 0;
}

void
ra_sbuild_begin(struct ra_sbuild *sb, enum ra_sect sect, unsigned long line)
{
	int	*seen = sect == RA_SECT_APPS ? &sb->apps_seen :
		    sect == RA_SECT_FSPS ? &sb->fsps_seen : NULL;

	sb->depth = sb->known = 1;
	sb->text = 0;
	sb->skip = 0;
	sb->kind[1] = sect == RA_SECT_APPS ? K_APPS : sect == RA_SECT_APP ?
	    K_APP : sect == RA_SECT_FSPS ? K_FSPS : K_ATTRS;
	if (seen != NULL && (*seen)++ > 0) {
		sdiag(sb, RA_C_SECTION_TWICE, line, "a second <%s> section: "
		    "ignored (the first one counts)", sect == RA_SECT_APPS ?
		    "AppModules" : "FieldSecurityProfiles");
		sb->skip = 1;
		sb->known = 0;
		return;
	}
	if (sect == RA_SECT_APP)
		app_begin(sb, line);
}

/* The text of slot T without the blanks around it, and its length. */
static const char *
slot(const struct ra_sbuild *sb, int t, size_t *n)
{
	*n = sb->txt[t].len;
	return ra_trim(sb->txt[t].s ? sb->txt[t].s : "", n);
}

/* 1 when N bytes are over the name limit (or were cut: TOOLONG). */
static int
over(const struct ra_sbuild *sb, size_t n, int toolong)
{
	return toolong || n > sb->ld->ctx->limit[RA_LIMIT_NAME_LENGTH];
}

enum ra_swant
ra_sbuild_start(struct ra_sbuild *sb, const char *name, size_t n,
    unsigned long line)
{
	int	 parent = kind_at(sb, sb->depth), k = K_NONE;
	size_t	 i;

	sb->depth++;
	sb->text = 0;
	if (parent == K_NONE || sb->depth != sb->known + 1)
		return RA_SW_NONE;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (paths[i].parent == parent && strlen(paths[i].name) == n &&
		    memcmp(paths[i].name, name, n) == 0) {
			k = paths[i].kind;
			sb->text = paths[i].text;
			break;
		}
	if (k == K_NONE || sb->depth > RA_SB_KINDS)
		return RA_SW_NONE;
	sb->kind[sb->depth] = (unsigned char)k;
	sb->known = sb->depth;
	if (sb->text)
		set(&sb->txt[sb->text - 1], NULL, 0);
	switch (k) {
	case K_APP:
		app_begin(sb, line);
		return RA_SW_NONE;
	case K_COMP:
		return RA_SW_COMPONENT;
	case K_RMAP:
		return RA_SW_ROLE;
	case K_LNAME:
		return RA_SW_LOCALIZED;
	case K_FSP:
		ra_fsp_free(&sb->fsp);
		ra_nameset_clear(&sb->cols);
		sb->fsp.line = line;
		sb->fsp_open = 1;
		sb->fsp_bad = 0;
		return RA_SW_PROFILE;
	case K_FPERM:
		texts_clear(sb);
		sb->perm_line = line;
		return RA_SW_NONE;
	case K_ATTR:
		texts_clear(sb);
		set(&sb->phys, NULL, 0);
		return RA_SW_ATTRIBUTE;
	default:
		return RA_SW_NONE;
	}
}

/* Keep the N bytes at S in slot T, noting a cut. */
static void
skeep(struct ra_sbuild *sb, int t, const char *s, size_t n)
{
	if (sb->txt[t].len + n > FIELD_MAX)
		sb->toolong[t] = 1;
	keep(&sb->txt[t], s, n);
}

void
ra_sbuild_text(struct ra_sbuild *sb, const char *s, size_t n)
{
	if (sb->text)
		skeep(sb, sb->text - 1, s, n);
}

/* Add the N bytes at S to list V once (SET: what it holds); 0 or -1. */
static int
add_once(struct ra_nameset *set, char ***v, size_t *nv, const char *s,
    size_t n)
{
	int	 r = ra_nameset_add(set, s, n);

	if (r <= 0)
		return r;
	return ra_strlist_add(v, nv, s, n);
}

enum ra_err
ra_sbuild_attrs(struct ra_sbuild *sb, const char *v1, size_t n1,
    const char *v2, size_t n2)
{
	size_t		 n;
	const char	*s;
	char		*id;
	int		 r = 0;

	switch (kind_at(sb, sb->depth)) {
	case K_COMP:
		/* type="1": a table, named by its schema name. */
		if (!sb->app_open || v1 == NULL || v2 == NULL)
			break;
		n = n1;
		s = ra_trim(v1, &n);
		if (n != 1 || *s != '1')
			break;
		n = n2;
		s = ra_trim(v2, &n);
		if (n == 0)
			break;
		if (over(sb, n, 0)) {
			sdiag(sb, RA_C_TOOLONG, sb->app.line, "a table of an "
			    "app is %zu bytes long, over the limit of %llu", n,
			    (unsigned long long)
			    sb->ld->ctx->limit[RA_LIMIT_NAME_LENGTH]);
			sb->app_bad = 1;
			break;
		}
		r = add_once(&sb->tset, &sb->app.table, &sb->app.ntable, s, n);
		break;
	case K_RMAP:
		if (!sb->app_open || v1 == NULL)
			break;
		if (over(sb, n1, 0)) {
			sdiag(sb, RA_C_TOOLONG, sb->app.line, "a role id of an "
			    "app is %zu bytes long, over the limit of %llu", n1,
			    (unsigned long long)
			    sb->ld->ctx->limit[RA_LIMIT_NAME_LENGTH]);
			sb->app_bad = 1;
			break;
		}
		if ((id = normalize_id(v1, n1)) == NULL)
			return RA_ENOMEM;
		if (*id != '\0')
			r = add_once(&sb->rset, &sb->app.role, &sb->app.nrole,
			    id, strlen(id));
		free(id);
		break;
	case K_LNAME:
		if (!sb->app_open || v1 == NULL || n1 == 0)
			break;
		if (sb->first.len == 0)
			set(&sb->first, v1, n1);
		if (sb->en.len == 0 && v2 != NULL && n2 == 4 &&
		    memcmp(v2, "1033", 4) == 0)
			set(&sb->en, v1, n1);
		break;
	case K_FSP:
		if (v1 != NULL && over(sb, n1, 0)) {
			sdiag(sb, RA_C_TOOLONG, sb->fsp.line, "a column "
			    "security profile's name is %zu bytes long, over "
			    "the limit of %llu", n1, (unsigned long long)
			    sb->ld->ctx->limit[RA_LIMIT_NAME_LENGTH]);
			sb->fsp_bad = 1;
			break;
		}
		n = n1;
		s = v1 ? ra_trim(v1, &n) : NULL;
		if (s != NULL && n > 0 &&
		    (sb->fsp.name = ra_strndup(s, n)) == NULL)
			return RA_ENOMEM;
		if ((sb->fsp.id = normalize_id(v2 ? v2 : "", v2 ? n2 : 0)) ==
		    NULL)
			return RA_ENOMEM;
		break;
	case K_ATTR:
		if (v1 != NULL)
			set(&sb->phys, v1, n1);
		break;
	default:
		break;
	}
	return r == -1 ? RA_ENOMEM : RA_OK;
}

/* </AppModule>: the app joins the solution when it is sound. */
static enum ra_err
app_end(struct ra_sbuild *sb)
{
	struct ra_solution	*sol = sb->ld->sol;
	const char		*s;
	size_t			 n;
	int			 oom = 0, r;

	sb->app_open = 0;
	s = slot(sb, T_UNIQUE, &n);
	if (n == 0) {
		sdiag(sb, RA_C_APP_NONAME, sb->app.line, "<AppModule> "
		    "without a <UniqueName>: skipped");
		goto drop;
	}
	if (over(sb, n, sb->toolong[T_UNIQUE])) {
		sdiag(sb, RA_C_TOOLONG, sb->app.line, "an app's <UniqueName> "
		    "is over the limit of %llu bytes: skipped",
		    (unsigned long long)
		    sb->ld->ctx->limit[RA_LIMIT_NAME_LENGTH]);
		goto drop;
	}
	if (sb->app_bad)
		goto drop;
	if ((sb->app.name = ra_strndup(s, n)) == NULL)
		return RA_ENOMEM;
	/* Twice in one document, or in two files of a folder. */
	if ((r = ra_nameset_add(&sb->names, s, n)) == -1)
		return RA_ENOMEM;
	if (r == 0 || ra_solution_app(sol, sb->app.name) != NULL) {
		sdiag(sb, RA_C_APP_TWICE, sb->app.line, "app \"%s\" is written "
		    "twice: the first one counts", sb->app.name);
		goto drop;
	}
	if ((sb->app.display = trimmed(&sb->en, &oom)) == NULL && !oom)
		sb->app.display = trimmed(&sb->first, &oom);
	if (oom || sb->en.oom || sb->first.oom ||
	    (sb->app.file = ra_strdup(sb->ld->role_file)) == NULL)
		return RA_ENOMEM;
	return ra_solution_add_app(sol, &sb->app) == -1 ? RA_ENOMEM : RA_OK;
drop:
	ra_app_free(&sb->app);
	return RA_OK;
}

/* </FieldSecurityProfile>: the profile joins the solution when sound. */
static enum ra_err
fsp_end(struct ra_sbuild *sb)
{
	int	 r;

	sb->fsp_open = 0;
	if (sb->fsp_bad)
		goto drop;
	if (sb->fsp.name == NULL) {
		sdiag(sb, RA_C_FSP_NONAME, sb->fsp.line, "<FieldSecurityProfile>"
		    " without a name: skipped");
		goto drop;
	}
	if ((r = ra_nameset_add(&sb->pnames, sb->fsp.name,
	    strlen(sb->fsp.name))) == -1)
		return RA_ENOMEM;
	if (r == 0) {
		sdiag(sb, RA_C_APP_TWICE, sb->fsp.line, "column security "
		    "profile \"%s\" is written twice: the first one counts",
		    sb->fsp.name);
		goto drop;
	}
	if ((sb->fsp.file = ra_strdup(sb->ld->role_file)) == NULL)
		return RA_ENOMEM;
	return ra_solution_add_fsp(sb->ld->sol, &sb->fsp) == -1 ? RA_ENOMEM :
	    RA_OK;
drop:
	ra_fsp_free(&sb->fsp);
	return RA_OK;
}

/* </FieldPermission>: a row of the profile being read. */
static enum ra_err
perm_end(struct ra_sbuild *sb)
{
	struct ra_fperm	 p;
	struct ra_buf	 key = { 0 };
	const char	*e, *a, *v;
	size_t		 ne, na, nv;
	int		 i, r;

	if (!sb->fsp_open)
		return RA_OK;
	e = slot(sb, T_ENTITY, &ne);
	a = slot(sb, T_ATTR, &na);
	if (ne == 0 || na == 0) {
		sdiag(sb, RA_C_FPERM_BAD, sb->perm_line, "<FieldPermission> "
		    "without an <EntityName> and an <AttributeName>: skipped");
		return RA_OK;
	}
	if (over(sb, ne, sb->toolong[T_ENTITY]) ||
	    over(sb, na, sb->toolong[T_ATTR])) {
		sdiag(sb, RA_C_TOOLONG, sb->perm_line, "a <FieldPermission>'s "
		    "column is over the limit of %llu bytes: skipped",
		    (unsigned long long)
		    sb->ld->ctx->limit[RA_LIMIT_NAME_LENGTH]);
		return RA_OK;
	}
	memset(&p, 0, sizeof(p));
	for (i = 0; i < RA_FR__COUNT; i++) {
		v = slot(sb, T_CAN + i, &nv);
		if (nv == 0)
			p.can[i] = -1;
		else if (nv == 1 && (*v == '4' || *v == '0'))
			p.can[i] = *v == '4';
		else {
			sdiag(sb, RA_C_FPERM_BAD, sb->perm_line, "<%s> of "
			    "%.*s.%.*s is \"%.*s\", not 4 (allowed) or 0 (not "
			    "allowed): the permission is skipped",
			    ra_fright_element((enum ra_fright)i), (int)ne, e,
			    (int)na, a, (int)(nv > 40 ? 40 : nv), v);
			return RA_OK;
		}
	}
	/* A column written twice: the first row counts. */
	ra_buf_add(&key, e, ne);
	ra_buf_add(&key, "\001", 1);
	ra_buf_add(&key, a, na);
	if (key.oom || (r = ra_nameset_add(&sb->cols, key.s, key.len)) == -1) {
		ra_buf_free(&key);
		return RA_ENOMEM;
	}
	ra_buf_free(&key);
	if (r == 0)
		return RA_OK;
	p.line = sb->perm_line;
	if ((p.entity = ra_strndup(e, ne)) == NULL ||
	    (p.attribute = ra_strndup(a, na)) == NULL ||
	    ra_grow(&sb->fsp.perm, &sb->fsp.capperm, sb->fsp.nperm + 1,
	    sizeof(*sb->fsp.perm)) == -1) {
		free(p.entity);
		free(p.attribute);
		return RA_ENOMEM;
	}
	sb->fsp.perm[sb->fsp.nperm++] = p;
	return RA_OK;
}

/* </attribute>: a secured column joins the table being read. */
static enum ra_err
attr_end(struct ra_sbuild *sb)
{
	struct ra_tbuild	*tb = sb->tb;
	const char		*c, *v;
	size_t			 nc, nv;
	int			 r;

	if (tb == NULL || !tb->open)
		return RA_OK;
	v = slot(sb, T_SECURED, &nv);
	if (!((nv == 1 && *v == '1') || (nv == 4 && ra_name_eq("true", v,
	    4))))
		return RA_OK;
	if ((c = slot(sb, T_LOGICAL, &nc)) == NULL || nc == 0) {
		nc = sb->phys.len;
		c = ra_trim(sb->phys.s ? sb->phys.s : "", &nc);
	}
	if (nc == 0 || over(sb, nc, sb->toolong[T_LOGICAL]))
		return RA_OK;
	if ((r = ra_nameset_add(&tb->secset, c, nc)) == -1)
		return RA_ENOMEM;
	if (r == 1 && ra_strlist_add(&tb->secured, &tb->nsecured, c, nc) == -1)
		return RA_ENOMEM;
	return RA_OK;
}

enum ra_err
ra_sbuild_end(struct ra_sbuild *sb)
{
	int		 k = kind_at(sb, sb->depth);
	enum ra_err	 rc = RA_OK;

	if (sb->depth == 0)
		return RA_OK;
	sb->text = 0;
	if (sb->skip)
		k = K_NONE;
	switch (k) {
	case K_APP:
		if (sb->app_open)
			rc = app_end(sb);
		break;
	case K_FSP:
		if (sb->fsp_open)
			rc = fsp_end(sb);
		break;
	case K_FPERM:
		rc = perm_end(sb);
		break;
	case K_ATTR:
		rc = attr_end(sb);
		break;
	default:
		break;
	}
	if (sb->known == sb->depth)
		sb->known--;
	if (--sb->depth == 0) {
		sb->known = 0;
		sb->skip = 0;
		sb->app_open = sb->fsp_open = 0;
	}
	return rc;
}
