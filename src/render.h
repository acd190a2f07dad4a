/*
 * render.h - private to the renderers and findings.c.  Never installed.
 *
 *   findings.c       the severity of each finding of check and diff, the
 *                    one definition the exit status (--fail-on), SARIF
 *                    levels and the badges of HTML and Markdown share
 *   grid.c           the security-role editor's layout of the catalog:
 *                    tabs, entity rows by access right, then sections
 *   render_html.c    HTML (libxml2 tree and serializer)
 *   render_md.c      Markdown for pull-request comments
 *   render_sarif.c   SARIF 2.1.0 (jansson)
 *
 * render.c picks the renderer; the older formats are declared in
 * internal.h.
 */
#ifndef RA_RENDER_H
#define RA_RENDER_H

#include <stdint.h>
#include <stdio.h>

#include "internal.h"

/* ---- findings.c ------------------------------------------------------ */

/*
 * Severities, documented in the man page (FINDINGS):
 *   a role lacks a privilege a profile requires            error
 *   diff: a change that matches an escalation rule         error
 *   diff: a role no longer passes a profile                error
 *   diff: a change that grants more (added role, privilege
 *         added or raised) and matches no rule             warning
 *   diff: a change that grants less, a rename, a role that
 *         now passes a profile                             note
 *   input diagnostics                                      their own
 */
#define RA_SEV_MISSING	RA_SEV_ERROR

/* "note", "warning" or "error". */
const char	*ra_severity_name(enum ra_severity);
/* One privilege change of a matched role. */
enum ra_severity ra_pdiff_severity(const struct ra_pdiff *);
/*
 * The role's own change: added (an escalation or not), removed or
 * renamed.  Only meaningful when ra_rchange_is_finding() is true.
 */
enum ra_severity ra_rchange_severity(const struct ra_rdiff *);
/* 1 for an added or removed role, or a matched one that was renamed. */
int		 ra_rchange_is_finding(const struct ra_rdiff *);
/* A profile whose verdict on the role changed. */
enum ra_severity ra_ptrans_severity(const struct ra_ptrans *);
/* The worst severity among all findings of R. */
enum ra_severity ra_rdiff_severity(const struct ra_rdiff *);

/* ---- grid.c ---------------------------------------------------------- */

/*
 * One row of the editor's layout.  In the entity grid (section
 * RA_SECTION_ENTITIES) a row is an entity and PRIV holds the catalog
 * index of each access right's privilege, RA_NOPRIV where the entity has
 * none.  In the Miscellaneous and Privacy-related sections a row is one
 * privilege, in PRIV[RA_ACCESS_NONE], and ACCESS is its access right
 * (usually RA_ACCESS_NONE).  LABEL is borrowed from the catalog or a
 * profile: the entity, else the privilege's name.
 */
struct ra_grid_row {
	enum ra_tab	 tab;
	enum ra_section	 section;
	enum ra_access	 access;
	const char	*label;
	size_t		 priv[RA_ACCESS__COUNT];
};

struct ra_grid {
	struct ra_grid_row	*row;
	size_t			 n, cap;
};

/*
 * Lay out every privilege of CAT: tabs in the editor's order, in each
 * tab the entity rows by entity name, then the Miscellaneous and the
 * Privacy-related privileges by name.  A requirement of REQ (may be
 * NULL) that names its own entity, tab or section is placed there, as
 * the text report shows it.  0, or -1 when memory runs out (GRID is then
 * freed).
 */
int		 ra_grid_build(const struct ra_catalog *,
		    const struct ra_profile *req, struct ra_grid *);
void		 ra_grid_free(struct ra_grid *);

/* The editor's name of a level: "User", ..., "Organization", "None". */
const char	*ra_level_editor_name(enum ra_level);

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

#endif /* RA_RENDER_H */
