/*
 * cli.h - the private header of the roleaudit command, shared by the
 * files of src/cli/ and by tests/cli/ (which prints the tables).
 *
 * The cli stage owns the command line: the command table and the
 * runners (commands.c), the options, their rules and --help (options.c),
 * the steps every command shares and the exit status (run.c), the -o
 * output (output.c) and the progress line (progress.c).  Like any other
 * program linking libroleaudit it may call only the public API,
 * include/roleaudit.h: no stage header of the library is included here
 * or in any file of src/cli/, and none is on the command's include path.
 * The one exception is base/sys.h, included by its relative path: the
 * operating system where POSIX and Windows differ (files by UTF-8 name,
 * the -o file's replacement, the console), which has no roleaudit types
 * and stands where libc does; the program uses it as the library does
 * rather than knowing Windows a second time.
 *
 * Everything a command is lies in its row of cli_commands[]: adding a
 * command is adding a row and its runner; every rule about options is
 * read from the rows and from cli_options[], in one place, cli_parse().
 *
 * Exit status (man page, EXIT STATUS): 0 nothing to report, 1 findings,
 * 2 usage, 3 bad input, 4 system error.  The worst one wins (cli_raise());
 * broken inputs do not stop the others from being read and reported.
 */
#ifndef CLI_H
#define CLI_H

#include <stdint.h>
#include <stdio.h>

#include "roleaudit.h"
#include "../base/sys.h"

/* The exit statuses, ordered so that the worse one is the larger. */
enum cli_exit {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1,
	EXIT_USAGE = 2,
	EXIT_INPUT = 3,
	EXIT_SYSTEM = 4
};

/*
 * The options, in the order --help lists them; cli_options[] has a row
 * for each.  The rows of cli_commands[] say which ones a command takes
 * with CLI_OPT() masks.
 */
enum cli_opt {
	OPT_FORMAT,
	OPT_OUTPUT,
	OPT_PROFILE,
	OPT_POLICY,
	OPT_MIN_LEVEL,
	OPT_CATALOG,
	OPT_ROLE,
	OPT_FAIL_ON,
	OPT_LINT,
	OPT_COMBINE,
	OPT_COMBINE_ALL,
	OPT_TEAM_ROLE,
	OPT_UNKNOWN_DEPTHS,
	OPT_TEXT,
	OPT_REDACT,
	OPT_SARIF_ROOT,
	OPT_MAX_RESULTS,
	OPT_COLOR,
	OPT_MEMBER_SIZE,
	OPT_RATIO,
	OPT_FILE_SIZE,
	OPT_MEMBERS,
	OPT_TOTAL_SIZE,
	OPT_SCAN_SIZE,
	OPT_FULL_PARSE,
	OPT_JOBS,
	OPT_PROGRESS,
	OPT_NO_PROGRESS,
	OPT_QUIET,
	OPT_HELP,
	OPT_VERSION,
	OPT__COUNT
};

#define CLI_OPT(o)	((uint64_t)1 << (o))

/* cli_option.flags */
#define CLI_REPEAT	0x01	/* every value counts, not just the last */
#define CLI_ALONE	0x02	/* does its job and exits: no command needed */

/*
 * One option.  The rules between options live here, as masks of
 * CLI_OPT(); what a command takes lives in its row of cli_commands[].
 */
struct cli_option {
	const char	*name;		/* long name, without "--" */
	int		 letter;	/* short option, or 0 */
	const char	*arg;		/* its argument in --help; NULL: none */
	const char	*alias;		/* a second long name, or NULL */
	/*
	 * --help's lines for it, split by '\n'; NULL: shown on the line of
	 * the option whose SHOWN_WITH names it.
	 */
	const char	*help;
	uint64_t	 shown_with;	/* options --help names on this line */
	/*
	 * On a command that takes NEEDS, this option goes only with it
	 * (--team-role on check needs --lint; lint itself has no --lint).
	 */
	uint64_t	 needs;
	uint64_t	 excludes;	/* options that must not come with it */
	/*
	 * Options that go with the same commands and that a usage error
	 * names together ("--lint, --combine and --combine-all go with
	 * check"); 0: it is named alone.
	 */
	uint64_t	 named_with;
	unsigned	 flags;		/* CLI_REPEAT, CLI_ALONE */
};

extern const struct cli_option	cli_options[OPT__COUNT];

/*
 * What makes roleaudit exit 1 (--fail-on and each command's default):
 * a severity means a finding or input diagnostic of that severity or
 * worse; the others are a command's own yes-or-no.
 */
enum cli_fail {
	FAIL_NONE = 0,		/* never: the command has no findings */
	FAIL_NOTE,
	FAIL_WARNING,
	FAIL_ERROR,
	FAIL_CHANGE,		/* diff: any change */
	FAIL_ESCALATION,	/* diff: a change that grants more */
	FAIL_VERDICT,		/* a role or combination fails, a role lacks */
	FAIL__COUNT
};

#define CLI_FAIL(f)	(1u << (f))

/* The --fail-on values by enum cli_fail; NULL for the defaults only. */
extern const char *const	cli_fail_names[FAIL__COUNT];

/* The -f values by enum ra_format. */
extern const char *const	cli_format_names[];
#define CLI_FORMAT(f)	(1u << (f))

/* cli_command.flags: what the shared steps (run.c) do for a command. */
#define CLI_TEXT	0x01	/* reads explain's text first */
#define CLI_PROFILES	0x02	/* loads -p, else RA_PROFILE_DEFAULT */
#define CLI_BUILTINS	0x04	/* loads -p, else every built-in profile */
#define CLI_FOCUS	0x08	/* may focus on its profiles' privileges */
#define CLI_COUNTS	0x10	/* needs role counts only, no privileges */
#define CLI_MERGE	0x20	/* a package is one input (ra_solution_merge()),
				   not one input per solution */
#define CLI_NAMES	0x40	/* its operands are names, not inputs */

#define CLI_MANY	((unsigned)-1)	/* no upper limit to the inputs */

struct cli_run;

/*
 * One command: one row of cli_commands[].  Its synopsis line is
 * "roleaudit NAME [options] OPERANDS".  A row with MODE set is a mode of
 * the command of the same NAME, chosen over the plain row when one of
 * the MODE options is given: it has a runner and rules of its own, no
 * synopsis and no --help line; usage errors call it "NAME --MODE" after
 * the first of its MODE options.
 */
struct cli_command {
	const char	*name;
	uint64_t	 mode;
	/*
	 * Does the command's own work, once the shared steps have loaded the
	 * catalog, the profiles and the inputs: analyse, redact, open the
	 * output (cli_open()), render, raise the exit status.
	 */
	void		(*run)(struct cli_run *);
	const char	*operands;	/* after "[options]"; "" for none */
	const char	*summary;	/* --help's lines, split by '\n' */
	unsigned	 min_inputs, max_inputs;
	unsigned	 formats;	/* CLI_FORMAT() of each it writes */
	enum ra_format	 format;	/* without -f */
	/*
	 * CLI_OPT() of each option it takes but --fail-on, which FAIL_ON
	 * gives value by value (CLI_FAIL()): taken when one is.
	 */
	uint64_t	 options;
	unsigned	 fail_on;
	enum cli_fail	 fail_default;	/* without --fail-on */
	unsigned	 flags;		/* CLI_TEXT, CLI_PROFILES, ... */
	/* CLI_PROFILES without -p: this built-in, NULL RA_PROFILE_DEFAULT. */
	const char	*profile;
};

/*
 * Ends with a row whose NAME is NULL.  At most 64 rows: usage errors
 * keep sets of rows as uint64_t masks.
 */
extern const struct cli_command	cli_commands[];

/* The values given to one option, in the order given. */
struct cli_list {
	const char	**v;
	size_t		  n;
};

/* The command line, parsed and checked against the tables. */
struct cli_opts {
	const struct cli_command *cmd;	/* the mode's row when one is given */
	uint64_t		 given;	/* CLI_OPT() of each option given */
	struct cli_list		 args[OPT__COUNT];
	enum ra_format		 format;
	enum ra_level		 min_level;
	enum cli_fail		 fail_on;	/* given, else the default */
	int			 color;		/* -1: auto until parsed */
	int			 progress;	/* -1: auto */
	unsigned		 jobs;		/* 0: one per core */
	size_t			 max_results;	/* -f sarif; 0: all */
	const char *const	*inputs;
	size_t			 ninputs;
};

/* The -o output: standard output, or a temporary file beside FILE. */
struct cli_sink {
	FILE		*f;		/* NULL until opened */
	char		*tmp;
	const char	*path;		/* -o's FILE, or NULL */
};

/* The state of one run, from the parsed options to the exit status. */
struct cli_run {
	struct ra_ctx		 *ctx;
	const struct cli_opts	 *o;
	struct ra_solution	**sol;
	size_t			  nsol;
	struct ra_profile	**prof;
	size_t			  nprof;
	struct ra_policy	**pol;		/* --policy's */
	size_t			  npol;
	char			 *text;		/* CLI_TEXT */
	size_t			  textlen;
	struct ra_write_opts	  wo;
	struct ra_lint		 *lint;		/* check --lint -f sarif */
	struct cli_sink		  sink;
	size_t			  seen;		/* diagnostics printed */
	size_t			  left_out;	/* SARIF results not written */
	int			  status;	/* enum cli_exit */
};

/* ---- options.c ---------------------------------------------------- */

/*
 * Parse and check ARGV against the tables into O, setting the limits
 * options give on CTX.  Returns only when the command may run: usage
 * errors (exit 2), --help and --version (exit 0) end the program here,
 * before anything is read.  Free O's lists with cli_opts_free().
 */
void		 cli_parse(int argc, char *argv[], struct cli_opts *o,
		    struct ra_ctx *ctx);
void		 cli_opts_free(struct cli_opts *);
/* Whether option OPT was given. */
int		 cli_given(const struct cli_opts *, enum cli_opt);
/* The last value given to OPT, or NULL: later ones override. */
const char	*cli_last(const struct cli_opts *, enum cli_opt);
/* Print --help, generated from the tables, to F. */
void		 cli_usage(FILE *f);
/*
 * Print "roleaudit: MESSAGE" and the hint to --help, and exit 2: for
 * the command line and the environment, before anything is read.
 */
void		 cli_usage_error(const char *, ...)
		    RA_PRINTF(1, 2) __attribute__((noreturn));
/* "NAME" for a plain row, "NAME --MODE" for a mode, into BUF. */
const char	*cli_command_title(const struct cli_command *, char *buf,
		    size_t size);

/* ---- run.c -------------------------------------------------------- */

/*
 * Run the parsed command: the steps every command shares, its runner
 * between them, and the -o output committed or discarded.  The exit
 * status is left in R->status; R is released with cli_run_free().
 */
void		 cli_run(struct cli_run *r, struct ra_ctx *ctx,
		    const struct cli_opts *o);
void		 cli_run_free(struct cli_run *);
/* Raise the exit status to V unless it is worse already. */
void		 cli_raise(struct cli_run *, enum cli_exit v);
/* The exit status an input's failed load means. */
enum cli_exit	 cli_exit_of(enum ra_err);
/*
 * A library call failed after the inputs were read, so the report cannot
 * be made: say why, once, and exit 4 (RA_EIO: the output that could not
 * be written, and errno's reason).  Returns -1 for E other than RA_OK,
 * else 0.
 */
int		 cli_failed(struct cli_run *, enum ra_err e);
/* Print the diagnostics not printed yet (-q: errors only). */
void		 cli_diags(struct cli_run *);
/* --redact: pseudonyms for the roles, once names have been matched. */
enum ra_err	 cli_redact(struct cli_run *);
/*
 * Open the output for the runner, as late as possible so that an early
 * failure leaves no file behind: 0, or -1 once reported (exit 4).
 */
int		 cli_open(struct cli_run *);
/*
 * The severity --fail-on or the command's default means into *SEV:
 * 1, or 0 when it means something else (a verdict, a change).
 */
int		 cli_fail_severity(const struct cli_run *,
		    enum ra_severity *sev);

/* ---- output.c ----------------------------------------------------- */

/*
 * Open the output: standard output for NULL or "-", PATH itself when it
 * is a device or a pipe (nothing to replace atomically there: what was
 * written stays written), else a temporary file beside PATH.  0, or -1
 * after saying why.
 */
int		 cli_output_open(struct cli_sink *, const char *path);
/*
 * Commit (KEEP) or discard what was written: the temporary file is
 * renamed over PATH only when everything went well.  0, or -1.
 */
int		 cli_output_close(struct cli_sink *, int keep);

/* ---- progress.c --------------------------------------------------- */

struct cli_progress;

/*
 * Report loading TOTAL inputs on standard error while CTX loads them,
 * when SHOW; NULL when not shown or memory runs out.
 */
struct cli_progress *cli_progress_start(struct ra_ctx *, size_t total,
		    int show);
/* Stop reporting and erase the line; NULL is a no-op. */
void		 cli_progress_end(struct cli_progress *, struct ra_ctx *);

#endif /* CLI_H */
