/*
 * render.h - the render stage: results to bytes.  One file per format
 * (text.c, csv.c, json.c, md.c, html.c, sarif.c) and write.c, which picks
 * the renderer for ra_write_*().  jansson stays in json.c and sarif.c,
 * libxml2's serializer in html.c.  It may call analyze/, model/ and
 * base/.  Never installed.
 */
#ifndef RA_RENDER_H
#define RA_RENDER_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "analyze/analyze.h"
/* ---- render_*.c ------------------------------------------------------ */

enum ra_err	 ra_render_text(const struct ra_report *, int color, FILE *);
enum ra_err	 ra_render_csv(const struct ra_report *, FILE *);
enum ra_err	 ra_render_json(const struct ra_report *, FILE *);
enum ra_err	 ra_render_roles_text(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t, FILE *);
enum ra_err	 ra_render_roles_csv(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t, FILE *);
enum ra_err	 ra_render_roles_json(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t, FILE *);
enum ra_err	 ra_render_diff_text(const struct ra_diff *, int color, FILE *);
enum ra_err	 ra_render_diff_csv(const struct ra_diff *, FILE *);
enum ra_err	 ra_render_diff_json(const struct ra_diff *, FILE *);
enum ra_err	 ra_render_profiles_text(const struct ra_profile *const *,
		    size_t, FILE *);
enum ra_err	 ra_render_profiles_csv(const struct ra_profile *const *,
		    size_t, FILE *);
enum ra_err	 ra_render_profiles_json(const struct ra_profile *const *,
		    size_t, FILE *);
enum ra_err	 ra_render_lint_text(const struct ra_lint *, int color, FILE *);
enum ra_err	 ra_render_lint_csv(const struct ra_lint *, FILE *);
enum ra_err	 ra_render_lint_json(const struct ra_lint *, FILE *);
enum ra_err	 ra_render_combined_text(const struct ra_combined *, int color,
		    FILE *);
enum ra_err	 ra_render_combined_csv(const struct ra_combined *, FILE *);
enum ra_err	 ra_render_combined_json(const struct ra_combined *, FILE *);
enum ra_err	 ra_render_explain_text(const struct ra_explanation *, int color,
		    FILE *);
enum ra_err	 ra_render_explain_csv(const struct ra_explanation *, FILE *);
enum ra_err	 ra_render_explain_json(const struct ra_explanation *, FILE *);

/*
 * Make a CSV cell inert for spreadsheets: a cell that starts with = + - @
 * TAB or CR and is not a number gets a leading apostrophe.  Returns S or
 * a string in *TMP (free it).
 */
const char	*ra_csv_safe(const char *s, char **tmp);
/* Write one CSV record of N cells (quoted as needed, made inert). */
int		 ra_csv_write_row(FILE *, const char *const *cells, size_t n);

/*
 * Text reports (render_text.c): the header line of an input,
 * "path (kind, name version, managed, N roles)", escaped and with a
 * newline, into B (bold when COLOR); the display width of UTF-8 text.
 */
void		 ra_text_input_header(struct ra_buf *b,
		    const struct ra_solution *, int color);
size_t		 ra_text_width(const char *);


/* ---- the renderers --------------------------------------------------- */

/*
 * GENERATED is the time shown in HTML headers (seconds since the Epoch;
 * 0 leaves it out).  Each returns RA_ENOMEM or RA_EIO on failure.
 */
enum ra_err	 ra_render_html(const struct ra_report *, int64_t generated,
		    FILE *);
enum ra_err	 ra_render_diff_html(const struct ra_diff *, int64_t generated,
		    FILE *);
enum ra_err	 ra_render_matrix_html(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t,
		    int64_t generated, FILE *);
enum ra_err	 ra_render_matrix_csv(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t, FILE *);
enum ra_err	 ra_render_md(const struct ra_report *, FILE *);
enum ra_err	 ra_render_diff_md(const struct ra_diff *, FILE *);
enum ra_err	 ra_render_sarif(const struct ra_report *, FILE *);
enum ra_err	 ra_render_diff_sarif(const struct ra_diff *, FILE *);


/* ---- JSON helpers (json.c) ------------------------------------------ */

/* A JSON string (invalid UTF-8 becomes U+FFFD); NULL gives null. */
json_t		*ra_jstr(const char *);
/* {name, version} of this program. */
json_t		*ra_json_tool(void);
/* The inputs array: path, kind, sha256, solution. */
json_t		*ra_json_inputs(const struct ra_solution *const *, size_t);
/* Every diagnostic of the context. */
json_t		*ra_json_diags(const struct ra_ctx *);
/* {name, privileges, source, version, sha256} of a profile. */
json_t		*ra_json_profile(const struct ra_profile *);
/* {input, id, name, location, privileges} of a role of input SOL. */
json_t		*ra_json_role(const struct ra_role *, size_t sol);
/* The summary object of a diff: roles and privileges by kind of change. */
json_t		*ra_json_diff_summary(const struct ra_diff *);
/*
 * Write ROOT, indented, and a newline to OUT, and release ROOT; a NULL
 * ROOT means memory ran out.
 */
enum ra_err	 ra_json_dump(json_t *root, FILE *out);

#endif /* RA_RENDER_H */
