/*
 * render.h - the render stage: results to bytes.  One file per format,
 * each rendering every kind of result it can show: text.c, csv.c,
 * json.c, md.c, sarif.c, and HTML as a page writer (html.c) with a
 * file per page (html_report.c, html_diff.c, html_matrix.c) and the
 * parts the pages share (html_parts.c).  write.c holds the one table of
 * which renderer shows which result in which format, behind the public
 * ra_write_*().  jansson stays in json.c and sarif.c (libcsv reads, in
 * model/csv.c; csv.c writes its records itself).
 * It may call analyze/, model/ and base/.  Never installed.
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
enum ra_err	 ra_render_privileges_text(const struct ra_privlist *,
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
enum ra_err	 ra_render_privileges_csv(const struct ra_privlist *,
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
enum ra_err	 ra_render_privileges_json(const struct ra_privlist *,
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
enum ra_err	 ra_render_lint_sarif(const struct ra_lint *,
		    const struct ra_write_opts *o, FILE *out);

/* Apps and column security, in every format. */
enum ra_err	 ra_render_apps_text(const struct ra_apps *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_columns_text(const struct ra_columns *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_apps_csv(const struct ra_apps *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_columns_csv(const struct ra_columns *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_apps_json(const struct ra_apps *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_columns_json(const struct ra_columns *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_apps_html(const struct ra_apps *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_columns_html(const struct ra_columns *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_apps_md(const struct ra_apps *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_columns_md(const struct ra_columns *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_apps_sarif(const struct ra_apps *,
		    const struct ra_write_opts *o, FILE *out);
enum ra_err	 ra_render_columns_sarif(const struct ra_columns *,
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
/*
 * Write ROOT as ra_json_dump() does, but with the array under KEY of
 * object PARENT (ROOT itself or an object inside it) made by NEXT(ARG,
 * i), i = 0, 1, ... until NEXT returns NULL: each element is written and
 * released before the next is made, so a report of thousands of roles
 * holds one role's JSON at a time.  INDENT is the number of blanks
 * before KEY in the indented dump (2 for a key of ROOT, 2 more per level
 * of nesting), and only PARENT may have a key at that depth before KEY.
 * The output is the same bytes as dumping the whole tree.  Releases ROOT
 * (NULL ROOT or PARENT is RA_ENOMEM).  A NULL from NEXT ends the array;
 * a caller whose NEXT can run out of memory keeps its own note of it.
 * A value known only once the array is written, in a member after it,
 * is the string RA_JSON_LATE_MARK in the tree; LATE(ARG), called after
 * the last element, gives it (taken), or NULL to leave the member out
 * (it must not be the first of its object, and it must be the last
 * string of the tree after the array: a string from the input that
 * equals the mark can only come before it).  LATE may be NULL.  A
 * mark missing from the tree, as when its string could not be made,
 * is RA_ENOMEM.
 */
#define RA_JSON_LATE_MARK	"(known once the array is written)"
enum ra_err	 ra_json_dump_streamed(json_t *root, json_t *parent,
		    const char *key, int indent,
		    json_t *(*next)(void *, size_t), json_t *(*late)(void *),
		    void *arg, FILE *out);

/* ---- SARIF (sarif.c): a run for any kind of finding ----------------- */

/*
 * A kind of finding as a SARIF rule (run.tool.driver.rules[]), which is
 * what code scanning shows at the top of an alert and groups alerts by.
 * ID is stable across versions (alerts are matched by it); NAME is
 * PascalCase; BRIEF and FULL are the short and full descriptions (plain
 * text); HELP is the help text and MARKDOWN the same as GitHub Markdown
 * (shown under the alert; NULL leaves it out); LEVEL the default level.
 * SECURITY is properties.security-severity, a score "0.1" to "10.0"
 * that code scanning shows as Low (below 4), Medium, High (7 and up) or
 * Critical (9 and up) when TAGS holds "security", or NULL for a rule
 * that is not about security; TAGS is NULL-ended (at most 10 shown).
 * Escalation and policy rules carry both, so they show as security
 * alerts.  The rules must outlive the run.
 */
/*
 * The tags of a rule about what a role should not hold (escalation,
 * policies): "security" (with a security-severity, a security alert),
 * "security-role", "least-privilege".
 */
extern const char *const ra_sarif_security_tags[];

struct ra_sarif_rule {
	const char		*id;
	const char		*name;
	const char		*brief;
	const char		*full;
	const char		*help;
	const char		*markdown;
	enum ra_severity	 level;
	const char		*security;
	const char *const	*tags;
};

/*
 * Where a result points: the input SOL, and in it ROLE (NULL: the
 * input itself) at SPAN; a SPAN of line 0 is ROLE's start tag.  WHAT is
 * the privilege (or what of the role) the result is about: with the
 * rule's id and the role's id it makes the result's fingerprint
 * roleaudit/finding/v1, which stays the same when lines move.  Use
 * ra_sarif_grant() for the span of a privilege the role holds and
 * ra_sarif_privileges_at() for one it lacks.
 */
struct ra_sarif_at {
	const struct ra_solution *sol;
	const struct ra_role	*role;
	const char		*what;
	struct ra_span		 span;
	/*
	 * The member or file of SOL the result is in when it is not ROLE's
	 * (an app's, a column security profile's), with SPAN in it; NULL:
	 * ROLE's (or SOL itself).  A result of no role is fingerprinted by
	 * the rule and WHAT alone.
	 */
	const char		*file;
};

/*
 * A run being written (opaque).  The way to write one, so that memory
 * stays flat however many results there are:
 *
 *   sf = ra_sarif_new(ctx, wo, "policy", rules, nrules);
 *   json_object_set_new(ra_sarif_props(sf), "summary", ...);
 *   for each result, in the order they will be written:
 *           ra_sarif_artifact(sf, &at);   -- lists the files first
 *   ra_sarif_write(sf, fill, arg, out);
 *
 * where FILL(SF, ARG) makes the next batch of results (a few hundred at
 * most), each by ra_sarif_result(), and returns 1, or 0 when there are
 * no more.  ra_sarif_write() writes the log (the input diagnostics of
 * CTX become results of the rule input-diagnostic, which the caller
 * lists last among RULES: ra_sarif_input_rule()) and releases SF.
 * COMMAND is the run's property "command"; ra_sarif_props() is the
 * run's properties object, for the caller's own.  RULES (NRULES) are
 * the run's, in order; they and CTX must outlive SF.  WO's sarif_root
 * makes URIs relative to it.  ra_sarif_new() returns NULL when memory
 * runs out (ra_sarif_write() of NULL is RA_ENOMEM).
 */
struct ra_sarif;

struct ra_sarif	*ra_sarif_new(const struct ra_ctx *ctx,
		    const struct ra_write_opts *wo, const char *command,
		    const struct ra_sarif_rule *const *rules, size_t nrules);
json_t		*ra_sarif_props(struct ra_sarif *);
/* The rule every run lists last, for input diagnostics. */
const struct ra_sarif_rule *ra_sarif_input_rule(void);
void		 ra_sarif_artifact(struct ra_sarif *,
		    const struct ra_sarif_at *);
/*
 * A result of RULE at LEVEL: message MSG (escape text from the input
 * with ra_sarif_msg(); a note of the zip member the line is in may be
 * appended), located at AT.  Returns the result, for the caller's
 * "properties"; it belongs to the batch.
 */
json_t		*ra_sarif_result(struct ra_sarif *,
		    const struct ra_sarif_rule *rule, enum ra_severity level,
		    struct ra_buf *msg, const struct ra_sarif_at *at);
enum ra_err	 ra_sarif_write(struct ra_sarif *,
		    int (*fill)(struct ra_sarif *, void *), void *arg,
		    FILE *out);
/* Append text from the input S to a message, escaped for SARIF. */
void		 ra_sarif_msg(struct ra_buf *, const char *s);
/*
 * The span of the <RolePrivilege> of PRIV in role R into *OUT: 1, or 0
 * when it is not known (R does not hold it, or was read without
 * locations).  Consecutive calls about one role share one lookup table.
 */
int		 ra_sarif_grant(struct ra_sarif *, const struct ra_role *r,
		    size_t priv, struct ra_span *out);
/* The span of R's <RolePrivileges> start tag, or of R's own. */
void		 ra_sarif_privileges_at(const struct ra_role *r,
		    struct ra_span *out);

/* ---- HTML: the page writer (html.c) --------------------------------- */

/*
 * A page being written, and an element of it; both opaque, so the pages
 * and their parts write through these calls alone.  Write in document
 * order: set an element's attributes right after making it, each name
 * once (the class comes from ra_html_el()), before any child; add
 * children only to the element made last or to one of its ancestors,
 * which ends every element made inside it since.  Each call writes at
 * once, so memory does not grow with the page.  A NULL element makes
 * each call a no-op.  The first failure is kept, ends the writing and is
 * returned by ra_html_end(): running out of memory, a write error, or a
 * call out of order (an element that has ended, a name the writer does
 * not know), which is a bug of the page.
 */
struct ra_html;
struct ra_html_node;

/*
 * A new page titled TITLE (from the input) for OUT: the head (charset,
 * Content-Security-Policy, inline CSS) and the start of the body.  NULL
 * when memory runs out; else finish it with ra_html_end().
 */
struct ra_html	*ra_html_new(const char *title, FILE *out);
/* The page's body. */
struct ra_html_node *ra_html_body(struct ra_html *);
/* A new last child element NAME of PARENT, of class CLS unless NULL. */
struct ra_html_node *ra_html_el(struct ra_html *, struct ra_html_node *parent,
		    const char *name, const char *cls);
/*
 * Set attribute NAME of N: VALUE is trusted text, S comes from the
 * input.  The writer escapes both for HTML (an href of an a element as a
 * URL); text from the input first has control characters, bidirectional
 * overrides and invalid UTF-8 escaped as in the text report
 * (ra_buf_add_safe()).
 */
void		 ra_html_attr(struct ra_html *, struct ra_html_node *n,
		    const char *name, const char *value);
void		 ra_html_uattr(struct ra_html *, struct ra_html_node *n,
		    const char *name, const char *s);
/*
 * N, just made, will hold more than one node (SEVERAL) or exactly one:
 * the writer need not hold its first child back until it knows, which
 * matters when that child is large (the matrix's head, a column per
 * role).  Said wrongly, it costs a line break, nothing else.
 */
void		 ra_html_expect(struct ra_html *, struct ra_html_node *n,
		    int several);
/* Append text to N: trusted, formatted (up to 255 bytes), from the input. */
void		 ra_html_text(struct ra_html *, struct ra_html_node *n,
		    const char *s);
void		 ra_html_textf(struct ra_html *, struct ra_html_node *n,
		    const char *fmt, ...) RA_PRINTF(3, 4);
void		 ra_html_utext(struct ra_html *, struct ra_html_node *n,
		    const char *s);
/* ra_html_el() and then the text S: trusted (tel) or from the input (uel). */
struct ra_html_node *ra_html_tel(struct ra_html *, struct ra_html_node *parent,
		    const char *name, const char *cls, const char *s);
struct ra_html_node *ra_html_uel(struct ra_html *, struct ra_html_node *parent,
		    const char *name, const char *cls, const char *s);
/* Memory ran out while a part of the page was being made. */
void		 ra_html_fail(struct ra_html *);
/*
 * End every element in the body and write what is buffered: a page
 * flushes before each role (and the parts written between two flushes
 * are followed by no line break).
 */
void		 ra_html_flush(struct ra_html *);
/*
 * Write the rest of the page and release it (NULL is RA_ENOMEM): RA_OK,
 * RA_EIO when writing failed, RA_ENOMEM when memory ran out, RA_EINVAL
 * for a call out of order.
 */
enum ra_err	 ra_html_end(struct ra_html *);

/* ---- HTML: what the pages share (html_parts.c) ---------------------- */

/* The title of a page about inputs SOL: "WHAT: path and N more". */
void		 ra_html_title(struct ra_buf *, const char *what,
		    const struct ra_solution *const *sol, size_t nsol);
/* A row of two-column TABLE: the heading TH, and the cell returned. */
struct ra_html_node *ra_html_meta_row(struct ra_html *,
		    struct ra_html_node *table, const char *th);
/*
 * The page's header table in the body, with its first rows: the time it
 * was GENERATED (seconds since the Epoch; 0 leaves it out) and the tool.
 * Returns the table for the page's own rows.
 */
struct ra_html_node *ra_html_meta_table(struct ra_html *, int64_t generated);
/* A thead of the N HEADS in TABLE; returns the tbody after it. */
struct ra_html_node *ra_html_thead(struct ra_html *,
		    struct ra_html_node *table, const char *const *heads,
		    size_t n);
/* The inputs table; SIDE names each input ("old", "new"), NULL numbers them. */
void		 ra_html_inputs(struct ra_html *,
		    const struct ra_solution *const *, size_t,
		    const char *const *side);
/* The context's input diagnostics as a table, when there are any. */
void		 ra_html_diags(struct ra_html *, const struct ra_ctx *);
/* The editor's circle of level L, named for tooltips and screen readers. */
void		 ra_html_circle(struct ra_html *, struct ra_html_node *parent,
		    enum ra_level l);
/* A badge of class CLS ("pass", "fail", "warning" ...) saying S. */
struct ra_html_node *ra_html_badge(struct ra_html *,
		    struct ra_html_node *parent, const char *cls,
		    const char *s);
/*
 * A cell of row TR saying where privilege PI is: "Tab" or "Tab ›
 * Section", its source in a tooltip, marked when unplaced.
 */
struct ra_html_node *ra_html_place_cell(struct ra_html *,
		    struct ra_html_node *tr, const struct ra_pinfo *pi);
/*
 * A cell of row TR with PI's display name (ra_pinfo_label()), where it
 * and the depths came from in a tooltip.
 */
struct ra_html_node *ra_html_label_cell(struct ra_html *,
		    struct ra_html_node *tr, const struct ra_pinfo *pi);
/* The mark of something no fact places, in PARENT. */
void		 ra_html_unplaced(struct ra_html *, struct ra_html_node *parent);
/*
 * The legend of the circles, and of the cell marks: MARKS 1 for a
 * report's required cells, 2 for a diff's changes, 0 for none.
 */
void		 ra_html_legend(struct ra_html *, int marks);
/* The page's footer: WHAT (the severities it uses), then the tool. */
void		 ra_html_footer(struct ra_html *, const char *what);

/*
 * What one role's grids show (ra_html_grids()): SHOWN() says whether a
 * privilege is listed (a row is listed when one of its privileges is),
 * CELL() makes the cell of a privilege as the last child of row TR (a td
 * of class "c", and its marks).  The page fills in what its two
 * callbacks read: ROLE and NEED (the check report, a level per
 * privilege), or OLD, NEW and PD (a diff, a change per privilege).
 */
struct ra_html_view {
	const struct ra_ctx	*ctx;
	const struct ra_grid	*grid;		/* ra_grid_build() */
	const char		*anchor;	/* id prefix of the tabs */
	int			(*shown)(const struct ra_html_view *,
				    size_t priv);
	void			(*cell)(struct ra_html *,
				    const struct ra_html_view *,
				    struct ra_html_node *tr, size_t priv);
	const struct ra_role	*role;
	const enum ra_level	*need;
	const struct ra_role	*old, *new;	/* NULL when added/removed */
	/* A diff's: by privilege, OLD's level | NEW's level << 4. */
	unsigned char		*levels;
	struct ra_buf		*tip, *why;	/* CELL()'s scratch */
	/*
	 * The grid rows ra_html_grids() visits, NROWS of them ascending,
	 * among them every row with a privilege SHOWN() is true of; NULL
	 * visits every row.  A page of many roles over a large catalog (a
	 * diff of 2,000 roles against a role of a million privileges)
	 * would otherwise walk the whole catalog for each role.  ROW_OF,
	 * by privilege, its row, and CAPROWS are the diff page's to keep
	 * ROWS with.
	 */
	uint32_t		*rows;
	size_t			 nrows, caprows;
	uint32_t		*row_of;
};

/*
 * The grids of one role in SEC: a bar of the editor's tabs, then for
 * each tab with anything to show its entity grid and its Miscellaneous
 * and Privacy-related privileges, as the editor lays them out.
 */
void		 ra_html_grids(struct ra_html *, const struct ra_html_view *,
		    struct ra_html_node *sec);

#endif /* RA_RENDER_H */
