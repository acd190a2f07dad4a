/*
 * layout.c - where a role's grants are written (struct ra_grant_layout,
 * decided by parse/build.c), turned back into a span a grant when a
 * report asks: SARIF points each result at the <RolePrivilege> an editor
 * would change.
 *
 * A regular role stores no span of its own: its grants sorted by name,
 * folded as the layout says, are on consecutive lines from FIRST, at one
 * column, each as long as its name and level plus OVER.  So its spans
 * are made again by sorting its names once (ra_role_spans()), for the
 * one role a renderer is writing: the load pays nothing a grant.
 */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

size_t
ra_level_xml_len(enum ra_level l)
{
	switch (l) {
	case RA_LEVEL_BASIC:
	case RA_LEVEL_LOCAL:
		return 5;
	case RA_LEVEL_DEEP:
		return 4;
	case RA_LEVEL_GLOBAL:
		return 6;
	default:
		return 0;
	}
}

size_t
ra_cp_count(const char *s, size_t n)
{
	const uint64_t	 lo = 0x0101010101010101ull;
	uint64_t	 w, c;
	size_t		 i = 0, cont = 0;

	/* Eight bytes a step: a continuation byte is 10xxxxxx. */
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		c = (w >> 7) & ~(w >> 6) & lo;
		cont += (size_t)((c * lo) >> 56);
	}
	for (; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			cont++;
	return n - cont;
}

static unsigned char
fold(unsigned char c, int upper)
{
	if (upper)
		return c >= 'a' && c <= 'z' ? (unsigned char)(c - 32) : c;
	return ra_lower(c);
}

int
ra_fold_cmp(const char *a, size_t na, const char *b, size_t nb, int upper)
{
	size_t		 i = 0, n = na < nb ? na : nb;
	unsigned char	 x, y;

	/* Names share long prefixes: skip the bytes that are the same. */
	while (i < n && a[i] == b[i])
		i++;
	for (; i < n; i++) {
		x = fold((unsigned char)a[i], upper);
		y = fold((unsigned char)b[i], upper);
		if (x != y)
			return x < y ? -1 : 1;
	}
	return na < nb ? -1 : na > nb ? 1 : 0;
}

int
ra_fold_order(const char *a, size_t na, const char *b, size_t nb)
{
	size_t	 i = 0, n = na < nb ? na : nb;
	int	 lower = 0, upper = 0, k;

	while (i < n && a[i] == b[i])
		i++;
	for (; i < n && (lower == 0 || upper == 0); i++) {
		for (k = 0; k < 2; k++) {
			unsigned char	 x = fold((unsigned char)a[i], k);
			unsigned char	 y = fold((unsigned char)b[i], k);
			int		*o = k ? &upper : &lower;

			if (*o == 0 && x != y)
				*o = x < y ? -1 : 1;
		}
	}
	if (lower == 0)
		lower = na < nb ? -1 : na > nb ? 1 : 0;
	if (upper == 0)
		upper = na < nb ? -1 : na > nb ? 1 : 0;
	return (lower < 0 ? 1 : 0) | (upper < 0 ? 2 : 0);
}

static int
by_lower(const void *a, const void *b)
{
	const char	*x = ((const struct ra_grant_span *)a)->name;
	const char	*y = ((const struct ra_grant_span *)b)->name;

	return ra_fold_cmp(x, strlen(x), y, strlen(y), 0);
}

static int
by_upper(const void *a, const void *b)
{
	const char	*x = ((const struct ra_grant_span *)a)->name;
	const char	*y = ((const struct ra_grant_span *)b)->name;

	return ra_fold_cmp(x, strlen(x), y, strlen(y), 1);
}

static int
by_priv(const void *a, const void *b)
{
	size_t	 x = ((const struct ra_grant_span *)a)->priv;
	size_t	 y = ((const struct ra_grant_span *)b)->priv;

	return x < y ? -1 : x > y;
}

int
ra_role_spans(const struct ra_catalog *cat, const struct ra_role *r,
    struct ra_spans *sp)
{
	const struct ra_grant_layout	*lay = &r->lay;
	struct ra_bitmap_iter		 it;
	struct ra_grant_span		*g;
	size_t				 priv, k, n;
	enum ra_level			 l;
	const char			*name;

	sp->n = 0;
	if (lay->kind == RA_LAYOUT_NONE)
		return 0;
	n = lay->kind == RA_LAYOUT_TABLE ? lay->nat : ra_bitmap_count(&r->bits);
	if (ra_grow(&sp->v, &sp->cap, n ? n : 1, sizeof(*sp->v)) == -1)
		return -1;
	ra_bitmap_iter_init(&it, &r->bits);
	for (k = 0; k < n && ra_bitmap_iter_next(&it, &priv, &l); k++) {
		g = &sp->v[k];
		g->priv = priv;
		g->name = cat->v[priv].name;
		if (lay->kind == RA_LAYOUT_TABLE) {
			g->at.line = lay->at[4 * k];
			g->at.col = lay->at[4 * k + 1];
			g->at.endline = lay->at[4 * k + 2];
			g->at.endcol = lay->at[4 * k + 3];
			continue;
		}
		/* Regular: the level now, the line once sorted. */
		name = g->name;
		g->at.line = 0;
		g->at.col = lay->col;
		g->at.endcol = lay->over == 0 ? 0 : lay->col + lay->over +
		    ra_cp_count(name, strlen(name)) + ra_level_xml_len(l);
	}
	sp->n = k;
	if (lay->kind == RA_LAYOUT_TABLE)
		return 0;
	qsort(sp->v, sp->n, sizeof(*sp->v), lay->kind == RA_LAYOUT_UPPER ?
	    by_upper : by_lower);
	for (k = 0; k < sp->n; k++) {
		sp->v[k].at.line = lay->first + k;
		sp->v[k].at.endline = sp->v[k].at.endcol ? lay->first + k : 0;
	}
	qsort(sp->v, sp->n, sizeof(*sp->v), by_priv);
	return 0;
}

int
ra_spans_find(const struct ra_spans *sp, size_t priv, struct ra_span *out)
{
	size_t	 lo = 0, hi = sp->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sp->v[mid].priv == priv) {
			*out = sp->v[mid].at;
			return out->line > 0;
		}
		if (sp->v[mid].priv < priv)
			lo = mid + 1;
		else
			hi = mid;
	}
	memset(out, 0, sizeof(*out));
	return 0;
}

void
ra_spans_free(struct ra_spans *sp)
{
	free(sp->v);
	memset(sp, 0, sizeof(*sp));
}
