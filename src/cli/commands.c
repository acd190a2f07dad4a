/*
 * commands.c - the command table and the runners: one row per command
 * (and per mode of one, as check --combine), each naming what the
 * command takes and writes and the runner that does its work.
 *
 * To add a command: add its row here and its runner above the table,
 * then its synopsis to man/roleaudit.1 (`make cli-check` compares them).
 * A runner starts after the shared steps of run.c have loaded what its
 * row's flags ask for; it analyses, redacts once names from the command
 * line have been matched, opens the output with cli_open() as late as
 * it can, renders, and raises the exit status.
 */
#include <string.h>

#include "cli.h"

/* What the runners pass the library: the model, read-only. */
#define SOLUTIONS(r)	((const struct ra_solution *const *)(r)->sol)
#define PROFILES(r)	((const struct ra_profile *const *)(r)->prof)

/*
 * Redact, print the diagnostics so far and open the output: for the
 * commands that match no role names from the command line, which can
 * redact before the analysis.  0, or -1 once reported.
 */
static int
redact_and_open(struct cli_run *r)
{
	if (cli_failed(r, cli_redact(r)) == -1)
		return -1;
	cli_diags(r);
	return cli_open(r);
}

/*
 * After an analysis that matches role names from the command line: a
 * name no input has (RA_EINVAL; its diagnostic says which) is a usage
 * error, not a failure; else the roles are redacted, now that their
 * names have been matched.  1 when the result is to be rendered.
 */
static int
analysed(struct cli_run *r, enum ra_err *e)
{
	if (*e == RA_EINVAL) {
		cli_raise(r, EXIT_USAGE);
		*e = RA_OK;
		return 0;
	}
	if (*e == RA_OK)
		*e = cli_redact(r);
	return *e == RA_OK;
}

/* The lint options from --team-role and --unknown-depths. */
static void
lint_opts(const struct cli_run *r, struct ra_lint_opts *lo)
{
	memset(lo, 0, sizeof(*lo));
	lo->team_roles = r->o->args[OPT_TEAM_ROLE].v;
	lo->nteam_roles = r->o->args[OPT_TEAM_ROLE].n;
	lo->unknown_depths = cli_given(r->o, OPT_UNKNOWN_DEPTHS);
}

/*
 * check --lint, before the check: the findings join the diagnostics, to
 * be printed with them (after redaction, with --redact, as they quote
 * role names); without --fail-on, a warning is a finding.  -1 when a
 * --team-role names no role: a usage error, and nothing is checked.
 */
static int
lint_first(struct cli_run *r)
{
	struct ra_lint_opts	 lo;
	struct ra_lint		*ln;
	enum ra_err		 e;

	if (!cli_given(r->o, OPT_LINT))
		return 0;
	lint_opts(r, &lo);
	e = ra_lint(r->ctx, SOLUTIONS(r), r->nsol, &lo, &ln);
	if (e == RA_EINVAL)
		cli_raise(r, EXIT_USAGE);
	else if (cli_failed(r, e) == 0) {
		ra_lint_record(r->ctx, ln);
		if (r->o->fail_on == FAIL_VERDICT &&
		    ra_lint_count(ln, RA_SEV_WARNING) > 0)
			cli_raise(r, EXIT_FINDINGS);
		/* SARIF writes them as results of their own. */
		if (r->o->format == RA_FORMAT_SARIF)
			r->lint = ln;
		else
			ra_lint_free(ln);
	}
	if (!cli_given(r->o, OPT_REDACT) || r->status == EXIT_USAGE)
		cli_diags(r);
	return r->status == EXIT_USAGE ? -1 : 0;
}

/*
 * check: the roles (or those --role names) against the profiles and the
 * policies; a role that fails is a finding.  --role's names are matched
 * before the redaction, as combine's are.
 */
static void
run_check(struct cli_run *r)
{
	struct ra_check_opts	 co;
	struct ra_report	*rep = NULL;
	enum ra_severity	 sev;
	enum ra_err		 e;

	if (lint_first(r) == -1)
		return;
	memset(&co, 0, sizeof(co));
	co.min_level = r->o->min_level;
	co.roles = r->o->args[OPT_ROLE].v;
	co.nroles = r->o->args[OPT_ROLE].n;
	co.policies = (const struct ra_policy *const *)r->pol;
	co.npolicies = r->npol;
	e = ra_check(r->ctx, SOLUTIONS(r), r->nsol, PROFILES(r), r->nprof,
	    &co, &rep);
	if (!analysed(r, &e)) {
		ra_report_free(rep);
		cli_diags(r);
		cli_failed(r, e);
		return;
	}
	cli_diags(r);
	if (cli_open(r) == -1) {
		ra_report_free(rep);
		return;
	}
	r->wo.lint = r->lint;
	e = ra_write_report(rep, &r->wo, r->sink.f);
	if (cli_fail_severity(r, &sev) ?
	    ra_report_finding_count(rep, sev) > 0 ||
	    ra_ctx_diag_count_sev(r->ctx, sev) > 0 :
	    ra_report_fail_count(rep) > 0)
		cli_raise(r, EXIT_FINDINGS);
	ra_report_free(rep);
	cli_failed(r, e);
}

/*
 * check --combine and --combine-all: the roles of each list as one user;
 * a combination that fails is a finding.
 */
static void
run_combine(struct cli_run *r)
{
	const struct cli_list	*l = &r->o->args[OPT_COMBINE];
	struct ra_check_opts	 co;
	struct ra_combined	*cb = NULL;
	enum ra_err		 e;

	if (lint_first(r) == -1 || cli_open(r) == -1)
		return;
	memset(&co, 0, sizeof(co));
	co.min_level = r->o->min_level;
	e = ra_combine(r->ctx, SOLUTIONS(r), r->nsol, PROFILES(r), r->nprof,
	    &co, l->v, l->n, &cb);
	if (analysed(r, &e)) {
		e = ra_write_combined(cb, &r->wo, r->sink.f);
		if (ra_combined_fail_count(cb) > 0)
			cli_raise(r, EXIT_FINDINGS);
	}
	ra_combined_free(cb);
	cli_diags(r);
	cli_failed(r, e);
}

/*
 * diff: OLD against NEW; without --fail-on any change is a finding.  An
 * input that did not load leaves nothing to compare, and its error is
 * reported already; ra_diff() and the redaction read nothing, so what
 * they return is a failure of the program (out of memory).
 */
static void
run_diff(struct cli_run *r)
{
	struct ra_diff_opts	 dopt;
	struct ra_diff		*d;
	enum ra_severity	 sev;
	enum ra_err		 e = RA_OK;

	if (cli_open(r) == -1)
		return;
	if (r->nsol == 2) {
		memset(&dopt, 0, sizeof(dopt));
		dopt.roles = r->o->args[OPT_ROLE].v;
		dopt.nroles = r->o->args[OPT_ROLE].n;
		e = ra_diff(r->ctx, r->sol[0], r->sol[1], PROFILES(r),
		    r->nprof, &dopt, &d);
		if (e == RA_OK) {
			if ((e = cli_redact(r)) == RA_OK)
				e = ra_write_diff(d, &r->wo, r->sink.f);
			if (cli_fail_severity(r, &sev) ?
			    ra_diff_finding_count(d, sev) > 0 ||
			    ra_ctx_diag_count_sev(r->ctx, sev) > 0 :
			    r->o->fail_on == FAIL_ESCALATION ?
			    ra_diff_escalation_count(d) > 0 :
			    ra_diff_change_count(d) > 0)
				cli_raise(r, EXIT_FINDINGS);
			ra_diff_free(d);
		}
	}
	cli_diags(r);
	cli_failed(r, e);
}

/* roles: every role, listed; nothing to find. */
static void
run_roles(struct cli_run *r)
{
	if (redact_and_open(r) == -1)
		return;
	cli_failed(r, ra_write_roles(r->ctx, SOLUTIONS(r), r->nsol, &r->wo,
	    r->sink.f));
}

/* profiles: the built-in profiles run.c loaded, listed. */
static void
run_profiles(struct cli_run *r)
{
	enum ra_err	 e;

	if (cli_open(r) == -1)
		return;
	e = ra_write_profiles(PROFILES(r), r->nprof, &r->wo, r->sink.f);
	cli_diags(r);
	cli_failed(r, e);
}

/* privileges: what roleaudit knows of the privileges named, and why. */
static void
run_privileges(struct cli_run *r)
{
	enum ra_err	 e;

	if (cli_open(r) == -1)
		return;
	e = ra_write_privileges(r->ctx, r->o->inputs, r->o->ninputs, NULL, 0,
	    &r->wo, r->sink.f);
	cli_diags(r);
	cli_failed(r, e);
}

/* matrix: every role against every privilege; nothing to find. */
static void
run_matrix(struct cli_run *r)
{
	if (redact_and_open(r) == -1)
		return;
	cli_failed(r, ra_write_matrix(r->ctx, SOLUTIONS(r), r->nsol, &r->wo,
	    r->sink.f));
}

/* lint: how the roles are built; findings of --fail-on's severity. */
static void
run_lint(struct cli_run *r)
{
	struct ra_lint_opts	 lo;
	struct ra_lint		*ln = NULL;
	enum ra_severity	 sev;
	enum ra_err		 e;

	if (cli_open(r) == -1)
		return;
	lint_opts(r, &lo);
	e = ra_lint(r->ctx, SOLUTIONS(r), r->nsol, &lo, &ln);
	if (analysed(r, &e)) {
		e = ra_write_lint(ln, &r->wo, r->sink.f);
		if (cli_fail_severity(r, &sev) && ra_lint_count(ln, sev) > 0)
			cli_raise(r, EXIT_FINDINGS);
	}
	ra_lint_free(ln);
	cli_diags(r);
	cli_failed(r, e);
}

/*
 * explain: what the text run.c read is about; a role of the inputs that
 * lacks it is a finding.
 */
static void
run_explain(struct cli_run *r)
{
	struct ra_explanation	*x = NULL;
	enum ra_err		 e;

	if (cli_open(r) == -1)
		return;
	e = ra_explain(r->ctx, r->text, r->textlen, SOLUTIONS(r), r->nsol,
	    (const struct ra_profile *const *)r->prof, r->nprof, &x);
	if (analysed(r, &e)) {
		e = ra_write_explanation(x, &r->wo, r->sink.f);
		if (ra_explanation_lacking_count(x) > 0)
			cli_raise(r, EXIT_FINDINGS);
	}
	ra_explanation_free(x);
	cli_diags(r);
	cli_failed(r, e);
}

/*
 * apps: which roles open which app and what they cannot read in it,
 * against the model-driven-app profile run.c loaded; findings of
 * --fail-on's severity (RA501, RA502).
 */
static void
run_apps(struct cli_run *r)
{
	struct ra_check_opts	 co;
	struct ra_apps		*ap = NULL;
	enum ra_severity	 sev;
	enum ra_err		 e;

	if (redact_and_open(r) == -1)
		return;
	memset(&co, 0, sizeof(co));
	co.min_level = r->o->min_level;
	e = ra_apps(r->ctx, SOLUTIONS(r), r->nsol, r->prof[0], &co, &ap);
	if (e == RA_OK) {
		e = ra_write_apps(ap, &r->wo, r->sink.f);
		if (cli_fail_severity(r, &sev) &&
		    (ra_apps_finding_count(ap, sev) > 0 ||
		    ra_ctx_diag_count_sev(r->ctx, sev) > 0))
			cli_raise(r, EXIT_FINDINGS);
	}
	ra_apps_free(ap);
	cli_diags(r);
	cli_failed(r, e);
}

/*
 * columns: who can read secured columns; findings of --fail-on's
 * severity (RA511, RA512).
 */
static void
run_columns(struct cli_run *r)
{
	struct ra_columns	*cs = NULL;
	enum ra_severity	 sev;
	enum ra_err		 e;

	if (redact_and_open(r) == -1)
		return;
	e = ra_columns(r->ctx, SOLUTIONS(r), r->nsol, &cs);
	if (e == RA_OK) {
		e = ra_write_columns(cs, &r->wo, r->sink.f);
		if (cli_fail_severity(r, &sev) &&
		    (ra_columns_finding_count(cs, sev) > 0 ||
		    ra_ctx_diag_count_sev(r->ctx, sev) > 0))
			cli_raise(r, EXIT_FINDINGS);
	}
	ra_columns_free(cs);
	cli_diags(r);
	cli_failed(r, e);
}

/* What every command takes: where the report goes, the catalog, limits. */
#define ANY_COMMAND	(CLI_OPT(OPT_FORMAT) | CLI_OPT(OPT_OUTPUT) | \
	CLI_OPT(OPT_CATALOG) | CLI_OPT(OPT_COLOR) | \
	CLI_OPT(OPT_MEMBER_SIZE) | CLI_OPT(OPT_RATIO) | \
	CLI_OPT(OPT_FILE_SIZE) | CLI_OPT(OPT_MEMBERS) | \
	CLI_OPT(OPT_TOTAL_SIZE) | \
	CLI_OPT(OPT_SCAN_SIZE) | CLI_OPT(OPT_FULL_PARSE) | \
	CLI_OPT(OPT_JOBS) | CLI_OPT(OPT_PROGRESS) | \
	CLI_OPT(OPT_NO_PROGRESS) | CLI_OPT(OPT_QUIET))
#define CHECK_OPTIONS	(ANY_COMMAND | CLI_OPT(OPT_PROFILE) | \
	CLI_OPT(OPT_POLICY) | CLI_OPT(OPT_MIN_LEVEL) | CLI_OPT(OPT_ROLE) | \
	CLI_OPT(OPT_LINT) | \
	CLI_OPT(OPT_COMBINE) | CLI_OPT(OPT_COMBINE_ALL) | \
	CLI_OPT(OPT_TEAM_ROLE) | CLI_OPT(OPT_UNKNOWN_DEPTHS) | \
	CLI_OPT(OPT_REDACT) | CLI_OPT(OPT_SARIF_ROOT) | \
	CLI_OPT(OPT_MAX_RESULTS))

#define ANY_FORMAT	(CLI_FORMAT(RA_FORMAT_TEXT) | \
	CLI_FORMAT(RA_FORMAT_CSV) | CLI_FORMAT(RA_FORMAT_JSON) | \
	CLI_FORMAT(RA_FORMAT_HTML) | CLI_FORMAT(RA_FORMAT_MD) | \
	CLI_FORMAT(RA_FORMAT_SARIF))
#define LIST_FORMATS	(CLI_FORMAT(RA_FORMAT_TEXT) | \
	CLI_FORMAT(RA_FORMAT_CSV) | CLI_FORMAT(RA_FORMAT_JSON))

#define SEVERITIES	(CLI_FAIL(FAIL_NOTE) | CLI_FAIL(FAIL_WARNING) | \
	CLI_FAIL(FAIL_ERROR))

/* In the order of --help and of the man page's SYNOPSIS. */
const struct cli_command cli_commands[] = {
	{
		.name = "check",
		.run = run_check,
		.operands = "INPUT...",
		.summary = "report the roles that lack privileges a profile "
		    "requires",
		.min_inputs = 1, .max_inputs = CLI_MANY,
		.formats = ANY_FORMAT, .format = RA_FORMAT_TEXT,
		.options = CHECK_OPTIONS,
		.fail_on = SEVERITIES, .fail_default = FAIL_VERDICT,
		.flags = CLI_PROFILES | CLI_FOCUS,
	},
	{
		.name = "check",
		.mode = CLI_OPT(OPT_COMBINE) | CLI_OPT(OPT_COMBINE_ALL),
		.run = run_combine,
		.operands = "INPUT...",
		.min_inputs = 1, .max_inputs = CLI_MANY,
		.formats = LIST_FORMATS, .format = RA_FORMAT_TEXT,
		.options = CHECK_OPTIONS,
		.fail_on = 0, .fail_default = FAIL_VERDICT,
		.flags = CLI_PROFILES,
	},
	{
		.name = "diff",
		.run = run_diff,
		.operands = "OLD NEW",
		.summary = "what changed between two exports, privilege by "
		    "privilege",
		.min_inputs = 2, .max_inputs = 2,
		.formats = ANY_FORMAT, .format = RA_FORMAT_TEXT,
		.options = ANY_COMMAND | CLI_OPT(OPT_PROFILE) |
		    CLI_OPT(OPT_ROLE) | CLI_OPT(OPT_REDACT) |
		    CLI_OPT(OPT_SARIF_ROOT) | CLI_OPT(OPT_MAX_RESULTS),
		.fail_on = SEVERITIES | CLI_FAIL(FAIL_CHANGE) |
		    CLI_FAIL(FAIL_ESCALATION),
		.fail_default = FAIL_CHANGE,
		.flags = CLI_BUILTINS | CLI_MERGE,
	},
	{
		.name = "roles",
		.run = run_roles,
		.operands = "INPUT...",
		.summary = "list every role: name, id, privilege count, "
		    "location",
		.min_inputs = 1, .max_inputs = CLI_MANY,
		.formats = LIST_FORMATS, .format = RA_FORMAT_TEXT,
		.options = ANY_COMMAND | CLI_OPT(OPT_REDACT),
		.fail_on = 0, .fail_default = FAIL_NONE,
		.flags = CLI_COUNTS,
	},
	{
		.name = "profiles",
		.run = run_profiles,
		.operands = "",
		.summary = "list the built-in requirement profiles",
		.min_inputs = 0, .max_inputs = 0,
		.formats = LIST_FORMATS, .format = RA_FORMAT_TEXT,
		.options = ANY_COMMAND,
		.fail_on = 0, .fail_default = FAIL_NONE,
		.flags = CLI_BUILTINS,
	},
	{
		.name = "matrix",
		.run = run_matrix,
		.operands = "INPUT...",
		.summary = "every role against every privilege, by the "
		    "editor's tabs",
		.min_inputs = 1, .max_inputs = CLI_MANY,
		.formats = CLI_FORMAT(RA_FORMAT_CSV) |
		    CLI_FORMAT(RA_FORMAT_HTML),
		.format = RA_FORMAT_CSV,
		.options = ANY_COMMAND | CLI_OPT(OPT_REDACT),
		.fail_on = 0, .fail_default = FAIL_NONE,
		.flags = 0,
	},
	{
		.name = "lint",
		.run = run_lint,
		.operands = "INPUT...",
		.summary = "depths a privilege cannot take, Append without "
		    "Append To,\nteam roles at User depth (codes RA4xx)",
		.min_inputs = 1, .max_inputs = CLI_MANY,
		.formats = LIST_FORMATS | CLI_FORMAT(RA_FORMAT_SARIF),
		.format = RA_FORMAT_TEXT,
		.options = ANY_COMMAND | CLI_OPT(OPT_TEAM_ROLE) |
		    CLI_OPT(OPT_UNKNOWN_DEPTHS) | CLI_OPT(OPT_REDACT) |
		    CLI_OPT(OPT_SARIF_ROOT) | CLI_OPT(OPT_MAX_RESULTS),
		.fail_on = SEVERITIES, .fail_default = FAIL_WARNING,
		.flags = 0,
	},
	{
		.name = "apps",
		.run = run_apps,
		.operands = "INPUT...",
		.summary = "which roles open which model-driven app, and the "
		    "app tables\nthey cannot read (codes RA501, RA502)",
		.min_inputs = 1, .max_inputs = CLI_MANY,
		.formats = ANY_FORMAT, .format = RA_FORMAT_TEXT,
		.options = ANY_COMMAND | CLI_OPT(OPT_MIN_LEVEL) |
		    CLI_OPT(OPT_REDACT) | CLI_OPT(OPT_SARIF_ROOT) |
		    CLI_OPT(OPT_MAX_RESULTS),
		.fail_on = SEVERITIES, .fail_default = FAIL_WARNING,
		.flags = CLI_PROFILES,
		.profile = "model-driven-app",
	},
	{
		.name = "columns",
		.run = run_columns,
		.operands = "INPUT...",
		.summary = "secured columns and the column security profiles "
		    "that\nlet users read, update or create them (codes "
		    "RA511, RA512)",
		.min_inputs = 1, .max_inputs = CLI_MANY,
		.formats = ANY_FORMAT, .format = RA_FORMAT_TEXT,
		.options = ANY_COMMAND | CLI_OPT(OPT_REDACT) |
		    CLI_OPT(OPT_SARIF_ROOT) | CLI_OPT(OPT_MAX_RESULTS),
		.fail_on = SEVERITIES, .fail_default = FAIL_WARNING,
		.flags = 0,
	},
	{
		.name = "explain",
		.run = run_explain,
		.operands = "[INPUT...] < ALERT.txt",
		.summary = "what a pasted alert or trace means: the privilege, "
		    "its tab,\nthe profiles that list it and the roles of "
		    "INPUT that lack it",
		.min_inputs = 0, .max_inputs = CLI_MANY,
		.formats = LIST_FORMATS, .format = RA_FORMAT_TEXT,
		.options = ANY_COMMAND | CLI_OPT(OPT_TEXT) |
		    CLI_OPT(OPT_REDACT),
		.fail_on = 0, .fail_default = FAIL_VERDICT,
		.flags = CLI_TEXT | CLI_BUILTINS,
	},
	{
		.name = "privileges",
		.run = run_privileges,
		.operands = "[NAME...]",
		.summary = "what roleaudit knows of a privilege, and why: "
		    "its tab,\ndisplay name and depths, each with its "
		    "sources",
		.min_inputs = 0, .max_inputs = CLI_MANY,
		.formats = LIST_FORMATS, .format = RA_FORMAT_TEXT,
		.options = ANY_COMMAND,
		.fail_on = 0, .fail_default = FAIL_NONE,
		.flags = CLI_NAMES,
	},
	{ .name = NULL }
};
