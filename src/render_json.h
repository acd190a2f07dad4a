/*
 * render_json.h - helpers shared by the JSON renderers (render_json.c,
 * render_explain.c, render_lint.c, render_combine.c).  Private to the
 * JSON stage: it is the only header besides those files that sees
 * jansson.
 */
#ifndef RA_RENDER_JSON_H
#define RA_RENDER_JSON_H

#include <jansson.h>

#include "internal.h"

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

#endif /* RA_RENDER_JSON_H */
