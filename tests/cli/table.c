/*
 * table.c - print roleaudit's command and option tables (src/cli/), one
 * fact a line, for tests/cli/synopsis.py to compare with `roleaudit
 * --help` and with the man page's SYNOPSIS, and for tools/completion.py
 * to write the bash completion from.  Linked with the cli's files but
 * main.c, so what it prints is what the command runs on.
 *
 *   option LONG LETTER ALIAS ALONE ARG
 *                                 every option ("-" for none; ALONE
 *                                 "alone" for --help, --version; ARG its
 *                                 argument as --help names it)
 *   command NAME OPERANDS         every command, in table order
 *   takes NAME LONG               an option the command or a mode of it takes
 *   fail-on NAME VALUE            a --fail-on value it or a mode of it takes
 *   format NAME FORMAT            a format its plain row writes
 *   profile NAME                  a built-in profile (-p NAME)
 *   level NAME                    a level --min-level takes
 *
 * Fields are separated by tabs.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The plain row of NAME and its modes, one after another. */
static void
command(const char *name)
{
	const struct cli_command	*c;
	uint64_t			 opts = 0;
	unsigned			 fail = 0;
	int				 i;

	for (c = cli_commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0) {
			opts |= c->options;
			fail |= c->fail_on;
		}
	/* --fail-on is taken where a value is; the rows say it so. */
	if (fail != 0)
		opts |= CLI_OPT(OPT_FAIL_ON);
	for (i = 0; i < OPT__COUNT; i++)
		if (opts & CLI_OPT(i))
			printf("takes\t%s\t%s\n", name, cli_options[i].name);
	for (i = 0; i < FAIL__COUNT; i++)
		if ((fail & CLI_FAIL(i)) && cli_fail_names[i] != NULL)
			printf("fail-on\t%s\t%s\n", name, cli_fail_names[i]);
}

/* The options first: the commands' lines name them. */
int
main(void)
{
	const struct cli_command	*c;
	const struct cli_option		*op;
	int				 i;

	for (i = 0; i < OPT__COUNT; i++) {
		op = &cli_options[i];
		printf("option\t%s\t%c\t%s\t%s\t%s\n", op->name,
		    op->letter ? op->letter : '-', op->alias ? op->alias : "-",
		    op->flags & CLI_ALONE ? "alone" : "-",
		    op->arg ? op->arg : "-");
	}
	for (c = cli_commands; c->name != NULL; c++) {
		if (c->mode != 0)
			continue;
		printf("command\t%s\t%s\n", c->name, c->operands);
		command(c->name);
		for (i = 0; cli_format_names[i] != NULL; i++)
			if (c->formats & CLI_FORMAT(i))
				printf("format\t%s\t%s\n", c->name,
				    cli_format_names[i]);
	}
	for (i = 0; ra_profile_builtin((size_t)i) != NULL; i++)
		printf("profile\t%s\n", ra_profile_builtin((size_t)i));
	for (i = RA_LEVEL_BASIC; i <= RA_LEVEL_GLOBAL; i++)
		printf("level\t%s\n", ra_level_name((enum ra_level)i));
	return 0;
}
