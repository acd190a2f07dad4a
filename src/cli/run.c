/*
 * run.c - the steps every command shares, in the order they run, around
 * the runner of the command's row: explain's text, the write options,
 * the catalog, the profiles, the inputs (with the progress line), then
 * the runner, then the -o output committed or discarded.  What each step
 * does for a command is read from its row's flags.  Also the exit status
 * (worst wins) and what every runner reports the same way: diagnostics,
 * failed calls, redaction, opening the output.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

void
cli_raise(struct cli_run *r, enum cli_exit v)
{
	if ((int)v > r->status)
		r->status = (int)v;
}

enum cli_exit
cli_exit_of(enum ra_err e)
{
	switch (e) {
	case RA_OK:
		return EXIT_OK;
	case RA_ENOMEM:
	case RA_EIO:
		return EXIT_SYSTEM;
	default:
		return EXIT_INPUT;
	}
}

int
cli_failed(struct cli_run *r, enum ra_err e)
{
	int	 err = errno;

	if (e == RA_OK)
		return 0;
	/* Only the report is written once the inputs are read. */
	if (e == RA_EIO && r->sink.f != NULL)
		fprintf(stderr, "roleaudit: %s: cannot write: %s\n",
		    r->sink.path != NULL ? r->sink.path : "standard output",
		    err != 0 ? strerror(err) : ra_strerror(e));
	else
		fprintf(stderr, "roleaudit: %s\n", ra_strerror(e));
	cli_raise(r, EXIT_SYSTEM);
	return -1;
}

void
cli_diags(struct cli_run *r)
{
	const struct ra_diag	*d;
	char			*s;
	int			 quiet = cli_given(r->o, OPT_QUIET);

	for (; r->seen < ra_ctx_diag_count(r->ctx); r->seen++) {
		d = ra_ctx_diag(r->ctx, r->seen);
		if (quiet && d->severity < RA_SEV_ERROR)
			continue;
		if ((s = ra_diag_format(d)) == NULL) {
			fputs("roleaudit: out of memory\n", stderr);
			continue;
		}
		fprintf(stderr, "%s\n", s);
		free(s);
	}
}

enum ra_err
cli_redact(struct cli_run *r)
{
	const char	*key = getenv("ROLEAUDIT_REDACT_KEY");
	size_t		 i;
	enum ra_err	 e;

	if (!cli_given(r->o, OPT_REDACT))
		return RA_OK;
	for (i = 0; i < r->nsol; i++)
		if ((e = ra_solution_redact(r->ctx, r->sol[i], key,
		    key ? strlen(key) : 0)) != RA_OK)
			return e;
	return RA_OK;
}

int
cli_open(struct cli_run *r)
{
	if (cli_output_open(&r->sink, cli_last(r->o, OPT_OUTPUT)) == 0)
		return 0;
	cli_raise(r, EXIT_SYSTEM);
	return -1;
}

int
cli_fail_severity(const struct cli_run *r, enum ra_severity *sev)
{
	switch (r->o->fail_on) {
	case FAIL_NOTE:
		*sev = RA_SEV_NOTE;
		return 1;
	case FAIL_WARNING:
		*sev = RA_SEV_WARNING;
		return 1;
	case FAIL_ERROR:
		*sev = RA_SEV_ERROR;
		return 1;
	default:
		return 0;
	}
}

/*
 * The text explain reads: the --text arguments, one per line, else all
 * of standard input, up to the --max-file-size limit.  Read before any
 * file, so that a missing text is a usage error first.  0, or -1 once
 * the exit status is raised.
 */
static int
read_text(struct cli_run *r)
{
	const struct cli_list	*t = &r->o->args[OPT_TEXT];
	uint64_t		 max = ra_ctx_limit(r->ctx, RA_LIMIT_FILE_SIZE);
	size_t			 n = 0, cap = 0, i, k;
	char			*b = NULL, *nb;

	if (t->n) {
		for (i = 0; i < t->n; i++)
			n += strlen(t->v[i]) + 1;
		if ((b = malloc(n + 1)) == NULL)
			goto system;
		for (i = 0, n = 0; i < t->n; i++) {
			k = strlen(t->v[i]);
			memcpy(b + n, t->v[i], k);
			n += k;
			if (i + 1 < t->n)
				b[n++] = '\n';
		}
	} else {
		if (ra_sys_isatty(stdin))
			fputs("roleaudit: reading the alert or trace from "
			    "standard input; end it with " RA_SYS_EOF_KEY "\n",
			    stderr);
		for (;;) {
			if (n == cap) {
				cap = cap ? cap * 2 : 65536;
				if ((nb = realloc(b, cap + 1)) == NULL) {
					free(b);
					fputs("roleaudit: out of memory\n",
					    stderr);
					goto system;
				}
				b = nb;
			}
			k = fread(b + n, 1, cap - n, stdin);
			n += k;
			if ((uint64_t)n > max) {
				free(b);
				fprintf(stderr, "roleaudit: standard input: "
				    "larger than the limit of %llu bytes "
				    "[RA113]\n", (unsigned long long)max);
				cli_raise(r, EXIT_INPUT);
				return -1;
			}
			if (k == 0)
				break;
		}
		if (ferror(stdin)) {
			free(b);
			fprintf(stderr, "roleaudit: standard input: %s\n",
			    strerror(errno));
			goto system;
		}
	}
	if (b == NULL && (b = malloc(1)) == NULL)
		goto system;
	b[n] = '\0';
	for (i = 0; i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' ||
	    b[i] == '\n'); i++)
		continue;
	if (i == n) {
		free(b);
		cli_usage_error("%s", "explain: no text to explain: pipe the "
		    "alert or trace on standard input, or give --text");
	}
	r->text = b;
	r->textlen = n;
	return 0;
system:
	cli_raise(r, EXIT_SYSTEM);
	return -1;
}

/*
 * The time HTML reports show: SOURCE_DATE_EPOCH when set (reproducible
 * output, https://reproducible-builds.org/specs/source-date-epoch/), else
 * now.  A malformed value is a usage error, as the spec asks.
 */
static int64_t
generated_time(void)
{
	const char	*s = getenv("SOURCE_DATE_EPOCH");
	char		*end;
	intmax_t	 v;

	if (s == NULL || *s == '\0')
		return (int64_t)time(NULL);
	errno = 0;
	v = strtoimax(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || v > INT64_MAX)
		cli_usage_error("SOURCE_DATE_EPOCH is not a number of seconds: "
		    "'%s'", s);
	return (int64_t)v;
}

/* The number of built-in profiles. */
static size_t
builtin_count(void)
{
	size_t	 n = 0;

	while (ra_profile_builtin(n) != NULL)
		n++;
	return n;
}

/*
 * The profiles of the command's row, loaded here once so that the
 * analysis and the renderers only borrow them: -p's, else the default
 * one (CLI_PROFILES) or every built-in one (CLI_BUILTINS).  An unknown
 * built-in name, or a profile over a limit (rows, bytes), is a usage
 * error: the profile is the user's to fix.  0, or -1 once the exit
 * status is raised.
 */
static int
load_profiles(struct cli_run *r)
{
	const struct cli_list	*p = &r->o->args[OPT_PROFILE];
	unsigned		 flags = r->o->cmd->flags;
	const char		*name;
	size_t			 n, i;
	enum ra_err		 e;

	if (!(flags & (CLI_PROFILES | CLI_BUILTINS)))
		return 0;
	/* With --policy, a profile only when asked for. */
	n = p->n ? p->n : (flags & CLI_BUILTINS) ? builtin_count() :
	    cli_given(r->o, OPT_POLICY) ? 0 : 1;
	if ((r->prof = calloc(n + 1, sizeof(*r->prof))) == NULL)
		return cli_failed(r, RA_ENOMEM);
	for (i = 0; i < n; i++) {
		name = p->n ? p->v[i] : (flags & CLI_BUILTINS) ?
		    ra_profile_builtin(i) : r->o->cmd->profile != NULL ?
		    r->o->cmd->profile : RA_PROFILE_DEFAULT;
		if ((e = ra_profile_load(r->ctx, name, &r->prof[i])) != RA_OK) {
			cli_diags(r);
			cli_raise(r, e == RA_EINVAL || e == RA_ELIMIT ?
			    EXIT_USAGE : cli_exit_of(e));
			return -1;
		}
		r->nprof++;
	}
	return 0;
}

/*
 * --policy's files, loaded once for the runner to borrow.  A policy that
 * does not load (no such file, a malformed row, over a limit, a name of
 * no built-in one) is a usage error: the command line names what the
 * user is to fix.  0, or -1 once the exit status is raised.
 */
static int
load_policies(struct cli_run *r)
{
	const struct cli_list	*p = &r->o->args[OPT_POLICY];
	size_t			 i;
	enum ra_err		 e;

	if (p->n == 0)
		return 0;
	if ((r->pol = calloc(p->n, sizeof(*r->pol))) == NULL)
		return cli_failed(r, RA_ENOMEM);
	for (i = 0; i < p->n; i++) {
		if ((e = ra_policy_load(r->ctx, p->v[i], &r->pol[i])) !=
		    RA_OK) {
			cli_diags(r);
			cli_raise(r, e == RA_ENOMEM || e == RA_EIO ?
			    EXIT_SYSTEM : EXIT_USAGE);
			return -1;
		}
		r->npol++;
	}
	return 0;
}

/*
 * Put the input SOL into R->sol: itself, or for a package its solutions
 * in import order (each an input of its own, as if named on the command
 * line), or them merged into one with CLI_MERGE (diff compares packages
 * as wholes).  SOL then belongs to R.
 */
static enum ra_err
add_input(struct cli_run *r, struct ra_solution *sol, size_t *cap)
{
	int			 split = 0;
	size_t			 n = 1;
	struct ra_solution	**v;
	enum ra_err		 e;

	if (ra_solution_kind(sol) == RA_INPUT_PACKAGE) {
		if (r->o->cmd->flags & CLI_MERGE) {
			if ((e = ra_solution_merge(r->ctx, sol)) != RA_OK) {
				ra_solution_free(sol);
				return e;
			}
		} else {
			split = 1;
			n = ra_solution_part_count(sol);
		}
	}
	if (r->nsol + n > *cap) {
		*cap = (r->nsol + n) * 2;
		if ((v = realloc(r->sol, (*cap + 1) * sizeof(*v))) == NULL) {
			ra_solution_free(sol);
			return RA_ENOMEM;
		}
		r->sol = v;
	}
	if (split) {
		ra_solution_split(sol, r->sol + r->nsol);
		ra_solution_free(sol);
	} else
		r->sol[r->nsol] = sol;
	r->nsol += n;
	return RA_OK;
}

/*
 * Load the inputs into R->sol (the ones that load, in order; a package's
 * solutions in its place); a broken input raises the exit status and the
 * others are still read.  Up to -j at once (ra_solutions_load() decides
 * whether it can).  Returns a failure to set the work up.
 */
static enum ra_err
load_inputs(struct cli_run *r)
{
	const struct cli_opts	 *o = r->o;
	struct ra_solution	**got;
	struct cli_progress	 *pr;
	enum ra_err		 *st, e;
	unsigned		  jobs = o->jobs ? o->jobs : ra_sys_cpus();
	size_t			  i, n = o->ninputs, cap = n;
	size_t			  errors = ra_ctx_diag_count_sev(r->ctx,
				      RA_SEV_ERROR);

	if ((r->sol = calloc(n + 1, sizeof(*r->sol))) == NULL)
		return RA_ENOMEM;
	if ((got = calloc(n + 1, sizeof(*got))) == NULL ||
	    (st = calloc(n + 1, sizeof(*st))) == NULL) {
		free(got);
		return RA_ENOMEM;
	}
	pr = cli_progress_start(r->ctx, n, o->progress);
	e = ra_solutions_load(r->ctx, o->inputs, n, jobs, got, st);
	cli_progress_end(pr, r->ctx);
	for (i = 0; i < n; i++) {
		if (e == RA_OK && st[i] == RA_OK)
			e = add_input(r, got[i], &cap);
		else if (e == RA_OK)
			cli_raise(r, cli_exit_of(st[i]));
		else
			ra_solution_free(got[i]);
	}
	free(got);
	free(st);
	/*
	 * A part of an input left out with an error (a malformed app or
	 * column security profile: the rest of it loaded) fails the run as
	 * a broken input does, though what loaded is still reported.
	 */
	if (ra_ctx_diag_count_sev(r->ctx, RA_SEV_ERROR) > errors)
		cli_raise(r, EXIT_INPUT);
	return e;
}

void
cli_run(struct cli_run *r, struct ra_ctx *ctx, const struct cli_opts *o)
{
	const struct cli_command	*c = o->cmd;
	const char			*catalog = cli_last(o, OPT_CATALOG);
	enum ra_err			 e;

	memset(r, 0, sizeof(*r));
	r->ctx = ctx;
	r->o = o;
	if ((c->flags & CLI_TEXT) && read_text(r) == -1)
		return;
	r->wo.format = o->format;
	r->wo.color = o->color;
	r->wo.sarif_root = cli_last(o, OPT_SARIF_ROOT);
	r->wo.max_results = o->max_results;
	r->wo.results_left_out = &r->left_out;
	if (o->format == RA_FORMAT_HTML)
		r->wo.generated = generated_time();
	if (catalog != NULL &&
	    (e = ra_ctx_load_catalog(ctx, catalog)) != RA_OK) {
		cli_diags(r);
		cli_raise(r, e == RA_ELIMIT ? EXIT_USAGE : cli_exit_of(e));
		return;
	}
	if (load_profiles(r) == -1 || load_policies(r) == -1)
		return;
	/* Only SARIF points at a privilege's line. */
	ra_ctx_locate_grants(ctx, o->format == RA_FORMAT_SARIF);
	/*
	 * A command that needs only what its profiles list keeps just that:
	 * flat memory, less work.  Not for HTML, whose grids show every
	 * privilege a role holds, nor with --lint or --policy, which look at
	 * them all.
	 */
	if ((c->flags & CLI_FOCUS) && o->format != RA_FORMAT_HTML &&
	    !cli_given(o, OPT_LINT) && r->npol == 0 && cli_failed(r, ra_ctx_focus(ctx,
	    (const struct ra_profile *const *)r->prof, r->nprof)) == -1)
		return;
	/* Counts only: a focus on no profile keeps no privilege. */
	if ((c->flags & CLI_COUNTS) &&
	    cli_failed(r, ra_ctx_focus(ctx, NULL, 0)) == -1)
		return;
	if (c->max_inputs > 0 && !(c->flags & CLI_NAMES)) {
		if (cli_failed(r, load_inputs(r)) == -1)
			return;
		cli_diags(r);
	}
	c->run(r);
	if (r->left_out > 0 && !cli_given(o, OPT_QUIET))
		fprintf(stderr, "roleaudit: warning: %zu SARIF result%s not "
		    "written, past --max-results %zu (the run's "
		    "resultsNotWritten says so; -f json lists them all)\n",
		    r->left_out, r->left_out == 1 ? "" : "s",
		    o->max_results);
	if (r->sink.f == NULL)
		return;
	/* A report that leaves out a broken input is not written to -o. */
	if (cli_output_close(&r->sink, r->status < EXIT_USAGE) == -1)
		cli_raise(r, EXIT_SYSTEM);
	else if (r->sink.path != NULL && (r->status == EXIT_INPUT ||
	    r->status == EXIT_SYSTEM))
		fprintf(stderr, "roleaudit: %s not written: %s\n", r->sink.path,
		    r->status == EXIT_INPUT ? "an input could not be read" :
		    "the report could not be made");
}

void
cli_run_free(struct cli_run *r)
{
	size_t	 i;

	for (i = 0; r->sol != NULL && i < r->nsol; i++)
		ra_solution_free(r->sol[i]);
	for (i = 0; r->prof != NULL && i < r->nprof; i++)
		ra_profile_free(r->prof[i]);
	for (i = 0; r->pol != NULL && i < r->npol; i++)
		ra_policy_free(r->pol[i]);
	free(r->pol);
	free(r->sol);
	free(r->prof);
	free(r->text);
	ra_lint_free(r->lint);
}
