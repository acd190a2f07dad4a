/*
 * test_catalog.c - catalog.c: the CSV reader (records, lines, comments,
 * errors), the built-in catalog, interning and classification of unknown
 * privileges, requirement profiles and catalog overrides.
 */
#include "unit.h"

#define HEX32	"0123456789abcdef0123456789ABCDEF"

/* Per-test fixture: a fresh context in *state. */

static enum ra_err
csv(struct ra_ctx *ctx, const char *text, struct ra_csv *out)
{
	return ra_csv_parse(ctx, "t.csv", text, strlen(text), out);
}

/* Index of NAME in the context's catalog (RA_NOPRIV when unknown). */
static size_t
find(const struct ra_ctx *ctx, const char *name)
{
	return ra_catalog_find(&ctx->cat, name, strlen(name));
}

/* ---- CSV ------------------------------------------------------------- */

/* Quoted fields keep commas, newlines and doubled quotes. */
static void
test_csv_quoted(void **state)
{
	struct ra_ctx	*ctx = *state;
	struct ra_csv	 c;

	assert_int_equal(csv(ctx, "a,\"b,c\",\"line1\nline2\","
	    "\"say \"\"hi\"\"\"\nx,,z\n", &c), RA_OK);
	assert_int_equal(c.nrow, 2);
	assert_int_equal(c.row[0].nfield, 4);
	assert_string_equal(c.row[0].field[0], "a");
	assert_string_equal(c.row[0].field[1], "b,c");
	assert_string_equal(c.row[0].field[2], "line1\nline2");
	assert_string_equal(c.row[0].field[3], "say \"hi\"");
	assert_int_equal(c.row[0].line, 1);
	assert_int_equal(c.row[1].nfield, 3);
	assert_string_equal(c.row[1].field[1], "");
	assert_int_equal(c.row[1].line, 3);	/* line 2 is inside a field */
	ra_csv_free(&c);
	assert_int_equal(ra_ctx_diag_count(ctx), 0);
}

/* A UTF-8 BOM is not part of the first field; CRLF ends records. */
static void
test_csv_bom_crlf(void **state)
{
	struct ra_csv	 c;

	assert_int_equal(csv(*state, "\xef\xbb\xbfprivilege,level\r\n"
	    "prvReadAccount,Global\r\n\r\nprvWriteAccount,Basic", &c), RA_OK);
	assert_int_equal(c.nrow, 3);
	assert_string_equal(c.row[0].field[0], "privilege");
	assert_string_equal(c.row[0].field[1], "level");
	assert_string_equal(c.row[1].field[1], "Global");	/* no \r */
	assert_int_equal(c.row[1].line, 2);
	assert_string_equal(c.row[2].field[0], "prvWriteAccount");
	/* The last record has no final LF. */
	assert_string_equal(c.row[2].field[1], "Basic");
	assert_int_equal(c.row[2].line, 4);
	ra_csv_free(&c);
}

/*
 * '#' lines between records are comments and empty lines are dropped,
 * but line numbers still count them; '#' inside a record is data.
 */
static void
test_csv_comments(void **state)
{
	struct ra_csv	 c;

	assert_int_equal(csv(*state, "# comment 1\nh1,h2\n# comment, \"2\n"
	    "\n\nv1,#v2\n\"q\n# not a comment\",x\n#last", &c), RA_OK);
	assert_int_equal(c.nrow, 3);
	assert_string_equal(c.row[0].field[0], "h1");
	assert_int_equal(c.row[0].line, 2);
	assert_string_equal(c.row[1].field[1], "#v2");
	assert_int_equal(c.row[1].line, 6);
	assert_string_equal(c.row[2].field[0], "q\n# not a comment");
	assert_int_equal(c.row[2].line, 7);
	ra_csv_free(&c);
}

/* A stray quote is an error with the line it is on; nothing is kept. */
static void
test_csv_malformed_quote(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_diag	*d;
	struct ra_csv		 c;

	assert_int_equal(csv(ctx, "h1,h2\n\"ok\",1\n# c\nbad\"x,2\nmore,3\n",
	    &c), RA_ECSV);
	assert_int_equal(c.nrow, 0);
	assert_null(c.row);
	assert_non_null(d = ut_diag(ctx, RA_C_CSV));
	assert_int_equal(d->severity, RA_SEV_ERROR);
	assert_int_equal(d->line, 4);
	assert_string_equal(d->file, "t.csv");
}

/* Text after a closing quote is malformed too (strict RFC 4180). */
static void
test_csv_text_after_quote(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_diag	*d;
	struct ra_csv		 c;

	assert_int_equal(csv(ctx, "a\n\"b\nc\"d,e\n", &c), RA_ECSV);
	assert_non_null(d = ut_diag(ctx, RA_C_CSV));
	assert_int_equal(d->line, 3);
}

/* An unterminated quoted field is reported at the line it opened on. */
static void
test_csv_unterminated(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_diag	*d;
	struct ra_csv		 c;

	assert_int_equal(csv(ctx, "h\nv\n\"open\nstill open\n", &c), RA_ECSV);
	assert_non_null(d = ut_diag(ctx, RA_C_CSV));
	assert_int_equal(d->line, 3);
	assert_int_equal(c.nrow, 0);
}

/* A NUL byte is refused with its line. */
static void
test_csv_nul(void **state)
{
	static const char	 text[] = "h\nok\nbad\0byte\n";
	struct ra_ctx		*ctx = *state;
	const struct ra_diag	*d;
	struct ra_csv		 c;

	assert_int_equal(ra_csv_parse(ctx, "n.csv", text, sizeof(text) - 1,
	    &c), RA_ECSV);
	assert_non_null(d = ut_diag(ctx, RA_C_CSV));
	assert_int_equal(d->line, 3);
}

/*
 * RA_LIMIT_CSV_ROWS rows after the header pass, comments and empty lines
 * aside; the next row is refused where it starts, and nothing is kept.
 */
static void
test_csv_row_limit(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_diag	*d;
	struct ra_csv		 c;

	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_CSV_ROWS, 3), RA_OK);
	assert_int_equal(csv(ctx, "h\n1\n# c\n\n2\n3\n", &c), RA_OK);
	assert_int_equal(c.nrow, 4);
	assert_string_equal(c.row[3].field[0], "3");
	ra_csv_free(&c);
	assert_int_equal(csv(ctx, "h\n1\n# c\n\n2\n3\n\"4\n\"\n5\n", &c),
	    RA_ELIMIT);
	assert_int_equal(c.nrow, 0);
	assert_null(c.row);
	assert_non_null(d = ut_diag(ctx, RA_C_CSV_ROWS));
	assert_int_equal(d->line, 7);
	assert_string_equal(d->message, "more than 3 rows after the header, "
	    "the limit for a profile or catalog");
}

/* A profile (or, with CATALOG, a catalog) of N rows after the header. */
static char *
rows(int catalog, size_t n, size_t *len)
{
	struct ra_buf	 b = { 0 };
	size_t		 i;

	ra_buf_adds(&b, catalog ? "privilege,entity,tab,section,access\n" :
	    "privilege,level\n");
	for (i = 0; i < n; i++)
		if (catalog)
			ra_buf_printf(&b, "prvReadY%zu,Y%zu,Custom Entities,,"
			    "Read\n", i, i);
		else
			ra_buf_printf(&b, "prvReadX%zu,Basic\n", i);
	assert_false(b.oom);
	*len = b.len;
	return b.s;
}

/*
 * The default limit, 100,000 rows, with a profile and a catalog that
 * reach it (a linear load: each privilege found in constant time) and
 * one row more.
 */
static void
test_csv_row_limit_default(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p = NULL;
	char			*text;
	size_t			 len;

	assert_int_equal(ra_ctx_limit(ctx, RA_LIMIT_CSV_ROWS), 100000);
	text = rows(0, 100000, &len);
	assert_int_equal(ra_profile_load_buffer(ctx, "big", "big.csv", text,
	    len, &p), RA_OK);
	assert_int_equal(ra_profile_size(p), 100000);
	ra_profile_free(p);
	p = NULL;
	free(text);
	text = rows(0, 100001, &len);
	assert_int_equal(ra_profile_load_buffer(ctx, "big", "big.csv", text,
	    len, &p), RA_ELIMIT);
	assert_null(p);
	assert_int_equal(ut_diag(ctx, RA_C_CSV_ROWS)->line, 100002);
	free(text);
	text = rows(1, 100000, &len);
	assert_int_equal(ra_catalog_load_buffer(ctx, "c.csv", text, len),
	    RA_OK);
	assert_int_not_equal(find(ctx, "prvReadY99999"), RA_NOPRIV);
	free(text);
	text = rows(1, 100001, &len);
	assert_int_equal(ra_catalog_load_buffer(ctx, "c.csv", text, len),
	    RA_ELIMIT);
	assert_int_equal(ut_diag_n(ctx, RA_C_CSV_ROWS), 2);
	free(text);
}

/* ---- the catalog ----------------------------------------------------- */

/* Built-in rows are found case-insensitively, by the first N bytes. */
static void
test_catalog_find(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_privdef	 def;
	const struct ra_privdef	*d;
	size_t			 i;

	i = find(ctx, "prvReadAccount");
	assert_int_not_equal(i, RA_NOPRIV);
	assert_int_equal(find(ctx, "PRVREADACCOUNT"), i);
	assert_int_equal(find(ctx, "prvreadaccount"), i);
	assert_int_equal(ra_catalog_find(&ctx->cat, "prvReadAccountXYZ", 14),
	    i);
	assert_int_equal(find(ctx, "prvReadAccountX"), RA_NOPRIV);
	assert_int_equal(find(ctx, "prvReadAccoun"), RA_NOPRIV);
	assert_int_equal(find(ctx, ""), RA_NOPRIV);
	def = ut_def(ctx, i);
	d = &def;
	assert_string_equal(d->name, "prvReadAccount");
	assert_string_equal(d->entity, "Account");
	assert_int_equal(d->tab, RA_TAB_CORE);
	assert_int_equal(d->section, RA_SECTION_ENTITIES);
	assert_int_equal(d->access, RA_ACCESS_READ);
	/* A miscellaneous privilege in a section of its tab. */
	i = find(ctx, "prvSyncToOutlook");
	assert_int_not_equal(i, RA_NOPRIV);
	assert_int_equal(ctx->cat.v[i].tab, RA_TAB_BUSINESS);
	assert_int_equal(ctx->cat.v[i].section, RA_SECTION_PRIVACY);
	assert_int_equal(ctx->cat.v[i].access, RA_ACCESS_NONE);
}

/* Every built-in row is found under its own name: the index is sound. */
static void
test_catalog_all_found(void **state)
{
	struct ra_ctx	*ctx = *state;
	size_t		 i;

	assert_true(ctx->cat.n > 250);
	for (i = 0; i < ctx->cat.n; i++)
		assert_int_equal(find(ctx, ctx->cat.v[i].name), i);
}

/* Interning adds an unknown name once, at the next dense index. */
static void
test_catalog_intern(void **state)
{
	struct ra_ctx	*ctx = *state;
	size_t		 n = ctx->cat.n, i, k;

	assert_int_equal(find(ctx, "prvReadWidget"), RA_NOPRIV);
	i = ra_catalog_intern(&ctx->cat, "prvReadWidget", 13);
	assert_int_equal(i, n);
	assert_int_equal(ctx->cat.n, n + 1);
	assert_string_equal(ctx->cat.v[i].name, "prvReadWidget");
	assert_int_equal(ra_catalog_intern(&ctx->cat, "PRVREADWIDGET", 13),
	    i);
	assert_int_equal(find(ctx, "prvreadwidget"), i);
	assert_int_equal(ctx->cat.n, n + 1);
	/* A known name is not added again. */
	assert_int_equal(ra_catalog_intern(&ctx->cat, "prvReadAccount", 14),
	    find(ctx, "prvReadAccount"));
	/* Only LEN bytes count: "prvWriteWidget" of "prvWriteWidget!!". */
	k = ra_catalog_intern(&ctx->cat, "prvWriteWidget!!", 14);
	assert_int_equal(k, n + 1);
	assert_string_equal(ctx->cat.v[k].name, "prvWriteWidget");
}

/* Thousands of interned names stay findable across rehashing. */
static void
test_catalog_intern_many(void **state)
{
	struct ra_ctx	*ctx = *state;
	char		 name[64];
	size_t		 n = ctx->cat.n, i;

	for (i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "prvReadnew_t%zu", i);
		assert_int_equal(ra_catalog_intern(&ctx->cat, name,
		    strlen(name)), n + i);
	}
	for (i = 0; i < 5000; i += 7) {
		snprintf(name, sizeof(name), "PRVREADNEW_T%zu", i);
		assert_int_equal(find(ctx, name), n + i);
	}
	assert_int_not_equal(find(ctx, "prvReadAccount"), RA_NOPRIV);
}

/* Intern NAME and return what the catalog knows of it (until the next call). */
static const struct ra_privdef *
interned(struct ra_ctx *ctx, const char *name)
{
	static struct ra_privdef d;
	size_t	 i;

	i = ra_catalog_intern(&ctx->cat, name, strlen(name));
	assert_int_not_equal(i, RA_NOPRIV);
	d = ut_def(ctx, i);
	return &d;
}

/* prv<Verb><Base> with a known base takes the base's tab and entity. */
static void
test_classify_base(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_privdef	*d;

	assert_int_equal(find(ctx, "prvShareOpportunity"), RA_NOPRIV);
	d = interned(ctx, "prvShareOpportunity");
	assert_int_equal(d->tab, RA_TAB_CORE);
	assert_string_equal(d->entity, "Opportunity");
	assert_int_equal(d->access, RA_ACCESS_SHARE);
	assert_int_equal(d->section, RA_SECTION_ENTITIES);
	/* Verb and base match case-insensitively. */
	d = interned(ctx, "PRVDELETEOPPORTUNITY");
	assert_int_equal(d->access, RA_ACCESS_DELETE);
	assert_string_equal(d->entity, "Opportunity");
}

/* A publisher-prefixed table is a custom entity. */
static void
test_classify_custom(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_privdef	*d;

	d = interned(ctx, "prvReadcontoso_project");
	assert_int_equal(d->tab, RA_TAB_CUSTOM);
	assert_int_equal(d->access, RA_ACCESS_READ);
	assert_string_equal(d->entity, "contoso_project");
	d = interned(ctx, "prvWritects_thing");
	assert_int_equal(d->tab, RA_TAB_CUSTOM);
	assert_int_equal(d->access, RA_ACCESS_WRITE);
}

/* <prefix>_bpf_<32 hex> and the system process tables are BPFs. */
static void
test_classify_bpf(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_privdef	*d;

	d = interned(ctx, "prvReadnew_bpf_" HEX32);
	assert_int_equal(d->tab, RA_TAB_BPF);
	assert_int_equal(d->access, RA_ACCESS_READ);
	d = interned(ctx, "prvReadopportunitysalesprocess");
	assert_int_equal(d->tab, RA_TAB_BPF);
	d = interned(ctx, "prvAppendToPhoneToCaseProcess");
	assert_int_equal(d->tab, RA_TAB_BPF);
	assert_int_equal(d->access, RA_ACCESS_APPENDTO);
	/* 31 hex digits: only a prefixed custom table. */
	d = interned(ctx, "prvReadnew_bpf_" "0123456789abcdef0123456789abcde");
	assert_int_equal(d->tab, RA_TAB_CUSTOM);
	/* 33 hex digits: not a BPF either. */
	d = interned(ctx, "prvReadnew_bpf_" HEX32 "0");
	assert_int_equal(d->tab, RA_TAB_CUSTOM);
}

/* prv<Verb><Name> that matches nothing goes to Missing Entities. */
static void
test_classify_missing(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_privdef	*d;

	d = interned(ctx, "prvReadWidget");
	assert_int_equal(d->tab, RA_TAB_MISSING);
	assert_int_equal(d->section, RA_SECTION_ENTITIES);
	assert_int_equal(d->access, RA_ACCESS_READ);
	assert_string_equal(d->entity, "Widget");
}

/* The longer verb wins: prvAppendToX is AppendTo on X, not Append. */
static void
test_classify_appendto(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_privdef	*d;

	d = interned(ctx, "prvAppendToX");
	assert_int_equal(d->access, RA_ACCESS_APPENDTO);
	assert_string_equal(d->entity, "X");
	d = interned(ctx, "prvAppendX");
	assert_int_equal(d->access, RA_ACCESS_APPEND);
	assert_string_equal(d->entity, "X");
	d = interned(ctx, "prvAppendTocontoso_x");
	assert_int_equal(d->access, RA_ACCESS_APPENDTO);
	assert_int_equal(d->tab, RA_TAB_CUSTOM);
	assert_string_equal(d->entity, "contoso_x");
}

/* A name that is not prv<Verb><Base> is a miscellaneous privilege. */
static void
test_classify_misc(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_privdef	*d;

	d = interned(ctx, "prvFlyToTheMoon");
	assert_int_equal(d->section, RA_SECTION_MISC);
	assert_int_equal(d->access, RA_ACCESS_NONE);
	assert_int_equal(d->tab, RA_TAB_MISSING);
	assert_string_equal(d->entity, "");
	d = interned(ctx, "prvRead");	/* a verb with no base */
	assert_int_equal(d->section, RA_SECTION_MISC);
	assert_int_equal(d->access, RA_ACCESS_NONE);
}

/* ---- profiles -------------------------------------------------------- */

/* The default built-in profile: 24 rows from KB 4015092, any depth. */
static void
test_profile_builtin(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p = NULL;
	size_t			 i, sync = RA_NOPRIV;

	assert_string_equal(ra_profile_builtin(0), RA_PROFILE_DEFAULT);
	assert_null(ra_profile_builtin(1000));
	assert_int_equal(ra_profile_load(ctx, "server-side-sync", &p), RA_OK);
	assert_non_null(p);
	assert_int_equal(ra_profile_size(p), 24);
	assert_string_equal(ra_profile_name(p), "server-side-sync");
	assert_non_null(strstr(ra_profile_source(p), "KB 4015092"));
	assert_int_equal(strncmp(ra_profile_source(p), "Microsoft", 9), 0);
	for (i = 0; i < p->n; i++) {
		assert_int_equal(p->req[i].min, RA_LEVEL_BASIC);
		assert_true(p->req[i].has_tab);
		if (strcmp(ctx->cat.v[p->req[i].priv].name,
		    "prvSyncToOutlook") == 0)
			sync = i;
	}
	assert_int_not_equal(sync, RA_NOPRIV);
	assert_int_equal(p->req[sync].tab, RA_TAB_BUSINESS);
	assert_int_equal(p->req[sync].section, RA_SECTION_PRIVACY);
	assert_int_equal(ra_ctx_diag_count(ctx), 0);
	ra_profile_free(p);
}

/*
 * An unknown built-in name (no '/' or '.') is a bad argument, RA_EINVAL
 * with RA305 naming it; *out stays untouched.
 */
static void
test_profile_notfound(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p = (struct ra_profile *)&p;
	const struct ra_diag	*d;

	assert_int_equal(ra_profile_load(ctx, "nope", &p), RA_EINVAL);
	assert_ptr_equal(p, (struct ra_profile *)&p);
	assert_int_equal(ra_ctx_diag_count_sev(ctx, RA_SEV_ERROR), 1);
	assert_non_null(d = ut_diag(ctx, RA_C_PROFILE));
	assert_non_null(strstr(d->message, "\"nope\""));
	/* Built-in names are matched exactly. */
	assert_int_equal(ra_profile_load(ctx, "Server-Side-Sync", &p),
	    RA_EINVAL);
}

/* A bad level is RA_ECSV with a diagnostic on that row's line. */
static void
test_profile_bad_level(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p = (struct ra_profile *)&p;
	const struct ra_diag	*d;
	static const char	 text[] =
	    "# source: test\n"
	    "privilege,entity,min_level\n"
	    "prvReadAccount,\"Account,\nwith a newline\",Global\n"
	    "# comment\n"
	    "prvWriteAccount,Account,Everything\n";

	assert_int_equal(ra_profile_load_buffer(ctx, "bad", "bad.csv", text,
	    strlen(text), &p), RA_ECSV);
	assert_ptr_equal(p, (struct ra_profile *)&p);
	assert_non_null(d = ut_diag(ctx, RA_C_CSV_LEVEL));
	assert_int_equal(d->line, 6);
	assert_string_equal(d->file, "bad.csv");
	assert_int_equal(d->severity, RA_SEV_ERROR);
	assert_non_null(strstr(d->message, "Everything"));
}

/*
 * A profile of many bad rows: the first RA_CSV_DIAG_MAX each get a
 * diagnostic, then one line says how many more; a name over the limit
 * refuses the file at once, a usage error (RA_ELIMIT), in a profile and
 * in a catalog alike.
 */
static void
test_csv_bad_rows(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p = NULL;
	struct ra_buf		 b = { 0 };
	const struct ra_diag	*d;
	size_t			 i;

	ra_buf_adds(&b, "privilege,level\n");
	for (i = 0; i < 10; i++)
		ra_buf_printf(&b, "prvRead%zu,Bogus\n", i);
	assert_false(b.oom);
	assert_int_equal(ra_profile_load_buffer(ctx, "b", "b.csv", b.s, b.len,
	    &p), RA_ECSV);
	assert_int_equal(ut_diag_n(ctx, RA_C_CSV_LEVEL), RA_CSV_DIAG_MAX);
	assert_non_null(d = ut_diag(ctx, RA_C_CSV));
	assert_string_equal(d->message, "7 more bad rows, not printed");
	ra_diag_clear(ctx);

	b.len = 0;
	ra_buf_adds(&b, "privilege,level\nprvRead");
	for (i = 0; i < 1018; i++)
		ra_buf_adds(&b, "X");
	ra_buf_adds(&b, ",Basic\n");
	assert_false(b.oom);
	assert_int_equal(ra_profile_load_buffer(ctx, "n", "n.csv", b.s, b.len,
	    &p), RA_ELIMIT);
	assert_int_equal(ut_diag(ctx, RA_C_TOOLONG)->line, 2);
	ra_diag_clear(ctx);

	b.len = 0;
	ra_buf_adds(&b, "privilege,entity,tab,section,access,depths\n"
	    "prvRead");
	for (i = 0; i < 1018; i++)
		ra_buf_adds(&b, "X");
	ra_buf_adds(&b, ",X,Custom Entities,,Read,Basic\n");
	assert_false(b.oom);
	assert_int_equal(ra_catalog_load_buffer(ctx, "c.csv", b.s, b.len),
	    RA_ELIMIT);
	assert_int_equal(ut_diag(ctx, RA_C_TOOLONG)->line, 2);
	ra_buf_free(&b);
}

/* "None" is no requirement: refused like any unknown level. */
static void
test_profile_level_none(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p = NULL;
	static const char	 text[] = "privilege,level\n"
	    "prvReadAccount,None\n";

	assert_int_equal(ra_profile_load_buffer(ctx, "n", "n.csv", text,
	    strlen(text), &p), RA_ECSV);
	assert_int_equal(ut_diag(ctx, RA_C_CSV_LEVEL)->line, 2);
}

/*
 * Levels in either spelling, "level" as the column name, an empty level
 * meaning Basic, display columns kept.
 */
static void
test_profile_levels(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p;

	p = ut_profile(ctx, "lv", "Privilege,Entity,Tab,Section,Level\r\n"
	    "prvReadAccount,Konto,Sales,,Organization\r\n"
	    "prvWriteAccount,,,,business unit\r\n"
	    "prvDeleteAccount,,,,\r\n"
	    "prvSyncToOutlook,,Core,Privacy,Deep\r\n");
	assert_int_equal(ra_profile_size(p), 4);
	assert_int_equal(p->req[0].priv, find(ctx, "prvReadAccount"));
	assert_int_equal(p->req[0].min, RA_LEVEL_GLOBAL);
	assert_string_equal(p->req[0].entity, "Konto");
	assert_true(p->req[0].has_tab);
	assert_int_equal(p->req[0].tab, RA_TAB_SALES);
	assert_int_equal(p->req[1].min, RA_LEVEL_LOCAL);
	assert_null(p->req[1].entity);
	assert_false(p->req[1].has_tab);
	assert_int_equal(p->req[2].min, RA_LEVEL_BASIC);
	assert_int_equal(p->req[3].min, RA_LEVEL_DEEP);
	assert_int_equal(p->req[3].tab, RA_TAB_CORE);
	assert_int_equal(p->req[3].section, RA_SECTION_PRIVACY);
	assert_string_equal(ra_profile_source(p), "");
	ra_profile_free(p);
}

/* A privilege listed twice counts once, at the higher level. */
static void
test_profile_duplicate(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p;

	p = ut_profile(ctx, "d1", "privilege,min_level\n"
	    "prvReadAccount,Basic\nprvReadContact,Local\n"
	    "PRVREADACCOUNT,Global\nprvReadAccount,Local\n");
	assert_int_equal(ra_profile_size(p), 2);
	assert_int_equal(p->req[0].priv, find(ctx, "prvReadAccount"));
	assert_int_equal(p->req[0].min, RA_LEVEL_GLOBAL);
	assert_int_equal(p->req[1].min, RA_LEVEL_LOCAL);
	ra_profile_free(p);
	p = ut_profile(ctx, "d2", "privilege,min_level\n"
	    "prvReadAccount,Deep\nprvReadAccount,Basic\n");
	assert_int_equal(ra_profile_size(p), 1);
	assert_int_equal(p->req[0].min, RA_LEVEL_DEEP);
	ra_profile_free(p);
}

/* Unknown privileges in a profile are interned and classified. */
static void
test_profile_interns(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p;

	p = ut_profile(ctx, "u", "privilege\nprvReadcontoso_project\n");
	assert_int_equal(p->req[0].priv, find(ctx, "prvReadcontoso_project"));
	assert_int_equal(ctx->cat.v[p->req[0].priv].tab, RA_TAB_CUSTOM);
	ra_profile_free(p);
}

/* No "privilege" column: RA_ECSV, a header diagnostic on its line. */
static void
test_profile_no_privilege_column(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p = (struct ra_profile *)&p;
	const struct ra_diag	*d;
	static const char	 text[] = "# c\nname,min_level\nprvReadAccount,"
	    "Basic\n";

	assert_int_equal(ra_profile_load_buffer(ctx, "h", "h.csv", text,
	    strlen(text), &p), RA_ECSV);
	assert_ptr_equal(p, (struct ra_profile *)&p);
	assert_non_null(d = ut_diag(ctx, RA_C_CSV_HEADER));
	assert_int_equal(d->line, 2);
}

/* Empty file, header only, a row that is no privilege: all refused. */
static void
test_profile_empty(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p = NULL;
	const struct ra_diag	*d;

	assert_int_equal(ra_profile_load_buffer(ctx, "e", "e.csv", "", 0, &p),
	    RA_ECSV);
	assert_non_null(ut_diag(ctx, RA_C_CSV_HEADER));
	assert_int_equal(ra_profile_load_buffer(ctx, "e", "e.csv",
	    "privilege\n", 10, &p), RA_ECSV);
	assert_non_null(ut_diag(ctx, RA_C_CSV_NOPRIV));
	assert_int_equal(ra_profile_load_buffer(ctx, "e", "e2.csv",
	    "privilege\nReadAccount\n", 22, &p), RA_ECSV);
	assert_int_equal(ut_diag_n(ctx, RA_C_CSV_NOPRIV), 2);
	d = ra_ctx_diag(ctx, ra_ctx_diag_count(ctx) - 1);
	assert_int_equal(d->code, RA_C_CSV_NOPRIV);
	assert_string_equal(d->file, "e2.csv");
	assert_int_equal(d->line, 2);
	assert_null(p);
}

/* An unknown tab in a profile is RA_ECSV with its line. */
static void
test_profile_bad_tab(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p = NULL;
	static const char	 text[] = "privilege,tab\n"
	    "prvReadAccount,Sales\n"
	    "prvWriteAccount,Nowhere\n";

	assert_int_equal(ra_profile_load_buffer(ctx, "t", "t.csv", text,
	    strlen(text), &p), RA_ECSV);
	assert_int_equal(ut_diag(ctx, RA_C_CSV_TAB)->line, 3);
	assert_null(p);
}

/* A profile file: named after the file, source from "# source:". */
static void
test_profile_file(void **state)
{
	char			*dir = *state, path[UT_PATH_MAX];
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_profile	*p = NULL;

	assert_non_null(ctx);
	ut_writes(dir, "my-profile.CSV", "# source: KB 1234\r\n"
	    "privilege\r\nprvReadAccount\r\n");
	assert_int_equal(ra_profile_load(ctx, ut_join(path, dir,
	    "my-profile.CSV"), &p), RA_OK);
	assert_string_equal(ra_profile_name(p), "my-profile");
	assert_string_equal(ra_profile_source(p), "KB 1234");
	assert_int_equal(ra_profile_size(p), 1);
	ra_profile_free(p);
	p = NULL;
	assert_int_equal(ra_profile_load(ctx, ut_join(path, dir,
	    "absent.csv"), &p), RA_ENOTFOUND);
	assert_null(p);
	assert_non_null(ut_diag(ctx, RA_C_IO));
	ra_ctx_free(ctx);
}

/* A UTF-8 BOM does not hide the "# source:" line on line 1. */
static void
test_profile_source_bom(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p;
	char			 src[64];

	p = ut_profile(ctx, "bom", "\xef\xbb\xbf# source: KB 42\n"
	    "privilege\nprvReadAccount\n");
	assert_int_equal(ra_profile_size(p), 1);
	snprintf(src, sizeof(src), "%s", ra_profile_source(p));
	ra_profile_free(p);
	assert_string_equal(src, "KB 42");
}

/* A catalog row for a known privilege replaces its tab and entity. */
static void
test_catalog_override(void **state)
{
	struct ra_ctx		*ctx = *state;
	size_t			 n = ctx->cat.n;
	size_t			 i = find(ctx, "prvReadAccount");
	static const char	 text[] =
	    "privilege,entity,tab,section,access,depths\n"
	    "PRVREADACCOUNT,Kunde,Sales,,Read,Global\n"
	    "prvReadWidget,Widget,Service,Miscellaneous Privileges,,\n";

	assert_int_equal(ra_catalog_load_buffer(ctx, "over.csv", text,
	    strlen(text)), RA_OK);
	assert_int_equal(find(ctx, "prvReadAccount"), i);	/* same index */
	assert_string_equal(ctx->cat.v[i].name, "prvReadAccount");
	assert_string_equal(ut_def(ctx, i).entity, "Kunde");
	assert_int_equal(ctx->cat.v[i].tab, RA_TAB_SALES);
	assert_int_equal(ctx->cat.n, n + 1);
	i = find(ctx, "prvReadWidget");
	assert_int_equal(i, n);
	assert_int_equal(ctx->cat.v[i].tab, RA_TAB_SERVICE);
	assert_int_equal(ctx->cat.v[i].section, RA_SECTION_MISC);
	assert_int_equal(ra_ctx_diag_count(ctx), 0);
}

/* An override of an interned privilege makes it a catalog row. */
static void
test_catalog_override_interned(void **state)
{
	struct ra_ctx		*ctx = *state;
	size_t			 i;
	static const char	 text[] = "privilege,tab\n"
	    "prvReadWidget,Sales\n";

	i = ra_catalog_intern(&ctx->cat, "prvReadWidget", 13);
	assert_int_equal(ctx->cat.v[i].tab, RA_TAB_MISSING);
	assert_int_equal(ra_catalog_load_buffer(ctx, "o.csv", text,
	    strlen(text)), RA_OK);
	assert_int_equal(find(ctx, "prvReadWidget"), i);
	assert_int_equal(ctx->cat.v[i].tab, RA_TAB_SALES);
}

/* Bad catalog rows: RA_ECSV with a diagnostic per row, with its line. */
static void
test_catalog_bad_rows(void **state)
{
	struct ra_ctx		*ctx = *state;
	static const char	 text[] =
	    "privilege,entity,tab,section,access\n"
	    "prvReadX,X,Nowhere,,Read\n"
	    ",Y,Sales,,Read\n"
	    "prvReadZ,Z,Sales,,Fly\n";

	assert_int_equal(ra_catalog_load_buffer(ctx, "b.csv", text,
	    strlen(text)), RA_ECSV);
	assert_int_equal(ut_diag_n(ctx, RA_C_CSV_TAB), 2);
	assert_int_equal(ut_diag(ctx, RA_C_CSV_TAB)->line, 2);
	assert_int_equal(ra_ctx_diag(ctx, 2)->line, 4);
	assert_int_equal(ut_diag(ctx, RA_C_CSV_NOPRIV)->line, 3);
	assert_int_equal(ra_catalog_load_buffer(ctx, "h.csv", "name\nx\n", 7),
	    RA_ECSV);
	assert_non_null(ut_diag(ctx, RA_C_CSV_HEADER));
}

/* ra_ctx_load_catalog reads a file; a missing one is RA_ENOTFOUND. */
static void
test_catalog_file(void **state)
{
	char		*dir = *state, path[UT_PATH_MAX];
	struct ra_ctx	*ctx = ra_ctx_new();
	size_t		 i;

	assert_non_null(ctx);
	ut_writes(dir, "cat.csv", "privilege,tab\nprvReadAccount,Service\n");
	assert_int_equal(ra_ctx_load_catalog(ctx, ut_join(path, dir,
	    "cat.csv")), RA_OK);
	i = find(ctx, "prvReadAccount");
	assert_int_equal(ctx->cat.v[i].tab, RA_TAB_SERVICE);
	assert_int_equal(ra_ctx_load_catalog(ctx, ut_join(path, dir,
	    "none.csv")), RA_ENOTFOUND);
	assert_non_null(ut_diag(ctx, RA_C_IO));
	ra_ctx_free(ctx);
}

/* The file size limit applies to catalog files. */
static void
test_catalog_file_limit(void **state)
{
	char		*dir = *state, path[UT_PATH_MAX];
	struct ra_ctx	*ctx = ra_ctx_new();

	assert_non_null(ctx);
	ut_writes(dir, "big.csv", "privilege,tab\nprvReadAccount,Service\n");
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_FILE_SIZE, 10), RA_OK);
	assert_int_equal(ra_ctx_load_catalog(ctx, ut_join(path, dir,
	    "big.csv")), RA_ELIMIT);
	assert_non_null(ut_diag(ctx, RA_C_SIZE));
	ra_ctx_free(ctx);
}

#define CTX(t)	cmocka_unit_test_setup_teardown(t, ut_setup_ctx, ut_teardown_ctx)
#define TMP(t)	cmocka_unit_test_setup_teardown(t, ut_setup_tmp, \
		    ut_teardown_tmp)

/*
 * An interned privilege keeps no entity of its own (it is classified
 * from the name when asked); a catalog row listing it later gives it
 * one, with depths and id, under the same index.  (Every context's
 * catalog is a copy of the built-in one: test_lint reads a listed id
 * through such a copy.)
 */
static void
test_interned_then_listed(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_privdef	 d;
	static const char	 text[] =
	    "privilege,entity,tab,section,access,depths,privilegeid\n"
	    "prvReadcontoso_gadget,Gadget,Sales,,Read,Basic,"
	    "0a0b0c0d-0000-4000-8000-000000000001\n";
	size_t			 i, n;

	i = ra_catalog_intern(&ctx->cat, "prvReadcontoso_gadget", 21);
	assert_int_not_equal(i, RA_NOPRIV);
	n = ctx->cat.n;
	d = ut_def(ctx, i);
	assert_string_equal(d.entity, "contoso_gadget");
	assert_int_equal(d.tab, RA_TAB_CUSTOM);
	assert_false(d.listed);
	assert_null(d.id);
	assert_int_equal(d.depths, 0);
	assert_int_equal(ra_catalog_load_buffer(ctx, "g.csv", text,
	    strlen(text)), RA_OK);
	assert_int_equal(ctx->cat.n, n);
	assert_int_equal(find(ctx, "PRVREADCONTOSO_GADGET"), i);
	d = ut_def(ctx, i);
	assert_string_equal(d.name, "prvReadcontoso_gadget");
	assert_string_equal(d.entity, "Gadget");
	assert_int_equal(d.tab, RA_TAB_SALES);
	assert_int_equal(d.access, RA_ACCESS_READ);
	assert_int_equal(d.depths, RA_DEPTH(RA_LEVEL_BASIC));
	assert_string_equal(d.id, "0a0b0c0d-0000-4000-8000-000000000001");
	assert_true(d.listed);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		CTX(test_interned_then_listed),
		CTX(test_csv_quoted),
		CTX(test_csv_bom_crlf),
		CTX(test_csv_comments),
		CTX(test_csv_malformed_quote),
		CTX(test_csv_text_after_quote),
		CTX(test_csv_unterminated),
		CTX(test_csv_nul),
		CTX(test_csv_row_limit),
		CTX(test_csv_row_limit_default),
		CTX(test_catalog_find),
		CTX(test_catalog_all_found),
		CTX(test_catalog_intern),
		CTX(test_catalog_intern_many),
		CTX(test_classify_base),
		CTX(test_classify_custom),
		CTX(test_classify_bpf),
		CTX(test_classify_missing),
		CTX(test_classify_appendto),
		CTX(test_classify_misc),
		CTX(test_profile_builtin),
		CTX(test_profile_notfound),
		CTX(test_csv_bad_rows),
		CTX(test_profile_bad_level),
		CTX(test_profile_level_none),
		CTX(test_profile_levels),
		CTX(test_profile_duplicate),
		CTX(test_profile_interns),
		CTX(test_profile_no_privilege_column),
		CTX(test_profile_empty),
		CTX(test_profile_bad_tab),
		TMP(test_profile_file),
		CTX(test_profile_source_bom),
		CTX(test_catalog_override),
		CTX(test_catalog_override_interned),
		CTX(test_catalog_bad_rows),
		TMP(test_catalog_file),
		TMP(test_catalog_file_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
