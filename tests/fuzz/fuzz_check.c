/*
 * fuzz_check.c - libFuzzer target for the whole `roleaudit check` path:
 * the input is a solution (a zip, or one XML file when it does not start
 * with a zip signature) loaded with ra_solution_load_buffer(), checked
 * against the built-in server-side-sync profile, and the report rendered
 * in every format ra_write_report() knows (text also in colour).
 *
 * The input is loaded twice, each time on a fresh context: focused on the
 * profile first (ra_ctx_focus(), as `roleaudit check` does), then
 * unfocused (as `roleaudit roles` and `check --format html` do; its
 * roles are rendered in every format too).  Focusing only saves memory,
 * so both loads must give the same status and byte-identical text, CSV
 * and JSON reports; the target aborts, printing both, when they differ.
 * Other output goes to /dev/null.
 *
 * Limits are the zip target's (8 MiB a member) so bombs stay cheap.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roleaudit.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* What one load and check produced. */
struct run {
	enum ra_err	 rc;
	char		*out;	/* the reports; NULL when the load failed */
	size_t		 len;
};

/* Formats are tried from RA_FORMAT_TEXT up to the first refused one. */
#define MAX_FORMATS	16

static FILE *
sink(void)
{
	static FILE	*f;

	if (f == NULL && (f = fopen("/dev/null", "w")) == NULL)
		abort();
	return f;
}

/*
 * Render REP (or, when REP is NULL, the roles of SOL) in every format the
 * library knows: from RA_FORMAT_TEXT on until one is refused with
 * RA_EINVAL, which must not happen before RA_FORMAT_JSON.  Text is
 * rendered twice, plain and in colour.  TEXT, CSV and JSON go to OUT;
 * later formats (HTML, whose grids show every privilege a role holds, so
 * roleaudit never focuses for it) go to REST, or nowhere when it is NULL.
 */
static void
render(const struct ra_ctx *ctx, const struct ra_report *rep,
    const struct ra_solution *sol, FILE *out, FILE *rest)
{
	struct ra_write_opts	 o;
	enum ra_err		 rc;
	int			 f, color;
	FILE			*to;

	for (f = RA_FORMAT_TEXT; f < MAX_FORMATS; f++) {
		if ((to = f <= RA_FORMAT_JSON ? out : rest) == NULL)
			return;
		for (color = 0; color <= (f == RA_FORMAT_TEXT); color++) {
			memset(&o, 0, sizeof(o));
			o.format = (enum ra_format)f;
			o.color = color;
			rc = rep ? ra_write_report(rep, &o, to) :
			    ra_write_roles(ctx,
			    (const struct ra_solution *const *)&sol, 1, &o,
			    to);
			if (rc == RA_EINVAL && f > RA_FORMAT_JSON)
				return;
			if (rc != RA_OK)
				abort();
		}
	}
}

static void
check(const uint8_t *data, size_t size, int focus, struct run *r)
{
	struct ra_ctx		*ctx;
	struct ra_solution	*sol = NULL;
	struct ra_profile	*prof = NULL;
	struct ra_report	*rep = NULL;
	struct ra_check_opts	 co;
	FILE			*m;
	size_t			 i;
	char			*s;

	memset(r, 0, sizeof(*r));
	if ((ctx = ra_ctx_new()) == NULL)
		abort();
	if (ra_ctx_set_limit(ctx, RA_LIMIT_MEMBER_SIZE, 8u << 20) != RA_OK ||
	    ra_ctx_set_limit(ctx, RA_LIMIT_MEMBERS, 1000) != RA_OK ||
	    ra_ctx_set_limit(ctx, RA_LIMIT_FILE_SIZE, 8u << 20) != RA_OK)
		abort();
	if (ra_profile_load(ctx, RA_PROFILE_DEFAULT, &prof) != RA_OK)
		abort();
	if (focus && ra_ctx_focus(ctx, (const struct ra_profile *const *)&prof,
	    1) != RA_OK)
		abort();
	r->rc = ra_solution_load_buffer(ctx, "fuzz-input", data, size, &sol);
	if (r->rc == RA_OK) {
		memset(&co, 0, sizeof(co));
		if (ra_check(ctx, (const struct ra_solution *const *)&sol, 1,
		    (const struct ra_profile *const *)&prof, 1, &co, &rep) !=
		    RA_OK)
			abort();
		if (ra_report_pass_count(rep) + ra_report_fail_count(rep) !=
		    ra_solution_role_count(sol))
			abort();
		if ((m = open_memstream(&r->out, &r->len)) == NULL)
			abort();
		render(ctx, rep, sol, m, focus ? NULL : sink());
		if (fclose(m) != 0)
			abort();
		ra_report_free(rep);
		if (!focus)
			render(ctx, NULL, sol, sink(), sink());
	}
	for (i = 0; i < ra_ctx_diag_count(ctx); i++)
		if ((s = ra_diag_format(ra_ctx_diag(ctx, i))) != NULL) {
			fputs(s, sink());
			free(s);
		}
	ra_solution_free(sol);
	ra_profile_free(prof);
	ra_ctx_free(ctx);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run	 f, u;

	check(data, size, 1, &f);
	check(data, size, 0, &u);
	if (f.rc != u.rc) {
		fprintf(stderr, "fuzz_check: focused load gives \"%s\", "
		    "unfocused \"%s\"\n", ra_strerror(f.rc), ra_strerror(u.rc));
		abort();
	}
	if (f.out != NULL && (f.len != u.len || memcmp(f.out, u.out,
	    f.len) != 0)) {
		fprintf(stderr, "fuzz_check: focused and unfocused reports "
		    "differ\n--- focused\n%s\n--- unfocused\n%s\n", f.out,
		    u.out);
		abort();
	}
	free(f.out);
	free(u.out);
	return 0;
}
