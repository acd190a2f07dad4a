/*
 * roleaudit.h - audit the security roles inside exported Dynamics 365 /
 * Dataverse solutions, offline.
 *
 * The one public header of libroleaudit.  It needs no third-party headers.
 *
 * Pipeline: a context (struct ra_ctx) holds the privilege catalog, limits
 * and the diagnostics of everything loaded through it.  Inputs are loaded
 * into solutions (struct ra_solution), requirement lists into profiles
 * (struct ra_profile); ra_check() turns solutions and profiles into a
 * report, ra_diff() turns two solutions into a diff, and the ra_write_*()
 * functions render them.
 *
 * Ownership, stated once for the whole header:
 *   - A returned non-const pointer belongs to the caller and is released
 *     with the matching _free() function.  _free(NULL) is a no-op.
 *   - A returned const pointer is borrowed; it lives as long as the object
 *     it came from.
 *   - Out-parameters come last and are left untouched on failure.
 *   - Solutions, profiles, reports and diffs borrow their context: free
 *     them before the context.  Reports and diffs also borrow the
 *     solutions and profiles they were built from.
 *
 * The library never prints and never exits.  Problems with the input are
 * recorded as diagnostics on the context (ra_ctx_diag()); the enum ra_err
 * return value says whether the call could do its job.
 *
 * A context is not safe for concurrent use from several threads.
 */
#ifndef ROLEAUDIT_H
#define ROLEAUDIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RA_VERSION	"0.1.0"
/*
 * The results a SARIF run holds by default (ra_write_opts.max_results):
 * what GitHub code scanning accepts in one run.
 */
#define RA_SARIF_MAX_RESULTS	25000

/* Status of a call. */
enum ra_err {
	RA_OK = 0,
	RA_ENOMEM,	/* out of memory */
	RA_EIO,		/* reading or writing a file failed */
	RA_EZIP,	/* not a zip, or a corrupt or unreadable zip */
	RA_EXML,	/* malformed XML */
	RA_ECSV,	/* malformed catalog or profile CSV */
	RA_ELIMIT,	/* a size, ratio or depth limit was exceeded */
	RA_EINPUT,	/* well-formed, but not what a solution contains */
	RA_ENOTFOUND,	/* no such file, or it cannot be opened */
	RA_EINVAL	/* bad argument from the caller */
};

/* Depth of a privilege, ordered: a higher value includes the lower ones. */
enum ra_level {
	RA_LEVEL_NONE = 0,
	RA_LEVEL_BASIC,		/* "User" in the role editor */
	RA_LEVEL_LOCAL,		/* "Business Unit" */
	RA_LEVEL_DEEP,		/* "Parent: Child Business Units" */
	RA_LEVEL_GLOBAL		/* "Organization" */
};

/* The security-role editor's tabs, in the editor's order. */
enum ra_tab {
	RA_TAB_CORE = 0,
	RA_TAB_MARKETING,
	RA_TAB_SALES,
	RA_TAB_SERVICE,
	RA_TAB_BUSINESS,
	RA_TAB_SERVICE_MGMT,
	RA_TAB_CUSTOMIZATION,
	RA_TAB_MISSING,
	RA_TAB_BPF,
	RA_TAB_CUSTOM,
	RA_TAB__COUNT
};

/* Sections inside a tab, in the editor's order. */
enum ra_section {
	RA_SECTION_ENTITIES = 0,	/* the entity grid */
	RA_SECTION_MISC,		/* "Miscellaneous Privileges" */
	RA_SECTION_PRIVACY,		/* "Privacy-related Privileges" */
	RA_SECTION__COUNT
};

/* Kind of an input. */
enum ra_input_kind {
	RA_INPUT_ZIP = 0,
	RA_INPUT_FOLDER,
	RA_INPUT_XML,
	RA_INPUT_PACKAGE	/* Package Deployer: see ra_solution_split() */
};

/* Output formats. */
enum ra_format {
	RA_FORMAT_TEXT = 0,
	RA_FORMAT_CSV,
	RA_FORMAT_JSON,
	/*
	 * One self-contained page (inline CSS, no script, nothing fetched):
	 * the role editor's grids.  Reports, diffs and the matrix.
	 */
	RA_FORMAT_HTML,
	RA_FORMAT_MD,		/* a summary for a pull-request comment */
	RA_FORMAT_SARIF		/* SARIF 2.1.0: reports and diffs */
};

/* Limits applied to untrusted input; see ra_ctx_set_limit(). */
enum ra_limit {
	RA_LIMIT_MEMBER_SIZE = 0,	/* bytes a zip member may inflate to */
	RA_LIMIT_RATIO,			/* inflated / compressed size of a member */
	RA_LIMIT_MEMBERS,		/* members in one zip */
	RA_LIMIT_FILE_SIZE,		/* bytes of a plain XML or CSV file */
	RA_LIMIT_XML_DEPTH,		/* element nesting */
	RA_LIMIT_NAME_LENGTH,		/* bytes of a role, privilege or member name */
	/*
	 * A customizations.xml at least this large is scanned for its <Roles>
	 * section and only that section is parsed (see the man page);
	 * UINT64_MAX parses every document whole.
	 */
	RA_LIMIT_SCAN_SIZE,
	/*
	 * Bytes the members read from one zip may inflate to together,
	 * checked on their declared sizes before a byte is inflated (no
	 * member inflates past its declared size).
	 */
	RA_LIMIT_TOTAL_SIZE,
	RA_LIMIT_CSV_ROWS,		/* rows of a profile or catalog CSV, header aside */
	RA_LIMIT__COUNT
};

enum ra_severity {
	RA_SEV_NOTE = 0,
	RA_SEV_WARNING,
	RA_SEV_ERROR
};

/*
 * A diagnostic about the input.  `file` is the path given by the user (or
 * a file inside a folder), `member` the zip member or NULL, `line` and
 * `column` are 1-based or 0 when unknown.  `code` is stable across
 * releases (RA1xx input, RA2xx zip, RA3xx catalog/profile); see the man
 * page.
 */
struct ra_diag {
	enum ra_severity	 severity;
	int			 code;
	const char		*file;
	const char		*member;
	unsigned long		 line;
	unsigned long		 column;
	const char		*message;
};

struct ra_ctx;
struct ra_solution;
struct ra_role;
struct ra_lint;
struct ra_profile;
struct ra_policy;
struct ra_report;
struct ra_diff;

/* Short text for an error status; never NULL. */
const char	*ra_strerror(enum ra_err);

/* "Basic", "Local", "Deep", "Global" or "None". */
const char	*ra_level_name(enum ra_level);

/*
 * Parse a level: the solution spelling (Basic, Local, Deep, Global, None)
 * or the editor's (User, Business Unit, Parent: Child Business Units,
 * Organization), case-insensitively.  Returns RA_EINVAL for anything else.
 */
enum ra_err	 ra_level_parse(const char *, enum ra_level *out);

/* The editor's name of a tab or section ("" for the entity grid). */
const char	*ra_tab_name(enum ra_tab);
const char	*ra_section_name(enum ra_section);

/*
 * A new context with the built-in catalog and the default limits.
 * Returns NULL only when memory runs out.
 */
struct ra_ctx	*ra_ctx_new(void);
void		 ra_ctx_free(struct ra_ctx *);

/* Set a limit; 0 is not allowed.  Returns RA_EINVAL for a bad limit. */
enum ra_err	 ra_ctx_set_limit(struct ra_ctx *, enum ra_limit, uint64_t);
uint64_t	 ra_ctx_limit(const struct ra_ctx *, enum ra_limit);

/*
 * Keep only what PROFILES require: roles loaded from now on remember only
 * the privileges these profiles list (their distinct privilege count
 * stays exact), and privilege names no profile lists are not added to the
 * catalog.  Memory then follows the largest role, not the input, and
 * loading is faster; ra_role_level() answers RA_LEVEL_NONE for the
 * privileges left out, so a context used for ra_diff() must not be
 * focused.  Borrows nothing.
 */
enum ra_err	 ra_ctx_focus(struct ra_ctx *,
		    const struct ra_profile *const *profiles, size_t n);

/*
 * Whether roles loaded from now on remember where each privilege is
 * written (the line and columns of its <RolePrivilege>), which SARIF
 * reports point at: on by default.  For the exporters' layout (one
 * privilege a line, sorted by name) that costs nothing a privilege;
 * any other layout costs 16 bytes a privilege.  Off, SARIF results
 * about a privilege point at the role's <RolePrivileges> instead.
 */
void		 ra_ctx_locate_grants(struct ra_ctx *, int on);

/*
 * Extend or override the catalog with a CSV file of the catalog's shape
 * (see schema/privileges.csv): rows naming a privilege already known
 * replace its entity, tab, section and access.  Errors in the file are
 * recorded as diagnostics with their line; returns RA_ECSV then.
 */
enum ra_err	 ra_ctx_load_catalog(struct ra_ctx *, const char *path);

/* Diagnostics recorded so far, in the order they were found. */
size_t		 ra_ctx_diag_count(const struct ra_ctx *);
const struct ra_diag *ra_ctx_diag(const struct ra_ctx *, size_t);

/* Number of diagnostics of at least the given severity. */
size_t		 ra_ctx_diag_count_sev(const struct ra_ctx *, enum ra_severity);

/*
 * Format a diagnostic the way compilers do, without a trailing newline:
 *   roleaudit: Sales.zip!customizations.xml:412:9: error: message [RA104]
 * Control characters from the input are shown escaped.  The string
 * belongs to the caller (free()).  Returns NULL when memory runs out.
 */
char		*ra_diag_format(const struct ra_diag *);

/*
 * Load every security role found at PATH: a solution zip, an unpacked
 * solution folder, one XML file (a role file or a customizations.xml),
 * or a Package Deployer package (a zip or folder holding
 * PkgFolder/ImportConfig.xml; see ra_solution_split()).
 * The input is only read, never modified; nothing is written to disk.
 *
 * Returns RA_OK when the input could be read completely.  On any other
 * status the reasons are in the context's diagnostics and *out is
 * untouched.  On RA_OK *out belongs to the caller (ra_solution_free()).
 * Warnings may be recorded on RA_OK.
 */
enum ra_err	 ra_solution_load(struct ra_ctx *, const char *path,
		    struct ra_solution **out);

/*
 * Load N inputs as ra_solution_load() would: OUT[i] and STATUS[i] for
 * PATHS[i], OUT[i] NULL unless STATUS[i] is RA_OK.  Up to JOBS inputs
 * load at once, each on a thread of its own, sharing the catalog (the
 * names an unfocused load meets are added under a lock, so their indices
 * depend on timing, never the results).  Two unfocused inputs loading at
 * once (diff's) build a role written byte for byte alike in both only
 * once: the second takes it from the first, as it would have read it.
 * The result is the same for any JOBS.  Diagnostics are recorded in
 * input order.  Returns RA_ENOMEM when the work could not be set up,
 * else RA_OK.
 */
enum ra_err	 ra_solutions_load(struct ra_ctx *, const char *const *paths,
		    size_t n, unsigned jobs, struct ra_solution **out,
		    enum ra_err *status);

/*
 * Report progress while loading: FN gets the bytes parsed and the inputs
 * finished since its last call, from whichever thread loads, one call at
 * a time.  NULL turns it off.
 */
void		 ra_ctx_set_progress(struct ra_ctx *,
		    void (*fn)(void *arg, uint64_t bytes, size_t inputs),
		    void *arg);

/*
 * Same as ra_solution_load() for bytes in memory; NAME is used in
 * diagnostics and reports.  A buffer starting with a zip signature is read
 * as a zip, anything else as one XML file.  The buffer is borrowed for the
 * duration of the call only.
 */
enum ra_err	 ra_solution_load_buffer(struct ra_ctx *, const char *name,
		    const void *buf, size_t len, struct ra_solution **out);
void		 ra_solution_free(struct ra_solution *);

/*
 * A Package Deployer package loads as a solution of kind
 * RA_INPUT_PACKAGE with no roles of its own and one part per solution
 * zip its ImportConfig.xml lists, in import order: each part is the
 * solution of that zip (RA_INPUT_ZIP), whose path is
 * "PACKAGE!PkgFolder/NAME.zip" in a package zip (a backslash in the
 * member's name shown as '/') and the zip's own path in a package
 * folder.  The package loads only when every listed solution is there
 * and loads; the limits of ra_ctx_set_limit() count across a package zip
 * and the zips inside it.  Before analysis, either split the package
 * into its parts or merge them.
 */
size_t		 ra_solution_part_count(const struct ra_solution *);
const struct ra_solution *ra_solution_part(const struct ra_solution *,
		    size_t);
/*
 * Move the parts of package PKG into OUT (room for
 * ra_solution_part_count() of them), in import order: each then belongs
 * to the caller, and PKG has none left (free it).
 */
void		 ra_solution_split(struct ra_solution *pkg,
		    struct ra_solution **out);
/*
 * Make package PKG one input, as `roleaudit diff` compares packages:
 * the roles of its parts move into PKG itself, in import order, each
 * located at "PkgFolder/NAME.zip!MEMBER", and the parts are freed.  A
 * role that a later part carries too (same id) is replaced by the later
 * one, in the earlier one's place, as Dataverse keeps the top layer of a
 * security role: a note (RA135) says so.  RA_EINVAL when PKG is not an
 * unmerged package.
 */
enum ra_err	 ra_solution_merge(struct ra_ctx *, struct ra_solution *pkg);

const char	*ra_solution_path(const struct ra_solution *);
enum ra_input_kind ra_solution_kind(const struct ra_solution *);
/* Lower-case hex SHA-256 of the input (see the man page for folders). */
const char	*ra_solution_sha256(const struct ra_solution *);
/* From solution.xml; NULL when the input has none. */
const char	*ra_solution_unique_name(const struct ra_solution *);
const char	*ra_solution_version(const struct ra_solution *);
/*
 * 1 managed, 0 unmanaged, 2 both (unpacked sources that pack either way),
 * -1 unknown.
 */
int		 ra_solution_managed(const struct ra_solution *);
size_t		 ra_solution_role_count(const struct ra_solution *);
const struct ra_role *ra_solution_role(const struct ra_solution *, size_t);

/* Role id, lower case without braces ("" when the role has none). */
const char	*ra_role_id(const struct ra_role *);
const char	*ra_role_name(const struct ra_role *);
/* Where the role's start tag is: file or member name, and 1-based line. */
const char	*ra_role_file(const struct ra_role *);
unsigned long	 ra_role_line(const struct ra_role *);
/* Distinct privileges the role grants. */
size_t		 ra_role_privilege_count(const struct ra_role *);
/*
 * Level at which the role grants PRIVILEGE (case-insensitive name);
 * through a focused context (ra_ctx_focus()), RA_LEVEL_NONE for the
 * privileges no profile of the focus lists.
 */
enum ra_level	 ra_role_level(const struct ra_ctx *, const struct ra_role *,
		    const char *privilege);

/*
 * Load a requirement profile: a built-in name (see ra_profile_builtin())
 * or a path to a CSV file (see schema/profiles/).  Errors in a file are
 * recorded as diagnostics with their line and give RA_ECSV; an unknown
 * built-in name (no '/' or '.') gives RA_EINVAL, a file that cannot be
 * opened RA_ENOTFOUND.  On RA_OK *out belongs to the caller.
 */
enum ra_err	 ra_profile_load(struct ra_ctx *, const char *name_or_path,
		    struct ra_profile **out);
void		 ra_profile_free(struct ra_profile *);
const char	*ra_profile_name(const struct ra_profile *);
const char	*ra_profile_source(const struct ra_profile *);
size_t		 ra_profile_size(const struct ra_profile *);
/*
 * The profile's "# version:" comment (for a built-in profile, the date of
 * its source), or "" when it has none; and the lower-case hex SHA-256 of
 * its CSV bytes.  Reports carry both as audit evidence.
 */
const char	*ra_profile_version(const struct ra_profile *);
const char	*ra_profile_sha256(const struct ra_profile *);

/* Name of the Nth built-in profile, or NULL past the last. */
const char	*ra_profile_builtin(size_t);

/* The default profile of `roleaudit check`. */
#define RA_PROFILE_DEFAULT	"server-side-sync"

/*
 * Load a least-privilege policy from a CSV file (see POLICIES in the man
 * page and samples/policy.csv): rows of a privilege or a pattern, the
 * highest depth allowed ("None" forbids it), the roles a row applies to
 * or exempts, a severity and a reason.  roleaudit has no built-in
 * policy, as no published source lists what a role must not hold: a
 * name (no '/' or '.') gives RA_EINVAL (RA311).  Errors in a file are
 * diagnostics with their line and give RA_ECSV (RA_ELIMIT past the row
 * limit), a file that cannot be opened RA_ENOTFOUND.  On RA_OK *out
 * belongs to the caller (ra_policy_free()).
 */
enum ra_err	 ra_policy_load(struct ra_ctx *, const char *path,
		    struct ra_policy **out);
void		 ra_policy_free(struct ra_policy *);
/* The file's base name without ".csv"; and its number of rows. */
const char	*ra_policy_name(const struct ra_policy *);
size_t		 ra_policy_size(const struct ra_policy *);

struct ra_check_opts {
	/* When not RA_LEVEL_NONE, every requirement needs this level. */
	enum ra_level	 min_level;
	/*
	 * ra_check(): when NROLES > 0, only the roles whose name (ASCII
	 * case-insensitively) or id (braces and case ignored) is one of
	 * ROLES are judged, and the counts count them alone.  A name that
	 * matches no role is RA307, with the roles whose names are close,
	 * and RA_EINVAL.  ra_combine() ignores them.
	 */
	const char *const	*roles;
	size_t			 nroles;
	/*
	 * ra_check(): each role judged is also held against every row of
	 * these policies: a privilege a row matches, held above the depth
	 * it allows, is a violation of the row's severity, and a role with
	 * a violation of severity error fails.  The context must not be
	 * focused (ra_ctx_focus()), as a focused one forgets privileges:
	 * RA_EINVAL then.  ra_combine() ignores them.
	 */
	const struct ra_policy *const	*policies;
	size_t				 npolicies;
};

/*
 * Evaluate every role of every solution (or those OPTS names) against
 * the union of the profiles (a privilege listed twice needs the higher
 * level) and against OPTS's policies.  A role whose privileges are not in the export (written
 * unmodified="1" and without privileges: a built-in role the export left
 * as it is) is not judged: its status is not-exported, and it counts
 * neither as passing nor as failing.  Borrows solutions and profiles;
 * records RA307 on the context (see ra_check_opts).  On RA_OK *out
 * belongs to the caller (ra_report_free()).
 */
enum ra_err	 ra_check(struct ra_ctx *,
		    const struct ra_solution *const *, size_t nsolutions,
		    const struct ra_profile *const *, size_t nprofiles,
		    const struct ra_check_opts *, struct ra_report **out);
void		 ra_report_free(struct ra_report *);
size_t		 ra_report_pass_count(const struct ra_report *);
size_t		 ra_report_fail_count(const struct ra_report *);
/* Roles not judged, as their privileges are not in the export. */
size_t		 ra_report_not_exported_count(const struct ra_report *);

struct ra_write_opts {
	enum ra_format	 format;
	int		 color;		/* ANSI colour in text output */
	/*
	 * The time HTML reports show as generated, in seconds since the
	 * Epoch (the caller's clock, or SOURCE_DATE_EPOCH for reproducible
	 * output); 0 leaves it out.  No other format shows a time.
	 */
	int64_t		 generated;
	/*
	 * SARIF: a directory (normally the repository's root) that the
	 * inputs' URIs are made relative to, marked with uriBaseId
	 * %SRCROOT%; NULL keeps the paths as given.
	 */
	const char	*sarif_root;
	/*
	 * check --lint: its findings, for a format that shows them as
	 * results of their own (SARIF) rather than as the diagnostics
	 * ra_lint_record() made of them; NULL when there are none.
	 */
	const struct ra_lint *lint;
	/*
	 * SARIF: the results written at most, 0 for all.  Those past it
	 * are counted, not written: the run's properties say how many
	 * (resultsNotWritten), and so does *RESULTS_LEFT_OUT, when it is
	 * not NULL, once the results are written in full (it is left
	 * alone when writing fails first).  Other formats write every
	 * finding.  Last in the structure, after the members it had
	 * before it was added.
	 */
	size_t		 max_results;	/* roleaudit: RA_SARIF_MAX_RESULTS */
	size_t		*results_left_out;
};

/*
 * Render a report to OUT.  Output is deterministic for the same inputs.
 * Returns RA_EIO when writing fails, RA_ENOMEM when memory runs out.
 */
enum ra_err	 ra_write_report(const struct ra_report *,
		    const struct ra_write_opts *, FILE *out);

struct ra_diff_opts {
	/*
	 * When NROLES > 0, only roles whose old or new name or id equals one
	 * of ROLES (case-insensitively) are compared.
	 */
	const char *const	*roles;
	size_t			 nroles;
};

/*
 * Compare the roles of OLD and NEW, both loaded through CTX, which must
 * not be focused (ra_ctx_focus()).  Roles are matched by id; a role
 * whose id has no partner on the other side is matched by name.  Matched
 * roles report each privilege added, removed, raised or lowered; changes
 * that grant more are checked against the escalation rules
 * (schema/escalation.csv), and each of PROFILES is evaluated on both
 * sides of every matched role.  The apps' role maps and the column
 * security profiles' permissions are compared too (see
 * ra_diff_change_count()).  Reads no input and changes nothing it is
 * given; borrows everything.  On RA_OK *out belongs to the caller
 * (ra_diff_free()).
 */
enum ra_err	 ra_diff(const struct ra_ctx *, const struct ra_solution *old,
		    const struct ra_solution *new,
		    const struct ra_profile *const *profiles, size_t nprofiles,
		    const struct ra_diff_opts *, struct ra_diff **out);
void		 ra_diff_free(struct ra_diff *);
/*
 * Roles added, removed or changed, app role-map changes (a role added
 * to or removed from an app) and column permission changes (a right of
 * a column security profile granted or revoked; apps matched by unique
 * name, profiles by name).
 */
size_t		 ra_diff_change_count(const struct ra_diff *);
/*
 * Privilege changes and added roles that grant more, roles added to an
 * app's role map (newly able to open it) and profiles granted read or
 * read-unmasked on a column (newly able to read a secured column): the
 * escalations.
 */
size_t		 ra_diff_escalation_count(const struct ra_diff *);
/* Render a diff; like ra_write_report(). */
enum ra_err	 ra_write_diff(const struct ra_diff *,
		    const struct ra_write_opts *, FILE *out);

/* Render the roles of the solutions (`roleaudit roles`). */
enum ra_err	 ra_write_roles(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t,
		    const struct ra_write_opts *, FILE *out);

/*
 * Render PROFILES, as the caller loaded them with ra_profile_load()
 * (`roleaudit profiles` loads every built-in one): RA_FORMAT_TEXT, _CSV
 * or _JSON, else RA_EINVAL.  Only borrows them: rendering loads nothing,
 * so a model is complete and read-only before any of it is written.
 */
enum ra_err	 ra_write_profiles(const struct ra_profile *const *profiles,
		    size_t nprofiles, const struct ra_write_opts *, FILE *out);

/*
 * Render every role of the solutions against every privilege of the
 * catalog, with the level each role holds, grouped by the editor's tabs
 * (`roleaudit matrix`): RA_FORMAT_CSV or RA_FORMAT_HTML, else
 * RA_EINVAL.  The context must not be focused (ra_ctx_focus()), as a
 * focused one forgets privileges: RA_EINVAL then too.
 */
enum ra_err	 ra_write_matrix(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t,
		    const struct ra_write_opts *, FILE *out);

/*
 * Findings of at least severity MIN (see FINDINGS in the man page): in a
 * report, one error per required privilege a role lacks and one per
 * policy violation, of its row's severity; in a diff, one
 * per role added, removed or renamed, per privilege change and per
 * profile whose verdict changed (an escalation or a role that stops
 * passing a profile is an error, a change that grants more a warning,
 * anything else a note).  Input diagnostics are counted by
 * ra_ctx_diag_count_sev().  `--fail-on` compares these counts with 0.
 */
size_t		 ra_report_finding_count(const struct ra_report *,
		    enum ra_severity min);
size_t		 ra_diff_finding_count(const struct ra_diff *,
		    enum ra_severity min);

/* ---- lint, combined roles, explain, redaction -------------------- */

/*
 * Findings about how roles are built rather than what they lack, each
 * with a stable code (RA4xx, see DIAGNOSTICS in the man page) and the
 * role's location.  A finding needs a fact that says the depth or the
 * combination is impossible or risky (a sourced depth, the solution's
 * own table metadata, a documented rule); a depth a real export holds
 * is never one:
 *   RA401 warning  a privilege held at a depth it cannot take
 *   RA402 note     a privilege held below Organization at a depth no
 *                  fact covers (only with ra_lint_opts.unknown_depths)
 *   RA403 warning  Assign or Share on an organization-owned table,
 *                  which has neither
 *   RA410 warning  Append on some table, Append To on none
 *   RA411 warning  Append To on some table, Append on none
 *   RA420 warning  a role for teams that grants table privileges at
 *                  User depth while members inherit only team privileges
 */
struct ra_lint;

struct ra_lint_opts {
	/*
	 * Roles that are assigned to teams, by name or id (ASCII case-
	 * insensitive): the export does not say which are, only how their
	 * members inherit them (isinherited).  A name that matches no role
	 * is RA307 (RA_EINVAL).
	 */
	const char *const	*team_roles;
	size_t			 nteam_roles;
	/* Also RA402: depths no fact covers (off by default). */
	int			 unknown_depths;
};

/*
 * Lint every role of the solutions.  A role whose privileges are not in
 * the export is skipped (ra_check()).  The context must not be focused
 * (ra_ctx_focus()): RA_EINVAL.  Borrows the solutions.  On RA_OK *out
 * belongs to the caller (ra_lint_free()).
 */
enum ra_err	 ra_lint(struct ra_ctx *, const struct ra_solution *const *,
		    size_t, const struct ra_lint_opts *, struct ra_lint **out);
void		 ra_lint_free(struct ra_lint *);
/* Findings of at least severity MIN. */
size_t		 ra_lint_count(const struct ra_lint *, enum ra_severity min);
/*
 * Record every finding as a diagnostic on CTX (for `check --lint`): the
 * role's file and line, the finding's severity and code.
 */
void		 ra_lint_record(struct ra_ctx *, const struct ra_lint *);
/* Render the findings: RA_FORMAT_TEXT, _CSV or _JSON, else RA_EINVAL. */
enum ra_err	 ra_write_lint(const struct ra_lint *,
		    const struct ra_write_opts *, FILE *out);

/*
 * Combined roles: each combination is a set of roles evaluated as one
 * user holding all of them (per privilege, the highest level any of
 * them grants), against the union of the profiles, with the roles that
 * contribute each required privilege.  A role whose privileges are not
 * in the export is left out of a combination, with a note (RA310).  SPECS are combinations, each a
 * list of role names or ids separated by commas (a comma inside a name
 * is written "\,"), matched across all solutions: the id, else the
 * exact name, else the name ignoring ASCII case.  A name that matches no
 * role is RA307, one that matches several RA308 (both RA_EINVAL).  With
 * NSPECS 0 there is one combination of every role of every solution.
 * Borrows solutions and profiles; on RA_OK *out belongs to the caller.
 */
struct ra_combined;

enum ra_err	 ra_combine(struct ra_ctx *, const struct ra_solution *const *,
		    size_t, const struct ra_profile *const *, size_t,
		    const struct ra_check_opts *, const char *const *specs,
		    size_t nspecs, struct ra_combined **out);
void		 ra_combined_free(struct ra_combined *);
size_t		 ra_combined_fail_count(const struct ra_combined *);
/* RA_FORMAT_TEXT, _CSV or _JSON, else RA_EINVAL. */
enum ra_err	 ra_write_combined(const struct ra_combined *,
		    const struct ra_write_opts *, FILE *out);

/*
 * Explain pasted alert or trace text (LEN bytes, any encoding; only
 * ASCII is interpreted): the error codes it holds, the privileges it
 * names (prvName, a privilege id, or implied by the error), the depth
 * it requires, where each privilege is in the role editor, which
 * built-in profiles list it, and, for every role of the solutions
 * (NSOL may be 0), whether it lacks it.  When the text names a known
 * error but no privilege, the profile that error belongs to is checked
 * instead.  BUILTIN lists the NBUILTIN built-in profiles
 * (ra_profile_builtin()), loaded through CTX before the solutions; the
 * explanation borrows them.  Privileges the text names that CTX's
 * catalog lacks are classified in the explanation, not added to the
 * catalog: CTX is only read.  On RA_OK *out belongs to the caller
 * (ra_explanation_free()).
 */
struct ra_explanation;

enum ra_err	 ra_explain(const struct ra_ctx *, const char *text,
		    size_t len, const struct ra_solution *const *, size_t nsol,
		    const struct ra_profile *const *builtin, size_t nbuiltin,
		    struct ra_explanation **out);
void		 ra_explanation_free(struct ra_explanation *);
/* Privileges the text names or implies, and error codes recognized. */
size_t		 ra_explanation_privilege_count(const struct ra_explanation *);
size_t		 ra_explanation_signature_count(const struct ra_explanation *);
/* Roles that lack a privilege the text is about (or fail its profile). */
size_t		 ra_explanation_lacking_count(const struct ra_explanation *);
/* RA_FORMAT_TEXT, _CSV or _JSON, else RA_EINVAL. */
enum ra_err	 ra_write_explanation(const struct ra_explanation *,
		    const struct ra_write_opts *, FILE *out);

/*
 * What roleaudit knows of each privilege of NAMES (N of them, matched
 * ASCII case-insensitively; with N 0, every privilege the knowledge base
 * has a fact about), and why (`roleaudit privileges`): where the role
 * editor shows it, its display name and the depths it can take, each
 * with where that came from (source, solution, rule or unplaced) and the
 * source ids, the depths real exports hold it at, and the conflicts
 * between sources about it.  The solutions (NSOL may be 0) add their own
 * tables' metadata, as in reports.  RA_FORMAT_TEXT, _CSV or _JSON, else
 * RA_EINVAL.  Reads nothing and changes nothing.
 */
enum ra_err	 ra_write_privileges(const struct ra_ctx *,
		    const char *const *names, size_t n,
		    const struct ra_solution *const *, size_t nsol,
		    const struct ra_write_opts *, FILE *out);

/* ---- apps and column security ------------------------------------ */

/*
 * Which roles open which model-driven app, and what they cannot see in
 * it (`roleaudit apps`): for every app of the solutions (customizations
 * .xml <AppModules>, unpacked AppModules/), its tables (components of
 * type 1) and the roles mapped to it, each named from the inputs (the
 * app's own input first) or reported as an unknown role id.  Each
 * mapped role the inputs carry is judged against PROFILE (the built-in
 * model-driven-app profile, as the caller loaded it: the privileges any
 * model-driven app needs), and each app table it cannot Read is listed,
 * with the depth it holds when OPTS->min_level asks for more than any
 * depth.  Also the roles mapped to no app and the apps mapped to no
 * role.  Findings (see FINDINGS in the man page):
 *   RA501 error    a mapped role lacks the model-driven-app minimum
 *   RA502 warning  a mapped role cannot Read one of the app's tables
 * The context must not be focused (RA_EINVAL).  Borrows everything; on
 * RA_OK *out belongs to the caller (ra_apps_free()).
 */
struct ra_apps;

enum ra_err	 ra_apps(const struct ra_ctx *, const struct ra_solution *const *,
		    size_t, const struct ra_profile *profile,
		    const struct ra_check_opts *opts, struct ra_apps **out);
void		 ra_apps_free(struct ra_apps *);
/* Findings of at least severity MIN. */
size_t		 ra_apps_finding_count(const struct ra_apps *,
		    enum ra_severity min);
/* Every format: text, CSV, JSON, HTML, Markdown, SARIF. */
enum ra_err	 ra_write_apps(const struct ra_apps *,
		    const struct ra_write_opts *, FILE *out);

/*
 * Who can read secured columns (`roleaudit columns`): per input, every
 * column a table marks secured (<IsSecured>1) or a column security
 * profile has a permission on, with the profiles that grant read,
 * update, create and read-unmasked on it.  Findings:
 *   RA511 warning  a secured column no profile lets anyone read
 *   RA512 warning  a permission that grants update or create, not read
 * Borrows the solutions; on RA_OK *out belongs to the caller.
 */
struct ra_columns;

enum ra_err	 ra_columns(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t,
		    struct ra_columns **out);
void		 ra_columns_free(struct ra_columns *);
size_t		 ra_columns_finding_count(const struct ra_columns *,
		    enum ra_severity min);
enum ra_err	 ra_write_columns(const struct ra_columns *,
		    const struct ra_write_opts *, FILE *out);

/*
 * Replace the names and ids of SOL's roles with stable pseudonyms, so a
 * report can be shared without confidential names: "Role " and 12 hex
 * digits for a name, a GUID-shaped id for an id, each an HMAC-SHA-256
 * of the original under KEY (KEYLEN bytes; NULL or 0 for none).  The
 * same name or id gives the same pseudonym in every run with the same
 * key.  Role file names that hold a role's name (Roles/<name>.xml), the
 * input's path when it does, and the context's diagnostics that quote
 * them are rewritten too, and the role ids of the apps' role maps, so a
 * mapped role stays mapped.  Call it after the analysis and before
 * rendering: reports borrow the roles and show what they hold then.
 */
enum ra_err	 ra_solution_redact(struct ra_ctx *, struct ra_solution *,
		    const void *key, size_t keylen);

#ifdef __cplusplus
}
#endif

#endif /* ROLEAUDIT_H */
