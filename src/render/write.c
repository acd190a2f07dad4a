/*
 * render.c - the public ra_write_*() entry points: pick the renderer for
 * the format.
 */
#include "render/render.h"

RA_EXPORT enum ra_err
ra_write_report(const struct ra_report *rep, const struct ra_write_opts *o,
    FILE *out)
{
	switch (o->format) {
	case RA_FORMAT_TEXT:
		return ra_render_text(rep, o->color, out);
	case RA_FORMAT_CSV:
		return ra_render_csv(rep, out);
	case RA_FORMAT_JSON:
		return ra_render_json(rep, out);
	case RA_FORMAT_HTML:
		return ra_render_html(rep, o->generated, out);
	case RA_FORMAT_MD:
		return ra_render_md(rep, out);
	case RA_FORMAT_SARIF:
		return ra_render_sarif(rep, out);
	}
	return RA_EINVAL;
}

RA_EXPORT enum ra_err
ra_write_diff(const struct ra_diff *d, const struct ra_write_opts *o,
    FILE *out)
{
	switch (o->format) {
	case RA_FORMAT_TEXT:
		return ra_render_diff_text(d, o->color, out);
	case RA_FORMAT_CSV:
		return ra_render_diff_csv(d, out);
	case RA_FORMAT_JSON:
		return ra_render_diff_json(d, out);
	case RA_FORMAT_HTML:
		return ra_render_diff_html(d, o->generated, out);
	case RA_FORMAT_MD:
		return ra_render_diff_md(d, out);
	case RA_FORMAT_SARIF:
		return ra_render_diff_sarif(d, out);
	}
	return RA_EINVAL;
}

RA_EXPORT enum ra_err
ra_write_roles(const struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, const struct ra_write_opts *o, FILE *out)
{
	switch (o->format) {
	case RA_FORMAT_TEXT:
		return ra_render_roles_text(ctx, sol, nsol, out);
	case RA_FORMAT_CSV:
		return ra_render_roles_csv(ctx, sol, nsol, out);
	case RA_FORMAT_JSON:
		return ra_render_roles_json(ctx, sol, nsol, out);
	default:
		return RA_EINVAL;
	}
}

RA_EXPORT enum ra_err
ra_write_profiles(const struct ra_profile *const *prof, size_t nprof,
    const struct ra_write_opts *o, FILE *out)
{
	switch (o->format) {
	case RA_FORMAT_TEXT:
		return ra_render_profiles_text(prof, nprof, out);
	case RA_FORMAT_CSV:
		return ra_render_profiles_csv(prof, nprof, out);
	case RA_FORMAT_JSON:
		return ra_render_profiles_json(prof, nprof, out);
	default:
		return RA_EINVAL;
	}
}

RA_EXPORT enum ra_err
ra_write_matrix(const struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, const struct ra_write_opts *o, FILE *out)
{
	if (ctx->focused || ra_solutions_lean(sol, nsol))
		return RA_EINVAL;
	switch (o->format) {
	case RA_FORMAT_CSV:
		return ra_render_matrix_csv(ctx, sol, nsol, out);
	case RA_FORMAT_HTML:
		return ra_render_matrix_html(ctx, sol, nsol, o->generated, out);
	default:
		return RA_EINVAL;
	}
}
