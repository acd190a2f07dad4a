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
	CMD_PROFILES
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
	const char	**role;		/* diff --role */
	size_t		 nrole;
	int		 fail_on_escalation;
	int		 fail_on_set;
};

static const char usage_text[] =
"usage: roleaudit check [options] INPUT...\n"
"       roleaudit diff [options] OLD NEW\n"
"       roleaudit roles [options] INPUT...\n"
"       roleaudit profiles [options]\n"
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
"\n"
"Options:\n"
"  -f, --format FMT        text (default), csv or json\n"
"  -o, --output FILE       write the report to FILE, atomically\n"
"  -p, --profile NAME|CSV  requirement profile, repeatable (default:\n"
"                          server-side-sync); requirements are united\n"
"      --min-level LEVEL   require LEVEL (Basic, Local, Deep or Global)\n"
"                          for every privilege, overriding the profiles\n"
"      --catalog CSV       extend or override the privilege catalog\n"
"      --role NAME|ID      diff: compare only this role, repeatable\n"
"      --fail-on WHAT      diff: exit 1 on any change (default) or only\n"
"                          on an escalation (change, escalation)\n"
"      --color WHEN        auto (default), always or never\n"
"      --max-member-size N largest zip member inflated, bytes (default 2G)\n"
"      --max-ratio N       largest compression ratio of a member over\n"
"                          1 MiB (default 200)\n"
"      --max-file-size N   largest XML or CSV file, bytes (default 4G)\n"
"      --max-members N     most members in a zip (default 100000)\n"
"      --scan-size N       parse only the <Roles> section of a\n"
"                          customizations.xml of N bytes or more\n"
"                          (default 8M)\n"
"      --full-parse        parse every document whole\n"
"                          (the --max- options take K, M and G suffixes)\n"
"  -q, --quiet             do not print warnings\n"
"  -h, --help              show this help\n"
"  -V, --version           show the version\n"
"\n"
"Exit status: 0 every role passes (diff: no difference), 1 some role\n"
"fails (diff: a difference, or an escalation with --fail-on escalation),\n"
"2 usage error, 3 bad input (other inputs are still reported),\n"
"4 system error.\n"
"See roleaudit(1).\n";

static void usage_error(const char *, ...)
    __attribute__((format(printf, 1, 2), noreturn));

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
	e = ra_write_diff(d, wo, out);
	if (o->fail_on_escalation ? ra_diff_escalation_count(d) > 0 :
	    ra_diff_change_count(d) > 0)
		worst(rc, EXIT_FINDINGS);
	ra_diff_free(d);
	return e;
}

static void
parse_args(int argc, char *argv[], struct opts *o, struct ra_ctx *ctx)
{
	enum {
		OPT_MIN_LEVEL = 256, OPT_CATALOG, OPT_COLOR, OPT_MEMBER_SIZE,
		OPT_RATIO, OPT_FILE_SIZE, OPT_MEMBERS, OPT_ROLE, OPT_FAIL_ON,
		OPT_SCAN_SIZE, OPT_FULL_PARSE
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
		{ "scan-size", required_argument, NULL, OPT_SCAN_SIZE },
		{ "full-parse", no_argument, NULL, OPT_FULL_PARSE },
		{ "role", required_argument, NULL, OPT_ROLE },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
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
		fputs(usage_text, stdout);
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
	else
		usage_error("unknown command '%s'", cmd);
	/* Parse what follows the command; getopt names argv[0] in errors. */
	argc--;
	argv++;
	argv[0] = (char *)"roleaudit";
	while ((c = getopt_long(argc, argv, "f:o:p:qhV", longopts, NULL)) != -1)
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o->format = RA_FORMAT_TEXT;
			else if (strcmp(optarg, "csv") == 0)
				o->format = RA_FORMAT_CSV;
			else if (strcmp(optarg, "json") == 0)
				o->format = RA_FORMAT_JSON;
			else
				usage_error("unknown format '%s' (text, csv, "
				    "json)", optarg);
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
		case OPT_SCAN_SIZE:
			ra_ctx_set_limit(ctx, RA_LIMIT_SCAN_SIZE,
			    parse_size(optarg, "--scan-size"));
			break;
		case OPT_FULL_PARSE:
			ra_ctx_set_limit(ctx, RA_LIMIT_SCAN_SIZE, UINT64_MAX);
			break;
		case OPT_ROLE:
			o->role[o->nrole++] = optarg;
			break;
		case OPT_FAIL_ON:
			o->fail_on_set = 1;
			if (strcmp(optarg, "change") == 0)
				o->fail_on_escalation = 0;
			else if (strcmp(optarg, "escalation") == 0)
				o->fail_on_escalation = 1;
			else
				usage_error("--fail-on takes change or "
				    "escalation, not '%s'", optarg);
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
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
	if (o->cmd != CMD_PROFILES && optind >= argc)
		usage_error("%s", "no input given");
	if (o->cmd == CMD_DIFF && argc - optind != 2)
		usage_error("%s", "diff takes two inputs: OLD NEW");
	if (o->cmd != CMD_DIFF && (o->nrole || o->fail_on_set))
		usage_error("%s", "--role and --fail-on go with diff");
	if (o->cmd != CMD_CHECK && o->min_level != RA_LEVEL_NONE)
		usage_error("%s", "--min-level goes with check");
	if ((o->cmd == CMD_ROLES || o->cmd == CMD_PROFILES) && o->nprofile)
		usage_error("%s", "--profile goes with check and diff");
	if (o->color == -1)
		o->color = o->output == NULL && o->format == RA_FORMAT_TEXT &&
		    isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL &&
		    (getenv("TERM") == NULL || strcmp(getenv("TERM"),
		    "dumb") != 0);
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
	size_t			  nsol = 0, nprof = 0, seen = 0, i;
	int			  rc = EXIT_OK, first;
	enum ra_err		  e;

	if ((ctx = ra_ctx_new()) == NULL) {
		fputs("roleaudit: out of memory\n", stderr);
		return EXIT_SYSTEM;
	}
	memset(&o, 0, sizeof(o));
	o.color = -1;
	if ((o.profile = calloc((size_t)argc, sizeof(*o.profile))) == NULL ||
	    (o.role = calloc((size_t)argc, sizeof(*o.role))) == NULL ||
	    (sol = calloc((size_t)argc, sizeof(*sol))) == NULL ||
	    (prof = calloc((size_t)argc + 1, sizeof(*prof))) == NULL) {
		fputs("roleaudit: out of memory\n", stderr);
		rc = EXIT_SYSTEM;
		goto out;
	}
	parse_args(argc, argv, &o, ctx);
	/* getopt_long ran on argv + 1; inputs follow the options. */
	first = optind + 1;
	memset(&wo, 0, sizeof(wo));
	wo.format = o.format;
	wo.color = o.color;

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
	/* check needs only what its profiles list: flat memory, less work. */
	if (o.cmd == CMD_CHECK && ra_ctx_focus(ctx,
	    (const struct ra_profile *const *)prof, nprof) != RA_OK) {
		fputs("roleaudit: out of memory\n", stderr);
		rc = EXIT_SYSTEM;
		goto out;
	}
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

	for (i = (size_t)first; i < (size_t)argc; i++) {
		e = ra_solution_load(ctx, argv[i], &sol[nsol]);
		print_diags(ctx, &seen, o.quiet);
		if (e == RA_OK)
			nsol++;
		else
			worst(&rc, exit_of(e));
	}

	if (open_output(o.output, &sink) == -1) {
		worst(&rc, EXIT_SYSTEM);
		goto out;
	}
	if (o.cmd == CMD_ROLES)
		e = ra_write_roles(ctx, (const struct ra_solution *const *)sol,
		    nsol, &wo, sink.f);
	else if (o.cmd == CMD_DIFF) {
		e = RA_OK;
		if (nsol == 2)
			e = run_diff(ctx, &o, sol, prof, nprof, &wo, sink.f,
			    &rc);
	} else {
		memset(&co, 0, sizeof(co));
		co.min_level = o.min_level;
		e = ra_check(ctx, (const struct ra_solution *const *)sol, nsol,
		    (const struct ra_profile *const *)prof, nprof, &co, &rep);
		if (e == RA_OK) {
			e = ra_write_report(rep, &wo, sink.f);
			if (ra_report_fail_count(rep) > 0)
				worst(&rc, EXIT_FINDINGS);
		}
	}
	if (e != RA_OK) {
		fprintf(stderr, "roleaudit: %s\n", ra_strerror(e));
		worst(&rc, EXIT_SYSTEM);
	}
	/* A report that leaves out a broken input is not written to -o. */
	if (finish_output(o.output, &sink, rc != EXIT_INPUT &&
	    rc != EXIT_SYSTEM) == -1)
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
	ra_ctx_free(ctx);
	return rc;
}
