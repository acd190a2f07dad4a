/*
 * write.c - the public ra_write_*() entry points.  One table says which
 * renderer shows which result in which format (a row per format, a
 * column per kind of result); each entry point looks its cell up, and an
 * empty cell, or a format that is not one, is RA_EINVAL.
 */
#include "render/render.h"

/* The renderers of one format, by kind of result; NULL: not shown so. */
struct format {
	enum ra_err	(*report)(const struct ra_report *,
			    const struct ra_write_opts *, FILE *);
	enum ra_err	(*roles)(const struct ra_ctx *,
			    const struct ra_solution *const *, size_t,
			    const struct ra_write_opts *, FILE *);
	enum ra_err	(*diff)(const struct ra_diff *,
			    const struct ra_write_opts *, FILE *);
	enum ra_err	(*profiles)(const struct ra_profile *const *, size_t,
			    FILE *);
	enum ra_err	(*matrix)(const struct ra_ctx *,
			    const struct ra_solution *const *, size_t,
			    const struct ra_write_opts *, FILE *);
	enum ra_err	(*lint)(const struct ra_lint *,
			    const struct ra_write_opts *, FILE *);
	enum ra_err	(*combined)(const struct ra_combined *,
			    const struct ra_write_opts *, FILE *);
	enum ra_err	(*explain)(const struct ra_explanation *,
			    const struct ra_write_opts *, FILE *);
	enum ra_err	(*privileges)(const struct ra_privlist *,
			    const struct ra_write_opts *, FILE *);
	enum ra_err	(*apps)(const struct ra_apps *,
			    const struct ra_write_opts *, FILE *);
	enum ra_err	(*columns)(const struct ra_columns *,
			    const struct ra_write_opts *, FILE *);
};

static const struct format formats[] = {
	[RA_FORMAT_TEXT] = {
		.report = ra_render_report_text,
		.roles = ra_render_roles_text,
		.diff = ra_render_diff_text,
		.profiles = ra_render_profiles_text,
		.lint = ra_render_lint_text,
		.combined = ra_render_combined_text,
		.explain = ra_render_explain_text,
		.privileges = ra_render_privileges_text,
		.apps = ra_render_apps_text,
		.columns = ra_render_columns_text,
	},
	[RA_FORMAT_CSV] = {
		.report = ra_render_report_csv,
		.roles = ra_render_roles_csv,
		.diff = ra_render_diff_csv,
		.profiles = ra_render_profiles_csv,
		.matrix = ra_render_matrix_csv,
		.lint = ra_render_lint_csv,
		.combined = ra_render_combined_csv,
		.explain = ra_render_explain_csv,
		.privileges = ra_render_privileges_csv,
		.apps = ra_render_apps_csv,
		.columns = ra_render_columns_csv,
	},
	[RA_FORMAT_JSON] = {
		.report = ra_render_report_json,
		.roles = ra_render_roles_json,
		.diff = ra_render_diff_json,
		.profiles = ra_render_profiles_json,
		.lint = ra_render_lint_json,
		.combined = ra_render_combined_json,
		.explain = ra_render_explain_json,
		.privileges = ra_render_privileges_json,
		.apps = ra_render_apps_json,
		.columns = ra_render_columns_json,
	},
	[RA_FORMAT_HTML] = {
		.report = ra_render_report_html,
		.diff = ra_render_diff_html,
		.matrix = ra_render_matrix_html,
		.apps = ra_render_apps_html,
		.columns = ra_render_columns_html,
	},
	[RA_FORMAT_MD] = {
		.report = ra_render_report_md,
		.diff = ra_render_diff_md,
		.apps = ra_render_apps_md,
		.columns = ra_render_columns_md,
	},
	[RA_FORMAT_SARIF] = {
		.report = ra_render_report_sarif,
		.diff = ra_render_diff_sarif,
		.apps = ra_render_apps_sarif,
		.columns = ra_render_columns_sarif,
		.lint = ra_render_lint_sarif,
	},
};

/*
 * What a result in a format that cannot show it (roles as HTML, lint
 * findings as SARIF, ...) or in no known format comes to.
 */
#define UNSUPPORTED	RA_EINVAL

/* The row of O's format; a format that is not one has an empty row. */
static const struct format *
format_of(const struct ra_write_opts *o)
{
	static const struct format	 none;

	if ((size_t)o->format >= sizeof(formats) / sizeof(formats[0]))
		return &none;
	return &formats[o->format];
}

RA_EXPORT enum ra_err
ra_write_report(const struct ra_report *rep, const struct ra_write_opts *o,
    FILE *out)
{
	const struct format	*f = format_of(o);

	return f->report != NULL ? f->report(rep, o, out) : UNSUPPORTED;
}

RA_EXPORT enum ra_err
ra_write_diff(const struct ra_diff *d, const struct ra_write_opts *o,
    FILE *out)
{
	const struct format	*f = format_of(o);

	return f->diff != NULL ? f->diff(d, o, out) : UNSUPPORTED;
}

RA_EXPORT enum ra_err
ra_write_roles(const struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, const struct ra_write_opts *o, FILE *out)
{
	const struct format	*f = format_of(o);

	return f->roles != NULL ? f->roles(ctx, sol, nsol, o, out) :
	    UNSUPPORTED;
}

RA_EXPORT enum ra_err
ra_write_profiles(const struct ra_profile *const *prof, size_t nprof,
    const struct ra_write_opts *o, FILE *out)
{
	const struct format	*f = format_of(o);

	return f->profiles != NULL ? f->profiles(prof, nprof, out) :
	    UNSUPPORTED;
}

RA_EXPORT enum ra_err
ra_write_matrix(const struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, const struct ra_write_opts *o, FILE *out)
{
	const struct format	*f = format_of(o);

	/* A focused context has forgotten privileges. */
	if (ctx->focused)
		return RA_EINVAL;
	return f->matrix != NULL ? f->matrix(ctx, sol, nsol, o, out) :
	    UNSUPPORTED;
}

RA_EXPORT enum ra_err
ra_write_lint(const struct ra_lint *ln, const struct ra_write_opts *o,
    FILE *out)
{
	const struct format	*f = format_of(o);

	return f->lint != NULL ? f->lint(ln, o, out) : UNSUPPORTED;
}

RA_EXPORT enum ra_err
ra_write_combined(const struct ra_combined *cb, const struct ra_write_opts *o,
    FILE *out)
{
	const struct format	*f = format_of(o);

	return f->combined != NULL ? f->combined(cb, o, out) : UNSUPPORTED;
}

RA_EXPORT enum ra_err
ra_write_explanation(const struct ra_explanation *x,
    const struct ra_write_opts *o, FILE *out)
{
	const struct format	*f = format_of(o);

	return f->explain != NULL ? f->explain(x, o, out) : UNSUPPORTED;
}

RA_EXPORT enum ra_err
ra_write_privileges(const struct ra_ctx *ctx, const char *const *names,
    size_t n, const struct ra_solution *const *sol, size_t nsol,
    const struct ra_write_opts *o, FILE *out)
{
	const struct format	*f = format_of(o);
	struct ra_privlist	*pl;
	enum ra_err		 rc;

	if (f->privileges == NULL)
		return UNSUPPORTED;
	if ((rc = ra_privileges_build(ctx, names, n, sol, nsol, &pl)) !=
	    RA_OK)
		return rc;
	rc = f->privileges(pl, o, out);
	ra_privileges_free(pl);
	return rc;
}

RA_EXPORT enum ra_err
ra_write_apps(const struct ra_apps *ap, const struct ra_write_opts *o,
    FILE *out)
{
	const struct format	*f = format_of(o);

	return f->apps != NULL ? f->apps(ap, o, out) : UNSUPPORTED;
}

RA_EXPORT enum ra_err
ra_write_columns(const struct ra_columns *cs, const struct ra_write_opts *o,
    FILE *out)
{
	const struct format	*f = format_of(o);

	return f->columns != NULL ? f->columns(cs, o, out) : UNSUPPORTED;
}
