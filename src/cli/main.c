/*
 * main.c - the roleaudit command: options, files, exit status.  Uses only
 * the public header, like any other program linking libroleaudit.
 *
 * Exit status (man page, EXIT STATUS):
 *   0 nothing to report, 1 findings, 2 usage, 3 bad input, 4 system error.
 * The worst one wins; broken inputs do not stop the others from being
 * read and reported.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "roleaudit.h"

enum exit_status {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1,
	EXIT_USAGE = 2,
	EXIT_INPUT = 3,
	EXIT_SYSTEM = 4
};

enum command {
	CMD_CHECK,
	CMD_DIFF,
	CMD_ROLES,
	CMD_PROFILES,
	CMD_MATRIX,
	CMD_LINT,
	CMD_EXPLAIN
};

struct opts {
	enum command	 cmd;
	enum ra_format	 format;
	const char	*output;
	const char	**profile;
	size_t		 nprofile;
	const char	*catalog;
	enum ra_level	 min_level;
	int		 color;		/* -1 auto */
	int		 quiet;
	unsigned	 jobs;		/* -j; 0: one per core */
	int		 progress;	/* -1 auto */
	const char	**role;		/* diff --role */
	size_t		 nrole;
	int		 fail_on_escalation;
	int		 fail_on_set;
	int		 fail_on_sev;	/* --fail-on note|warning|error, or -1 */
	int		 format_set;
	int		 lint;		/* check --lint */
	const char	**combine;	/* check --combine LIST */
	size_t		 ncombine;
	int		 combine_all;
	const char	**team_role;	/* --team-role */
	size_t		 nteam_role;
	int		 redact;
	const char	**text;		/* explain --text */
	size_t		 ntext;
};

/*
 * The --help text, the short form of roleaudit(1), in parts: C11 compilers
 * need not take string literals over 4095 bytes.
 */
static const char *const usage_text[] = {
"usage: roleaudit check [options] INPUT...\n"
"       roleaudit diff [options] OLD NEW\n"
"       roleaudit roles [options] INPUT...\n"
"       roleaudit profiles [options]\n"
"       roleaudit matrix [options] INPUT...\n"
"       roleaudit lint [options] INPUT...\n"
"       roleaudit explain [options] [INPUT...] < ALERT.txt\n"
"       roleaudit --help | --version\n"
"\n"
"Audit the security roles in Dynamics 365 / Dataverse solution exports.\n"
"INPUT is a solution .zip, an unpacked solution folder, or a role or\n"
"customizations XML file.\n"
"\n"
"Commands:\n"
"  check      report the roles that lack privileges a profile requires\n"
"  diff       what changed between two exports, privilege by privilege\n"
"  roles      list every role: name, id, privilege count, location\n"
"  profiles   list the built-in requirement profiles\n"
"  matrix     every role against every privilege, by the editor's tabs\n"
"  lint       depths a privilege cannot take, Append without Append To,\n"
"             team roles at User depth (codes RA4xx)\n"
"  explain    what a pasted alert or trace means: the privilege, its tab,\n"
"             the profiles that list it and the roles of INPUT that lack it\n"
"\n",

"Options:\n"
"  -f, --format FMT        text (default), csv, json; check and diff also\n"
"                          html, md (Markdown) and sarif (SARIF 2.1.0);\n"
"                          matrix: csv (default) or html\n"
"  -o, --output FILE       write the report to FILE, atomically\n"
"  -p, --profile NAME|CSV  requirement profile, repeatable (default:\n"
"                          server-side-sync); requirements are united\n"
"      --min-level LEVEL   require LEVEL (Basic, Local, Deep or Global)\n"
"                          for every privilege, overriding the profiles\n"
"      --catalog CSV       extend or override the privilege catalog\n"
"      --role NAME|ID      diff: compare only this role, repeatable\n"
"      --fail-on WHAT      exit 1 on findings of this severity or worse:\n"
"                          note, warning or error (check's default);\n"
"                          diff also: change (its default: any change)\n"
"                          or escalation\n"
"      --lint              check: lint the roles too (findings on stderr and\n"
"                          in the JSON diagnostics)\n"
"      --combine LIST      check: evaluate the roles of LIST (names or ids,\n"
"                          comma-separated, \\, for a comma) as one user\n"
"                          holding them all; repeatable\n"
"      --combine-all       check: every role of the inputs as one user\n"
"      --team-role NAME|ID lint: this role is assigned to teams\n"
"      --text TEXT         explain: TEXT instead of standard input\n"
"      --redact            pseudonyms for role names and ids in the report\n"
"                          (keyed by $ROLEAUDIT_REDACT_KEY)\n"
"      --color WHEN        auto (default), always or never\n"
"      --max-member-size N largest zip member inflated, bytes (default 2G)\n"
"      --max-ratio N       largest compression ratio of a member over\n"
"                          1 MiB (default 200)\n"
"      --max-file-size N   largest XML or CSV file, bytes (default 4G)\n"
"      --max-members N     most members in a zip (default 100000)\n"
"      --max-total-size N  most bytes inflated from all the members of\n"
"                          a zip together (default 4G)\n"
"      --scan-size N       parse only the <Roles> section of a\n"
"                          customizations.xml of N bytes or more\n"
"                          (default 8M)\n"
"                          (these sizes take K, M and G suffixes)\n"
"      --full-parse        parse every document whole\n"
"  -j, --jobs N            read up to N inputs at once (default: one per\n"
"                          core; check only)\n"
"      --progress, --no-progress\n"
"                          a progress line on standard error (default:\n"
"                          only on a terminal, never when CI is set)\n"
"  -q, --quiet             do not print warnings\n"
"  -h, --help              show this help\n"
"  -V, --version           show the version\n"
"\n",

"Exit status: 0 every role passes (diff: no difference), 1 some role\n"
"fails (diff: a difference, or an escalation with --fail-on escalation;\n"
"with --fail-on note|warning|error: a finding or input diagnostic of\n"
"that severity or worse; check --lint, lint: a lint warning; check\n"
"--combine: a combination fails; explain: a role of INPUT lacks what the\n"
"text is about), 2 usage error, 3 bad input (other inputs are still\n"
"reported), 4 system error.\n"
"See roleaudit(1).\n",
	NULL
};

static void
usage(FILE *f)
{
	const char *const	*p;

	for (p = usage_text; *p; p++)
		fputs(*p, f);
}

static void usage_error(const char *, ...)
    __attribute__((format(printf, 1, 2), noreturn));
static enum ra_err redact_all(struct ra_ctx *, const struct opts *,
    struct ra_solution **, size_t);

static void
usage_error(const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "roleaudit: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'roleaudit --help'.\n");
	exit(EXIT_USAGE);
}

/* A positive size with an optional K, M or G suffix (powers of 1024). */
static uint64_t
parse_size(const char *s, const char *opt)
{
	char		*end;
	uintmax_t	 v;
	unsigned	 shift = 0;

	errno = 0;
	if (*s == '-' || (v = strtoumax(s, &end, 10)) == 0 || errno != 0)
		usage_error("%s needs a positive number", opt);
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (*end != '\0' || v > (UINT64_MAX >> shift))
		usage_error("%s needs a positive number", opt);
	return (uint64_t)v << shift;
}

/* Print the diagnostics recorded since *SEEN (errors only when QUIET). */
static void
print_diags(const struct ra_ctx *ctx, size_t *seen, int quiet)
{
	const struct ra_diag	*d;
	char			*s;

	for (; *seen < ra_ctx_diag_count(ctx); (*seen)++) {
		d = ra_ctx_diag(ctx, *seen);
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

static int
exit_of(enum ra_err e)
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

/* Keep the worse status: the exit codes are ordered by severity. */
static void
worst(int *rc, int v)
{
	if (v > *rc)
		*rc = v;
}

/*
 * Where the report goes: stdout, or a temporary file beside OUTPUT that
 * finish_output() renames over it only when everything went well.
 */
struct sink {
	FILE	*f;
	char	*tmp;
};

static int
open_output(const char *output, struct sink *s)
{
	const char	*slash;
	size_t		 n;
	int		 fd;

	s->tmp = NULL;
	if (output == NULL || strcmp(output, "-") == 0) {
		s->f = stdout;
		return 0;
	}
	n = strlen(output);
	if ((s->tmp = malloc(n + 16)) == NULL)
		return -1;
	slash = strrchr(output, '/');
	/* ".NAME.XXXXXX" in OUTPUT's directory: rename() stays atomic. */
	snprintf(s->tmp, n + 16, "%.*s.%s.XXXXXX",
	    slash ? (int)(slash - output + 1) : 0, output,
	    slash ? slash + 1 : output);
	if ((fd = mkstemp(s->tmp)) == -1 || (s->f = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "roleaudit: %s: cannot create: %s\n", output,
		    strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(s->tmp);
		}
		free(s->tmp);
		s->tmp = NULL;
		return -1;
	}
	return 0;
}

/* Commit (KEEP) or discard the output; 0 or -1. */
static int
finish_output(const char *output, struct sink *s, int keep)
{
	mode_t	 mask;
	int	 rc = 0;

	if (s->tmp == NULL)
		return fflush(stdout) == 0 ? 0 : -1;
	if (keep) {
		mask = umask(0);
		umask(mask);
		if (fflush(s->f) != 0 || fsync(fileno(s->f)) != 0 ||
		    fchmod(fileno(s->f), 0666 & ~mask) != 0)
			rc = -1;
	}
	if (fclose(s->f) != 0)
		rc = -1;
	if (keep && rc == 0 && rename(s->tmp, output) != 0)
		rc = -1;
	if (!keep || rc != 0)
		unlink(s->tmp);
	if (keep && rc != 0)
		fprintf(stderr, "roleaudit: %s: cannot write: %s\n", output,
		    strerror(errno));
	free(s->tmp);
	s->tmp = NULL;
	return rc;
}

/* Compare SOL[0] with SOL[1] and render it; findings raise *RC. */
static enum ra_err
run_diff(struct ra_ctx *ctx, const struct opts *o, struct ra_solution **sol,
    struct ra_profile **prof, size_t nprof, const struct ra_write_opts *wo,
    FILE *out, int *rc)
{
	struct ra_diff		*d;
	struct ra_diff_opts	 dopt;
	enum ra_err		 e;

	dopt.roles = o->role;
	dopt.nroles = o->nrole;
	e = ra_diff(ctx, sol[0], sol[1], (const struct ra_profile *const *)prof,
	    nprof, &dopt, &d);
	if (e != RA_OK)
		return e;
	if ((e = redact_all(ctx, o, sol, 2)) == RA_OK)
		e = ra_write_diff(d, wo, out);
	if (o->fail_on_sev >= 0) {
		if (ra_diff_finding_count(d, (enum ra_severity)o->fail_on_sev) >
		    0 || ra_ctx_diag_count_sev(ctx,
		    (enum ra_severity)o->fail_on_sev) > 0)
			worst(rc, EXIT_FINDINGS);
	} else if (o->fail_on_escalation ? ra_diff_escalation_count(d) > 0 :
	    ra_diff_change_count(d) > 0)
		worst(rc, EXIT_FINDINGS);
	ra_diff_free(d);
	return e;
}

/* Formats each command writes; matrix defaults to CSV. */
static void
check_format(struct opts *o)
{
	static const char *const names[] = { "text", "csv", "json", "html",
	    "md", "sarif" };

	if (o->cmd == CMD_MATRIX) {
		if (!o->format_set)
			o->format = RA_FORMAT_CSV;
		if (o->format != RA_FORMAT_CSV && o->format != RA_FORMAT_HTML)
			usage_error("matrix writes csv or html, not %s",
			    names[o->format]);
		return;
	}
	if ((o->cmd == CMD_ROLES || o->cmd == CMD_PROFILES) &&
	    o->format != RA_FORMAT_TEXT && o->format != RA_FORMAT_CSV &&
	    o->format != RA_FORMAT_JSON)
		usage_error("%s writes text, csv or json, not %s",
		    o->cmd == CMD_ROLES ? "roles" : "profiles",
		    names[o->format]);
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
		usage_error("SOURCE_DATE_EPOCH is not a number of seconds: "
		    "'%s'", s);
	return (int64_t)v;
}

/* The options of lint, explain, --combine and --redact, checked. */
static void
more_args(struct opts *o)
{
	static const char *const names[] = { "text", "csv", "json", "html",
	    "md", "sarif" };

	if (o->cmd != CMD_CHECK && (o->lint || o->ncombine || o->combine_all))
		usage_error("%s", "--lint, --combine and --combine-all go with "
		    "check");
	if (o->ncombine && o->combine_all)
		usage_error("%s", "--combine and --combine-all exclude each "
		    "other");
	if ((o->ncombine || o->combine_all) && o->fail_on_set)
		usage_error("%s", "--fail-on does not go with --combine");
	if (o->nteam_role && o->cmd != CMD_LINT && !o->lint)
		usage_error("%s", "--team-role goes with lint and check --lint");
	if (o->ntext && o->cmd != CMD_EXPLAIN)
		usage_error("%s", "--text goes with explain");
	if (o->redact && o->cmd == CMD_PROFILES)
		usage_error("%s", "--redact goes with the commands that read "
		    "roles");
	if (o->cmd == CMD_EXPLAIN && o->fail_on_set)
		usage_error("%s", "--fail-on does not go with explain");
	if ((o->cmd == CMD_LINT || o->cmd == CMD_EXPLAIN || o->ncombine ||
	    o->combine_all) && o->format != RA_FORMAT_TEXT &&
	    o->format != RA_FORMAT_CSV && o->format != RA_FORMAT_JSON)
		usage_error("%s writes text, csv or json, not %s",
		    o->cmd == CMD_LINT ? "lint" : o->cmd == CMD_EXPLAIN ?
		    "explain" : "check --combine", names[o->format]);
}

/* Give every solution pseudonyms when --redact; after the analysis. */
static enum ra_err
redact_all(struct ra_ctx *ctx, const struct opts *o, struct ra_solution **sol,
    size_t nsol)
{
	const char	*key = getenv("ROLEAUDIT_REDACT_KEY");
	size_t		 i;
	enum ra_err	 e;

	if (!o->redact)
		return RA_OK;
	for (i = 0; i < nsol; i++)
		if ((e = ra_solution_redact(ctx, sol[i], key,
		    key ? strlen(key) : 0)) != RA_OK)
			return e;
	return RA_OK;
}

/*
 * The text explain reads: the --text arguments, one per line, else all
 * of standard input, up to the --max-file-size limit.  Returns 0, or
 * the exit status.
 */
static int
read_text(const struct opts *o, const struct ra_ctx *ctx, char **buf,
    size_t *len)
{
	uint64_t	 max = ra_ctx_limit(ctx, RA_LIMIT_FILE_SIZE);
	size_t		 n = 0, cap = 0, i, k;
	char		*b = NULL, *nb;

	if (o->ntext) {
		for (i = 0; i < o->ntext; i++)
			n += strlen(o->text[i]) + 1;
		if ((b = malloc(n + 1)) == NULL)
			return EXIT_SYSTEM;
		for (i = 0, n = 0; i < o->ntext; i++) {
			k = strlen(o->text[i]);
			memcpy(b + n, o->text[i], k);
			n += k;
			if (i + 1 < o->ntext)
				b[n++] = '\n';
		}
	} else {
		if (isatty(STDIN_FILENO))
			fputs("roleaudit: reading the alert or trace from standard "
			    "input; end it with Ctrl-D\n", stderr);
		for (;;) {
			if (n == cap) {
				cap = cap ? cap * 2 : 65536;
				if ((nb = realloc(b, cap + 1)) == NULL) {
					free(b);
					fputs("roleaudit: out of memory\n",
					    stderr);
					return EXIT_SYSTEM;
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
				return EXIT_INPUT;
			}
			if (k == 0)
				break;
		}
		if (ferror(stdin)) {
			free(b);
			fprintf(stderr, "roleaudit: standard input: %s\n",
			    strerror(errno));
			return EXIT_SYSTEM;
		}
	}
	if (b == NULL && (b = malloc(1)) == NULL)
		return EXIT_SYSTEM;
	b[n] = '\0';
	for (i = 0; i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' ||
	    b[i] == '\n'); i++)
		continue;
	if (i == n) {
		free(b);
		usage_error("%s", "explain: no text to explain: pipe the alert "
		    "or trace on standard input, or give --text");
	}
	*buf = b;
	*len = n;
	return 0;
}

/*
 * lint, explain and check --combine: analyse, redact, render.  Findings
 * raise *RC.
 */
static enum ra_err
run_more(struct ra_ctx *ctx, const struct opts *o, struct ra_solution **sol,
    size_t nsol, struct ra_profile **prof, size_t nprof,
    const char *text, size_t textlen, const struct ra_write_opts *wo,
    FILE *out, int *rc)
{
	const struct ra_solution *const *csol =
	    (const struct ra_solution *const *)sol;
	struct ra_lint_opts	 lo;
	struct ra_check_opts	 co;
	struct ra_lint		*ln = NULL;
	struct ra_combined	*cb = NULL;
	struct ra_explanation	*x = NULL;
	enum ra_err		 e;

	memset(&lo, 0, sizeof(lo));
	lo.team_roles = o->team_role;
	lo.nteam_roles = o->nteam_role;
	memset(&co, 0, sizeof(co));
	co.min_level = o->min_level;
	if (o->cmd == CMD_LINT)
		e = ra_lint(ctx, csol, nsol, &lo, &ln);
	else if (o->cmd == CMD_EXPLAIN)
		e = ra_explain(ctx, text, textlen, csol, nsol, &x);
	else
		e = ra_combine(ctx, csol, nsol,
		    (const struct ra_profile *const *)prof, nprof, &co,
		    o->combine, o->ncombine, &cb);
	if (e == RA_EINVAL) {
		/* A role named on the command line that is not there. */
		worst(rc, EXIT_USAGE);
		return RA_OK;
	}
	if (e == RA_OK)
		e = redact_all(ctx, o, sol, nsol);
	if (e == RA_OK && ln) {
		e = ra_write_lint(ln, wo, out);
		if (ra_lint_count(ln, o->fail_on_sev >= 0 ?
		    (enum ra_severity)o->fail_on_sev : RA_SEV_WARNING) > 0)
			worst(rc, EXIT_FINDINGS);
	} else if (e == RA_OK && x) {
		e = ra_write_explanation(x, wo, out);
		if (ra_explanation_lacking_count(x) > 0)
			worst(rc, EXIT_FINDINGS);
	} else if (e == RA_OK && cb) {
		e = ra_write_combined(cb, wo, out);
		if (ra_combined_fail_count(cb) > 0)
			worst(rc, EXIT_FINDINGS);
	}
	ra_lint_free(ln);
	ra_explanation_free(x);
	ra_combined_free(cb);
	return e;
}

/* check --lint: the findings join the diagnostics; warnings are findings. */
static enum ra_err
check_lint(struct ra_ctx *ctx, const struct opts *o, struct ra_solution **sol,
    size_t nsol, int *rc)
{
	struct ra_lint_opts	 lo;
	struct ra_lint		*ln;
	enum ra_err		 e;

	memset(&lo, 0, sizeof(lo));
	lo.team_roles = o->team_role;
	lo.nteam_roles = o->nteam_role;
	e = ra_lint(ctx, (const struct ra_solution *const *)sol, nsol, &lo,
	    &ln);
	if (e == RA_EINVAL) {
		worst(rc, EXIT_USAGE);
		return RA_OK;
	}
	if (e != RA_OK)
		return e;
	ra_lint_record(ctx, ln);
	if (o->fail_on_sev < 0 && ra_lint_count(ln, RA_SEV_WARNING) > 0)
		worst(rc, EXIT_FINDINGS);
	ra_lint_free(ln);
	return RA_OK;
}

/*
 * The progress line: inputs done of all, megabytes parsed and the rate,
 * and time left when there are several inputs.  Drawn on standard error
 * at most ten times a second, after the first second, and erased at the
 * end.
 */
struct progress {
	struct timespec	 start, drawn;
	uint64_t	 bytes;
	size_t		 done, total;
	int		 shown;
};

static double
since(const struct timespec *t)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	    (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void
progress_cb(void *arg, uint64_t bytes, size_t inputs)
{
	struct progress	*p = arg;
	double		 el = since(&p->start), rate;

	p->bytes += bytes;
	p->done += inputs;
	if (el < 1.0 || (p->shown && since(&p->drawn) < 0.1))
		return;
	clock_gettime(CLOCK_MONOTONIC, &p->drawn);
	rate = (double)p->bytes / el / 1e6;
	fprintf(stderr, "\r\033[Kroleaudit: %zu/%zu inputs, %.0f MB, %.0f MB/s",
	    p->done, p->total, (double)p->bytes / 1e6, rate);
	if (p->total > 1 && p->done > 0)
		fprintf(stderr, ", %.0f s left", el / (double)p->done *
		    (double)(p->total - p->done));
	fflush(stderr);
	p->shown = 1;
}

/*
 * Load the N inputs at PATHS into SOL (the ones that load, in order,
 * counted in *NSOL); a broken input raises *RC.  Up to o->jobs at once
 * (ra_solutions_load() decides whether it can).
 */
static enum ra_err
load_inputs(struct ra_ctx *ctx, const struct opts *o,
    const char *const *paths, size_t n, struct ra_solution **sol,
    size_t *nsol, int *rc)
{
	struct ra_solution	**got;
	enum ra_err		 *st, e;
	struct progress		  pr;
	long			  cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned		  jobs = o->jobs ? o->jobs :
				      cores > 0 ? (unsigned)cores : 1;
	size_t			  i;
	int			  show = o->progress == -1 ?
				      isatty(STDERR_FILENO) && !getenv("CI") :
				      o->progress;

	if ((got = calloc(n + 1, sizeof(*got))) == NULL ||
	    (st = calloc(n + 1, sizeof(*st))) == NULL) {
		free(got);
		return RA_ENOMEM;
	}
	memset(&pr, 0, sizeof(pr));
	pr.total = n;
	clock_gettime(CLOCK_MONOTONIC, &pr.start);
	if (show)
		ra_ctx_set_progress(ctx, progress_cb, &pr);
	e = ra_solutions_load(ctx, paths, n, jobs, got, st);
	ra_ctx_set_progress(ctx, NULL, NULL);
	if (pr.shown)
		fputs("\r\033[K", stderr);
	for (i = 0; e == RA_OK && i < n; i++) {
		if (st[i] == RA_OK)
			sol[(*nsol)++] = got[i];
		else
			worst(rc, exit_of(st[i]));
	}
	free(got);
	free(st);
	return e;
}

static void
parse_args(int argc, char *argv[], struct opts *o, struct ra_ctx *ctx)
{
	enum {
		OPT_MIN_LEVEL = 256, OPT_CATALOG, OPT_COLOR, OPT_MEMBER_SIZE,
		OPT_RATIO, OPT_FILE_SIZE, OPT_MEMBERS, OPT_ROLE, OPT_FAIL_ON,
		OPT_SCAN_SIZE, OPT_FULL_PARSE, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_LINT, OPT_COMBINE,
		OPT_COMBINE_ALL, OPT_TEAM_ROLE, OPT_REDACT, OPT_TEXT,
		OPT_TOTAL_SIZE
	};
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "profile", required_argument, NULL, 'p' },
		{ "min-level", required_argument, NULL, OPT_MIN_LEVEL },
		{ "catalog", required_argument, NULL, OPT_CATALOG },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "colour", required_argument, NULL, OPT_COLOR },
		{ "max-member-size", required_argument, NULL, OPT_MEMBER_SIZE },
		{ "max-ratio", required_argument, NULL, OPT_RATIO },
		{ "max-file-size", required_argument, NULL, OPT_FILE_SIZE },
		{ "max-members", required_argument, NULL, OPT_MEMBERS },
		{ "max-total-size", required_argument, NULL, OPT_TOTAL_SIZE },
		{ "scan-size", required_argument, NULL, OPT_SCAN_SIZE },
		{ "full-parse", no_argument, NULL, OPT_FULL_PARSE },
		{ "jobs", required_argument, NULL, 'j' },
		{ "progress", no_argument, NULL, OPT_PROGRESS },
		{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
		{ "role", required_argument, NULL, OPT_ROLE },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "lint", no_argument, NULL, OPT_LINT },
		{ "combine", required_argument, NULL, OPT_COMBINE },
		{ "combine-all", no_argument, NULL, OPT_COMBINE_ALL },
		{ "team-role", required_argument, NULL, OPT_TEAM_ROLE },
		{ "redact", no_argument, NULL, OPT_REDACT },
		{ "text", required_argument, NULL, OPT_TEXT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*cmd;
	int		 c;

	if (argc < 2)
		usage_error("%s", "missing command");
	cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
	    strcmp(cmd, "help") == 0) {
		usage(stdout);
		exit(EXIT_OK);
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("roleaudit %s\n", RA_VERSION);
		exit(EXIT_OK);
	}
	if (strcmp(cmd, "check") == 0)
		o->cmd = CMD_CHECK;
	else if (strcmp(cmd, "diff") == 0)
		o->cmd = CMD_DIFF;
	else if (strcmp(cmd, "roles") == 0)
		o->cmd = CMD_ROLES;
	else if (strcmp(cmd, "profiles") == 0)
		o->cmd = CMD_PROFILES;
	else if (strcmp(cmd, "matrix") == 0)
		o->cmd = CMD_MATRIX;
	else if (strcmp(cmd, "lint") == 0)
		o->cmd = CMD_LINT;
	else if (strcmp(cmd, "explain") == 0)
		o->cmd = CMD_EXPLAIN;
	else
		usage_error("unknown command '%s'", cmd);
	/* Parse what follows the command; getopt names argv[0] in errors. */
	argc--;
	argv++;
	argv[0] = (char *)"roleaudit";
	while ((c = getopt_long(argc, argv, "f:j:o:p:qhV", longopts, NULL)) !=
	    -1)
		switch (c) {
		case 'f':
			o->format_set = 1;
			if (strcmp(optarg, "text") == 0)
				o->format = RA_FORMAT_TEXT;
			else if (strcmp(optarg, "csv") == 0)
				o->format = RA_FORMAT_CSV;
			else if (strcmp(optarg, "json") == 0)
				o->format = RA_FORMAT_JSON;
			else if (strcmp(optarg, "html") == 0)
				o->format = RA_FORMAT_HTML;
			else if (strcmp(optarg, "md") == 0 ||
			    strcmp(optarg, "markdown") == 0)
				o->format = RA_FORMAT_MD;
			else if (strcmp(optarg, "sarif") == 0)
				o->format = RA_FORMAT_SARIF;
			else
				usage_error("unknown format '%s' (text, csv, "
				    "json, html, md, sarif)", optarg);
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'p':
			o->profile[o->nprofile++] = optarg;
			break;
		case OPT_MIN_LEVEL:
			if (ra_level_parse(optarg, &o->min_level) != RA_OK ||
			    o->min_level == RA_LEVEL_NONE)
				usage_error("unknown level '%s' (Basic, Local, "
				    "Deep, Global)", optarg);
			break;
		case OPT_CATALOG:
			o->catalog = optarg;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				o->color = -1;
			else if (strcmp(optarg, "always") == 0)
				o->color = 1;
			else if (strcmp(optarg, "never") == 0)
				o->color = 0;
			else
				usage_error("--color takes auto, always or "
				    "never, not '%s'", optarg);
			break;
		case OPT_MEMBER_SIZE:
			ra_ctx_set_limit(ctx, RA_LIMIT_MEMBER_SIZE,
			    parse_size(optarg, "--max-member-size"));
			break;
		case OPT_RATIO:
			ra_ctx_set_limit(ctx, RA_LIMIT_RATIO,
			    parse_size(optarg, "--max-ratio"));
			break;
		case OPT_FILE_SIZE:
			ra_ctx_set_limit(ctx, RA_LIMIT_FILE_SIZE,
			    parse_size(optarg, "--max-file-size"));
			break;
		case OPT_MEMBERS:
			ra_ctx_set_limit(ctx, RA_LIMIT_MEMBERS,
			    parse_size(optarg, "--max-members"));
			break;
		case OPT_TOTAL_SIZE:
			ra_ctx_set_limit(ctx, RA_LIMIT_TOTAL_SIZE,
			    parse_size(optarg, "--max-total-size"));
			break;
		case OPT_SCAN_SIZE:
			ra_ctx_set_limit(ctx, RA_LIMIT_SCAN_SIZE,
			    parse_size(optarg, "--scan-size"));
			break;
		case 'j':
			o->jobs = (unsigned)parse_size(optarg, "--jobs");
			if (o->jobs > 1024)
				usage_error("%s", "--jobs takes 1 to 1024");
			break;
		case OPT_PROGRESS:
			o->progress = 1;
			break;
		case OPT_NO_PROGRESS:
			o->progress = 0;
			break;
		case OPT_FULL_PARSE:
			ra_ctx_set_limit(ctx, RA_LIMIT_SCAN_SIZE, UINT64_MAX);
			break;
		case OPT_ROLE:
			o->role[o->nrole++] = optarg;
			break;
		case OPT_FAIL_ON:
			o->fail_on_set = 1;
			o->fail_on_sev = -1;
			o->fail_on_escalation = 0;
			if (strcmp(optarg, "change") == 0)
				o->fail_on_set = 2;
			else if (strcmp(optarg, "escalation") == 0) {
				o->fail_on_set = 2;
				o->fail_on_escalation = 1;
			} else if (strcmp(optarg, "note") == 0)
				o->fail_on_sev = RA_SEV_NOTE;
			else if (strcmp(optarg, "warning") == 0)
				o->fail_on_sev = RA_SEV_WARNING;
			else if (strcmp(optarg, "error") == 0)
				o->fail_on_sev = RA_SEV_ERROR;
			else
				usage_error("--fail-on takes note, warning, "
				    "error, change or escalation, not '%s'",
				    optarg);
			break;
		case OPT_LINT:
			o->lint = 1;
			break;
		case OPT_COMBINE:
			o->combine[o->ncombine++] = optarg;
			break;
		case OPT_COMBINE_ALL:
			o->combine_all = 1;
			break;
		case OPT_TEAM_ROLE:
			o->team_role[o->nteam_role++] = optarg;
			break;
		case OPT_REDACT:
			o->redact = 1;
			break;
		case OPT_TEXT:
			o->text[o->ntext++] = optarg;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			usage(stdout);
			exit(EXIT_OK);
		case 'V':
			printf("roleaudit %s\n", RA_VERSION);
			exit(EXIT_OK);
		default:
			fputs("Try 'roleaudit --help'.\n", stderr);
			exit(EXIT_USAGE);
		}
	if (o->cmd == CMD_PROFILES && optind < argc)
		usage_error("profiles takes no inputs ('%s')", argv[optind]);
	if (o->cmd != CMD_PROFILES && o->cmd != CMD_EXPLAIN && optind >= argc)
		usage_error("%s", "no input given");
	more_args(o);
	if (o->cmd == CMD_DIFF && argc - optind != 2)
		usage_error("%s", "diff takes two inputs: OLD NEW");
	if (o->cmd != CMD_DIFF && o->nrole)
		usage_error("%s", "--role goes with diff");
	if (o->cmd != CMD_DIFF && o->fail_on_set == 2)
		usage_error("%s", "--fail-on change and escalation go with "
		    "diff");
	if (o->cmd != CMD_DIFF && o->cmd != CMD_CHECK && o->cmd != CMD_LINT &&
	    o->fail_on_set)
		usage_error("%s", "--fail-on goes with check, diff and lint");
	check_format(o);
	if (o->cmd != CMD_CHECK && o->min_level != RA_LEVEL_NONE)
		usage_error("%s", "--min-level goes with check");
	if ((o->cmd == CMD_ROLES || o->cmd == CMD_PROFILES ||
	    o->cmd == CMD_MATRIX || o->cmd == CMD_LINT ||
	    o->cmd == CMD_EXPLAIN) && o->nprofile)
		usage_error("%s", "--profile goes with check and diff");
	if (o->color == -1)
		o->color = o->output == NULL && o->format == RA_FORMAT_TEXT &&
		    isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL &&
		    (getenv("TERM") == NULL || strcmp(getenv("TERM"),
		    "dumb") != 0);
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

int
main(int argc, char *argv[])
{
	struct opts		  o;
	struct ra_ctx		 *ctx;
	struct ra_solution	**sol = NULL;
	struct ra_profile	**prof = NULL;
	struct ra_report	 *rep = NULL;
	struct ra_write_opts	  wo;
	struct ra_check_opts	  co;
	struct sink		  sink;
	char			 *text = NULL;
	size_t			  nsol = 0, nprof = 0, seen = 0, i, textlen = 0;
	int			  rc = EXIT_OK, first, more;
	enum ra_err		  e;

	if ((ctx = ra_ctx_new()) == NULL) {
		fputs("roleaudit: out of memory\n", stderr);
		return EXIT_SYSTEM;
	}
	memset(&o, 0, sizeof(o));
	o.color = -1;
	o.progress = -1;
	o.fail_on_sev = -1;
	/* diff without -p evaluates every built-in profile. */
	if ((o.profile = calloc((size_t)argc + builtin_count(),
	    sizeof(*o.profile))) == NULL ||
	    (o.role = calloc((size_t)argc, sizeof(*o.role))) == NULL ||
	    (o.combine = calloc((size_t)argc, sizeof(*o.combine))) == NULL ||
	    (o.team_role = calloc((size_t)argc, sizeof(*o.team_role))) ==
	    NULL || (o.text = calloc((size_t)argc, sizeof(*o.text))) == NULL ||
	    (sol = calloc((size_t)argc, sizeof(*sol))) == NULL ||
	    (prof = calloc((size_t)argc + builtin_count() + 1,
	    sizeof(*prof))) == NULL) {
		fputs("roleaudit: out of memory\n", stderr);
		rc = EXIT_SYSTEM;
		goto out;
	}
	parse_args(argc, argv, &o, ctx);
	/* getopt_long ran on argv + 1; inputs follow the options. */
	first = optind + 1;
	more = o.cmd == CMD_LINT || o.cmd == CMD_EXPLAIN || o.ncombine ||
	    o.combine_all;
	if (o.cmd == CMD_EXPLAIN && (rc = read_text(&o, ctx, &text,
	    &textlen)) != 0)
		goto out;
	memset(&wo, 0, sizeof(wo));
	wo.format = o.format;
	wo.color = o.color;
	if (o.format == RA_FORMAT_HTML)
		wo.generated = generated_time();

	if (o.catalog && (e = ra_ctx_load_catalog(ctx, o.catalog)) != RA_OK) {
		print_diags(ctx, &seen, o.quiet);
		rc = exit_of(e);
		goto out;
	}
	/* diff shows what a change does to every built-in profile. */
	if (o.cmd == CMD_DIFF && o.nprofile == 0)
		for (i = 0; ra_profile_builtin(i) != NULL; i++)
			o.profile[o.nprofile++] = ra_profile_builtin(i);
	if (o.cmd == CMD_CHECK || o.cmd == CMD_DIFF) {
		if (o.nprofile == 0)
			o.profile[o.nprofile++] = RA_PROFILE_DEFAULT;
		for (i = 0; i < o.nprofile; i++) {
			e = ra_profile_load(ctx, o.profile[i], &prof[nprof]);
			if (e != RA_OK) {
				print_diags(ctx, &seen, o.quiet);
				rc = e == RA_EINVAL ? EXIT_USAGE : exit_of(e);
				goto out;
			}
			nprof++;
		}
	}
	/*
	 * check needs only what its profiles list: flat memory, less work.
	 * Not for HTML, whose grids show every privilege a role holds.
	 */
	if (o.cmd == CMD_CHECK && o.format != RA_FORMAT_HTML && !o.lint &&
	    !more && ra_ctx_focus(ctx,
	    (const struct ra_profile *const *)prof, nprof) != RA_OK) {
		fputs("roleaudit: out of memory\n", stderr);
		rc = EXIT_SYSTEM;
		goto out;
	}
	/*
	 * roles needs counts, diff the roles that differ (it reads those
	 * again): lean loads keep memory to the number of roles.
	 */
	if ((o.cmd == CMD_DIFF || o.cmd == CMD_ROLES) && !o.lint && !more)
		ra_ctx_set_lean(ctx, 1);
	if (o.cmd == CMD_PROFILES) {
		if (open_output(o.output, &sink) == -1) {
			rc = EXIT_SYSTEM;
			goto out;
		}
		e = ra_write_profiles(ctx, &wo, sink.f);
		print_diags(ctx, &seen, o.quiet);
		if (finish_output(o.output, &sink, e == RA_OK) == -1 &&
		    e == RA_OK)
			e = RA_EIO;
		rc = exit_of(e);
		goto out;
	}

	if ((e = load_inputs(ctx, &o, (const char *const *)argv + first,
	    (size_t)(argc - first), sol, &nsol, &rc)) != RA_OK) {
		fprintf(stderr, "roleaudit: %s\n", ra_strerror(e));
		worst(&rc, EXIT_SYSTEM);
		goto out;
	}
	print_diags(ctx, &seen, o.quiet);

	if (o.cmd == CMD_CHECK && o.lint) {
		if ((e = check_lint(ctx, &o, sol, nsol, &rc)) != RA_OK) {
			fprintf(stderr, "roleaudit: %s\n", ra_strerror(e));
			worst(&rc, EXIT_SYSTEM);
		}
		/* With --redact, the findings are printed redacted. */
		if (!o.redact || rc == EXIT_USAGE)
			print_diags(ctx, &seen, o.quiet);
		if (rc == EXIT_USAGE)
			goto out;
	}
	/* Names given on the command line are matched before redaction. */
	if (!more && o.cmd != CMD_DIFF &&
	    (e = redact_all(ctx, &o, sol, nsol)) != RA_OK) {
		fprintf(stderr, "roleaudit: %s\n", ra_strerror(e));
		worst(&rc, EXIT_SYSTEM);
		goto out;
	}
	if (!more)
		print_diags(ctx, &seen, o.quiet);
	if (open_output(o.output, &sink) == -1) {
		worst(&rc, EXIT_SYSTEM);
		goto out;
	}
	if (more) {
		e = run_more(ctx, &o, sol, nsol, prof, nprof, text, textlen,
		    &wo, sink.f, &rc);
		print_diags(ctx, &seen, o.quiet);
	} else if (o.cmd == CMD_ROLES)
		e = ra_write_roles(ctx, (const struct ra_solution *const *)sol,
		    nsol, &wo, sink.f);
	else if (o.cmd == CMD_MATRIX)
		e = ra_write_matrix(ctx, (const struct ra_solution *const *)sol,
		    nsol, &wo, sink.f);
	else if (o.cmd == CMD_DIFF) {
		e = RA_OK;
		if (nsol == 2)
			e = run_diff(ctx, &o, sol, prof, nprof, &wo, sink.f,
			    &rc);
		/* An input that no longer reads as it did (RA116). */
		print_diags(ctx, &seen, o.quiet);
		if (e == RA_EINPUT || e == RA_ENOTFOUND || e == RA_EZIP ||
		    e == RA_EXML || e == RA_ELIMIT) {
			worst(&rc, EXIT_INPUT);
			e = RA_OK;
		}
	} else {
		memset(&co, 0, sizeof(co));
		co.min_level = o.min_level;
		e = ra_check(ctx, (const struct ra_solution *const *)sol, nsol,
		    (const struct ra_profile *const *)prof, nprof, &co, &rep);
		if (e == RA_OK) {
			e = ra_write_report(rep, &wo, sink.f);
			if (o.fail_on_sev >= 0 ? ra_report_finding_count(rep,
			    (enum ra_severity)o.fail_on_sev) > 0 ||
			    ra_ctx_diag_count_sev(ctx,
			    (enum ra_severity)o.fail_on_sev) > 0 :
			    ra_report_fail_count(rep) > 0)
				worst(&rc, EXIT_FINDINGS);
		}
	}
	if (e != RA_OK) {
		fprintf(stderr, "roleaudit: %s\n", ra_strerror(e));
		worst(&rc, EXIT_SYSTEM);
	}
	/* A report that leaves out a broken input is not written to -o. */
	if (finish_output(o.output, &sink, rc != EXIT_INPUT &&
	    rc != EXIT_SYSTEM && rc != EXIT_USAGE) == -1)
		worst(&rc, EXIT_SYSTEM);
	else if (o.output && (rc == EXIT_INPUT || rc == EXIT_SYSTEM))
		fprintf(stderr, "roleaudit: %s not written: %s\n", o.output,
		    rc == EXIT_INPUT ? "an input could not be read" :
		    "the report could not be made");
out:
	ra_report_free(rep);
	for (i = 0; sol && i < nsol; i++)
		ra_solution_free(sol[i]);
	for (i = 0; prof && i < nprof; i++)
		ra_profile_free(prof[i]);
	free(sol);
	free(prof);
	free(o.profile);
	free(o.role);
	free(o.combine);
	free(o.team_role);
	free(o.text);
	free(text);
	ra_ctx_free(ctx);
	return rc;
}
