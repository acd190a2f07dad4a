/*
 * test_sha256.c - sha256.c, the wrapper of nettle's SHA-256 and
 * HMAC-SHA-256: the FIPS 180-4 example vectors and the padding
 * boundaries, in whole and in odd-sized chunks; the raw digest, the
 * digest of a file; the RFC 4231 HMAC vectors.
 */
#include "unit.h"

/* Hash LEN bytes of P fed CHUNK bytes at a time (0: all at once). */
static void
hash_chunks(const void *p, size_t len, size_t chunk, char hex[65])
{
	struct ra_sha256	 s;
	const unsigned char	*b = p;
	size_t			 n;

	ra_sha256_init(&s);
	if (chunk == 0)
		chunk = len ? len : 1;
	for (; len > 0; b += n, len -= n) {
		n = len < chunk ? len : chunk;
		ra_sha256_update(&s, b, n);
	}
	ra_sha256_hex(&s, hex);
}

/* SHA-256("") */
static void
test_empty(void **state)
{
	char	 hex[65];

	(void)state;
	hash_chunks("", 0, 0, hex);
	assert_string_equal(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_int_equal(strlen(hex), 64);
}

/* SHA-256("abc"), the one-block example. */
static void
test_abc(void **state)
{
	char	 hex[65];

	(void)state;
	hash_chunks("abc", 3, 0, hex);
	assert_string_equal(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hash_chunks("abc", 3, 1, hex);
	assert_string_equal(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* The 448-bit two-block example: padding spills into a second block. */
static void
test_448bit(void **state)
{
	static const char	 msg[] =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	static const char	 want[] =
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
	char			 hex[65];
	size_t			 chunk;

	(void)state;
	assert_int_equal(strlen(msg), 56);
	for (chunk = 0; chunk <= 57; chunk++) {
		hash_chunks(msg, strlen(msg), chunk, hex);
		assert_string_equal(hex, want);
	}
}

/* One million 'a', fed in odd-sized chunks that straddle blocks. */
static void
test_million_a(void **state)
{
	static const size_t	 chunks[] = { 0, 1, 3, 7, 63, 65, 127, 4099 };
	static const char	 want[] =
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
	char			*a, hex[65];
	size_t			 i;

	(void)state;
	a = malloc(1000000);
	assert_non_null(a);
	memset(a, 'a', 1000000);
	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		hash_chunks(a, 1000000, chunks[i], hex);
		assert_string_equal(hex, want);
	}
	free(a);
}

/*
 * Lengths around the padding boundary (55, 56, 63, 64, 65, 119, 120),
 * whole and byte by byte (digests from Python's hashlib).
 */
static void
test_padding_boundaries(void **state)
{
	static const struct {
		size_t		 n;
		const char	*hex;
	} v[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9a"
		    "e9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f"
		    "590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98"
		    "e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209"
		    "f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a"
		    "41685d6ad62aa9146d301d4f17eb0ae0" },
		{ 119, "31eba51c313a5c08226adf18d4a359cf"
		    "dfd8d2e816b13f4af952f7ea6584dcfb" },
		{ 120, "2f3d335432c70b580af0e8e1b3674a7c"
		    "020d683aa5f73aaaedfdc55af904c21c" },
	};
	char	 a[120], hex[65];
	size_t	 i;

	(void)state;
	memset(a, 'a', sizeof(a));
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		hash_chunks(a, v[i].n, 0, hex);
		assert_string_equal(hex, v[i].hex);
		hash_chunks(a, v[i].n, 1, hex);
		assert_string_equal(hex, v[i].hex);
	}
}

/* All byte values (high bits set), 1 KiB, in chunks of 5. */
static void
test_binary(void **state)
{
	unsigned char	 b[1024];
	char		 hex[65];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(b); i++)
		b[i] = (unsigned char)i;
	hash_chunks(b, sizeof(b), 5, hex);
	assert_string_equal(hex,
	    "785b0751fc2c53dc14a4ce3d800e69ef9ce1009eb327ccf458afe09c242c26c9");
}

/* Zero-length updates between chunks change nothing. */
static void
test_empty_updates(void **state)
{
	struct ra_sha256	 s;
	char			 hex[65];

	(void)state;
	ra_sha256_init(&s);
	ra_sha256_update(&s, "", 0);
	ra_sha256_update(&s, "a", 1);
	ra_sha256_update(&s, "", 0);
	ra_sha256_update(&s, "bc", 2);
	ra_sha256_update(&s, "", 0);
	ra_sha256_hex(&s, hex);
	assert_string_equal(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* init resets a used context completely. */
static void
test_reinit(void **state)
{
	struct ra_sha256	 s;
	char			 hex[65];

	(void)state;
	ra_sha256_init(&s);
	ra_sha256_update(&s, "garbage that must be forgotten", 30);
	ra_sha256_hex(&s, hex);
	ra_sha256_init(&s);
	ra_sha256_update(&s, "abc", 3);
	ra_sha256_hex(&s, hex);
	assert_string_equal(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* The raw digest of "abc", byte by byte. */
static void
test_final_bytes(void **state)
{
	static const unsigned char want[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea,
		0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
		0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
		0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad
	};
	struct ra_sha256	 s;
	unsigned char		 d[32];

	(void)state;
	ra_sha256_init(&s);
	ra_sha256_update(&s, "ab", 2);
	ra_sha256_update(&s, "c", 1);
	ra_sha256_final(&s, d);
	assert_memory_equal(d, want, sizeof(want));
}

/*
 * A file larger than ra_sha256_file's 256 KiB read chunk (a million
 * 'a'), an empty file, and a missing one.
 */
static void
test_file(void **state)
{
	char	 dir[UT_PATH_MAX], p[UT_PATH_MAX], hex[65], *a;
	int	 err;

	(void)state;
	ut_mkdtemp(dir);
	a = malloc(1000000);
	assert_non_null(a);
	memset(a, 'a', 1000000);
	ut_write(dir, "a", a, 1000000);
	free(a);
	ut_write(dir, "empty", "", 0);
	assert_int_equal(ra_sha256_file(ut_join(p, dir, "a"), hex, &err),
	    RA_OK);
	assert_string_equal(hex,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	assert_int_equal(ra_sha256_file(ut_join(p, dir, "empty"), hex, &err),
	    RA_OK);
	assert_string_equal(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_int_equal(ra_sha256_file(ut_join(p, dir, "missing"), hex,
	    &err), RA_ENOTFOUND);
	assert_int_equal(err, ENOENT);
	ut_rmtree(dir);
}

/* HMAC-SHA-256 of MSG under KEY, MSG fed CHUNK bytes at a time. */
static void
hmac_chunks(const void *key, size_t keylen, const char *msg, size_t chunk,
    char hex[65])
{
	struct ra_hmac_sha256	 h;
	size_t			 len = strlen(msg), n;

	ra_hmac_sha256_init(&h, key, keylen);
	for (; len > 0; msg += n, len -= n) {
		n = len < chunk ? len : chunk;
		ra_hmac_sha256_update(&h, msg, n);
	}
	ra_hmac_sha256_hex(&h, hex);
}

/*
 * RFC 4231 test cases 1 (a 20-byte key), 2 (a key shorter than the
 * output) and 6 (a 131-byte key, hashed first), whole and in chunks of
 * 1 and 7; an empty key and message (Python's hmac module).
 */
static void
test_hmac(void **state)
{
	static const char	 case6[] =
	    "Test Using Larger Than Block-Size Key - Hash Key First";
	static const size_t	 chunks[] = { 1000, 1, 7 };
	unsigned char		 k[131];
	char			 hex[65];
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		memset(k, 0x0b, 20);
		hmac_chunks(k, 20, "Hi There", chunks[i], hex);
		assert_string_equal(hex, "b0344c61d8db38535ca8afceaf0bf12b"
		    "881dc200c9833da726e9376c2e32cff7");
		hmac_chunks("Jefe", 4, "what do ya want for nothing?",
		    chunks[i], hex);
		assert_string_equal(hex, "5bdcc146bf60754e6a042426089575c7"
		    "5a003f089d2739839dec58b964ec3843");
		memset(k, 0xaa, sizeof(k));
		hmac_chunks(k, sizeof(k), case6, chunks[i], hex);
		assert_string_equal(hex, "60e431591ee0b67f0d8a26aacbf5b77f"
		    "8e0bc6213728c5140546040f0ee37f54");
	}
	hmac_chunks(NULL, 0, "", 1, hex);
	assert_string_equal(hex, "b613679a0814d9ec772f95d778c35fc5"
	    "ff1697c493715653c6c712144292c5ad");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_abc),
		cmocka_unit_test(test_448bit),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_padding_boundaries),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_empty_updates),
		cmocka_unit_test(test_reinit),
		cmocka_unit_test(test_final_bytes),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_hmac),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
