/*
 * render.c - the public ra_write_*() entry points: pick the renderer for
 * the format.
 */
#include <stdlib.h>

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
ra_write_profiles(const struct ra_ctx *ctx, const struct ra_write_opts *o,
    FILE *out)
{
	struct ra_profile	**p = NULL;
	struct ra_ctx		 *own;
	size_t			  n = 0, cap = 0, i;
	const char		 *name;
	enum ra_err		  rc = RA_OK;

	/*
	 * Loading a profile adds its privileges to a catalog: the built-ins
	 * are read into a context of their own, and CTX stays as it is.
	 */
	(void)ctx;
	if ((own = ra_ctx_new()) == NULL)
		return RA_ENOMEM;
	for (i = 0; rc == RA_OK && (name = ra_profile_builtin(i)) != NULL;
	    i++) {
		if (ra_grow(&p, &cap, n + 1, sizeof(*p)) == -1)
			rc = RA_ENOMEM;
		else if ((rc = ra_profile_load(own, name, &p[n])) == RA_OK)
			n++;
	}
	if (rc == RA_OK)
		switch (o->format) {
		case RA_FORMAT_TEXT:
			rc = ra_render_profiles_text(
			    (const struct ra_profile *const *)p, n, out);
			break;
		case RA_FORMAT_CSV:
			rc = ra_render_profiles_csv(
			    (const struct ra_profile *const *)p, n, out);
			break;
		case RA_FORMAT_JSON:
			rc = ra_render_profiles_json(
			    (const struct ra_profile *const *)p, n, out);
			break;
		default:
			rc = RA_EINVAL;
		}
	for (i = 0; i < n; i++)
		ra_profile_free(p[i]);
	free(p);
	ra_ctx_free(own);
	return rc;
}

RA_EXPORT enum ra_err
ra_write_matrix(const struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, const struct ra_write_opts *o, FILE *out)
{
	if (ctx->focused)
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
