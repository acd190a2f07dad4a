/*
 * test_util.c - util.c: growable buffers, name comparison, escaping of
 * untrusted text for terminals, ra_grow().
 */
#include "unit.h"

/*
 * Escape S with ra_buf_add_safe() after a prefix and compare with WANT
 * (an empty S may leave an empty buffer unallocated: the buffer's
 * contract only covers `s` once non-NULL).
 */
static void
check_safe(const char *s, const char *want)
{
	struct ra_buf	 b = { 0 };

	ra_buf_add_safe(&b, s);
	assert_false(b.oom);
	assert_int_equal(b.len, strlen(want));
	if (*want == '\0')
		assert_true(b.s == NULL || *b.s == '\0');
	else
		assert_string_equal(b.s, want);
	ra_buf_free(&b);
	ra_buf_adds(&b, ">");
	ra_buf_add_safe(&b, s);
	assert_string_equal(b.s + 1, want);
	ra_buf_free(&b);
}

/* Appends concatenate, keep `len` exact and the string NUL-terminated. */
static void
test_buf_add(void **state)
{
	struct ra_buf	 b = { 0 };

	(void)state;
	ra_buf_add(&b, "abcdef", 3);
	assert_string_equal(b.s, "abc");
	assert_int_equal(b.len, 3);
	ra_buf_adds(&b, "-xyz");
	assert_string_equal(b.s, "abc-xyz");
	assert_int_equal(b.len, 7);
	assert_true(b.cap > b.len);
	ra_buf_add(&b, "\0q", 2);	/* bytes, not a C string */
	assert_int_equal(b.len, 9);
	assert_memory_equal(b.s, "abc-xyz\0q", 10);
	ra_buf_free(&b);
	assert_null(b.s);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
}

/* An empty append still leaves a valid empty string to print. */
static void
test_buf_add_empty(void **state)
{
	struct ra_buf	 b = { 0 };

	(void)state;
	ra_buf_add(&b, "", 0);
	assert_non_null(b.s);
	assert_string_equal(b.s, "");
	assert_int_equal(b.len, 0);
	ra_buf_free(&b);
}

/* Many appends grow the buffer past its first allocations. */
static void
test_buf_grows(void **state)
{
	struct ra_buf	 b = { 0 };
	size_t		 i;

	(void)state;
	for (i = 0; i < 10000; i++)
		ra_buf_add(&b, "0123456789", 10);
	assert_false(b.oom);
	assert_int_equal(b.len, 100000);
	assert_int_equal(strlen(b.s), 100000);
	assert_memory_equal(b.s + 99990, "0123456789", 10);
	ra_buf_free(&b);
}

/* printf appends formatted text, including text longer than any guess. */
static void
test_buf_printf(void **state)
{
	struct ra_buf	 b = { 0 };
	char		 big[3000];

	(void)state;
	ra_buf_adds(&b, "x=");
	ra_buf_printf(&b, "%d:%s:%04x", 42, "ok", 0xab);
	assert_string_equal(b.s, "x=42:ok:00ab");
	assert_int_equal(b.len, 12);
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ra_buf_printf(&b, "[%s]", big);
	assert_int_equal(b.len, 12 + 2 + sizeof(big) - 1);
	assert_int_equal(b.s[b.len - 1], ']');
	assert_int_equal(b.s[b.len], '\0');
	ra_buf_free(&b);
}

/* Once an append ran out of memory, later appends are ignored (sticky). */
static void
test_buf_oom_sticky(void **state)
{
	struct ra_buf	 b = { 0 };

	(void)state;
	ra_buf_adds(&b, "keep");
	b.oom = 1;
	ra_buf_adds(&b, "lost");
	ra_buf_printf(&b, "%s", "lost");
	ra_buf_add_safe(&b, "lost");
	assert_true(b.oom);
	assert_string_equal(b.s, "keep");
	assert_int_equal(b.len, 4);
	ra_buf_free(&b);
	assert_false(b.oom);
}

/* strndup copies exactly N bytes and terminates; strdup copies all. */
static void
test_strdup(void **state)
{
	char	*s;

	(void)state;
	s = ra_strndup("abcdef", 4);
	assert_string_equal(s, "abcd");
	free(s);
	s = ra_strndup("ab", 0);
	assert_string_equal(s, "");
	free(s);
	s = ra_strdup("R\xc3\xb4le");
	assert_string_equal(s, "R\xc3\xb4le");
	free(s);
}

/*
 * namecmp: ASCII case folded first, ties broken byte-wise, so it is a
 * total order that only calls identical strings equal.
 */
static void
test_namecmp(void **state)
{
	(void)state;
	assert_int_equal(ra_namecmp("prvReadAccount", "prvReadAccount"), 0);
	assert_true(ra_namecmp("abc", "ABD") < 0);
	assert_true(ra_namecmp("ABD", "abc") > 0);
	assert_true(ra_namecmp("Zeta", "alpha") > 0);	/* strcmp says < */
	assert_true(ra_namecmp("ab", "abc") < 0);
	assert_true(ra_namecmp("abc", "AB") > 0);
	assert_true(ra_namecmp("", "a") < 0);
	/* Equal but for case: not 0, and antisymmetric. */
	assert_int_not_equal(ra_namecmp("abc", "ABC"), 0);
	assert_true((ra_namecmp("abc", "ABC") > 0) ==
	    (ra_namecmp("ABC", "abc") < 0));
	/* Case-folded order wins over byte order ('_' 0x5f between). */
	assert_true(ra_namecmp("a_b", "AZ") < 0);
	assert_true(ra_namecmp("A_B", "az") < 0);
}

/* strcaseeq: ASCII case-insensitive equality of whole strings. */
static void
test_strcaseeq(void **state)
{
	(void)state;
	assert_true(ra_strcaseeq("prvReadAccount", "PRVREADACCOUNT"));
	assert_true(ra_strcaseeq("", ""));
	assert_false(ra_strcaseeq("abc", "abcd"));
	assert_false(ra_strcaseeq("abcd", "abc"));
	assert_false(ra_strcaseeq("abc", ""));
	assert_false(ra_strcaseeq("a_b", "a-b"));
	/* Only ASCII folds: U+00C9 and U+00E9 differ. */
	assert_false(ra_strcaseeq("\xc3\x89", "\xc3\xa9"));
}

/* Printable ASCII and valid UTF-8 pass through unchanged. */
static void
test_safe_plain(void **state)
{
	(void)state;
	check_safe("", "");
	check_safe("Sales Manager (EMEA) & co.", "Sales Manager (EMEA) & co.");
	check_safe("Vertrieb \xe2\x80\x93 Au\xc3\x9f" "endienst",
	    "Vertrieb \xe2\x80\x93 Au\xc3\x9f" "endienst");
	check_safe("\xc2\xa0nbsp", "\xc2\xa0nbsp");	/* U+00A0 is text */
	check_safe("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");	/* U+1F600 */
	check_safe("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");	/* U+10FFFF */
}

/* C0 controls and DEL become \xNN: no terminal escape gets through. */
static void
test_safe_controls(void **state)
{
	(void)state;
	check_safe("\x1b[31mred", "\\x1b[31mred");
	check_safe("a\tb\nc\rd", "a\\x09b\\x0ac\\x0dd");
	check_safe("\x01\x7f", "\\x01\\x7f");
}

/* C1 controls (U+0080..U+009F, e.g. CSI U+009B) become \u00NN. */
static void
test_safe_c1(void **state)
{
	(void)state;
	check_safe("\xc2\x9b" "31m", "\\u009b31m");
	check_safe("\xc2\x80" "x\xc2\x9f", "\\u0080x\\u009f");
}

/*
 * Invalid UTF-8 is escaped byte by byte: stray continuation bytes,
 * truncated sequences, overlong forms, surrogates, values past U+10FFFF.
 */
static void
test_safe_invalid_utf8(void **state)
{
	(void)state;
	check_safe("a\xff" "b", "a\\xffb");
	check_safe("\x80", "\\x80");
	check_safe("end\xc3", "end\\xc3");		/* truncated at NUL */
	check_safe("\xe2\x82", "\\xe2\\x82");
	check_safe("\xc0\xaf", "\\xc0\\xaf");		/* overlong '/' */
	check_safe("\xe0\x80\xaf", "\\xe0\\x80\\xaf");	/* overlong */
	check_safe("\xed\xa0\x80", "\\xed\\xa0\\x80");	/* surrogate */
	check_safe("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");
	check_safe("\xf8\x88\x80\x80\x80", "\\xf8\\x88\\x80\\x80\\x80");
}

/* grow: n <= cap keeps the array; growth doubles from 8; 0 or -1. */
static void
test_grow(void **state)
{
	int	*v = NULL, *old;
	size_t	 cap = 0;

	(void)state;
	assert_int_equal(ra_grow(&v, &cap, 0, sizeof(*v)), 0);
	assert_null(v);
	assert_int_equal(cap, 0);
	assert_int_equal(ra_grow(&v, &cap, 1, sizeof(*v)), 0);
	assert_non_null(v);
	assert_int_equal(cap, 8);
	v[7] = 7;
	old = v;
	assert_int_equal(ra_grow(&v, &cap, 8, sizeof(*v)), 0);
	assert_ptr_equal(v, old);
	assert_int_equal(cap, 8);
	assert_int_equal(ra_grow(&v, &cap, 9, sizeof(*v)), 0);
	assert_int_equal(cap, 16);
	assert_int_equal(v[7], 7);		/* contents kept */
	assert_int_equal(ra_grow(&v, &cap, 100, sizeof(*v)), 0);
	assert_int_equal(cap, 128);
	free(v);
}

/* grow refuses sizes that overflow, leaving array and capacity alone. */
static void
test_grow_overflow(void **state)
{
	char	*v = NULL;
	size_t	 cap = 0;

	(void)state;
	assert_int_equal(ra_grow(&v, &cap, 16, 1), 0);
	assert_int_equal(ra_grow(&v, &cap, SIZE_MAX, 1), -1);
	assert_int_equal(cap, 16);
	assert_non_null(v);
	assert_int_equal(ra_grow(&v, &cap, SIZE_MAX / 8 + 1, 16), -1);
	assert_int_equal(cap, 16);
	v[15] = 'x';		/* still the old, valid array */
	free(v);
}

/* Arena strings: copies, NUL-terminated, across chunks, larger than one. */
static void
test_arena(void **state)
{
	struct ra_arena	 a = { 0 };
	char		*first, *p, big[100000];
	size_t		 i;

	(void)state;
	first = ra_arena_strndup(&a, "prvReadAccountX", 14);
	assert_non_null(first);
	assert_string_equal(first, "prvReadAccount");
	/* Enough names to need several chunks: the first stays put. */
	for (i = 0; i < 20000; i++) {
		p = ra_arena_strndup(&a, "abcdefghij", 1 + i % 10);
		assert_non_null(p);
		assert_int_equal(strlen(p), 1 + i % 10);
	}
	assert_true(a.nchunk > 1);
	assert_string_equal(first, "prvReadAccount");
	memset(big, 'x', sizeof(big));
	p = ra_arena_strndup(&a, big, sizeof(big));
	assert_non_null(p);
	assert_int_equal(strlen(p), sizeof(big));
	p = ra_arena_strndup(&a, "", 0);
	assert_non_null(p);
	assert_string_equal(p, "");
	ra_arena_free(&a);
	assert_int_equal(a.nchunk, 0);
	assert_null(a.chunk);
	ra_arena_free(&a);		/* empty: a no-op */
}

/* ra_sort()'s order: by KEYS[key], the key being looked up through ARG. */
struct sort_el {
	unsigned	 key, seq;
};

static int
sort_cmp(const void *a, const void *b, const void *arg)
{
	const struct sort_el	*x = a, *y = b;
	const unsigned		*keys = arg;

	return keys[x->key] < keys[y->key] ? -1 :
	    keys[x->key] > keys[y->key];
}

/*
 * ra_sort() orders by a key it reaches through its argument, keeps equal
 * keys in their order (stable), at every length around its runs of 16
 * and their merges, sorted already or not.
 */
static void
test_sort(void **state)
{
	static const size_t	 lens[] = { 0, 1, 2, 15, 16, 17, 33, 100,
	    1000, 4099 };
	unsigned		 keys[64];
	struct sort_el		*v;
	size_t			 i, k, n;
	unsigned		 r = 12345;

	(void)state;
	for (i = 0; i < 64; i++)
		keys[i] = (unsigned)(i * 37 % 11);	/* many ties */
	for (k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
		n = lens[k];
		v = calloc(n + 1, sizeof(*v));
		assert_non_null(v);
		for (i = 0; i < n; i++) {
			r = r * 1103515245 + 12345;
			v[i].key = (r >> 16) % 64;
			v[i].seq = (unsigned)i;
		}
		assert_int_equal(ra_sort(v, n, sizeof(*v), sort_cmp, keys), 0);
		for (i = 1; i < n; i++) {
			assert_true(keys[v[i - 1].key] <= keys[v[i].key]);
			if (keys[v[i - 1].key] == keys[v[i].key])
				assert_true(v[i - 1].seq < v[i].seq);
		}
		/* Again, in order already: unchanged. */
		for (i = 0; i < n; i++)
			v[i].seq = (unsigned)i;
		assert_int_equal(ra_sort(v, n, sizeof(*v), sort_cmp, keys), 0);
		for (i = 0; i < n; i++)
			assert_int_equal(v[i].seq, i);
		free(v);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_add),
		cmocka_unit_test(test_buf_add_empty),
		cmocka_unit_test(test_buf_grows),
		cmocka_unit_test(test_buf_printf),
		cmocka_unit_test(test_buf_oom_sticky),
		cmocka_unit_test(test_strdup),
		cmocka_unit_test(test_namecmp),
		cmocka_unit_test(test_strcaseeq),
		cmocka_unit_test(test_safe_plain),
		cmocka_unit_test(test_safe_controls),
		cmocka_unit_test(test_safe_c1),
		cmocka_unit_test(test_safe_invalid_utf8),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_grow_overflow),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_arena),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
