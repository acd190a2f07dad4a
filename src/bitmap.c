/*
 * bitmap.c - a role's privileges as bit planes (see internal.h).
 *
 * Plane p (0..3) holds the privileges granted at level p+1 or higher, so
 * the level of privilege i is the number of planes with bit i set, and
 * raising a grant only ever sets bits: "a role that grants the same
 * privilege twice counts once, at its highest level" needs no extra code.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define BIT(i)		((uint64_t)1 << ((i) & 63))
#define WORD(i)		((i) >> 6)
#define PLANE(b, p)	((b)->w + (size_t)(p) * (b)->nwords)

/* Make room for privilege PRIV, keeping the planes' contents. */
static int
bitmap_reserve(struct ra_bitmap *b, size_t priv)
{
	size_t		 nw = b->nwords ? b->nwords : 1, p;
	uint64_t	*w;

	if (WORD(priv) < b->nwords)
		return 0;
	while (nw <= WORD(priv))
		nw *= 2;
	if ((w = calloc(nw * RA_PLANES, sizeof(*w))) == NULL)
		return -1;
	for (p = 0; p < RA_PLANES && b->nwords; p++)
		memcpy(w + p * nw, PLANE(b, p), b->nwords * sizeof(*w));
	free(b->w);
	b->w = w;
	b->nwords = nw;
	return 0;
}

int
ra_bitmap_set(struct ra_bitmap *b, size_t priv, enum ra_level l)
{
	int	 p;

	if (l == RA_LEVEL_NONE)
		return 0;
	if (bitmap_reserve(b, priv) == -1)
		return -1;
	for (p = 0; p < (int)l && p < RA_PLANES; p++)
		PLANE(b, p)[WORD(priv)] |= BIT(priv);
	return 0;
}

enum ra_level
ra_bitmap_get(const struct ra_bitmap *b, size_t priv)
{
	int	 p;

	if (WORD(priv) >= b->nwords)
		return RA_LEVEL_NONE;
	for (p = 0; p < RA_PLANES; p++)
		if (!(PLANE(b, p)[WORD(priv)] & BIT(priv)))
			break;
	return (enum ra_level)p;
}

size_t
ra_bitmap_count(const struct ra_bitmap *b)
{
	size_t	 i, n = 0;

	/* Plane 0 holds every privilege granted at any level. */
	for (i = 0; i < b->nwords; i++)
		n += (size_t)__builtin_popcountll(PLANE(b, 0)[i]);
	return n;
}

void
ra_bitmap_free(struct ra_bitmap *b)
{
	free(b->w);
	b->w = NULL;
	b->nwords = 0;
}

int
ra_bitmap_missing(const struct ra_bitmap *req, const struct ra_bitmap *held,
    struct ra_bitmap *miss)
{
	size_t		 i, p;
	uint64_t	 h, m;

	if (req->nwords && bitmap_reserve(miss, req->nwords * 64 - 1) == -1)
		return -1;
	if (miss->w)
		memset(miss->w, 0, miss->nwords * RA_PLANES * sizeof(*miss->w));
	for (i = 0; i < req->nwords; i++) {
		m = 0;
		for (p = 0; p < RA_PLANES; p++) {
			h = i < held->nwords ? PLANE(held, p)[i] : 0;
			m |= PLANE(req, p)[i] & ~h;
		}
		PLANE(miss, 0)[i] = m;
	}
	return 0;
}

size_t
ra_bitmap_next(const struct ra_bitmap *b, size_t i)
{
	size_t		 w = WORD(i);
	uint64_t	 m;

	if (w >= b->nwords)
		return RA_NOPRIV;
	m = b->w[w] & (~(uint64_t)0 << (i & 63));
	for (;;) {
		if (m)
			return w * 64 + (size_t)__builtin_ctzll(m);
		if (++w >= b->nwords)
			return RA_NOPRIV;
		m = b->w[w];
	}
}

int
ra_bitmap_covers(const struct ra_bitmap *held, const struct ra_bitmap *need)
{
	size_t	 i, p;

	for (p = 0; p < RA_PLANES; p++)
		for (i = 0; i < need->nwords; i++)
			if (PLANE(need, p)[i] & ~(i < held->nwords ?
			    PLANE(held, p)[i] : 0))
				return 0;
	return 1;
}
