/*
 * bitmap.c - a role's privileges, in one of two layouts (see model.h).
 *
 * Dense: four bit planes as wide as the catalog.  Plane p (0..3) holds the
 * privileges granted at level p+1 or higher, so the level of privilege i
 * is the number of planes with bit i set, and raising a grant only ever
 * sets bits: "a role that grants the same privilege twice counts once, at
 * its highest level" needs no extra code.  Profiles, the focus and every
 * role of a focused load are dense: they are as wide as the profiles'
 * privileges, and checking them is word-wide bit operations.
 *
 * Sparse: a sorted array of (privilege << 2 | level - 1), four bytes a
 * grant.  Roles of an unfocused load are sparse, because there the
 * catalog grows with every distinct name of the input (a large solution
 * has hundreds of thousands) while a role holds a few hundred of them: a
 * dense role would cost the catalog's width four times over.  Grants are
 * appended in any order; ra_bitmap_seal() sorts them and keeps each
 * privilege once, at its highest level.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

#define BIT(i)		((uint64_t)1 << ((i) & 63))
#define WORD(i)		((i) >> 6)
#define PLANE(b, p)	((b)->w + (size_t)(p) * (b)->nwords)

/* Sparse entries: the privilege, then the level less one in 2 bits. */
#define ENTRY(priv, l)	((uint32_t)(priv) << 2 | (uint32_t)((l) - 1))
#define EPRIV(e)	((size_t)((e) >> 2))
#define ELEVEL(e)	((enum ra_level)(((e) & 3) + 1))
#define SPARSE_MAX	((size_t)1 << 30)	/* privileges a sparse set can name */

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

void
ra_bitmap_sparse(struct ra_bitmap *b)
{
	assert(b->w == NULL && b->ne == 0);
	b->sparse = 1;
	b->sorted = 1;
}

/* Index of the first entry of sealed sparse B for a privilege >= PRIV. */
static size_t
sparse_lower(const struct ra_bitmap *b, size_t priv)
{
	size_t	 lo = 0, hi = b->ne, mid;

	assert(b->sorted);
	if (priv >= SPARSE_MAX)
		return b->ne;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (EPRIV(b->e[mid]) < priv)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
sparse_set(struct ra_bitmap *b, size_t priv, enum ra_level l)
{
	if (priv >= SPARSE_MAX)
		return -1;
	if (b->ne == b->cape && ra_grow(&b->e, &b->cape, b->ne + 1,
	    sizeof(*b->e)) == -1)
		return -1;
	/* Out of order or repeated: ra_bitmap_seal() sorts it out. */
	if (b->ne > 0 && EPRIV(b->e[b->ne - 1]) >= priv)
		b->sorted = 0;
	b->e[b->ne++] = ENTRY(priv, l);
	return 0;
}

static int
entry_cmp(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Sort N entries: least significant byte first, as many passes as the
 * largest entry has bytes.  A role's few hundred entries sort several
 * times faster so than through qsort()'s comparisons, and every role of
 * an unfocused load is sorted.  qsort() when no scratch can be had.
 */
static void
entries_sort(uint32_t *e, size_t n)
{
	uint32_t	*tmp, *src = e, *dst, *t, max = 0;
	size_t		 cnt[256], i, sum, c;
	unsigned	 shift;

	if (n < 2)
		return;
	if ((tmp = malloc(n * sizeof(*tmp))) == NULL) {
		qsort(e, n, sizeof(*e), entry_cmp);
		return;
	}
	dst = tmp;
	for (i = 0; i < n; i++)
		if (e[i] > max)
			max = e[i];
	for (shift = 0; shift < 32 && (max >> shift) != 0; shift += 8) {
		memset(cnt, 0, sizeof(cnt));
		for (i = 0; i < n; i++)
			cnt[(src[i] >> shift) & 0xff]++;
		for (i = 0, sum = 0; i < 256; i++) {
			c = cnt[i];
			cnt[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[cnt[(src[i] >> shift) & 0xff]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	if (src != e)
		memcpy(e, src, n * sizeof(*e));
	free(tmp);
}

void
ra_bitmap_seal(struct ra_bitmap *b)
{
	uint32_t	*e;
	size_t		 i, n;

	if (!b->sparse)
		return;
	/* Grown by doubling: give back what the role does not use. */
	if (b->cape > b->ne && b->ne > 0 &&
	    (e = realloc(b->e, b->ne * sizeof(*b->e))) != NULL) {
		b->e = e;
		b->cape = b->ne;
	}
	if (b->sorted)
		return;
	entries_sort(b->e, b->ne);
	/* Equal privileges are now adjacent, highest level last. */
	for (i = 0, n = 0; i < b->ne; i++) {
		if (n > 0 && EPRIV(b->e[n - 1]) == EPRIV(b->e[i]))
			n--;
		b->e[n++] = b->e[i];
	}
	b->ne = n;
	b->sorted = 1;
}

int
ra_bitmap_set(struct ra_bitmap *b, size_t priv, enum ra_level l)
{
	int	 p;

	if (l == RA_LEVEL_NONE)
		return 0;
	if (b->sparse)
		return sparse_set(b, priv, l);
	if (bitmap_reserve(b, priv) == -1)
		return -1;
	for (p = 0; p < (int)l && p < RA_PLANES; p++)
		PLANE(b, p)[WORD(priv)] |= BIT(priv);
	return 0;
}

int
ra_bitmap_equal(const struct ra_bitmap *a, const struct ra_bitmap *b)
{
	size_t	 i, j;

	if (a->sparse && b->sparse)
		return a->ne == b->ne &&
		    (a->ne == 0 || memcmp(a->e, b->e, a->ne * sizeof(*a->e)) == 0);
	i = ra_bitmap_next(a, 0);
	j = ra_bitmap_next(b, 0);
	while (i == j && i != RA_NOPRIV) {
		if (ra_bitmap_get(a, i) != ra_bitmap_get(b, i))
			return 0;
		i = ra_bitmap_next(a, i + 1);
		j = ra_bitmap_next(b, j + 1);
	}
	return i == j;
}

enum ra_level
ra_bitmap_get(const struct ra_bitmap *b, size_t priv)
{
	size_t	 k;
	int	 p;

	if (b->sparse) {
		k = sparse_lower(b, priv);
		return k < b->ne && EPRIV(b->e[k]) == priv ?
		    ELEVEL(b->e[k]) : RA_LEVEL_NONE;
	}
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

	if (b->sparse) {
		assert(b->sorted);
		return b->ne;
	}
	/* Plane 0 holds every privilege granted at any level. */
	for (i = 0; i < b->nwords; i++)
		n += (size_t)__builtin_popcountll(PLANE(b, 0)[i]);
	return n;
}

void
ra_bitmap_free(struct ra_bitmap *b)
{
	free(b->w);
	free(b->e);
	memset(b, 0, sizeof(*b));
}

int
ra_bitmap_missing(const struct ra_bitmap *req, const struct ra_bitmap *held,
    struct ra_bitmap *miss)
{
	size_t		 i, p;
	uint64_t	 h, m;

	assert(!req->sparse && !miss->sparse);
	if (req->nwords && bitmap_reserve(miss, req->nwords * 64 - 1) == -1)
		return -1;
	if (miss->w)
		memset(miss->w, 0, miss->nwords * RA_PLANES * sizeof(*miss->w));
	if (held->sparse) {
		for (i = ra_bitmap_next(req, 0); i != RA_NOPRIV;
		    i = ra_bitmap_next(req, i + 1))
			if (ra_bitmap_get(held, i) < ra_bitmap_get(req, i))
				PLANE(miss, 0)[WORD(i)] |= BIT(i);
		return 0;
	}
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
	size_t		 w = WORD(i), k;
	uint64_t	 m;

	if (b->sparse) {
		k = sparse_lower(b, i);
		return k < b->ne ? EPRIV(b->e[k]) : RA_NOPRIV;
	}
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

	assert(!need->sparse);
	if (held->sparse) {
		for (i = ra_bitmap_next(need, 0); i != RA_NOPRIV;
		    i = ra_bitmap_next(need, i + 1))
			if (ra_bitmap_get(held, i) < ra_bitmap_get(need, i))
				return 0;
		return 1;
	}
	for (p = 0; p < RA_PLANES; p++)
		for (i = 0; i < need->nwords; i++)
			if (PLANE(need, p)[i] & ~(i < held->nwords ?
			    PLANE(held, p)[i] : 0))
				return 0;
	return 1;
}
