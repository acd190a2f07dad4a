/*
 * options.c - the command line: the option table, getopt_long over it,
 * the one function that checks a command line against the command and
 * option tables (check()), and --help, generated from both.
 *
 * The usage errors name what the tables say: "--profile goes with check
 * and diff" lists the rows that take -p, so a row that starts taking an
 * option changes the message with it.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/*
 * What --version prints: RA_VERSION, and the git commit the program was
 * built from when the Makefile passed it (make dist does).
 */
#ifdef RA_GIT_COMMIT
#define VERSION_TEXT	RA_VERSION " (git " RA_GIT_COMMIT ")"
#else
#define VERSION_TEXT	RA_VERSION
#endif

/* check's modes: they go with check only, and errors name them together. */
#define CHECK_MODES	(CLI_OPT(OPT_LINT) | CLI_OPT(OPT_COMBINE) | \
			 CLI_OPT(OPT_COMBINE_ALL))

/* The value of macro M as a string literal. */
#define STRING_OF(m)	#m
#define STRING(m)	STRING_OF(m)

const struct cli_option cli_options[OPT__COUNT] = {
	[OPT_FORMAT] = { .name = "format", .letter = 'f', .arg = "FMT",
	    .help = "text (default), csv, json; check and diff also\n"
	    "html, md (Markdown) and sarif (SARIF 2.1.0);\n"
	    "matrix: csv (default) or html" },
	[OPT_OUTPUT] = { .name = "output", .letter = 'o', .arg = "FILE",
	    .help = "write the report to FILE, atomically" },
	[OPT_PROFILE] = { .name = "profile", .letter = 'p', .arg = "NAME|CSV",
	    .help = "requirement profile, repeatable (default:\n"
	    "server-side-sync, none with --policy);\n"
	    "requirements are united",
	    .flags = CLI_REPEAT },
	[OPT_POLICY] = { .name = "policy", .arg = "CSV",
	    .help = "check: least-privilege policy, repeatable: what\n"
	    "roles must not hold, or not above a depth",
	    .excludes = CLI_OPT(OPT_COMBINE) | CLI_OPT(OPT_COMBINE_ALL),
	    .flags = CLI_REPEAT },
	[OPT_MIN_LEVEL] = { .name = "min-level", .arg = "LEVEL",
	    .help = "require LEVEL (Basic, Local, Deep or Global)\n"
	    "for every privilege, overriding the profiles" },
	[OPT_CATALOG] = { .name = "catalog", .arg = "CSV",
	    .help = "extend or override the privilege catalog" },
	[OPT_ROLE] = { .name = "role", .arg = "NAME|ID",
	    .help = "check: judge only this role; diff: compare only\n"
	    "this role; repeatable",
	    .excludes = CLI_OPT(OPT_COMBINE) | CLI_OPT(OPT_COMBINE_ALL),
	    .flags = CLI_REPEAT },
	[OPT_FAIL_ON] = { .name = "fail-on", .arg = "WHAT",
	    .help = "exit 1 on findings of this severity or worse:\n"
	    "note, warning or error (check's default);\n"
	    "diff also: change (its default: any change)\n"
	    "or escalation" },
	[OPT_LINT] = { .name = "lint",
	    .help = "check: lint the roles too (findings on stderr and\n"
	    "in the JSON diagnostics)",
	    .named_with = CHECK_MODES },
	[OPT_COMBINE] = { .name = "combine", .arg = "LIST",
	    .help = "check: evaluate the roles of LIST (names or ids,\n"
	    "comma-separated, \\, for a comma) as one user\n"
	    "holding them all; repeatable",
	    .excludes = CLI_OPT(OPT_COMBINE_ALL), .named_with = CHECK_MODES,
	    .flags = CLI_REPEAT },
	[OPT_COMBINE_ALL] = { .name = "combine-all",
	    .help = "check: every role of the inputs as one user",
	    .excludes = CLI_OPT(OPT_COMBINE), .named_with = CHECK_MODES },
	[OPT_TEAM_ROLE] = { .name = "team-role", .arg = "NAME|ID",
	    .help = "lint: this role is assigned to teams (exports\n"
	    "do not say which are)",
	    .needs = CLI_OPT(OPT_LINT), .flags = CLI_REPEAT },
	[OPT_UNKNOWN_DEPTHS] = { .name = "unknown-depths",
	    .help = "lint: also note depths below Organization that\n"
	    "no fact covers (RA402)",
	    .needs = CLI_OPT(OPT_LINT) },
	[OPT_TEXT] = { .name = "text", .arg = "TEXT",
	    .help = "explain: TEXT instead of standard input",
	    .flags = CLI_REPEAT },
	[OPT_REDACT] = { .name = "redact",
	    .help = "pseudonyms for role names and ids in the report\n"
	    "(keyed by $ROLEAUDIT_REDACT_KEY)" },
	[OPT_SARIF_ROOT] = { .name = "sarif-root", .arg = "DIR",
	    .help = "-f sarif: URIs relative to DIR (the repository's\n"
	    "root), with uriBaseId %SRCROOT%" },
	[OPT_MAX_RESULTS] = { .name = "max-results", .arg = "N",
	    .help = "-f sarif: write at most N results, 0 for all\n"
	    "(default " STRING(RA_SARIF_MAX_RESULTS) ", what code scanning "
	    "accepts a run)" },
	[OPT_COLOR] = { .name = "color", .arg = "WHEN", .alias = "colour",
	    .help = "auto (default), always or never" },
	[OPT_MEMBER_SIZE] = { .name = "max-member-size", .arg = "N",
	    .help = "largest zip member inflated, bytes (default 2G)" },
	[OPT_RATIO] = { .name = "max-ratio", .arg = "N",
	    .help = "largest compression ratio of a member over\n"
	    "1 MiB (default 200)" },
	[OPT_FILE_SIZE] = { .name = "max-file-size", .arg = "N",
	    .help = "largest XML or CSV file, bytes (default 4G)" },
	[OPT_MEMBERS] = { .name = "max-members", .arg = "N",
	    .help = "most members in a zip, in a package and\n"
	    "its zips together, or entries in a folder\n"
	    "(default 100000)" },
	[OPT_TOTAL_SIZE] = { .name = "max-total-size", .arg = "N",
	    .help = "most bytes inflated from all the members of\n"
	    "a zip (or package), or read from a folder,\n"
	    "together (default 4G)" },
	[OPT_SCAN_SIZE] = { .name = "scan-size", .arg = "N",
	    .help = "parse only the <Roles> section of a\n"
	    "customizations.xml of N bytes or more\n"
	    "(default 8M)\n"
	    "(these sizes take K, M and G suffixes)" },
	[OPT_FULL_PARSE] = { .name = "full-parse",
	    .help = "parse every document whole" },
	[OPT_JOBS] = { .name = "jobs", .letter = 'j', .arg = "N",
	    .help = "read up to N inputs at once (default: one per\n"
	    "core; check only)" },
	[OPT_PROGRESS] = { .name = "progress",
	    .help = "a progress line on standard error (default:\n"
	    "only on a terminal, never when CI is set)",
	    .shown_with = CLI_OPT(OPT_NO_PROGRESS) },
	[OPT_NO_PROGRESS] = { .name = "no-progress" },
	[OPT_QUIET] = { .name = "quiet", .letter = 'q',
	    .help = "do not print warnings" },
	[OPT_HELP] = { .name = "help", .letter = 'h',
	    .help = "show this help", .flags = CLI_ALONE },
	[OPT_VERSION] = { .name = "version", .letter = 'V',
	    .help = "show the version", .flags = CLI_ALONE },
};

const char *const cli_fail_names[FAIL__COUNT] = {
	[FAIL_NOTE] = "note",
	[FAIL_WARNING] = "warning",
	[FAIL_ERROR] = "error",
	[FAIL_CHANGE] = "change",
	[FAIL_ESCALATION] = "escalation",
};

const char *const cli_format_names[] = {
	[RA_FORMAT_TEXT] = "text",
	[RA_FORMAT_CSV] = "csv",
	[RA_FORMAT_JSON] = "json",
	[RA_FORMAT_HTML] = "html",
	[RA_FORMAT_MD] = "md",
	[RA_FORMAT_SARIF] = "sarif",
	NULL
};

/*
 * The options getopt_long sees first, in the order it has always seen
 * them: when an abbreviation is ambiguous, glibc lists the candidates in
 * this order ("--f": '--format' '--full-parse' '--fail-on'), and those
 * messages stay as they were.  Options missing here follow in table
 * order, so a new option needs no entry.
 */
static const enum cli_opt getopt_first[] = {
	OPT_FORMAT, OPT_OUTPUT, OPT_PROFILE, OPT_MIN_LEVEL, OPT_CATALOG,
	OPT_COLOR, OPT_MEMBER_SIZE, OPT_RATIO, OPT_FILE_SIZE, OPT_MEMBERS,
	OPT_TOTAL_SIZE, OPT_SCAN_SIZE, OPT_FULL_PARSE, OPT_JOBS, OPT_PROGRESS,
	OPT_NO_PROGRESS, OPT_ROLE, OPT_FAIL_ON, OPT_LINT, OPT_COMBINE,
	OPT_COMBINE_ALL, OPT_TEAM_ROLE, OPT_REDACT, OPT_TEXT, OPT_QUIET,
	OPT_HELP, OPT_VERSION
};

/* getopt_long's value for a long option without a letter. */
#define LONG_ONLY	256

/*
 * The introduction and the exit statuses around the generated parts of
 * --help, the short form of roleaudit(1).
 */
static const char help_intro[] =
"Audit the security roles in Dynamics 365 / Dataverse solution exports.\n"
"INPUT is a solution .zip, an unpacked solution folder, a role or\n"
"customizations XML file, or a Package Deployer package (.zip or folder\n"
"with PkgFolder/ImportConfig.xml), whose listed solutions are inputs.\n";

static const char help_exit[] =
"Exit status: 0 every role passes (diff: no difference), 1 some role\n"
"fails (diff: a difference, or an escalation with --fail-on escalation;\n"
"with --fail-on note|warning|error: a finding or input diagnostic of\n"
"that severity or worse; check --lint, lint: a lint warning; check\n"
"--combine: a combination fails; explain: a role of INPUT lacks what the\n"
"text is about), 2 usage error, 3 bad input (other inputs are still\n"
"reported), 4 system error.\n"
"See roleaudit(1).\n";

/* The column --help's option and command texts start at. */
#define HELP_OPTION_COLUMN	26
#define HELP_COMMAND_COLUMN	13

void
cli_usage_error(const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "roleaudit: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'roleaudit --help'.\n");
	exit(EXIT_USAGE);
}

/*
 * Memory for the command line ran out: nothing has been read, so there
 * is nothing to report but that.
 */
static void __attribute__((noreturn))
out_of_memory(void)
{
	fputs("roleaudit: out of memory\n", stderr);
	exit(EXIT_SYSTEM);
}

/*
 * The lists in usage errors: "a", "a and b", "a, b and c".
 * Words are added one by one, as the tables are walked; the last one
 * waits in PENDING, as only the end tells whether "and" goes before it.
 * Start from a zeroed struct.  Long lists are cut, never overrun.
 */
struct words {
	char	 buf[512];
	size_t	 n;		/* words added */
	char	 pending[128];
};

/* Add WORD, with SUFFIX (or NULL) after it, to the list. */
static void
words_add(struct words *w, const char *word, const char *suffix)
{
	size_t	 len = strlen(w->buf);

	if (w->n > 0)
		snprintf(w->buf + len, sizeof(w->buf) - len, "%s%s",
		    w->n > 1 ? ", " : "", w->pending);
	snprintf(w->pending, sizeof(w->pending), "%s%s", word,
	    suffix ? suffix : "");
	w->n++;
}

/*
 * The finished list, with LAST ("and", "or") before the final word, or
 * commas only when LAST is NULL.
 */
static const char *
words_end(struct words *w, const char *last)
{
	size_t	 len = strlen(w->buf);

	if (w->n == 1)
		snprintf(w->buf, sizeof(w->buf), "%s", w->pending);
	else if (w->n > 1 && last != NULL)
		snprintf(w->buf + len, sizeof(w->buf) - len, " %s %s", last,
		    w->pending);
	else if (w->n > 1)
		snprintf(w->buf + len, sizeof(w->buf) - len, ", %s",
		    w->pending);
	return w->buf;
}

/* "--NAME" of an option, in a buffer that lives as long as the program. */
static const char *
dashed(enum cli_opt i)
{
	static char	 names[OPT__COUNT][32];

	if (names[i][0] == '\0')
		snprintf(names[i], sizeof(names[i]), "--%s",
		    cli_options[i].name);
	return names[i];
}

/* The lowest option of MASK: the one a mask of alternatives is named by. */
static enum cli_opt
first_of(uint64_t mask)
{
	enum cli_opt	 i;

	for (i = 0; i < OPT__COUNT; i++)
		if (mask & CLI_OPT(i))
			break;
	return i;
}

const char *
cli_command_title(const struct cli_command *c, char *buf, size_t size)
{
	if (c->mode == 0)
		snprintf(buf, size, "%s", c->name);
	else
		snprintf(buf, size, "%s %s", c->name,
		    dashed(first_of(c->mode)));
	return buf;
}

/* A positive size with an optional K, M or G suffix (powers of 1024). */
static uint64_t
parse_size(const char *s, enum cli_opt opt)
{
	char		*end;
	uintmax_t	 v;
	unsigned	 shift = 0;

	errno = 0;
	if (*s == '-' || (v = strtoumax(s, &end, 10)) == 0 || errno != 0)
		cli_usage_error("%s needs a positive number", dashed(opt));
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (*end != '\0' || v > (UINT64_MAX >> shift))
		cli_usage_error("%s needs a positive number", dashed(opt));
	return (uint64_t)v << shift;
}

/*
 * --max-results' value: decimal digits alone (no K or M: a count of
 * results, which code scanning limits to a decimal 25,000), 0 for all.
 */
static size_t
parse_count(const char *s)
{
	char		*end;
	uintmax_t	 v;

	errno = 0;
	if (*s < '0' || *s > '9' || (v = strtoumax(s, &end, 10),
	    errno != 0) || *end != '\0' || v > SIZE_MAX)
		cli_usage_error("%s", "--max-results needs a number of "
		    "results, 0 for all");
	return (size_t)v;
}

/* -f's value; "markdown" is another name for md. */
static enum ra_format
parse_format(const char *s)
{
	struct words	 w;
	int		 f;

	for (f = 0; cli_format_names[f] != NULL; f++)
		if (strcmp(s, cli_format_names[f]) == 0)
			return (enum ra_format)f;
	if (strcmp(s, "markdown") == 0)
		return RA_FORMAT_MD;
	memset(&w, 0, sizeof(w));
	for (f = 0; cli_format_names[f] != NULL; f++)
		words_add(&w, cli_format_names[f], NULL);
	cli_usage_error("unknown format '%s' (%s)", s, words_end(&w, NULL));
}

/* --fail-on's value, by the names of cli_fail_names[]. */
static enum cli_fail
parse_fail(const char *s)
{
	struct words	 w;
	int		 f;

	memset(&w, 0, sizeof(w));
	for (f = 0; f < FAIL__COUNT; f++) {
		if (cli_fail_names[f] == NULL)
			continue;
		if (strcmp(s, cli_fail_names[f]) == 0)
			return (enum cli_fail)f;
		words_add(&w, cli_fail_names[f], NULL);
	}
	cli_usage_error("--fail-on takes %s, not '%s'", words_end(&w, "or"),
	    s);
}

/* Keep VALUE of option I; ARGC bounds how many values one can get. */
static void
keep(struct cli_opts *o, enum cli_opt i, const char *value, int argc)
{
	struct cli_list	*l = &o->args[i];

	if (l->v == NULL && (l->v = calloc((size_t)argc, sizeof(*l->v))) ==
	    NULL)
		out_of_memory();
	if (!(cli_options[i].flags & CLI_REPEAT))
		l->n = 0;
	l->v[l->n++] = value;
}

/*
 * What option I with ARG does beyond being given and kept: values that
 * must be valid are checked as they come, so that the first bad one on
 * the command line is the one reported; limits go to CTX.
 */
static void
apply(struct cli_opts *o, struct ra_ctx *ctx, enum cli_opt i,
    const char *arg)
{
	switch (i) {
	case OPT_FORMAT:
		o->format = parse_format(arg);
		break;
	case OPT_MIN_LEVEL:
		if (ra_level_parse(arg, &o->min_level) != RA_OK ||
		    o->min_level == RA_LEVEL_NONE)
			cli_usage_error("unknown level '%s' (Basic, Local, "
			    "Deep, Global)", arg);
		break;
	case OPT_FAIL_ON:
		o->fail_on = parse_fail(arg);
		break;
	case OPT_COLOR:
		if (strcmp(arg, "auto") == 0)
			o->color = -1;
		else if (strcmp(arg, "always") == 0)
			o->color = 1;
		else if (strcmp(arg, "never") == 0)
			o->color = 0;
		else
			cli_usage_error("--color takes auto, always or never, "
			    "not '%s'", arg);
		break;
	case OPT_MEMBER_SIZE:
		ra_ctx_set_limit(ctx, RA_LIMIT_MEMBER_SIZE, parse_size(arg, i));
		break;
	case OPT_RATIO:
		ra_ctx_set_limit(ctx, RA_LIMIT_RATIO, parse_size(arg, i));
		break;
	case OPT_FILE_SIZE:
		ra_ctx_set_limit(ctx, RA_LIMIT_FILE_SIZE, parse_size(arg, i));
		break;
	case OPT_MEMBERS:
		ra_ctx_set_limit(ctx, RA_LIMIT_MEMBERS, parse_size(arg, i));
		break;
	case OPT_TOTAL_SIZE:
		ra_ctx_set_limit(ctx, RA_LIMIT_TOTAL_SIZE, parse_size(arg, i));
		break;
	case OPT_SCAN_SIZE:
		ra_ctx_set_limit(ctx, RA_LIMIT_SCAN_SIZE, parse_size(arg, i));
		break;
	case OPT_FULL_PARSE:
		ra_ctx_set_limit(ctx, RA_LIMIT_SCAN_SIZE, UINT64_MAX);
		break;
	case OPT_MAX_RESULTS:
		o->max_results = parse_count(arg);
		break;
	case OPT_JOBS:
		o->jobs = (unsigned)parse_size(arg, i);
		if (o->jobs > 1024)
			cli_usage_error("%s", "--jobs takes 1 to 1024");
		break;
	case OPT_PROGRESS:
		o->progress = 1;
		break;
	case OPT_NO_PROGRESS:
		o->progress = 0;
		break;
	case OPT_HELP:
		cli_usage(stdout);
		exit(EXIT_OK);
	case OPT_VERSION:
		printf("roleaudit %s\n", VERSION_TEXT);
		exit(EXIT_OK);
	default:
		break;
	}
}

/*
 * Whether row C takes option I at all, whatever its value and whatever
 * else is given: what usage errors list the commands by.
 */
static int
row_takes(const struct cli_command *c, enum cli_opt i)
{
	if (cli_options[i].flags & CLI_ALONE)
		return 1;
	if (i == OPT_FAIL_ON)
		return c->fail_on != 0;
	return (c->options & CLI_OPT(i)) != 0;
}

/* Whether the command line O may give option I as it does. */
static int
takes(const struct cli_opts *o, enum cli_opt i)
{
	const struct cli_command	*c = o->cmd;
	uint64_t			 needs;

	needs = cli_options[i].needs & c->options;
	if (i == OPT_FAIL_ON)
		return (c->fail_on & CLI_FAIL(o->fail_on)) != 0;
	return row_takes(c, i) && (needs == 0 || (o->given & needs) != 0);
}

/* The plain rows (not modes) that take option I, as a mask of indices. */
static uint64_t
rows_taking(enum cli_opt i)
{
	uint64_t	 rows = 0;
	size_t		 k;

	for (k = 0; cli_commands[k].name != NULL; k++)
		if (cli_commands[k].mode == 0 && row_takes(&cli_commands[k], i))
			rows |= (uint64_t)1 << k;
	return rows;
}

/* The plain rows that take --fail-on V. */
static uint64_t
rows_failing_on(enum cli_fail v)
{
	uint64_t	 rows = 0;
	size_t		 k;

	for (k = 0; cli_commands[k].name != NULL; k++)
		if (cli_commands[k].mode == 0 &&
		    (cli_commands[k].fail_on & CLI_FAIL(v)))
			rows |= (uint64_t)1 << k;
	return rows;
}

/*
 * The commands of ROWS for a usage error: those that take option I
 * outright first, then those that take it only with the option it
 * needs ("lint and check --lint").  Every command that reads roles is
 * said so, as a list of all of them tells less.
 */
static const char *
commands_of(uint64_t rows, enum cli_opt i, struct words *w)
{
	const struct cli_command	*c;
	uint64_t			 readers = 0, needs;
	char				 with[64];
	size_t				 k;
	int				 pass;

	for (k = 0; cli_commands[k].name != NULL; k++)
		if (cli_commands[k].mode == 0 &&
		    cli_commands[k].max_inputs > 0 &&
		    !(cli_commands[k].flags & CLI_NAMES))
			readers |= (uint64_t)1 << k;
	if (rows == readers)
		return "the commands that read roles";
	for (pass = 0; pass < 2; pass++)
		for (k = 0; cli_commands[k].name != NULL; k++) {
			c = &cli_commands[k];
			needs = cli_options[i].needs & c->options;
			if (!(rows & ((uint64_t)1 << k)) ||
			    (needs != 0) != pass)
				continue;
			/* "check --lint" */
			snprintf(with, sizeof(with), " %s",
			    needs ? dashed(first_of(needs)) : "");
			words_add(w, c->name, needs ? with : NULL);
		}
	return words_end(w, "and");
}

/*
 * The usage error for option I, which the command line's command does
 * not take as given.  A command with findings of its own that --fail-on
 * cannot change says so; a --fail-on value fewer commands take than the
 * option names those; any other option names the commands that take it,
 * with the options named with it.
 */
static void __attribute__((noreturn))
refuse(const struct cli_opts *o, enum cli_opt i)
{
	const struct cli_command	*c = o->cmd;
	struct words			 names, where;
	uint64_t			 rows, named;
	enum cli_opt			 k;
	int				 v;

	memset(&names, 0, sizeof(names));
	memset(&where, 0, sizeof(where));
	if (i == OPT_FAIL_ON && c->fail_on == 0 &&
	    c->fail_default != FAIL_NONE)
		cli_usage_error("--fail-on does not go with %s", c->mode ?
		    dashed(first_of(c->mode)) : c->name);
	if (i == OPT_FAIL_ON &&
	    (rows = rows_failing_on(o->fail_on)) != rows_taking(i)) {
		for (v = 0; v < FAIL__COUNT; v++)
			if (cli_fail_names[v] != NULL &&
			    rows_failing_on((enum cli_fail)v) == rows)
				words_add(&names, cli_fail_names[v], NULL);
		cli_usage_error("--fail-on %s %s with %s",
		    words_end(&names, "and"), names.n > 1 ? "go" : "goes",
		    commands_of(rows, i, &where));
	}
	named = cli_options[i].named_with ? cli_options[i].named_with :
	    CLI_OPT(i);
	for (k = 0; k < OPT__COUNT; k++)
		if (named & CLI_OPT(k))
			words_add(&names, dashed(k), NULL);
	cli_usage_error("%s %s with %s", words_end(&names, "and"),
	    names.n > 1 ? "go" : "goes",
	    commands_of(rows_taking(i), i, &where));
}

/* N in words, as a usage error says it ("two"), in BUF of SIZE. */
static const char *
number(unsigned n, char *buf, size_t size)
{
	static const char *const	 words[] = { "no", "one", "two",
	    "three", "four", "five" };

	if (n < sizeof(words) / sizeof(words[0]))
		snprintf(buf, size, "%s", words[n]);
	else
		snprintf(buf, size, "%u", n);
	return buf;
}

/* How many inputs row C takes: "two", "at least one", "one to four". */
static const char *
count_of(const struct cli_command *c, char *buf, size_t size)
{
	char	 lo[16], hi[16];

	number(c->min_inputs, lo, sizeof(lo));
	if (c->min_inputs == c->max_inputs)
		snprintf(buf, size, "%s", lo);
	else if (c->max_inputs == CLI_MANY)
		snprintf(buf, size, "at least %s", lo);
	else
		snprintf(buf, size, "%s to %s", lo,
		    number(c->max_inputs, hi, sizeof(hi)));
	return buf;
}

/*
 * The one check of a command line against the tables, in this order:
 * inputs given or not, options that exclude each other, options the
 * command does not take, the format, the number of inputs.  The first
 * rule broken is reported (exit 2).  Fills in the defaults of the
 * command's row.
 */
static void
check(struct cli_opts *o)
{
	const struct cli_command	*c = o->cmd;
	char				 title[64], count[64];
	struct words			 w;
	enum cli_opt			 i;
	int				 f;

	if (!cli_given(o, OPT_FORMAT))
		o->format = c->format;
	if (!cli_given(o, OPT_FAIL_ON))
		o->fail_on = c->fail_default;
	if (o->ninputs > 0 && c->max_inputs == 0)
		cli_usage_error("%s takes no inputs ('%s')", c->name,
		    o->inputs[0]);
	if (o->ninputs == 0 && c->min_inputs > 0)
		cli_usage_error("%s", "no input given");
	for (i = 0; i < OPT__COUNT; i++)
		if (cli_given(o, i) && takes(o, i) &&
		    (cli_options[i].excludes & o->given) != 0 &&
		    takes(o, first_of(cli_options[i].excludes & o->given)))
			cli_usage_error("%s and %s exclude each other",
			    dashed(i), dashed(first_of(cli_options[i].excludes &
			    o->given)));
	for (i = 0; i < OPT__COUNT; i++)
		if (cli_given(o, i) && !takes(o, i))
			refuse(o, i);
	if (!(c->formats & CLI_FORMAT(o->format))) {
		memset(&w, 0, sizeof(w));
		for (f = 0; cli_format_names[f] != NULL; f++)
			if (c->formats & CLI_FORMAT(f))
				words_add(&w, cli_format_names[f], NULL);
		cli_usage_error("%s writes %s, not %s",
		    cli_command_title(c, title, sizeof(title)),
		    words_end(&w, "or"), cli_format_names[o->format]);
	}
	if (o->ninputs < c->min_inputs || o->ninputs > c->max_inputs)
		cli_usage_error("%s takes %s inputs: %s", c->name,
		    count_of(c, count, sizeof(count)), c->operands);
	if (cli_given(o, OPT_SARIF_ROOT) && o->format != RA_FORMAT_SARIF)
		cli_usage_error("%s", "--sarif-root goes with -f sarif");
	if (cli_given(o, OPT_MAX_RESULTS) && o->format != RA_FORMAT_SARIF)
		cli_usage_error("%s", "--max-results goes with -f sarif");
	if (cli_given(o, OPT_SARIF_ROOT) && ra_sys_kind(cli_last(o,
	    OPT_SARIF_ROOT), 1, NULL) != RA_SYS_DIR)
		cli_usage_error("--sarif-root %s: not a folder",
		    cli_last(o, OPT_SARIF_ROOT));
}

/*
 * The row for the command word and the options given: a mode's row
 * when one of its options is given, else the plain row.
 */
static const struct cli_command *
command_of(const struct cli_command *plain, uint64_t given)
{
	const struct cli_command	*c;

	for (c = cli_commands; c->name != NULL; c++)
		if (c->mode != 0 && (c->mode & given) != 0 &&
		    strcmp(c->name, plain->name) == 0)
			return c;
	return plain;
}

/*
 * getopt_long's tables, built from cli_options[]: the long options in
 * getopt_first[]'s order, the letters in SHORT after a ':'.
 */
static void
getopt_tables(struct option *longopts, char *shortopts)
{
	unsigned char	 seen[OPT__COUNT];
	size_t		 k, n = 0, s = 0;
	enum cli_opt	 i;
	const struct cli_option *op;

	memset(seen, 0, sizeof(seen));
	for (k = 0; k < OPT__COUNT; k++) {
		if (k < sizeof(getopt_first) / sizeof(getopt_first[0]))
			i = getopt_first[k];
		else
			for (i = 0; seen[i]; i++)
				continue;
		seen[i] = 1;
		op = &cli_options[i];
		longopts[n].name = op->name;
		longopts[n].has_arg = op->arg ? required_argument : no_argument;
		longopts[n].flag = NULL;
		longopts[n].val = op->letter ? op->letter : LONG_ONLY + (int)i;
		if (op->alias != NULL) {
			longopts[n + 1] = longopts[n];
			longopts[++n].name = op->alias;
		}
		n++;
	}
	memset(&longopts[n], 0, sizeof(longopts[n]));
	shortopts[s++] = ':';	/* a missing argument returns ':' */
	for (i = 0; i < OPT__COUNT; i++)
		if (cli_options[i].letter) {
			shortopts[s++] = (char)cli_options[i].letter;
			if (cli_options[i].arg)
				shortopts[s++] = ':';
		}
	shortopts[s] = '\0';
}

/*
 * The usage error for the option getopt_long refused, in the words of
 * glibc's getopt_long: printed by roleaudit itself (opterr is 0), as
 * other C libraries word theirs otherwise (mingw-w64's names the
 * program by the path of roleaudit.exe).  ARGV[optind - 1] is the
 * argument refused when it is a long option; a short one is optopt.
 */
static void __attribute__((noreturn))
getopt_error(char *const argv[], const struct option *lo,
    const char *shortopts)
{
	const struct option	*o, *match = NULL;
	const char		*arg = optind > 0 ? argv[optind - 1] : "";
	size_t			 n;
	int			 ambiguous = 0;

	fputs("roleaudit: ", stderr);
	if (optopt != 0 && optopt < LONG_ONLY &&
	    (optopt == ':' || strchr(shortopts, optopt) == NULL))
		fprintf(stderr, "invalid option -- '%c'\n", optopt);
	else if (strncmp(arg, "--", 2) == 0 && arg[2] != '\0') {
		n = strcspn(arg + 2, "=");
		for (o = lo; o->name != NULL; o++) {
			if (strncmp(o->name, arg + 2, n) != 0)
				continue;
			if (o->name[n] == '\0') {
				match = o;	/* exact: never ambiguous */
				ambiguous = 0;
				break;
			}
			if (match != NULL && (match->val != o->val ||
			    match->has_arg != o->has_arg))
				ambiguous = 1;
			if (match == NULL)
				match = o;
		}
		if (match == NULL)
			fprintf(stderr, "unrecognized option '%s'\n", arg);
		else if (ambiguous) {
			/* The first match, and those that differ from it. */
			fprintf(stderr, "option '%.*s' is ambiguous; "
			    "possibilities: '--%s'", (int)n + 2, arg,
			    match->name);
			for (o = match + 1; o->name != NULL; o++)
				if (strncmp(o->name, arg + 2, n) == 0 &&
				    (o->val != match->val ||
				    o->has_arg != match->has_arg))
					fprintf(stderr, " '--%s'", o->name);
			fputc('\n', stderr);
		} else if (arg[2 + n] == '=')
			fprintf(stderr, "option '--%s' doesn't allow an "
			    "argument\n", match->name);
		else
			fprintf(stderr, "option '--%s' requires an argument\n",
			    match->name);
	} else
		fprintf(stderr, "option requires an argument -- '%c'\n",
		    optopt);
	fputs("Try 'roleaudit --help'.\n", stderr);
	exit(EXIT_USAGE);
}

/* The option getopt_long's value C stands for. */
static enum cli_opt
option_of(int c)
{
	enum cli_opt	 i;

	if (c >= LONG_ONLY)
		return (enum cli_opt)(c - LONG_ONLY);
	for (i = 0; i < OPT__COUNT; i++)
		if (cli_options[i].letter == c)
			break;
	return i;
}

void
cli_parse(int argc, char *argv[], struct cli_opts *o, struct ra_ctx *ctx)
{
	struct option			 longopts[2 * OPT__COUNT + 1];
	char				 shortopts[3 * OPT__COUNT + 1];
	const struct cli_command	*c;
	const char			*cmd;
	enum cli_opt			 i;
	int				 ch, ansi;

	memset(o, 0, sizeof(*o));
	o->color = -1;
	o->progress = -1;
	o->max_results = RA_SARIF_MAX_RESULTS;
	if (argc < 2)
		cli_usage_error("%s", "missing command");
	cmd = argv[1];
	if (strcmp(cmd, "help") == 0)
		apply(o, ctx, OPT_HELP, NULL);
	for (i = 0; i < OPT__COUNT; i++)
		if ((cli_options[i].flags & CLI_ALONE) && ((cmd[0] == '-' &&
		    cmd[1] == cli_options[i].letter && cmd[2] == '\0') ||
		    (strncmp(cmd, "--", 2) == 0 &&
		    strcmp(cmd + 2, cli_options[i].name) == 0)))
			apply(o, ctx, i, NULL);
	for (c = cli_commands; c->name != NULL; c++)
		if (c->mode == 0 && strcmp(c->name, cmd) == 0)
			break;
	if (c->name == NULL)
		cli_usage_error("unknown command '%s'", cmd);
	/* Parse what follows the command; getopt names argv[0] in errors. */
	argc--;
	argv++;
	argv[0] = (char *)"roleaudit";
	getopt_tables(longopts, shortopts);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shortopts, longopts, NULL)) !=
	    -1) {
		if (ch == '?' || ch == ':')
			getopt_error(argv, longopts, shortopts + 1);
		if ((i = option_of(ch)) == OPT__COUNT)
			getopt_error(argv, longopts, shortopts + 1);
		o->given |= CLI_OPT(i);
		if (cli_options[i].arg != NULL)
			keep(o, i, optarg, argc);
		apply(o, ctx, i, optarg);
	}
	o->inputs = (const char *const *)argv + optind;
	o->ninputs = (size_t)(argc - optind);
	o->cmd = command_of(c, o->given);
	check(o);
	/* Asked first: a Windows console shows colour once asked to. */
	ansi = ra_sys_ansi(stdout);
	if (o->color == -1)
		o->color = cli_last(o, OPT_OUTPUT) == NULL &&
		    o->format == RA_FORMAT_TEXT && ansi &&
		    getenv("NO_COLOR") == NULL && (getenv("TERM") == NULL ||
		    strcmp(getenv("TERM"), "dumb") != 0);
}

void
cli_opts_free(struct cli_opts *o)
{
	enum cli_opt	 i;

	for (i = 0; i < OPT__COUNT; i++)
		free(o->args[i].v);
}

int
cli_given(const struct cli_opts *o, enum cli_opt i)
{
	return (o->given & CLI_OPT(i)) != 0;
}

const char *
cli_last(const struct cli_opts *o, enum cli_opt i)
{
	return o->args[i].n ? o->args[i].v[o->args[i].n - 1] : NULL;
}

/* Print TEXT's lines to F, each after INDENT spaces but the first. */
static void
indented(FILE *f, const char *text, int indent)
{
	const char	*nl;

	while ((nl = strchr(text, '\n')) != NULL) {
		fprintf(f, "%.*s\n%*s", (int)(nl - text), text, indent, "");
		text = nl + 1;
	}
	fprintf(f, "%s\n", text);
}

void
cli_usage(FILE *f)
{
	const struct cli_command	*c;
	const struct cli_option		*op;
	const char			*lead = "usage:";
	char				 label[128];
	enum cli_opt			 i, k;
	size_t				 len;

	for (c = cli_commands; c->name != NULL; c++)
		if (c->mode == 0) {
			fprintf(f, "%s roleaudit %s [options]%s%s\n", lead,
			    c->name, *c->operands ? " " : "", c->operands);
			lead = "      ";
		}
	/* "--help | --version": alternatives, each used alone. */
	fprintf(f, "%s roleaudit ", lead);
	for (i = 0, k = 0; i < OPT__COUNT; i++)
		if (cli_options[i].flags & CLI_ALONE)
			fprintf(f, "%s%s", k++ ? " | " : "", dashed(i));
	fprintf(f, "\n\n%s\nCommands:\n", help_intro);
	for (c = cli_commands; c->name != NULL; c++)
		if (c->mode == 0) {
			fprintf(f, "  %-*s", HELP_COMMAND_COLUMN - 2, c->name);
			indented(f, c->summary, HELP_COMMAND_COLUMN);
		}
	fputs("\nOptions:\n", f);
	for (i = 0; i < OPT__COUNT; i++) {
		op = &cli_options[i];
		if (op->help == NULL)
			continue;
		if (op->letter)
			snprintf(label, sizeof(label), "  -%c, --%s",
			    op->letter, op->name);
		else
			snprintf(label, sizeof(label), "      --%s", op->name);
		len = strlen(label);
		if (op->arg)
			snprintf(label + len, sizeof(label) - len, " %s",
			    op->arg);
		for (k = 0; k < OPT__COUNT; k++)
			if (op->shown_with & CLI_OPT(k)) {
				len = strlen(label);
				snprintf(label + len, sizeof(label) - len,
				    ", --%s", cli_options[k].name);
			}
		if (strlen(label) < HELP_OPTION_COLUMN)
			fprintf(f, "%-*s", HELP_OPTION_COLUMN, label);
		else
			fprintf(f, "%s\n%*s", label, HELP_OPTION_COLUMN, "");
		indented(f, op->help, HELP_OPTION_COLUMN);
	}
	fprintf(f, "\n%s", help_exit);
}
