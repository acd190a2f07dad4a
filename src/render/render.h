/*
 * render.h - the render stage: results to bytes.  One file per format,
 * each rendering every kind of result it can show: text.c, csv.c,
 * json.c, html.c, md.c, sarif.c.  write.c holds the one table of which
 * renderer shows which result in which format, behind the public
 * ra_write_*().  jansson stays in json.c and sarif.c, libcsv in csv.c,
 * libxml2 in html.c.  It may call analyze/, model/ and base/.  Never
 * installed.
 */
#ifndef RA_RENDER_H
#define RA_RENDER_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "analyze/analyze.h"

/* ---- the renderers --------------------------------------------------- */

/*
 * Each writes one result to OUT in its format and returns RA_OK, RA_EIO
 * when writing fails or RA_ENOMEM when memory runs out.  O says how
 * (colour for text, the time HTML pages show as generated); renderers
 * that have no use for it ignore it.  Output is deterministic.  The
 * profiles' renderers take no options.
 */
enum ra_err	 ra_render_report_text(const struct ra_report *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_roles_text(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_profiles_text(const struct ra_profile *const *,
		    size_t, FILE *out);
enum ra_err	 ra_render_diff_text(const struct ra_diff *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_lint_text(const struct ra_lint *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_combined_text(const struct ra_combined *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_explain_text(const struct ra_explanation *,
		    const struct ra_write_opts *o, FILE *out);

enum ra_err	 ra_render_report_csv(const struct ra_report *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_roles_csv(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_profiles_csv(const struct ra_profile *const *,
		    size_t, FILE *out);
enum ra_err	 ra_render_diff_csv(const struct ra_diff *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_matrix_csv(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_lint_csv(const struct ra_lint *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_combined_csv(const struct ra_combined *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_explain_csv(const struct ra_explanation *,
		    const struct ra_write_opts *o, FILE *out);

enum ra_err	 ra_render_report_json(const struct ra_report *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_roles_json(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_profiles_json(const struct ra_profile *const *,
		    size_t, FILE *out);
enum ra_err	 ra_render_diff_json(const struct ra_diff *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_lint_json(const struct ra_lint *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_combined_json(const struct ra_combined *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_explain_json(const struct ra_explanation *,
		    const struct ra_write_opts *o, FILE *out);

enum ra_err	 ra_render_report_html(const struct ra_report *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_diff_html(const struct ra_diff *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_matrix_html(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t,
		    const struct ra_write_opts *o, FILE *out);

enum ra_err	 ra_render_report_md(const struct ra_report *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_diff_md(const struct ra_diff *,
		    const struct ra_write_opts *o, FILE *out);

enum ra_err	 ra_render_report_sarif(const struct ra_report *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_diff_sarif(const struct ra_diff *,
		    const struct ra_write_opts *o, FILE *out);

/* ---- CSV (csv.c) ----------------------------------------------------- */

/*
 * Make a CSV cell inert for spreadsheets: a cell that starts with = + - @
 * TAB or CR and is not a number gets a leading apostrophe.  Returns S or
 * a string in *TMP (free it); NULL when memory runs out.
 */
const char	*ra_csv_safe(const char *s, char **tmp);
/* Write one CSV record of N cells (quoted as needed, made inert); 0 or -1. */
int		 ra_csv_write_row(FILE *, const char *const *cells, size_t n);

/* ---- JSON (json.c), shared with sarif.c ----------------------------- */

/* The summary object of a diff: roles and privileges by kind of change. */
json_t		*ra_json_diff_summary(const struct ra_diff *);
/*
 * Write ROOT, indented, and a newline to OUT, and release ROOT; a NULL
 * ROOT means memory ran out (RA_ENOMEM).  RA_EIO when writing fails.
 */
enum ra_err	 ra_json_dump(json_t *root, FILE *out);

#endif /* RA_RENDER_H */
