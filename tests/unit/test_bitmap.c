/*
 * test_bitmap.c - bitmap.c: a role's privileges as depth planes or as a
 * sorted sparse set; levels, counts, what a role lacks against a
 * requirement, and iteration, the two layouts answering alike.
 */
#include "unit.h"

/* A level set is read back; other bits, even far away, stay None. */
static void
test_set_get(void **state)
{
	struct ra_bitmap	 b = { 0 };

	(void)state;
	assert_int_equal(ra_bitmap_get(&b, 0), RA_LEVEL_NONE);
	assert_int_equal(ra_bitmap_set(&b, 5, RA_LEVEL_LOCAL), 0);
	assert_int_equal(ra_bitmap_set(&b, 6, RA_LEVEL_BASIC), 0);
	assert_int_equal(ra_bitmap_set(&b, 7, RA_LEVEL_DEEP), 0);
	assert_int_equal(ra_bitmap_set(&b, 8, RA_LEVEL_GLOBAL), 0);
	assert_int_equal(ra_bitmap_get(&b, 5), RA_LEVEL_LOCAL);
	assert_int_equal(ra_bitmap_get(&b, 6), RA_LEVEL_BASIC);
	assert_int_equal(ra_bitmap_get(&b, 7), RA_LEVEL_DEEP);
	assert_int_equal(ra_bitmap_get(&b, 8), RA_LEVEL_GLOBAL);
	assert_int_equal(ra_bitmap_get(&b, 4), RA_LEVEL_NONE);
	assert_int_equal(ra_bitmap_get(&b, 9), RA_LEVEL_NONE);
	assert_int_equal(ra_bitmap_get(&b, 1000000), RA_LEVEL_NONE);
	ra_bitmap_free(&b);
	assert_null(b.w);
	assert_int_equal(b.nwords, 0);
	assert_int_equal(ra_bitmap_get(&b, 5), RA_LEVEL_NONE);
}

/* Setting None grants nothing and allocates nothing. */
static void
test_set_none(void **state)
{
	struct ra_bitmap	 b = { 0 };

	(void)state;
	assert_int_equal(ra_bitmap_set(&b, 100, RA_LEVEL_NONE), 0);
	assert_null(b.w);
	assert_int_equal(ra_bitmap_count(&b), 0);
	assert_int_equal(ra_bitmap_set(&b, 3, RA_LEVEL_DEEP), 0);
	assert_int_equal(ra_bitmap_set(&b, 3, RA_LEVEL_NONE), 0);
	assert_int_equal(ra_bitmap_get(&b, 3), RA_LEVEL_DEEP);
	ra_bitmap_free(&b);
}

/* A second grant of the same privilege keeps the higher level. */
static void
test_raise_keeps_highest(void **state)
{
	struct ra_bitmap	 b = { 0 };

	(void)state;
	ra_bitmap_set(&b, 10, RA_LEVEL_BASIC);
	ra_bitmap_set(&b, 10, RA_LEVEL_DEEP);
	assert_int_equal(ra_bitmap_get(&b, 10), RA_LEVEL_DEEP);
	ra_bitmap_set(&b, 10, RA_LEVEL_LOCAL);
	assert_int_equal(ra_bitmap_get(&b, 10), RA_LEVEL_DEEP);
	ra_bitmap_set(&b, 10, RA_LEVEL_GLOBAL);
	ra_bitmap_set(&b, 10, RA_LEVEL_BASIC);
	assert_int_equal(ra_bitmap_get(&b, 10), RA_LEVEL_GLOBAL);
	assert_int_equal(ra_bitmap_count(&b), 1);
	ra_bitmap_free(&b);
}

/* count: distinct privileges at any level, across many words. */
static void
test_count(void **state)
{
	struct ra_bitmap	 b = { 0 };

	(void)state;
	assert_int_equal(ra_bitmap_count(&b), 0);
	ra_bitmap_set(&b, 1, RA_LEVEL_BASIC);
	ra_bitmap_set(&b, 1, RA_LEVEL_GLOBAL);
	ra_bitmap_set(&b, 63, RA_LEVEL_LOCAL);
	ra_bitmap_set(&b, 64, RA_LEVEL_DEEP);
	ra_bitmap_set(&b, 70, RA_LEVEL_BASIC);
	ra_bitmap_set(&b, 5000, RA_LEVEL_GLOBAL);
	assert_int_equal(ra_bitmap_count(&b), 5);
	ra_bitmap_free(&b);
}

/* Indices past one word and past 4096 grow the planes, keeping bits. */
static void
test_large_indices(void **state)
{
	struct ra_bitmap	 b = { 0 };
	size_t			 i;

	(void)state;
	ra_bitmap_set(&b, 3, RA_LEVEL_LOCAL);
	ra_bitmap_set(&b, 65, RA_LEVEL_DEEP);
	ra_bitmap_set(&b, 4097, RA_LEVEL_GLOBAL);
	ra_bitmap_set(&b, 70000, RA_LEVEL_BASIC);
	assert_true(b.nwords * 64 > 70000);
	assert_int_equal(ra_bitmap_get(&b, 3), RA_LEVEL_LOCAL);
	assert_int_equal(ra_bitmap_get(&b, 65), RA_LEVEL_DEEP);
	assert_int_equal(ra_bitmap_get(&b, 4097), RA_LEVEL_GLOBAL);
	assert_int_equal(ra_bitmap_get(&b, 70000), RA_LEVEL_BASIC);
	assert_int_equal(ra_bitmap_get(&b, 4096), RA_LEVEL_NONE);
	assert_int_equal(ra_bitmap_get(&b, 4098), RA_LEVEL_NONE);
	assert_int_equal(ra_bitmap_get(&b, 64 + 4097), RA_LEVEL_NONE);
	/* Every plane moved: nothing else became set on the way. */
	for (i = 0; i < b.nwords * 64; i++)
		if (i != 3 && i != 65 && i != 4097 && i != 70000)
			assert_int_equal(ra_bitmap_get(&b, i), RA_LEVEL_NONE);
	assert_int_equal(ra_bitmap_count(&b), 4);
	ra_bitmap_free(&b);
}

/* The set bits of B, collected with ra_bitmap_next(), into OUT. */
static size_t
collect(const struct ra_bitmap *b, size_t *out, size_t max)
{
	size_t	 i, n = 0;

	for (i = ra_bitmap_next(b, 0); i != RA_NOPRIV;
	    i = ra_bitmap_next(b, i + 1)) {
		assert_true(n < max);
		out[n++] = i;
	}
	return n;
}

/* next walks plane 0 in order across word boundaries, then ends. */
static void
test_next(void **state)
{
	static const size_t	 set[] = { 0, 1, 63, 64, 127, 128, 200, 4095,
	    4096, 4097, 9000 };
	struct ra_bitmap	 b = { 0 };
	size_t			 got[32], i, n;

	(void)state;
	assert_int_equal(ra_bitmap_next(&b, 0), RA_NOPRIV);
	for (i = sizeof(set) / sizeof(set[0]); i-- > 0;)
		ra_bitmap_set(&b, set[i], i % 2 ? RA_LEVEL_BASIC :
		    RA_LEVEL_GLOBAL);
	n = collect(&b, got, 32);
	assert_int_equal(n, sizeof(set) / sizeof(set[0]));
	for (i = 0; i < n; i++)
		assert_int_equal(got[i], set[i]);
	assert_int_equal(ra_bitmap_next(&b, 2), 63);
	assert_int_equal(ra_bitmap_next(&b, 65), 127);
	assert_int_equal(ra_bitmap_next(&b, 129), 200);
	assert_int_equal(ra_bitmap_next(&b, 201), 4095);
	assert_int_equal(ra_bitmap_next(&b, 9000), 9000);
	assert_int_equal(ra_bitmap_next(&b, 9001), RA_NOPRIV);
	assert_int_equal(ra_bitmap_next(&b, b.nwords * 64), RA_NOPRIV);
	assert_int_equal(ra_bitmap_next(&b, b.nwords * 64 + 100), RA_NOPRIV);
	ra_bitmap_free(&b);
}

/*
 * missing: per depth plane, required & ~held.  A privilege required at
 * Local but held at Basic is missing; held higher than required is not.
 */
static void
test_missing_depths(void **state)
{
	struct ra_bitmap	 req = { 0 }, held = { 0 }, miss = { 0 };
	size_t			 got[16], n;

	(void)state;
	ra_bitmap_set(&req, 1, RA_LEVEL_LOCAL);		/* held Basic */
	ra_bitmap_set(&held, 1, RA_LEVEL_BASIC);
	ra_bitmap_set(&req, 2, RA_LEVEL_BASIC);		/* held Global */
	ra_bitmap_set(&held, 2, RA_LEVEL_GLOBAL);
	ra_bitmap_set(&req, 3, RA_LEVEL_GLOBAL);	/* held Deep */
	ra_bitmap_set(&held, 3, RA_LEVEL_DEEP);
	ra_bitmap_set(&req, 4, RA_LEVEL_DEEP);		/* held Deep */
	ra_bitmap_set(&held, 4, RA_LEVEL_DEEP);
	ra_bitmap_set(&req, 5, RA_LEVEL_BASIC);		/* not held */
	ra_bitmap_set(&held, 6, RA_LEVEL_GLOBAL);	/* not required */
	ra_bitmap_set(&req, 130, RA_LEVEL_BASIC);	/* past held's width */
	assert_int_equal(ra_bitmap_missing(&req, &held, &miss), 0);
	n = collect(&miss, got, 16);
	assert_int_equal(n, 4);
	assert_int_equal(got[0], 1);
	assert_int_equal(got[1], 3);
	assert_int_equal(got[2], 5);
	assert_int_equal(got[3], 130);
	/* The inputs are not changed. */
	assert_int_equal(ra_bitmap_get(&held, 1), RA_LEVEL_BASIC);
	assert_int_equal(ra_bitmap_get(&req, 3), RA_LEVEL_GLOBAL);
	ra_bitmap_free(&req);
	ra_bitmap_free(&held);
	ra_bitmap_free(&miss);
}

/* A held bitmap wider than the requirement is fine; all held: none. */
static void
test_missing_none(void **state)
{
	struct ra_bitmap	 req = { 0 }, held = { 0 }, miss = { 0 };

	(void)state;
	ra_bitmap_set(&req, 10, RA_LEVEL_LOCAL);
	ra_bitmap_set(&held, 10, RA_LEVEL_LOCAL);
	ra_bitmap_set(&held, 9999, RA_LEVEL_GLOBAL);
	assert_int_equal(ra_bitmap_missing(&req, &held, &miss), 0);
	assert_int_equal(ra_bitmap_next(&miss, 0), RA_NOPRIV);
	assert_int_equal(ra_bitmap_count(&miss), 0);
	ra_bitmap_free(&req);
	ra_bitmap_free(&held);
	ra_bitmap_free(&miss);
}

/*
 * The result bitmap is reused between roles: a wider earlier result is
 * cleared, not merged.
 */
static void
test_missing_reuse(void **state)
{
	struct ra_bitmap	 wide = { 0 }, narrow = { 0 }, held = { 0 };
	struct ra_bitmap	 miss = { 0 };
	size_t			 got[8];

	(void)state;
	ra_bitmap_set(&wide, 5000, RA_LEVEL_BASIC);
	ra_bitmap_set(&wide, 7, RA_LEVEL_BASIC);
	assert_int_equal(ra_bitmap_missing(&wide, &held, &miss), 0);
	assert_int_equal(collect(&miss, got, 8), 2);
	ra_bitmap_set(&narrow, 3, RA_LEVEL_LOCAL);
	ra_bitmap_set(&held, 3, RA_LEVEL_BASIC);
	assert_int_equal(ra_bitmap_missing(&narrow, &held, &miss), 0);
	assert_int_equal(collect(&miss, got, 8), 1);
	assert_int_equal(got[0], 3);
	ra_bitmap_free(&wide);
	ra_bitmap_free(&narrow);
	ra_bitmap_free(&held);
	ra_bitmap_free(&miss);
}

/*
 * An empty requirement leaves nothing missing.
 * Regression (fixed): ra_bitmap_missing() calls memset(miss->w, 0, 0) with miss->w NULL
 * when neither REQ nor MISS has words yet (bitmap.c, the memset after
 * bitmap_reserve); passing NULL to memset is undefined behaviour and
 * UBSan aborts: "null pointer passed as argument 1, which is declared to
 * never be null".  Reached from ra_check() with no profiles.
 */
static void
test_missing_empty_requirement(void **state)
{
	struct ra_bitmap	 req = { 0 }, held = { 0 }, miss = { 0 };

	(void)state;
	ra_bitmap_set(&held, 3, RA_LEVEL_BASIC);
	assert_int_equal(ra_bitmap_missing(&req, &held, &miss), 0);
	assert_int_equal(ra_bitmap_next(&miss, 0), RA_NOPRIV);
	ra_bitmap_free(&held);
	ra_bitmap_free(&miss);
}

/* Sparse: grants in any order, repeated, sealed to one entry each. */
static void
test_sparse_seal(void **state)
{
	struct ra_bitmap	 b = { 0 };

	(void)state;
	ra_bitmap_sparse(&b);
	assert_int_equal(ra_bitmap_count(&b), 0);
	assert_int_equal(ra_bitmap_next(&b, 0), RA_NOPRIV);
	assert_int_equal(ra_bitmap_set(&b, 40, RA_LEVEL_DEEP), 0);
	assert_int_equal(ra_bitmap_set(&b, 7, RA_LEVEL_BASIC), 0);
	assert_int_equal(ra_bitmap_set(&b, 40, RA_LEVEL_LOCAL), 0);
	assert_int_equal(ra_bitmap_set(&b, 7, RA_LEVEL_GLOBAL), 0);
	assert_int_equal(ra_bitmap_set(&b, 9, RA_LEVEL_NONE), 0);
	assert_int_equal(ra_bitmap_set(&b, 3, RA_LEVEL_LOCAL), 0);
	assert_int_equal(b.sorted, 0);
	ra_bitmap_seal(&b);
	assert_int_equal(ra_bitmap_count(&b), 3);
	assert_int_equal(ra_bitmap_get(&b, 3), RA_LEVEL_LOCAL);
	assert_int_equal(ra_bitmap_get(&b, 7), RA_LEVEL_GLOBAL);
	assert_int_equal(ra_bitmap_get(&b, 9), RA_LEVEL_NONE);
	assert_int_equal(ra_bitmap_get(&b, 40), RA_LEVEL_DEEP);
	assert_int_equal(ra_bitmap_get(&b, 41), RA_LEVEL_NONE);
	assert_int_equal(ra_bitmap_next(&b, 0), 3);
	assert_int_equal(ra_bitmap_next(&b, 4), 7);
	assert_int_equal(ra_bitmap_next(&b, 8), 40);
	assert_int_equal(ra_bitmap_next(&b, 41), RA_NOPRIV);
	/* Four bytes a grant: a catalog index must fit in 30 bits. */
	assert_int_equal(ra_bitmap_set(&b, (size_t)1 << 30, RA_LEVEL_BASIC),
	    -1);
	assert_int_equal(ra_bitmap_get(&b, (size_t)1 << 30), RA_LEVEL_NONE);
	ra_bitmap_free(&b);
	assert_null(b.e);
	assert_int_equal(b.sparse, 0);
}

/*
 * The layouts agree: the same pseudo-random grants (with repeats and out
 * of order) give the same levels, iteration, count, and the same answers
 * against a dense requirement.
 */
static void
test_sparse_matches_dense(void **state)
{
	struct ra_bitmap	 d = { 0 }, s = { 0 }, req = { 0 };
	struct ra_bitmap	 md = { 0 }, ms = { 0 };
	uint32_t		 x = 12345;
	size_t			 i, a, b, round;

	(void)state;
	for (round = 0; round < 20; round++) {
		ra_bitmap_sparse(&s);
		for (i = 0; i < 300; i++) {
			x = x * 1103515245u + 12345u;
			a = (x >> 8) % 700;
			b = (x >> 4) % 5;
			assert_int_equal(ra_bitmap_set(&d, a, (enum ra_level)b),
			    0);
			assert_int_equal(ra_bitmap_set(&s, a, (enum ra_level)b),
			    0);
			if (i % 7 == 0)
				ra_bitmap_set(&req, (x >> 12) % 800,
				    (enum ra_level)(1 + (x >> 20) % 4));
		}
		ra_bitmap_seal(&s);
		assert_int_equal(ra_bitmap_count(&s), ra_bitmap_count(&d));
		for (i = 0; i < 800; i++) {
			assert_int_equal(ra_bitmap_get(&s, i),
			    ra_bitmap_get(&d, i));
			assert_int_equal(ra_bitmap_next(&s, i),
			    ra_bitmap_next(&d, i));
		}
		assert_int_equal(ra_bitmap_covers(&s, &req),
		    ra_bitmap_covers(&d, &req));
		assert_int_equal(ra_bitmap_missing(&req, &s, &ms), 0);
		assert_int_equal(ra_bitmap_missing(&req, &d, &md), 0);
		for (i = 0; i < 800; i++)
			assert_int_equal(ra_bitmap_get(&ms, i),
			    ra_bitmap_get(&md, i));
		/* A requirement the role meets is covered by both. */
		ra_bitmap_free(&req);
		ra_bitmap_set(&req, ra_bitmap_next(&d, 0), RA_LEVEL_BASIC);
		assert_true(ra_bitmap_covers(&s, &req));
		assert_true(ra_bitmap_covers(&d, &req));
		ra_bitmap_free(&d);
		ra_bitmap_free(&s);
	}
	ra_bitmap_free(&req);
	ra_bitmap_free(&md);
	ra_bitmap_free(&ms);
}

/*
 * Packed sets against a reference array: sizes either side of a block
 * (64 grants), gaps from 1 to near 2^30 (the 32-bit escape), every
 * lookup, iteration and next(); sets equal by content pack to equal
 * bytes; adding to a sealed set unpacks it first.
 */
static void
test_packed(void **state)
{
	static const size_t	 sizes[] = { 1, 2, 63, 64, 65, 127, 128, 129,
	    1000 };
	static const size_t	 spans[] = { 1, 3, 200, 70000, (size_t)1 << 22 };
	size_t			*ref, n, i, z, sp, p, at;
	unsigned char		*lv;
	uint32_t		 x = 99;
	enum ra_level		 l;

	(void)state;
	assert_non_null(ref = calloc(1000, sizeof(*ref)));
	assert_non_null(lv = calloc(1000, 1));
	for (z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++)
	for (sp = 0; sp < sizeof(spans) / sizeof(spans[0]); sp++) {
		struct ra_bitmap	 a = { 0 }, b = { 0 };
		struct ra_bitmap_iter	 it;

		n = sizes[z];
		for (i = 0, p = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			/* Now and then a gap that needs the escape. */
			p += 1 + (i % 50 == 7 ? (size_t)1 << 24 :
			    (x >> 8) % spans[sp]);
			/* Below 2^30, rising: the last N - I fit after. */
			if (p > ((size_t)1 << 30) - (n - i))
				p = i == 0 ? 0 : ref[i - 1] + 1;
			ref[i] = p;
			lv[i] = (unsigned char)(1 + (x >> 20) % 4);
		}
		ra_bitmap_sparse(&a);
		ra_bitmap_sparse(&b);
		/* A backwards, B forwards: the same set. */
		for (i = n; i-- > 0;)
			assert_int_equal(ra_bitmap_set(&a, ref[i],
			    (enum ra_level)lv[i]), 0);
		for (i = 0; i < n; i++)
			assert_int_equal(ra_bitmap_set(&b, ref[i],
			    (enum ra_level)lv[i]), 0);
		assert_int_equal(ra_bitmap_seal(&a), 0);
		assert_int_equal(ra_bitmap_seal(&b), 0);
		assert_non_null(a.pk);
		assert_int_equal(ra_bitmap_count(&a), n);
		assert_true(ra_bitmap_equal(&a, &b));
		assert_int_equal(a.npk, b.npk);
		ra_bitmap_iter_init(&it, &a);
		for (i = 0; ra_bitmap_iter_next(&it, &p, &l); i++) {
			assert_true(i < n);
			assert_int_equal(p, ref[i]);
			assert_int_equal(l, lv[i]);
		}
		assert_int_equal(i, n);
		for (i = 0; i < n; i++) {
			assert_int_equal(ra_bitmap_get(&a, ref[i]), lv[i]);
			if (ref[i] > 0 && (i == 0 || ref[i - 1] != ref[i] - 1))
				assert_int_equal(ra_bitmap_get(&a, ref[i] - 1),
				    RA_LEVEL_NONE);
			at = ra_bitmap_next(&a, i == 0 ? 0 : ref[i - 1] + 1);
			assert_int_equal(at, ref[i]);
		}
		assert_int_equal(ra_bitmap_next(&a, ref[n - 1] + 1), RA_NOPRIV);
		/* The matrix's copy answers alike, from plain entries. */
		{
			struct ra_bitmap	 u;

			assert_int_equal(ra_bitmap_unpacked(&a, &u), 0);
			assert_null(u.pk);
			assert_true(ra_bitmap_equal(&a, &u));
			for (i = 0; i < n; i++)
				assert_int_equal(ra_bitmap_get(&u, ref[i]),
				    lv[i]);
			ra_bitmap_free(&u);
		}
		/* One level changed: no longer equal. */
		assert_int_equal(ra_bitmap_set(&b, ref[n / 2],
		    lv[n / 2] == 4 ? RA_LEVEL_NONE + 1 : RA_LEVEL_GLOBAL), 0);
		if (lv[n / 2] == 4) {
			/* A lower grant does not lower it: still equal. */
			assert_int_equal(ra_bitmap_seal(&b), 0);
			assert_true(ra_bitmap_equal(&a, &b));
		} else {
			assert_null(b.pk);
			assert_int_equal(ra_bitmap_seal(&b), 0);
			assert_false(ra_bitmap_equal(&a, &b));
			assert_int_equal(ra_bitmap_get(&b, ref[n / 2]),
			    RA_LEVEL_GLOBAL);
			assert_int_equal(ra_bitmap_count(&b), n);
		}
		ra_bitmap_free(&a);
		ra_bitmap_free(&b);
	}
	free(ref);
	free(lv);
}

/*
 * A shared packed set outlives the holder it came from, answers alike,
 * and compares equal at once; sets that are not packed are copied.
 */
static void
test_share(void **state)
{
	struct ra_bitmap	 a, b, c, d, e;
	size_t			 i;

	(void)state;
	memset(&a, 0, sizeof(a));
	ra_bitmap_sparse(&a);
	for (i = 0; i < 300; i++)
		assert_int_equal(ra_bitmap_set(&a, i * 7 + 3,
		    (enum ra_level)(1 + i % 4)), 0);
	assert_int_equal(ra_bitmap_seal(&a), 0);
	assert_non_null(a.pk);
	assert_int_equal(ra_bitmap_share(&b, &a), 0);
	assert_ptr_equal(b.pk, a.pk);
	assert_int_equal(ra_bitmap_share(&c, &b), 0);
	assert_true(ra_bitmap_equal(&a, &c));
	/* The first holder goes: the others still read the set. */
	ra_bitmap_free(&a);
	ra_bitmap_free(&b);
	assert_int_equal(ra_bitmap_count(&c), 300);
	for (i = 0; i < 300; i++)
		assert_int_equal(ra_bitmap_get(&c, i * 7 + 3), 1 + i % 4);
	/* Adding to a shared set unpacks a copy; the set stays. */
	assert_int_equal(ra_bitmap_share(&d, &c), 0);
	assert_int_equal(ra_bitmap_set(&d, 1, RA_LEVEL_GLOBAL), 0);
	assert_null(d.pk);
	/* Entries not yet sealed are copied, not shared. */
	assert_int_equal(ra_bitmap_share(&e, &d), 0);
	assert_non_null(e.e);
	assert_true(e.e != d.e);
	assert_int_equal(ra_bitmap_seal(&d), 0);
	assert_int_equal(ra_bitmap_seal(&e), 0);
	assert_true(ra_bitmap_equal(&e, &d));
	assert_int_equal(ra_bitmap_get(&c, 1), RA_LEVEL_NONE);
	assert_int_equal(ra_bitmap_get(&d, 1), RA_LEVEL_GLOBAL);
	assert_int_equal(ra_bitmap_count(&d), 301);
	ra_bitmap_free(&d);
	assert_int_equal(ra_bitmap_get(&e, 1), RA_LEVEL_GLOBAL);
	ra_bitmap_free(&e);
	/* Dense planes are copied. */
	memset(&d, 0, sizeof(d));
	assert_int_equal(ra_bitmap_set(&d, 70, RA_LEVEL_DEEP), 0);
	assert_int_equal(ra_bitmap_share(&e, &d), 0);
	assert_true(e.w != d.w);
	assert_int_equal(ra_bitmap_get(&e, 70), RA_LEVEL_DEEP);
	ra_bitmap_free(&d);
	ra_bitmap_free(&e);
	ra_bitmap_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_get),
		cmocka_unit_test(test_set_none),
		cmocka_unit_test(test_raise_keeps_highest),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_large_indices),
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_missing_depths),
		cmocka_unit_test(test_missing_none),
		cmocka_unit_test(test_missing_reuse),
		cmocka_unit_test(test_sparse_seal),
		cmocka_unit_test(test_sparse_matches_dense),
		cmocka_unit_test(test_packed),
		cmocka_unit_test(test_share),
		/* Last: under UBSan it aborts the program until fixed. */
		cmocka_unit_test(test_missing_empty_requirement),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
