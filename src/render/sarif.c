/*
 * sarif.c - check reports, diffs and lint findings as SARIF 2.1.0
 * (OASIS), for GitHub code scanning and other tools that read
 * static-analysis results.  The shape is checked against
 * schema/sarif-schema-2.1.0.json by the test suite.
 *
 * One run.  Each kind of finding is one rule (run.tool.driver.rules):
 *   missing-privilege   a role lacks a privilege a profile requires, or
 *                       (diff) no longer passes a profile      error
 *   escalation          (diff) a change that grants more and matches
 *                       an escalation rule                      error
 *   role-change         (diff) any other change: added, removed or
 *                       renamed role, privilege change, verdict
 *                       that now passes                  warning or note
 *   policy-violation    a role holds more than a row of a --policy
 *                       allows                      the row's severity
 *   RA401 ... RA420     (lint, check --lint) a lint finding     its own
 *   input-diagnostic    a diagnostic about an input            its own
 * Levels come from findings.c, so they agree with --fail-on.  Other
 * finding kinds (policies, apps and columns) bring rules of their own
 * through the helper of render.h (ra_sarif_new() ... ra_sarif_write()).
 *
 * What code scanning reads (GitHub's "SARIF support for code scanning"):
 * a result is shown on the line of its first location's region, so a
 * result points at the line an editor would change: the <RolePrivilege>
 * element of the privilege (an escalation, a raised or lowered depth, a
 * privilege held below what a profile needs, a lint finding about a
 * privilege), the role's <RolePrivileges> start tag for a privilege it
 * lacks or lost, the <Role> start tag for the role itself; with the
 * columns and the end when the reader knew them (struct ra_span).  The
 * spans of a role's grants are made when its results are written, one
 * role at a time (ra_role_spans()): the load pays nothing a grant for
 * the usual layout.
 *
 * Alerts are matched across runs by partialFingerprints.  roleaudit
 * does not write primaryLocationLineHash: the upload computes it from
 * the file's text at the region, and a value of another kind is
 * reported as inconsistent; as the region is now the element itself,
 * that hash follows the element when other lines move.  Each result has
 * also roleaudit/finding/v1, the rule, the role's id (or name) and the
 * privilege (or what of the role): the same for the same finding
 * wherever its line goes, for tools that match on it.
 *
 * A role inside a zip is located in the member, an artifact nested in
 * the zip's (parentIndex), as SARIF describes files inside containers;
 * a package's solution zip is nested in the package, and its member in
 * it.  Code scanning shows only files of the repository, so the message
 * of such a result says which member of which zip its line is in.
 * URIs are the paths as given, percent-encoded (an absolute path becomes
 * a file: URI), or, with --sarif-root, relative to that directory with
 * uriBaseId %SRCROOT%, as code scanning wants them.
 *
 * The run lists its artifacts before its results, in the order results
 * first name them.  So a first pass names every artifact (cheap: one per
 * input, member and located diagnostic), and then the results are
 * written as they are made, a batch at a time (ra_json_dump_streamed()):
 * memory follows one role, not roles times privileges.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/sys.h"
#include "render/render.h"

#define SARIF_SCHEMA	"https://json.schemastore.org/sarif-2.1.0.json"
#define SRCROOT		"%SRCROOT%"

const char *const ra_sarif_security_tags[] = { "security",
    "security-role", "least-privilege", NULL };
static const char *const tags_correctness[] = { "correctness",
    "security-role", NULL };
static const char *const tags_change[] = { "maintainability",
    "security-role", NULL };
static const char *const tags_input[] = { "input", NULL };

static const struct ra_sarif_rule rule_missing = {
	"missing-privilege", "MissingRequiredPrivilege",
	"A role lacks a privilege that a requirement profile needs.",
	"The role does not hold a privilege that a requirement profile "
	"lists, or holds it below the depth the profile asks for.  For "
	"the built-in profile server-side-sync, a mailbox whose owner has "
	"such a role fails Test & Enable Mailbox with PrivilegeDenied "
	"(KB 4015092).  In a diff: the role passed the profile in the old "
	"export and no longer does in the new one.",
	"Open the role in the security-role editor, go to the tab the "
	"result names and grant the privilege at the depth it needs, or "
	"add it to the role's RolePrivileges in the solution source.  "
	"See roleaudit(1), COMMANDS and PROFILES.",
	"## Missing required privilege\n\n"
	"The role does not hold a privilege that a requirement profile "
	"lists, or holds it below the depth the profile asks for.\n\n"
	"**Fix:** grant the privilege at the depth the result names, in "
	"the security-role editor (the tab the result names) or in the "
	"role's `<RolePrivileges>` in the solution source, for example\n\n"
	"```xml\n<RolePrivilege name=\"prvReadQueue\" level=\"Global\" />\n"
	"```\n\n"
	"The result points at the privilege's `<RolePrivilege>` when the "
	"role holds it too low, else at the role's `<RolePrivileges>`.  "
	"See `roleaudit(1)`, COMMANDS and PROFILES.",
	RA_SEV_ERROR, NULL, tags_correctness
};

static const struct ra_sarif_rule rule_escalation = {
	"escalation", "PrivilegeEscalation",
	"A change grants a security-sensitive privilege.",
	"Between the two exports the role gained a privilege, or a deeper "
	"depth of one, that matches a rule of schema/escalation.csv: a "
	"Deep or Global depth, a privacy-related privilege, a privilege on "
	"a security-sensitive table such as Security Role or User, or a "
	"dangerous miscellaneous privilege such as "
	"prvActOnBehalfOfAnotherUser.  An added role is an escalation when "
	"granting any of its privileges would be.",
	"Check that the change is intended and approved; if it is not, "
	"revert the privilege in the role.  See roleaudit(1), DIFF.",
	"## Privilege escalation\n\n"
	"The role gained a privilege, or a deeper depth of one, that "
	"matches an escalation rule (`schema/escalation.csv`): a Deep or "
	"Global depth, a privacy-related privilege, a privilege on a "
	"security-sensitive table such as Security Role or User, or a "
	"dangerous miscellaneous privilege such as "
	"`prvActOnBehalfOfAnotherUser`.\n\n"
	"**Fix:** check that the change is intended and approved; if not, "
	"revert the `<RolePrivilege>` the result points at.  See "
	"`roleaudit(1)`, DIFF.",
	RA_SEV_ERROR, "8.0", ra_sarif_security_tags
};

static const struct ra_sarif_rule rule_change = {
	"role-change", "RoleChange",
	"A role was added, removed, renamed or changed.",
	"Between the two exports a role was added or removed or renamed, a "
	"privilege was added, removed, raised or lowered without matching "
	"an escalation rule, or the role now passes a profile.  A change "
	"that grants more is a warning, anything else a note.",
	"Review the change.  See roleaudit(1), DIFF.",
	"## Role change\n\n"
	"A role was added, removed or renamed, a privilege was added, "
	"removed, raised or lowered without matching an escalation rule, "
	"or the role now passes a profile.  A change that grants more is "
	"a warning, anything else a note.\n\n"
	"**Fix:** review the change.  See `roleaudit(1)`, DIFF.",
	RA_SEV_WARNING, NULL, tags_change
};

static const struct ra_sarif_rule rule_policy = {
	"policy-violation", "PolicyViolation",
	"A role holds more than a least-privilege policy allows.",
	"A row of a policy given with --policy matches a privilege the "
	"role holds, and the role holds it above the highest depth the "
	"row allows (or at all, when the row allows none).  The result "
	"names the policy, the row (file:line) and the row's reason; its "
	"level is the row's severity.",
	"Lower or remove the privilege in the role, or, when the role "
	"needs it, exempt the role in the policy row.  See roleaudit(1), "
	"POLICIES.",
	"## Policy violation\n\n"
	"A row of a least-privilege policy (`--policy`) matches a "
	"privilege the role holds, above the highest depth the row allows "
	"(or at all, when it allows none).  The message names the policy, "
	"the row and its reason.\n\n"
	"**Fix:** lower or remove the `<RolePrivilege>` the result points "
	"at, or, when the role needs it, exempt the role in the policy "
	"row.  See `roleaudit(1)`, POLICIES.",
	RA_SEV_ERROR, "7.0", ra_sarif_security_tags
};

static const struct ra_sarif_rule rule_input = {
	"input-diagnostic", "InputDiagnostic",
	"An input could not be read, or was read with a warning.",
	"A diagnostic about an input: malformed XML, a broken or hostile "
	"zip, a file that is not a solution, a limit exceeded, a role "
	"without an id, an unknown level.  Errors mean the input was left "
	"out of the report.  The code in the message (RAnnn) is listed "
	"under DIAGNOSTICS in roleaudit(1).",
	"Fix or re-export the input.  See roleaudit(1), DIAGNOSTICS.",
	"## Input diagnostic\n\n"
	"An input could not be read, or was read with a warning: malformed "
	"XML, a broken or hostile zip, a file that is not a solution, a "
	"limit exceeded, a role without an id, an unknown level.  Errors "
	"mean the input was left out of the report.\n\n"
	"**Fix:** fix or re-export the input.  The code at the end of the "
	"message (`RAnnn`) is listed under DIAGNOSTICS in `roleaudit(1)`.",
	RA_SEV_ERROR, NULL, tags_input
};

static const struct ra_sarif_rule rule_app_open = {
	"app-cannot-open", "AppRoleCannotOpen",
	"A role mapped to a model-driven app cannot open it.",
	"The app's role map names the role, but the role lacks privileges "
	"of the built-in model-driven-app profile, which every "
	"model-driven app needs to load (RA501).",
	"Grant the role the privileges the result lists.  See "
	"roleaudit(1), APPS AND COLUMN SECURITY.",
	"## Role cannot open the app\n\n"
	"The app's `<AppModuleRoleMaps>` name the role, but the role lacks "
	"privileges of the built-in `model-driven-app` profile, which every "
	"model-driven app needs to load (RA501).\n\n"
	"**Fix:** grant the role the privileges the message lists, or take "
	"it out of the app's role map.  See `roleaudit(1)`, APPS AND "
	"COLUMN SECURITY.",
	RA_SEV_APP_OPEN, NULL, tags_correctness
};

static const struct ra_sarif_rule rule_app_read = {
	"app-table-unreadable", "AppTableUnreadable",
	"A role mapped to an app cannot read one of the app's tables.",
	"The app shows the table, but the role does not hold its Read "
	"privilege (or holds it below --min-level): its users see "
	"\"You do not have permission\" where the table is (RA502).",
	"Grant Read on the table, or take the table out of the app.  See "
	"roleaudit(1), APPS AND COLUMN SECURITY.",
	"## Role cannot read an app table\n\n"
	"The app shows the table (an `<AppModuleComponent type=\"1\">`), "
	"but the role does not hold its Read privilege, or holds it below "
	"`--min-level`: its users see \"You do not have permission\" "
	"where the table is (RA502).\n\n"
	"**Fix:** grant Read on the table, or take the table out of the "
	"app.  See `roleaudit(1)`, APPS AND COLUMN SECURITY.",
	RA_SEV_APP_READ, NULL, tags_correctness
};

static const struct ra_sarif_rule rule_col_unreadable = {
	"secured-column-unreadable", "SecuredColumnUnreadable",
	"No column security profile lets anyone read a secured column.",
	"The table marks the column secured (IsSecured), and no column "
	"security profile of the input grants read on it: only "
	"administrators see it (RA511).",
	"Add the column to a profile that grants read, and add the users "
	"or teams that need it.  See roleaudit(1), APPS AND COLUMN "
	"SECURITY.",
	"## Secured column nobody can read\n\n"
	"The table marks the column secured (`<IsSecured>1</IsSecured>`), "
	"and no column security profile of the input grants read on it: "
	"only administrators see it (RA511).\n\n"
	"**Fix:** add the column to a profile that grants read "
	"(`CanRead` 4), and add the users or teams that need it.  See "
	"`roleaudit(1)`, APPS AND COLUMN SECURITY.",
	RA_SEV_COL_UNREADABLE, NULL, tags_correctness
};

static const struct ra_sarif_rule rule_col_noread = {
	"column-write-without-read", "ColumnWriteWithoutRead",
	"A column permission grants update or create without read.",
	"A column security profile lets its members update or create a "
	"secured column they cannot read (RA512).",
	"Grant read too, or take update and create away.  See "
	"roleaudit(1), APPS AND COLUMN SECURITY.",
	"## Update or create without read\n\n"
	"A `<FieldPermission>` lets the profile's members update or create "
	"a secured column they cannot read (RA512).\n\n"
	"**Fix:** grant read too (`CanRead` 4), or take update and create "
	"away.  See `roleaudit(1)`, APPS AND COLUMN SECURITY.",
	RA_SEV_COL_NOREAD, NULL, tags_correctness
};

/* lint's rules, one a code (RA4xx), as roleaudit(1) LINT words them. */
static const struct ra_sarif_rule lint_rules[] = {
	{ "RA401", "DepthNotTaken",
	  "A privilege held at a depth it cannot take.",
	  "A privilege held at a depth it cannot take: a depth stated for "
	  "it by Microsoft's per-privilege pages, the depths of its "
	  "table's ownership (only Organization on an organization-owned "
	  "table), Organization for every privacy-related privilege.  The "
	  "platform stores another depth than the export says.",
	  "Set the privilege to a depth it takes.  See roleaudit(1), LINT.",
	  "## Depth the privilege cannot take\n\n"
	  "The `<RolePrivilege>` holds a depth the privilege cannot take "
	  "(a stated depth, its table's ownership, Organization for "
	  "privacy-related privileges).\n\n"
	  "**Fix:** set its `level` to a depth it takes.  See "
	  "`roleaudit(1)`, LINT.",
	  RA_SEV_WARNING, NULL, tags_correctness },
	{ "RA402", "DepthNotCovered",
	  "A miscellaneous privilege held at a depth no fact covers.",
	  "A miscellaneous or privacy-related privilege held below "
	  "Organization at a depth no fact covers and no real export "
	  "holds (--unknown-depths).",
	  "Check the depth in the security-role editor.  See roleaudit(1), "
	  "LINT.",
	  "## Depth no fact covers\n\n"
	  "A miscellaneous or privacy-related privilege is held below "
	  "Organization at a depth no fact covers.\n\n"
	  "**Fix:** check the depth in the security-role editor.  See "
	  "`roleaudit(1)`, LINT.",
	  RA_SEV_NOTE, NULL, tags_correctness },
	{ "RA403", "AccessNotOnTable",
	  "Assign or Share on a table that has neither.",
	  "Assign or Share on an organization-owned table, which has "
	  "neither (the solution's own OwnershipTypeMask, or the knowledge "
	  "base's ownership).",
	  "Remove the privilege.  See roleaudit(1), LINT.",
	  "## Access right the table does not have\n\n"
	  "Assign or Share on an organization-owned table, which has "
	  "neither.\n\n**Fix:** remove the `<RolePrivilege>`.  See "
	  "`roleaudit(1)`, LINT.",
	  RA_SEV_WARNING, NULL, tags_correctness },
	{ "RA410", "AppendWithoutAppendTo",
	  "Append on some table and Append To on none.",
	  "The role grants Append on some table and Append To on none: a "
	  "record is attached to another only with Append on it and "
	  "Append To on the other.",
	  "Grant Append To on the tables records are attached to, or check "
	  "that another role of the same users does.  See roleaudit(1), "
	  "LINT.",
	  "## Append without Append To\n\n"
	  "A record is attached to another (a lookup, the regarding of an "
	  "activity) only with Append on it and Append To on the other.\n\n"
	  "**Fix:** grant Append To where records are attached, or check "
	  "the user's other roles (`roleaudit check --combine`).",
	  RA_SEV_WARNING, NULL, tags_correctness },
	{ "RA411", "AppendToWithoutAppend",
	  "Append To on some table and Append on none.",
	  "The role grants Append To on some table and Append on none.",
	  "Grant Append on the tables whose records are attached, or check "
	  "that another role of the same users does.  See roleaudit(1), "
	  "LINT.",
	  "## Append To without Append\n\n"
	  "The role grants Append To on some table and Append on none.\n\n"
	  "**Fix:** grant Append where records are attached from, or check "
	  "the user's other roles (`roleaudit check --combine`).",
	  RA_SEV_WARNING, NULL, tags_correctness },
	{ "RA420", "TeamRoleUserDepth",
	  "A team's role grants table privileges at User depth.",
	  "A role for teams (--team-role) grants table privileges at User "
	  "depth while its members inherit only the team's privileges "
	  "(isinherited 0 or absent): User depth then reaches only records "
	  "the team owns.",
	  "Raise the depth, or set Member's privilege inheritance to Direct "
	  "User access level and Team privileges.  See roleaudit(1), LINT.",
	  "## Team role at User depth\n\n"
	  "The team's members inherit only the team's privileges, so User "
	  "depth reaches only records the team owns.\n\n"
	  "**Fix:** raise the depth, or set the role's `isinherited=\"1\"` "
	  "(Member's privilege inheritance: Direct User access level and "
	  "Team privileges).",
	  RA_SEV_WARNING, NULL, tags_correctness }
};

#define NLINT	(sizeof(lint_rules) / sizeof(lint_rules[0]))

/* The lint rule of diagnostic code CODE, or NULL. */
static const struct ra_sarif_rule *
lint_rule(int code)
{
	char	 id[16];
	size_t	 i;

	snprintf(id, sizeof(id), "RA%03d", code);
	for (i = 0; i < NLINT; i++)
		if (strcmp(lint_rules[i].id, id) == 0)
			return &lint_rules[i];
	return NULL;
}

/* An artifact already listed: URI and parent, and its index. */
struct art {
	char		*uri;
	char		*name;		/* the path or member, for messages */
	long		 parent;
};

struct ra_sarif {
	const struct ra_ctx	*ctx;
	const struct ra_write_opts *wo;
	json_t			*artifacts;
	json_t			*results;	/* the batch being written */
	size_t			 at;		/* its next to write */
	/* The caller's results, a batch a call; 0 when none are left. */
	int			(*fill)(struct ra_sarif *, void *);
	void			*arg;
	int			 filled;	/* FILL said 0: diagnostics */
	size_t			 dnext;		/* next diagnostic to write */
	const struct ra_lint	*lint;		/* its 4xx are lint's */
	struct ra_buf		 m, names;	/* message scratch */
	struct ra_buf		 why;	/* a change's reasons */
	struct art		*art;
	size_t			 nart, capart;
	size_t			*slot;		/* hash of art: index + 1, 0 empty */
	size_t			 nslot;		/* a power of two, or 0 */
	const struct ra_sarif_rule *const *rule;
	size_t			 nrule;
	json_t			*props;		/* the run's */
	char			*root;		/* --sarif-root, resolved */
	/* The spans of one role's grants (ra_sarif_grant()). */
	struct ra_spans		 spans;
	const struct ra_role	*spans_of;
	/* Per profile of REP, the privileges it lists, sorted. */
	size_t			**listed;
	int			 oom;
	/* What check, diff and lint fill from. */
	const struct ra_report	*rep;
	const struct ra_diff	*diff;
	size_t			 next;		/* role to fill */
	size_t			 k;		/* its next result */
	struct ra_unread	 un;		/* apps: its tables so far */
	size_t			 access;	/* a diff's next app or
						   column change */
	/*
	 * --max-results: results written at most (0: all), written so
	 * far, and those past it, counted but not written.  SKIP: the cap
	 * is reached, so a fill only counts what is left where it can
	 * without making it.
	 */
	size_t			 max, written, left;
	int			 skip;
};

static int
priv_cmp(const void *a, const void *b)
{
	size_t	 x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * SF->listed for REP's profiles: a result names the profiles that list
 * its privilege, and a walk of every profile's rows for each privilege
 * a role lacks would take 100,000 x 100,000 steps a role.
 */
static void
listed_init(struct ra_sarif *sf, const struct ra_report *rep)
{
	size_t	 j, z;

	if (rep->nprof == 0)
		return;
	if ((sf->listed = calloc(rep->nprof, sizeof(*sf->listed))) == NULL) {
		sf->oom = 1;
		return;
	}
	for (j = 0; j < rep->nprof; j++) {
		const struct ra_profile	*p = rep->prof[j];

		if ((sf->listed[j] = calloc(p->n ? p->n : 1,
		    sizeof(**sf->listed))) == NULL) {
			sf->oom = 1;
			return;
		}
		for (z = 0; z < p->n; z++)
			sf->listed[j][z] = p->req[z].priv;
		qsort(sf->listed[j], p->n, sizeof(**sf->listed), priv_cmp);
	}
}

/* Whether profile J of SF's report lists privilege PRIV. */
static int
listed(const struct ra_sarif *sf, size_t j, size_t priv)
{
	return sf->listed != NULL && sf->listed[j] != NULL &&
	    bsearch(&priv, sf->listed[j], sf->rep->prof[j]->n,
	    sizeof(**sf->listed), priv_cmp) != NULL;
}

/*
 * A JSON string of S; jansson refuses invalid UTF-8, which is then
 * escaped as the text report does.  NULL gives JSON null.
 */
static json_t *
str(const char *s)
{
	struct ra_buf	 b = { 0 };
	json_t		*j;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	ra_buf_add_safe(&b, s);
	j = b.oom ? NULL : json_string(b.s ? b.s : "");
	ra_buf_free(&b);
	return j;
}

/*
 * Text from the input for a message: controls and bidirectional
 * overrides escaped, and the brackets SARIF reserves for embedded links
 * escaped with a backslash (SARIF 3.11.6).
 */
static void
msg_add(struct ra_buf *b, const char *s)
{
	struct ra_buf	 t = { 0 };
	const char	*p;

	ra_buf_add_safe(&t, s != NULL ? s : "");
	for (p = t.s; p != NULL && *p != '\0'; p++) {
		if (*p == '[' || *p == ']' || *p == '\\')
			ra_buf_add(b, "\\", 1);
		ra_buf_add(b, p, 1);
	}
	if (t.oom)
		b->oom = 1;
	ra_buf_free(&t);
}

/* Privilege PI's display name (ra_pinfo_label()) for a message. */
static void
label_add(struct ra_buf *b, const struct ra_pinfo *pi)
{
	struct ra_buf	 l = { 0 };

	ra_pinfo_label(pi, &l);
	msg_add(b, l.oom ? "" : l.s);
	if (l.oom)
		b->oom = 1;
	ra_buf_free(&l);
	if (pi->tab_by == RA_PROV_UNPLACED)
		ra_buf_adds(b, ", unplaced");
}

/*
 * What a result's properties say of privilege PI: its name, display
 * name, place and where they came from.
 */
static void
priv_props(json_t *p, const struct ra_pinfo *pi)
{
	struct ra_buf	 l = { 0 };
	json_t		*src = json_object();

	ra_pinfo_label(pi, &l);
	json_object_set_new(p, "privilege", str(pi->name));
	json_object_set_new(p, "displayName", l.oom ? NULL : str(l.s));
	json_object_set_new(p, "entity", str(pi->entity));
	json_object_set_new(p, "tab", str(ra_tab_name(pi->tab)));
	json_object_set_new(p, "section", pi->section == RA_SECTION_ENTITIES ?
	    json_null() : str(ra_section_name(pi->section)));
	json_object_set_new(p, "access", pi->access == RA_ACCESS_NONE ?
	    json_null() : str(ra_access_name(pi->access)));
	json_object_set_new(src, "tab", str(ra_prov_name(pi->tab_by)));
	json_object_set_new(src, "entity", str(ra_prov_name(pi->entity_by)));
	json_object_set_new(src, "depths", str(ra_prov_name(pi->depths_by)));
	json_object_set_new(p, "source", src);
	ra_buf_free(&l);
}

static json_t *
message(struct ra_buf *b)
{
	json_t	*m = json_object();

	json_object_set_new(m, "text", b->oom ? NULL : str(b->s ? b->s : ""));
	return m;
}

/* PATH as a URI reference: percent-encoded; absolute becomes file:. */
static void
uri_add(struct ra_buf *b, const char *path)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;

	if (path[0] == '/')
		ra_buf_adds(b, "file://");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			ra_buf_add(b, (const char *)p, 1);
		else {
			char	 e[3] = { '%', hex[*p >> 4], hex[*p & 15] };

			ra_buf_add(b, e, 3);
		}
	}
}

static size_t
art_hash(const char *uri, long parent)
{
	size_t	 h = 2166136261u ^ (size_t)(parent + 1);

	for (; *uri != '\0'; uri++)
		h = (h ^ (unsigned char)*uri) * 16777619u;
	return h;
}

/* Index of the artifact URI under PARENT, or -1. */
static long
art_find(const struct ra_sarif *sf, const char *uri, long parent)
{
	size_t	 i, mask = sf->nslot - 1;

	if (sf->nslot == 0)
		return -1;
	for (i = art_hash(uri, parent) & mask; sf->slot[i] != 0;
	    i = (i + 1) & mask) {
		const struct art	*a = &sf->art[sf->slot[i] - 1];

		if (a->parent == parent && strcmp(a->uri, uri) == 0)
			return (long)(sf->slot[i] - 1);
	}
	return -1;
}

/* Put artifact K in the hash, growing it at half full; 0 or -1. */
static int
art_index(struct ra_sarif *sf, size_t k)
{
	size_t	*slot, n, i, j, mask;

	if ((k + 1) * 2 > sf->nslot) {
		n = sf->nslot ? sf->nslot * 2 : 64;
		if ((slot = calloc(n, sizeof(*slot))) == NULL)
			return -1;
		free(sf->slot);
		sf->slot = slot;
		sf->nslot = n;
		for (j = 0; j < k; j++)
			if (art_index(sf, j) == -1)
				return -1;
	}
	mask = sf->nslot - 1;
	for (i = art_hash(sf->art[k].uri, sf->art[k].parent) & mask;
	    sf->slot[i] != 0; i = (i + 1) & mask)
		continue;
	sf->slot[i] = k + 1;
	return 0;
}

/*
 * PATH made relative to --sarif-root into *REL (borrowed from TMP, which
 * the caller frees), when it is below it; 0, or 1 when relative.
 */
static int
under_root(const struct ra_sarif *sf, const char *path, char **tmp,
    const char **rel)
{
	size_t	 n;

	*tmp = NULL;
	if (sf->root == NULL || (*tmp = ra_sys_realpath(path)) == NULL)
		return 0;
	n = strlen(sf->root);
	if (n == 1) {
		/* The root "/": every absolute path is below it. */
		*rel = *tmp + 1;
		return **rel != '\0';
	}
	if (strncmp(*tmp, sf->root, n) != 0 || (*tmp)[n] != '/')
		return 0;
	*rel = *tmp + n + 1;
	return 1;
}

/*
 * The index of the artifact PATH (not yet encoded) under PARENT (-1 for
 * none, and then a path of the file system), listing it when new: an
 * analysis target or not, a directory or not, with SHA256 (or NULL).
 * -1 when memory runs out.
 */
static long
artifact(struct ra_sarif *sf, const char *path, long parent, int target,
    int directory, const char *sha256)
{
	struct ra_buf	 u = { 0 };
	json_t		*a, *loc, *roles, *h;
	char		*tmp = NULL;
	const char	*rel = path;
	long		 found;
	int		 based;

	/*
	 * A path of the file system is kept with a mark: R relative to the
	 * root (%SRCROOT%), P as given, so that the two never meet.
	 */
	based = parent < 0 && under_root(sf, path, &tmp, &rel);
	if (parent < 0)
		ra_buf_adds(&u, based ? "R" : "P");
	uri_add(&u, rel);
	free(tmp);
	ra_buf_add(&u, "", 0);	/* an empty path ("") is the URI "" */
	if (directory && u.len > (size_t)(parent < 0) &&
	    u.s[u.len - 1] != '/')
		ra_buf_adds(&u, "/");
	if (u.oom) {
		sf->oom = 1;
		return -1;
	}
	if ((found = art_find(sf, u.s, parent)) >= 0) {
		ra_buf_free(&u);
		return found;
	}
	if (ra_grow(&sf->art, &sf->capart, sf->nart + 1,
	    sizeof(*sf->art)) == -1) {
		ra_buf_free(&u);
		sf->oom = 1;
		return -1;
	}
	a = json_object();
	loc = json_object();
	json_object_set_new(loc, "uri", str(u.s + (parent < 0)));
	if (based)
		json_object_set_new(loc, "uriBaseId", json_string(SRCROOT));
	json_object_set_new(a, "location", loc);
	if (parent >= 0)
		json_object_set_new(a, "parentIndex", json_integer(parent));
	if (target || directory) {
		roles = json_array();
		if (target)
			json_array_append_new(roles,
			    json_string("analysisTarget"));
		if (directory)
			json_array_append_new(roles, json_string("directory"));
		json_object_set_new(a, "roles", roles);
	}
	if (sha256 != NULL) {
		h = json_object();
		json_object_set_new(h, "sha-256", str(sha256));
		json_object_set_new(a, "hashes", h);
	}
	if (json_array_append_new(sf->artifacts, a) != 0) {
		ra_buf_free(&u);
		sf->oom = 1;
		return -1;
	}
	sf->art[sf->nart].uri = u.s;
	sf->art[sf->nart].name = ra_strdup(path);
	sf->art[sf->nart].parent = parent;
	if (sf->art[sf->nart].name == NULL)
		sf->oom = 1;
	if (art_index(sf, sf->nart) == -1)
		sf->oom = 1;
	return (long)sf->nart++;
}

/* The artifact location of listed artifact IDX: its URI and index. */
static json_t *
art_location(const struct ra_sarif *sf, long idx)
{
	json_t		*al = json_object();
	const char	*u;

	if (idx < 0)
		return al;
	u = sf->art[idx].uri;
	if (sf->art[idx].parent < 0) {
		json_object_set_new(al, "uri", str(u + 1));
		if (*u == 'R')
			json_object_set_new(al, "uriBaseId",
			    json_string(SRCROOT));
	} else
		json_object_set_new(al, "uri", str(u));
	json_object_set_new(al, "index", json_integer(idx));
	return al;
}

/*
 * The artifact of an input: its path, or for a solution zip of a
 * package zip ("PACKAGE!PkgFolder/NAME.zip") that zip nested in the
 * package's.
 */
static long
input_artifact(struct ra_sarif *sf, const struct ra_solution *s)
{
	struct ra_buf	 pkg = { 0 };
	long		 parent;
	int		 dir = s->kind == RA_INPUT_FOLDER ||
			    (s->kind == RA_INPUT_PACKAGE && s->pkg_dir);

	if (s->pkg_name > 0 && s->path[s->pkg_name - 1] == '!') {
		ra_buf_add(&pkg, s->path, s->pkg_name - 1);
		ra_buf_add(&pkg, "", 0);
		parent = pkg.oom ? -1 : artifact(sf, pkg.s, -1, 1, 0, NULL);
		ra_buf_free(&pkg);
		if (parent < 0)
			return -1;
		return artifact(sf, s->path + s->pkg_name, parent, 1, 0,
		    s->sha256);
	}
	/* A folder's hash is of its file list, not of content. */
	return artifact(sf, s->path, -1, 1, dir, dir ? NULL : s->sha256);
}

/*
 * Where a file is: the innermost artifact (INNER) and the outermost
 * (OUTER, a file of the file system; the same unless INNER is a zip
 * member).
 */
struct place {
	long		 outer, inner;
};

/* P's outer artifact, from its inner one. */
static void
outer_of(const struct ra_sarif *sf, struct place *p)
{
	p->outer = p->inner;
	while (p->outer >= 0 && sf->art[p->outer].parent >= 0)
		p->outer = sf->art[p->outer].parent;
}

/*
 * The artifact of MEMBER of artifact PARENT: a package's
 * "PkgFolder/NAME.zip!FILE" (SPLIT) is FILE inside NAME.zip inside it.
 */
static long
member_artifact(struct ra_sarif *sf, long parent, const char *member,
    int split)
{
	const char	*bang = split ? strrchr(member, '!') : NULL;
	struct ra_buf	 z = { 0 };

	if (parent < 0)
		return -1;
	if (bang == NULL)
		return artifact(sf, member, parent, 0, 0, NULL);
	ra_buf_add(&z, member, (size_t)(bang - member));
	ra_buf_add(&z, "", 0);
	parent = z.oom ? -1 : artifact(sf, z.s, parent, 0, 0, NULL);
	ra_buf_free(&z);
	return parent < 0 ? -1 : artifact(sf, bang + 1, parent, 0, 0, NULL);
}

/*
 * The place of FILE, a member or file of input S such as a role's (NULL:
 * S itself), listing its artifacts when new.
 */
static void
role_place(struct ra_sarif *sf, const struct ra_solution *s,
    const char *file, struct place *p)
{
	struct ra_buf	 path = { 0 };
	const char	*bang;
	long		 in = input_artifact(sf, s);

	p->inner = in;
	if (file != NULL && in >= 0) {
		if (s->kind == RA_INPUT_ZIP)
			p->inner = member_artifact(sf, in, file, 0);
		else if (s->kind == RA_INPUT_PACKAGE && !s->pkg_dir)
			p->inner = member_artifact(sf, in, file, 1);
		else if (s->kind == RA_INPUT_FOLDER ||
		    s->kind == RA_INPUT_PACKAGE) {
			/* A file below the folder; a package's zip is one. */
			bang = s->kind == RA_INPUT_PACKAGE ?
			    strrchr(file, '!') : NULL;
			ra_buf_adds(&path, s->path);
			if (path.len && path.s[path.len - 1] != '/')
				ra_buf_adds(&path, "/");
			ra_buf_add(&path, file, bang != NULL ?
			    (size_t)(bang - file) : strlen(file));
			ra_buf_add(&path, "", 0);
			p->inner = path.oom ? -1 :
			    artifact(sf, path.s, -1, 0, 0, NULL);
			if (bang != NULL)
				p->inner = member_artifact(sf, p->inner,
				    bang + 1, 0);
		}
	}
	ra_buf_free(&path);
	outer_of(sf, p);
}

/*
 * The place of a diagnostic's FILE and MEMBER (or NULL).  A package's
 * solution zip is named "PACKAGE!PkgFolder/NAME.zip": a file PACKAGE
 * where FILE is none.
 */
static void
diag_place(struct ra_sarif *sf, const char *file, const char *member,
    struct place *p)
{
	struct ra_buf	 pkg = { 0 };
	const char	*bang = strchr(file, '!');
	long		 parent = -1;

	if (bang != NULL && ra_sys_kind(file, 1, NULL) == RA_SYS_NONE) {
		ra_buf_add(&pkg, file, (size_t)(bang - file));
		ra_buf_add(&pkg, "", 0);
		if (!pkg.oom && ra_sys_kind(pkg.s, 1, NULL) == RA_SYS_FILE)
			parent = artifact(sf, pkg.s, -1, 1, 0, NULL);
		ra_buf_free(&pkg);
	}
	if (parent >= 0)
		p->inner = member_artifact(sf, parent, bang + 1, 1);
	else
		p->inner = artifact(sf, file, -1, member != NULL, 0, NULL);
	if (member != NULL && p->inner >= 0)
		p->inner = member_artifact(sf, p->inner, member, 1);
	outer_of(sf, p);
}

/* A region of SP, or NULL when its line is not known. */
static json_t *
region(const struct ra_span *sp)
{
	json_t	*reg;

	if (sp->line == 0)
		return NULL;
	reg = json_object();
	json_object_set_new(reg, "startLine", json_integer((json_int_t)
	    sp->line));
	if (sp->col > 0)
		json_object_set_new(reg, "startColumn",
		    json_integer((json_int_t)sp->col));
	if (sp->col > 0 && sp->endline >= sp->line && sp->endcol > 0 &&
	    (sp->endline > sp->line || sp->endcol > sp->col)) {
		json_object_set_new(reg, "endLine",
		    json_integer((json_int_t)sp->endline));
		json_object_set_new(reg, "endColumn",
		    json_integer((json_int_t)sp->endcol));
	}
	return reg;
}

static json_t *
physical(const struct ra_sarif *sf, long idx, const struct ra_span *sp)
{
	json_t	*phys = json_object(), *reg;

	json_object_set_new(phys, "artifactLocation", art_location(sf, idx));
	if (sp != NULL && (reg = region(sp)) != NULL)
		json_object_set_new(phys, "region", reg);
	return phys;
}

/*
 * Locate result O at place P, span SP (or NULL) and role R (or NULL): a
 * file of the file system is the location; a zip member's line is a
 * related location in the member, the zip the location (code scanning
 * shows files of the repository only), and the message says so.
 */
static void
locate(struct ra_sarif *sf, json_t *o, const struct place *p,
    const struct ra_span *sp, const struct ra_role *r)
{
	json_t		*locs = json_array(), *loc = json_object();
	json_t		*rel, *rl, *ll, *l;

	if (p->inner != p->outer && p->inner >= 0) {
		json_object_set_new(loc, "physicalLocation",
		    physical(sf, p->outer, NULL));
		rel = json_array();
		rl = json_object();
		json_object_set_new(rl, "id", json_integer(0));
		json_object_set_new(rl, "physicalLocation",
		    physical(sf, p->inner, sp));
		l = json_object();
		json_object_set_new(l, "text", json_string("the line inside "
		    "the zip"));
		json_object_set_new(rl, "message", l);
		json_array_append_new(rel, rl);
		json_object_set_new(o, "relatedLocations", rel);
	} else
		json_object_set_new(loc, "physicalLocation",
		    physical(sf, p->outer, sp));
	if (r != NULL) {
		ll = json_array();
		l = json_object();
		json_object_set_new(l, "name", str(r->name));
		if (*r->id)
			json_object_set_new(l, "decoratedName", str(r->id));
		json_object_set_new(l, "kind", json_string("element"));
		json_array_append_new(ll, l);
		json_object_set_new(loc, "logicalLocations", ll);
	}
	json_array_append_new(locs, loc);
	json_object_set_new(o, "locations", locs);
}

/*
 * " (line L of MEMBER inside the zip ZIP ...)" for a place inside a
 * zip, replacing the message's final full stop.
 */
static void
inside_note(const struct ra_sarif *sf, struct ra_buf *m,
    const struct place *p, const struct ra_span *sp)
{
	long	 a;

	if (p->inner == p->outer || p->inner < 0)
		return;
	if (m->len > 0 && m->s[m->len - 1] == '.')
		m->len--;
	if (sp != NULL && sp->line > 0)
		ra_buf_printf(m, " (line %lu of ", sp->line);
	else
		ra_buf_adds(m, " (in ");
	msg_add(m, sf->art[p->inner].name);
	for (a = sf->art[p->inner].parent; a >= 0; a = sf->art[a].parent) {
		ra_buf_adds(m, " inside the zip ");
		msg_add(m, sf->art[a].name);
	}
	ra_buf_adds(m, ").");
}

static long
rule_index(const struct ra_sarif *sf, const struct ra_sarif_rule *r)
{
	size_t	 i;

	for (i = 0; i < sf->nrule; i++)
		if (sf->rule[i] == r)
			return (long)i;
	return -1;
}

/*
 * A fingerprint that stays put when lines move: the rule, the role's id
 * (or name; "" for a result of no role) and WHAT.
 */
static void
fingerprint(json_t *res, const struct ra_sarif_rule *rule,
    const struct ra_role *role, const char *what)
{
	struct ra_buf	 b = { 0 };
	json_t		*f = json_object();

	ra_buf_adds(&b, rule->id);
	ra_buf_adds(&b, ":");
	ra_buf_adds(&b, role == NULL ? "" : *role->id ? role->id :
	    role->name);
	ra_buf_adds(&b, ":");
	ra_buf_adds(&b, what);
	json_object_set_new(f, "roleaudit/finding/v1", b.oom ? NULL :
	    str(b.s));
	json_object_set_new(res, "partialFingerprints", f);
	ra_buf_free(&b);
}

/* A new result of RULE at LEVEL saying MSG, appended to the batch. */
static json_t *
new_result(struct ra_sarif *sf, const struct ra_sarif_rule *rule,
    enum ra_severity level, struct ra_buf *msg)
{
	json_t	*o = json_object();

	json_object_set_new(o, "ruleId", json_string(rule->id));
	json_object_set_new(o, "ruleIndex", json_integer(rule_index(sf,
	    rule)));
	json_object_set_new(o, "level", json_string(ra_severity_name(level)));
	json_object_set_new(o, "message", message(msg));
	if (msg->oom || json_array_append_new(sf->results, o) != 0)
		sf->oom = 1;
	return o;
}

/* ---- the helper of render.h ------------------------------------------ */

void
ra_sarif_msg(struct ra_buf *b, const char *s)
{
	msg_add(b, s);
}

/* The span AT->span, or the role's start tag's when its line is 0. */
static const struct ra_span *
at_span(const struct ra_sarif_at *at, struct ra_span *tmp)
{
	if (at->span.line > 0)
		return &at->span;
	memset(tmp, 0, sizeof(*tmp));
	if (at->role != NULL && at->file == NULL) {
		tmp->line = at->role->line;
		tmp->col = at->role->col;
	}
	return tmp;
}

/* The member or file of AT's input its result is in. */
static const char *
at_file(const struct ra_sarif_at *at)
{
	return at->file != NULL ? at->file : at->role != NULL ?
	    at->role->file : NULL;
}

void
ra_sarif_artifact(struct ra_sarif *sf, const struct ra_sarif_at *at)
{
	struct place	 p;

	role_place(sf, at->sol, at_file(at), &p);
}

json_t *
ra_sarif_result(struct ra_sarif *sf, const struct ra_sarif_rule *rule,
    enum ra_severity level, struct ra_buf *msg, const struct ra_sarif_at *at)
{
	struct ra_span		 tmp;
	const struct ra_span	*sp = at_span(at, &tmp);
	struct place		 p;
	json_t			*o;

	role_place(sf, at->sol, at_file(at), &p);
	inside_note(sf, msg, &p, sp);
	o = new_result(sf, rule, level, msg);
	locate(sf, o, &p, sp, at->role);
	if (at->role != NULL || at->what != NULL)
		fingerprint(o, rule, at->role, at->what ? at->what : "");
	return o;
}

int
ra_sarif_grant(struct ra_sarif *sf, const struct ra_role *r, size_t priv,
    struct ra_span *out)
{
	if (sf->spans_of != r) {
		sf->spans_of = r;
		if (ra_role_spans(&sf->ctx->cat, r, &sf->spans) == -1) {
			sf->oom = 1;
			sf->spans_of = NULL;
		}
	}
	return ra_spans_find(&sf->spans, priv, out);
}

void
ra_sarif_privileges_at(const struct ra_role *r, struct ra_span *out)
{
	if (r->privs.line > 0)
		*out = r->privs;
	else {
		memset(out, 0, sizeof(*out));
		out->line = r->line;
		out->col = r->col;
	}
}

/*
 * 1 when diagnostic I is a lint finding that check --lint recorded and
 * the run writes as a lint result of its own (SF->lint).
 */
static int
lint_diag(const struct ra_sarif *sf, size_t i)
{
	int	 c = sf->ctx->diag[i].code;

	return sf->lint != NULL && c >= 400 && c < 500;
}

/* The artifacts diag_results() names, in its order. */
static void
diag_artifacts(struct ra_sarif *sf)
{
	const struct ra_ctx	*ctx = sf->ctx;
	struct place		 p;
	size_t			 i;

	for (i = 0; i < ctx->ndiag; i++)
		if (ctx->diag[i].file != NULL && !lint_diag(sf, i))
			diag_place(sf, ctx->diag[i].file, ctx->diag[i].member,
			    &p);
}

/* The results of input diagnostics FROM to END. */
static void
diag_results(struct ra_sarif *sf, size_t from, size_t end)
{
	struct ra_buf	 m = { 0 };
	struct ra_span	 sp;
	struct place	 p;
	json_t		*o, *props;
	char		 code[16];
	size_t		 i;

	for (i = from; i < end; i++) {
		const struct ra_diag	*d = &sf->ctx->diag[i];
		const struct ra_sarif_rule *rule = lint_rule(d->code);

		if (lint_diag(sf, i))
			continue;
		if (rule == NULL || rule_index(sf, rule) < 0)
			rule = &rule_input;
		m.len = 0;
		if (m.s != NULL)
			m.s[0] = '\0';
		snprintf(code, sizeof(code), "RA%03d", d->code);
		msg_add(&m, d->message);
		if (d->code)
			ra_buf_printf(&m, " (%s)", code);
		memset(&sp, 0, sizeof(sp));
		sp.line = d->line;
		sp.col = d->column;
		if (d->file != NULL) {
			diag_place(sf, d->file, d->member, &p);
			inside_note(sf, &m, &p, &sp);
		}
		o = new_result(sf, rule, d->severity, &m);
		if (d->file != NULL)
			locate(sf, o, &p, &sp, NULL);
		props = json_object();
		json_object_set_new(props, "code", d->code ?
		    json_string(code) : json_null());
		json_object_set_new(o, "properties", props);
	}
	ra_buf_free(&m);
}

/* A message object of constant text S. */
static json_t *
text_of(const char *s)
{
	json_t	*m = json_object();

	json_object_set_new(m, "text", json_string(s));
	return m;
}

static json_t *
tool(const struct ra_sarif *sf)
{
	json_t	*t = json_object(), *d = json_object(), *rs = json_array();
	json_t	*r, *m, *c, *p, *tags;
	size_t	 i, k;

	json_object_set_new(d, "name", json_string("roleaudit"));
	json_object_set_new(d, "fullName", json_string("roleaudit "
	    RA_VERSION));
	json_object_set_new(d, "version", json_string(RA_VERSION));
	json_object_set_new(d, "semanticVersion", json_string(RA_VERSION));
	json_object_set_new(d, "shortDescription", text_of("Audits the "
	    "security roles in exported Dynamics 365 / Dataverse "
	    "solutions, offline."));
	for (i = 0; i < sf->nrule; i++) {
		const struct ra_sarif_rule	*ru = sf->rule[i];

		r = json_object();
		json_object_set_new(r, "id", json_string(ru->id));
		json_object_set_new(r, "name", json_string(ru->name));
		json_object_set_new(r, "shortDescription", text_of(ru->brief));
		json_object_set_new(r, "fullDescription", text_of(ru->full));
		c = json_object();
		json_object_set_new(c, "level",
		    json_string(ra_severity_name(ru->level)));
		json_object_set_new(r, "defaultConfiguration", c);
		m = text_of(ru->help);
		if (ru->markdown != NULL)
			json_object_set_new(m, "markdown",
			    json_string(ru->markdown));
		json_object_set_new(r, "help", m);
		p = json_object();
		tags = json_array();
		for (k = 0; ru->tags != NULL && ru->tags[k] != NULL; k++)
			json_array_append_new(tags, json_string(ru->tags[k]));
		json_object_set_new(p, "tags", tags);
		json_object_set_new(p, "precision", json_string("very-high"));
		if (ru->security != NULL)
			json_object_set_new(p, "security-severity",
			    json_string(ru->security));
		json_object_set_new(r, "properties", p);
		json_array_append_new(rs, r);
	}
	json_object_set_new(d, "rules", rs);
	json_object_set_new(t, "driver", d);
	return t;
}

static json_t *
profiles(const struct ra_profile *const *prof, size_t n)
{
	json_t	*a = json_array(), *o;
	size_t	 i;

	for (i = 0; i < n; i++) {
		o = json_object();
		json_object_set_new(o, "name", str(prof[i]->name));
		json_object_set_new(o, "privileges",
		    json_integer((json_int_t)prof[i]->n));
		json_object_set_new(o, "source", str(prof[i]->source));
		json_array_append_new(a, o);
	}
	return a;
}

/* Results made at a time: one role may have a million. */
#define BATCH		256

/*
 * The next batch: the caller's, until its FILL says there are no more,
 * then the input diagnostics', BATCH at a time.  0 at the end.
 */
static int
fill(struct ra_sarif *sf)
{
	size_t	 end;

	if (!sf->filled) {
		if (sf->fill != NULL && sf->fill(sf, sf->arg))
			return 1;
		sf->filled = 1;
	}
	if (sf->dnext >= sf->ctx->ndiag)
		return 0;
	if (sf->skip) {
		for (; sf->dnext < sf->ctx->ndiag; sf->dnext++)
			if (!lint_diag(sf, sf->dnext))
				sf->left++;
		return 0;
	}
	end = sf->ctx->ndiag - sf->dnext > BATCH ? sf->dnext + BATCH :
	    sf->ctx->ndiag;
	diag_results(sf, sf->dnext, end);
	sf->dnext = end;
	return 1;
}

/*
 * The next result to write: the next of the batch, or of the next batch
 * fill() makes once the batch is written.  NULL at the end, or when
 * memory ran out (SF->oom).  Past --max-results the rest are counted in
 * SF->left, not written.
 */
static json_t *
next_result(void *arg, size_t i)
{
	struct ra_sarif	*sf = arg;
	json_t		*v;
	size_t		 n;

	(void)i;
	for (;;) {
		while (sf->at >= (n = json_array_size(sf->results))) {
			json_array_clear(sf->results);
			sf->at = 0;
			if (sf->oom || !fill(sf))
				return NULL;
		}
		if (sf->max == 0 || sf->written < sf->max)
			break;
		sf->skip = 1;
		sf->left += n - sf->at;
		sf->at = n;
	}
	sf->written++;
	v = json_array_get(sf->results, sf->at++);
	return json_incref(v);
}

/*
 * The run's resultsNotWritten, known once the results are: the count
 * past --max-results, or NULL (no such property) when none was left out.
 */
static json_t *
left_out(void *arg)
{
	struct ra_sarif	*sf = arg;

	json_t		*n;

	if (sf->wo != NULL && sf->wo->results_left_out != NULL)
		*sf->wo->results_left_out = sf->left;
	if (sf->left == 0)
		return NULL;
	if ((n = json_integer((json_int_t)sf->left)) == NULL)
		sf->oom = 1;
	return n;
}

struct ra_sarif *
ra_sarif_new(const struct ra_ctx *ctx, const struct ra_write_opts *wo,
    const char *command, const struct ra_sarif_rule *const *rules,
    size_t nrule)
{
	struct ra_sarif	*sf;

	if ((sf = calloc(1, sizeof(*sf))) == NULL)
		return NULL;
	if ((sf->props = json_object()) == NULL) {
		free(sf);
		return NULL;
	}
	json_object_set_new(sf->props, "command", json_string(command));
	sf->ctx = ctx;
	sf->wo = wo;
	sf->rule = rules;
	sf->nrule = nrule;
	sf->max = wo != NULL ? wo->max_results : 0;
	sf->artifacts = json_array();
	sf->results = json_array();
	if (wo != NULL && wo->sarif_root != NULL &&
	    (sf->root = ra_sys_realpath(wo->sarif_root)) != NULL) {
		size_t	 n = strlen(sf->root);

		while (n > 1 && sf->root[n - 1] == '/')
			sf->root[--n] = '\0';
	}
	if (sf->artifacts == NULL || sf->results == NULL)
		sf->oom = 1;
	return sf;
}

json_t *
ra_sarif_props(struct ra_sarif *sf)
{
	return sf->props;
}

enum ra_err
ra_sarif_write(struct ra_sarif *sf, int (*fillf)(struct ra_sarif *, void *),
    void *arg, FILE *out)
{
	json_t		*root, *runs, *run, *inv, *i1, *base, *b;
	enum ra_err	 e;
	size_t		 i;

	if (sf == NULL)
		return RA_ENOMEM;
	sf->fill = fillf;
	sf->arg = arg;
	diag_artifacts(sf);
	root = json_object();
	runs = json_array();
	run = json_object();
	inv = json_array();
	json_object_set_new(root, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(root, "version", json_string("2.1.0"));
	json_object_set_new(run, "tool", tool(sf));
	i1 = json_object();
	json_object_set_new(i1, "executionSuccessful",
	    json_boolean(ra_ctx_diag_count_sev(sf->ctx, RA_SEV_ERROR) == 0));
	json_array_append_new(inv, i1);
	json_object_set_new(run, "invocations", inv);
	if (sf->root != NULL) {
		/* Where %SRCROOT% is is the reader's: the checkout. */
		base = json_object();
		b = json_object();
		json_object_set_new(b, "description", text_of("The directory "
		    "given to --sarif-root: the repository's root."));
		json_object_set_new(base, SRCROOT, b);
		json_object_set_new(run, "originalUriBaseIds", base);
	}
	json_object_set_new(run, "artifacts", json_incref(sf->artifacts));
	json_object_set_new(run, "results", json_array());
	json_object_set_new(run, "columnKind",
	    json_string("unicodeCodePoints"));
	if (json_object_set_new(sf->props, "resultsNotWritten",
	    json_string(RA_JSON_LATE_MARK)) != 0)
		sf->oom = 1;
	json_object_set_new(run, "properties", sf->props);
	json_array_append_new(runs, run);
	json_object_set_new(root, "runs", runs);
	if (sf->oom || run == NULL || json_array_size(runs) != 1) {
		json_decref(root);
		e = RA_ENOMEM;
	} else
		e = ra_json_dump_streamed(root, run, "results", 6,
		    next_result, left_out, sf, out);
	if (e == RA_OK && sf->oom)
		e = RA_ENOMEM;
	json_decref(sf->artifacts);
	json_decref(sf->results);
	for (i = 0; i < sf->nart; i++) {
		free(sf->art[i].uri);
		free(sf->art[i].name);
	}
	free(sf->art);
	free(sf->slot);
	free(sf->root);
	ra_spans_free(&sf->spans);
	for (i = 0; sf->listed != NULL && i < sf->rep->nprof; i++)
		free(sf->listed[i]);
	free(sf->listed);
	ra_buf_free(&sf->m);
	ra_buf_free(&sf->names);
	ra_buf_free(&sf->why);
	free(sf);
	return e;
}

/* ---- check ----------------------------------------------------------- */

/* The roles of REP not judged: their privileges are not in the export. */
static json_t *
not_exported(const struct ra_report *rep)
{
	json_t	*a = json_array(), *o;
	size_t	 i;

	for (i = 0; i < rep->nres; i++) {
		if (!rep->res[i].not_exported)
			continue;
		o = json_object();
		json_object_set_new(o, "role", str(rep->res[i].role->name));
		json_object_set_new(o, "roleId", str(rep->res[i].role->id));
		json_object_set_new(o, "reason", str(RA_NOT_EXPORTED_REASON));
		json_array_append_new(a, o);
	}
	return a;
}

/*
 * Where a privilege PRIV of role R is to be fixed: its <RolePrivilege>
 * when R holds it (HELD), else R's <RolePrivileges> start tag.
 */
static void
priv_at(struct ra_sarif *sf, const struct ra_solution *s,
    const struct ra_role *r, size_t priv, int held, const char *what,
    struct ra_sarif_at *at)
{
	memset(at, 0, sizeof(*at));
	at->sol = s;
	at->role = r;
	at->what = what;
	if (!held || priv == RA_NOPRIV || !ra_sarif_grant(sf, r, priv,
	    &at->span))
		ra_sarif_privileges_at(r, &at->span);
}

/* The result of violation V of the check report's result R. */
static void
violation_result(struct ra_sarif *sf, const struct ra_result *r,
    const struct ra_violation *v)
{
	const struct ra_report	*rep = sf->rep;
	const struct ra_policy	*pol = rep->pol[v->pol];
	struct ra_sarif_at	 at;
	struct ra_buf		 b = { 0 }, what = { 0 };
	json_t			*o, *p, *via;

	sf->m.len = 0;
	ra_violation_message(rep, r, v, &b);
	msg_add(&sf->m, b.oom || b.s == NULL ? "" : b.s);
	ra_buf_adds(&sf->m, ".");
	/* Two rows may match one privilege: the row is in the print. */
	ra_buf_printf(&what, "%s/%s:%lu", v->pi.name, pol->name,
	    v->row->line);
	priv_at(sf, rep->sol[r->sol], r->role, v->priv, 1,
	    what.oom ? "" : what.s, &at);
	o = ra_sarif_result(sf, &rule_policy, v->row->sev, &sf->m, &at);
	p = json_object();
	json_object_set_new(p, "role", str(r->role->name));
	json_object_set_new(p, "roleId", str(r->role->id));
	priv_props(p, &v->pi);
	json_object_set_new(p, "held", str(ra_level_name(v->held)));
	json_object_set_new(p, "allowed", str(ra_level_name(v->row->max)));
	json_object_set_new(p, "policy", str(pol->name));
	b.len = 0;
	ra_buf_printf(&b, "%s:%lu", pol->file, v->row->line);
	json_object_set_new(p, "policyRow", b.oom ? NULL : str(b.s));
	json_object_set_new(p, "reason", str(v->row->reason));
	via = json_array();
	if (v->via & RA_VIA_TABLE)
		json_array_append_new(via, json_string("table"));
	if (v->via & RA_VIA_TAB)
		json_array_append_new(via, json_string("tab"));
	json_object_set_new(p, "throughUnknown", via);
	json_object_set_new(o, "properties", p);
	if (b.oom || what.oom)
		sf->oom = 1;
	ra_buf_free(&b);
	ra_buf_free(&what);
}

/*
 * The results of the check report's result I: a privilege it lacks
 * each, then a policy violation each, the ones FROM to END of them.
 */
static void
check_results(struct ra_sarif *sf, size_t i, size_t from, size_t end)
{
	const struct ra_report		*rep = sf->rep;
	const struct ra_result		*r = &rep->res[i];
	const struct ra_solution	*s = rep->sol[r->sol];
	struct ra_sarif_at		 at;
	const struct ra_missing		*miss;
	struct ra_pinfo			 pi, *d = &pi;
	json_t				*o, *p, *pa;
	size_t				 k, j, q;

	if (ra_report_missing(rep, r, &miss) == -1) {
		sf->oom = 1;
		return;
	}
	for (k = from; k < end; k++) {
		const struct ra_missing	*x;

		if (k >= r->nmiss) {
			violation_result(sf, r, &r->viol[k - r->nmiss]);
			continue;
		}
		x = &miss[k];
		pi = *x->pi;
		sf->m.len = 0;
		ra_buf_adds(&sf->m, "Role \"");
		msg_add(&sf->m, r->role->name);
		ra_buf_adds(&sf->m, "\" lacks ");
		msg_add(&sf->m, d->name);
		ra_buf_adds(&sf->m, " (");
		label_add(&sf->m, d);
		ra_buf_printf(&sf->m, "; %s", ra_tab_name(d->tab));
		if (d->section != RA_SECTION_ENTITIES)
			ra_buf_printf(&sf->m, " > %s",
			    ra_section_name(d->section));
		/* The profiles that list it (--min-level aside). */
		pa = json_array();
		sf->names.len = 0;
		if (sf->names.s != NULL)
			sf->names.s[0] = '\0';
		for (j = 0, q = 0; j < rep->nprof; j++) {
			if (!listed(sf, j, x->priv))
				continue;
			if (q++)
				ra_buf_adds(&sf->names, ", ");
			msg_add(&sf->names, rep->prof[j]->name);
			json_array_append_new(pa,
			    str(rep->prof[j]->name));
		}
		ra_buf_printf(&sf->m, "), which %s require%s ",
		    sf->names.oom || sf->names.s == NULL ? "" : sf->names.s,
		    q == 1 ? "s" : "");
		if (x->req->min > RA_LEVEL_BASIC)
			ra_buf_printf(&sf->m, "at %s or deeper",
			    ra_need_name(x->req->min));
		else
			ra_buf_printf(&sf->m, "at %s",
			    ra_need_name(x->req->min));
		if (x->actual == RA_LEVEL_NONE)
			ra_buf_adds(&sf->m, "; the role does not hold it.");
		else
			ra_buf_printf(&sf->m, "; the role holds it at "
			    "%s.", ra_level_name(x->actual));
		priv_at(sf, s, r->role, x->priv, x->actual != RA_LEVEL_NONE,
		    d->name, &at);
		o = ra_sarif_result(sf, &rule_missing, RA_SEV_MISSING, &sf->m,
		    &at);
		p = json_object();
		json_object_set_new(p, "role", str(r->role->name));
		json_object_set_new(p, "roleId", str(r->role->id));
		priv_props(p, d);
		json_object_set_new(p, "required",
		    str(ra_level_name(x->req->min)));
		json_object_set_new(p, "actual",
		    x->actual == RA_LEVEL_NONE ? json_null() :
		    str(ra_level_name(x->actual)));
		json_object_set_new(p, "profiles", pa);
		json_object_set_new(o, "properties", p);
	}
}

/* ---- lint (and check --lint) ----------------------------------------- */

/* Where lint finding F points (struct ra_sarif_at). */
static void
lint_at(struct ra_sarif *sf, const struct ra_lint *ln,
    const struct ra_finding *f, struct ra_sarif_at *at, char *code,
    size_t ncode)
{
	snprintf(code, ncode, "RA%03d", f->code);
	if (f->priv != RA_NOPRIV)
		priv_at(sf, ln->sol[f->sol], f->role, f->priv, 1,
		    sf->ctx->cat.v[f->priv].name, at);
	else {
		memset(at, 0, sizeof(*at));
		at->sol = ln->sol[f->sol];
		at->role = f->role;
		at->what = code;
	}
}

/*
 * A walk over lint's findings, a role at a time (ra_lint_role_open()):
 * role ROLE of input SOL, open in LR when OPEN, its finding K next.
 */
struct lint_walk {
	const struct ra_lint	*ln;
	struct ra_lint_role	 lr;
	size_t			 sol, role, k;
	int			 open;
};

/*
 * Open the next role of W with a finding: 1, 0 past the last role, -1
 * when memory runs out.
 */
static int
lint_next_role(struct lint_walk *w)
{
	const struct ra_lint	*ln = w->ln;

	while (!w->open) {
		if (w->sol >= ln->nsol)
			return 0;
		if (w->role >= ln->sol[w->sol]->nrole) {
			w->sol++;
			w->role = 0;
			continue;
		}
		if (ra_lint_role_open(&w->lr, ln, w->sol, w->role) == -1)
			return -1;
		if (w->lr.n == 0)
			w->role++;
		else {
			w->open = 1;
			w->k = 0;
		}
	}
	return 1;
}

/* The result of lint finding F. */
static void
lint_result(struct ra_sarif *sf, const struct ra_lint *ln,
    const struct ra_finding *f, struct ra_buf *b)
{
	const struct ra_sarif_rule *rule = lint_rule(f->code);
	struct ra_sarif_at	 at;
	const char		*m;
	json_t			*o, *p;
	char			 code[16];

	lint_at(sf, ln, f, &at, code, sizeof(code));
	b->len = 0;
	m = ra_finding_message(ln, f, b);
	sf->m.len = 0;
	ra_buf_adds(&sf->m, "Role \"");
	msg_add(&sf->m, f->role->name);
	ra_buf_adds(&sf->m, "\": ");
	msg_add(&sf->m, m);
	if (b->oom)
		sf->m.oom = 1;
	o = ra_sarif_result(sf, rule != NULL ? rule : &rule_input,
	    f->severity, &sf->m, &at);
	p = json_object();
	json_object_set_new(p, "code", json_string(code));
	json_object_set_new(p, "role", str(f->role->name));
	json_object_set_new(p, "roleId", str(f->role->id));
	json_object_set_new(p, "privilege", f->priv == RA_NOPRIV ?
	    json_null() : str(sf->ctx->cat.v[f->priv].name));
	json_object_set_new(p, "level", f->priv == RA_NOPRIV ?
	    json_null() : str(ra_level_name(f->level)));
	json_object_set_new(o, "properties", p);
}

/*
 * The artifacts lint_fill() names, in its order: the file of each role
 * with a finding.
 */
static void
lint_artifacts(struct ra_sarif *sf, const struct ra_lint *ln)
{
	struct lint_walk	 w;
	struct ra_sarif_at	 at;
	int			 rc;

	memset(&w, 0, sizeof(w));
	w.ln = ln;
	while ((rc = lint_next_role(&w)) == 1) {
		memset(&at, 0, sizeof(at));
		at.sol = ln->sol[w.sol];
		at.role = w.lr.role;
		ra_sarif_artifact(sf, &at);
		w.open = 0;
		w.role++;
	}
	if (rc == -1)
		sf->oom = 1;
	ra_lint_role_free(&w.lr);
}

/* The next batch of W's findings, at most BATCH; 0 at the end. */
static int
lint_fill(struct ra_sarif *sf, struct lint_walk *w)
{
	struct ra_buf		 b = { 0 };
	const struct ra_finding	*f;
	size_t			 n = 0;
	int			 rc;

	while (sf->skip && (rc = lint_next_role(w)) == 1) {
		sf->left += w->lr.n - w->k;
		w->open = 0;
		w->role++;
	}
	if ((rc = lint_next_role(w)) != 1) {
		if (rc == -1)
			sf->oom = 1;
		return 0;
	}
	for (; n < BATCH && (f = ra_lint_role_get(&w->lr, w->k)) != NULL;
	    w->k++, n++)
		lint_result(sf, w->ln, f, &b);
	if (w->k >= w->lr.n) {
		w->open = 0;
		w->role++;
	}
	ra_buf_free(&b);
	return 1;
}

static int
fill_lint(struct ra_sarif *sf, void *arg)
{
	return lint_fill(sf, arg);
}

/* lint's findings, all severities. */
static size_t
lint_total(const struct ra_lint *ln)
{
	return ln->count[RA_SEV_NOTE] + ln->count[RA_SEV_WARNING] +
	    ln->count[RA_SEV_ERROR];
}

/* The rules of a run: FIRST (N of them), lint's, input-diagnostic. */
static size_t
run_rules(const struct ra_sarif_rule **v, const struct ra_sarif_rule *const
    *first, size_t n, int lint)
{
	size_t	 i, k = 0;

	for (i = 0; i < n; i++)
		v[k++] = first[i];
	for (i = 0; lint && i < NLINT; i++)
		v[k++] = &lint_rules[i];
	v[k++] = &rule_input;
	return k;
}

#define MAXRULES	(5 + NLINT)

enum ra_err
ra_render_lint_sarif(const struct ra_lint *ln, const struct ra_write_opts *wo,
    FILE *out)
{
	const struct ra_sarif_rule	*rules[MAXRULES];
	struct ra_sarif			*sf;
	struct lint_walk		 w;
	json_t				*p, *c;
	size_t				 i, n;
	enum ra_err			 e;

	n = run_rules(rules, NULL, 0, 1);
	if ((sf = ra_sarif_new(ln->ctx, wo, "lint", rules, n)) == NULL)
		return RA_ENOMEM;
	for (i = 0; i < ln->nsol; i++)
		input_artifact(sf, ln->sol[i]);
	lint_artifacts(sf, ln);
	p = ra_sarif_props(sf);
	c = json_object();
	json_object_set_new(c, "roles", json_integer((json_int_t)ln->nrole));
	json_object_set_new(c, "findings",
	    json_integer((json_int_t)lint_total(ln)));
	json_object_set_new(p, "summary", c);
	memset(&w, 0, sizeof(w));
	w.ln = ln;
	e = ra_sarif_write(sf, fill_lint, &w, out);
	ra_lint_role_free(&w.lr);
	return e;
}

/*
 * Batches of the check report: each role's missing privileges, at most
 * BATCH at a time, then check --lint's findings.
 */
/*
 * The next batch of the roles' results, from role SF->next's result
 * SF->k on: COUNT(SF, i) results of role i, made by MAKE(SF, i, from,
 * end), at most BATCH at a time.  0 once every role's are made.
 */
static int
role_batch(struct ra_sarif *sf, size_t nrole,
    size_t (*count)(const struct ra_sarif *, size_t),
    void (*make)(struct ra_sarif *, size_t, size_t, size_t))
{
	size_t	 n, end;

	for (; sf->next < nrole; sf->next++, sf->k = 0) {
		n = count(sf, sf->next);
		if (sf->k >= n)
			continue;
		if (sf->skip) {
			sf->left += n - sf->k;
			continue;
		}
		end = n - sf->k > BATCH ? sf->k + BATCH : n;
		make(sf, sf->next, sf->k, end);
		sf->k = end;
		return 1;
	}
	return 0;
}

static size_t
check_count(const struct ra_sarif *sf, size_t i)
{
	return sf->rep->res[i].nmiss + sf->rep->res[i].nviol;
}

/* What fill_check() walks: the report, then check --lint's findings. */
struct check_walk {
	const struct ra_report	*rep;
	struct lint_walk	 lint;
};

static int
fill_check(struct ra_sarif *sf, void *arg)
{
	struct check_walk	*cw = arg;

	return role_batch(sf, cw->rep->nres, check_count, check_results) ||
	    (sf->lint != NULL && lint_fill(sf, &cw->lint));
}

enum ra_err
ra_render_report_sarif(const struct ra_report *rep,
    const struct ra_write_opts *wo, FILE *out)
{
	static const struct ra_sarif_rule *const first[] = { &rule_missing,
	    &rule_policy };
	const struct ra_sarif_rule	*rules[MAXRULES];
	const struct ra_lint		*ln = wo != NULL ? wo->lint : NULL;
	struct ra_sarif			*sf;
	struct ra_sarif_at		 at;
	struct check_walk		 cw;
	json_t				*p, *sum, *a, *o;
	size_t				 i, n;
	enum ra_err			 e;

	n = run_rules(rules, first, rep->npol ? 2 : 1, ln != NULL);
	if ((sf = ra_sarif_new(rep->ctx, wo, "check", rules, n)) == NULL)
		return RA_ENOMEM;
	sf->rep = rep;
	sf->lint = ln;
	listed_init(sf, rep);
	for (i = 0; i < rep->nsol; i++)
		input_artifact(sf, rep->sol[i]);
	for (i = 0; i < rep->nres; i++)
		if (rep->res[i].nmiss > 0 || rep->res[i].nviol > 0) {
			memset(&at, 0, sizeof(at));
			at.sol = rep->sol[rep->res[i].sol];
			at.role = rep->res[i].role;
			ra_sarif_artifact(sf, &at);
		}
	if (ln != NULL)
		lint_artifacts(sf, ln);
	p = ra_sarif_props(sf);
	json_object_set_new(p, "profiles", profiles(rep->prof, rep->nprof));
	if (rep->npol) {
		a = json_array();
		for (i = 0; i < rep->npol; i++) {
			o = json_object();
			json_object_set_new(o, "name", str(rep->pol[i]->name));
			json_object_set_new(o, "file", str(rep->pol[i]->file));
			json_object_set_new(o, "rows",
			    json_integer((json_int_t)rep->pol[i]->n));
			json_object_set_new(o, "sha256",
			    str(rep->pol[i]->sha256));
			json_array_append_new(a, o);
		}
		json_object_set_new(p, "policies", a);
	}
	sum = json_object();
	json_object_set_new(sum, "roles", json_integer((json_int_t)rep->nres));
	json_object_set_new(sum, "pass", json_integer((json_int_t)rep->npass));
	json_object_set_new(sum, "fail", json_integer((json_int_t)rep->nfail));
	json_object_set_new(sum, "not_exported",
	    json_integer((json_int_t)rep->nskip));
	json_object_set_new(p, "summary", sum);
	json_object_set_new(p, "notExported", not_exported(rep));
	memset(&cw, 0, sizeof(cw));
	cw.rep = rep;
	cw.lint.ln = ln;
	e = ra_sarif_write(sf, fill_check, &cw, out);
	ra_lint_role_free(&cw.lint.lr);
	return e;
}

/* ---- diff ------------------------------------------------------------ */

/* "Role "NAME"" at the start of a message. */
static void
role_msg(struct ra_buf *m, const struct ra_role *r)
{
	m->len = 0;
	ra_buf_adds(m, "Role \"");
	msg_add(m, r->name);
	ra_buf_adds(m, "\"");
}

static json_t *
change_props(const struct ra_role *r, const char *change)
{
	json_t	*p = json_object();

	json_object_set_new(p, "role", str(r->name));
	json_object_set_new(p, "roleId", str(r->id));
	json_object_set_new(p, "change", str(change));
	return p;
}

/* Where the role's own change is: the new role, or the removed one. */
static void
rchange_at(const struct ra_diff *d, const struct ra_rdiff *r,
    const struct ra_solution **s, const struct ra_role **cur)
{
	*cur = r->new ? r->new : r->old;
	*s = r->new ? d->new : d->old;
}

/* The role's own change: added, removed or renamed. */
static void
rchange_result(struct ra_sarif *sf, const struct ra_diff *d,
    const struct ra_rdiff *r, struct ra_buf *m)
{
	const struct ra_role		*cur;
	const struct ra_solution	*s;
	struct ra_sarif_at		 at;
	const char			*what;
	json_t				*o;

	rchange_at(d, r, &s, &cur);

	role_msg(m, cur);
	switch (r->change) {
	case RA_RCH_ADDED:
		ra_buf_printf(m, " was added with %zu privilege%s%s.",
		    cur->nprivs, cur->nprivs == 1 ? "" : "s",
		    r->escalation ? "; it grants escalating privileges" : "");
		break;
	case RA_RCH_REMOVED:
		ra_buf_printf(m, " was removed; it had %zu privilege%s.",
		    cur->nprivs, cur->nprivs == 1 ? "" : "s");
		break;
	default:
		if (r->renamed) {
			ra_buf_adds(m, " was renamed from \"");
			msg_add(m, r->old->name);
			ra_buf_adds(m, "\".");
		}
		if (r->unexported) {
			ra_buf_adds(m, r->unexported == RA_UNEXPORTED_OLD ?
			    " Old: " : r->unexported == RA_UNEXPORTED_NEW ?
			    " New: " : " ");
			ra_buf_adds(m, RA_NOT_EXPORTED_REASON ".");
		}
		break;
	}
	what = r->change != RA_RCH_CHANGED ? ra_rchange_name(r->change) :
	    r->renamed ? "renamed" : "not-exported";
	memset(&at, 0, sizeof(at));
	at.sol = s;
	at.role = cur;
	at.what = what;
	o = ra_sarif_result(sf, r->change == RA_RCH_ADDED && r->escalation ?
	    &rule_escalation : &rule_change, ra_rchange_severity(r), m, &at);
	json_object_set_new(o, "properties", change_props(cur, what));
}

static void
pdiff_result(struct ra_sarif *sf, const struct ra_diff *d,
    const struct ra_rdiff *r, const struct ra_pdiff *p, struct ra_buf *m)
{
	const struct ra_solution *sides[2] = { d->new, d->old };
	struct ra_pinfo		 pi, *pd = &pi;
	struct ra_sarif_at	 at;
	const char		*reason;
	json_t			*o, *props;

	reason = ra_pdiff_reason(d->ctx, p, &sf->why);
	ra_pinfo(d->ctx, sides, 2, p->priv, &pi);
	role_msg(m, r->new);
	ra_buf_adds(m, ": ");
	msg_add(m, pd->name);
	ra_buf_adds(m, " (");
	label_add(m, pd);
	ra_buf_printf(m, "; %s", ra_tab_name(pd->tab));
	if (pd->section != RA_SECTION_ENTITIES)
		ra_buf_printf(m, " > %s", ra_section_name(pd->section));
	ra_buf_adds(m, ") ");
	switch (p->change) {
	case RA_PCH_ADDED:
		ra_buf_printf(m, "added at %s", ra_level_name(p->new));
		break;
	case RA_PCH_REMOVED:
		ra_buf_printf(m, "removed (was %s)", ra_level_name(p->old));
		break;
	default:
		ra_buf_printf(m, "%s from %s to %s",
		    ra_pchange_name(p->change), ra_level_name(p->old),
		    ra_level_name(p->new));
		break;
	}
	if (reason != NULL) {
		ra_buf_adds(m, "; escalation: ");
		msg_add(m, reason);
	}
	if (sf->why.oom)
		m->oom = 1;
	ra_buf_adds(m, ".");
	/* A removed privilege is re-added under <RolePrivileges>. */
	priv_at(sf, d->new, r->new, p->priv, p->change != RA_PCH_REMOVED,
	    pd->name, &at);
	o = ra_sarif_result(sf, reason ? &rule_escalation : &rule_change,
	    ra_pdiff_severity(p), m, &at);
	props = change_props(r->new, ra_pchange_name(p->change));
	priv_props(props, pd);
	json_object_set_new(props, "old", p->old ? str(ra_level_name(p->old)) :
	    json_null());
	json_object_set_new(props, "new", p->new ? str(ra_level_name(p->new)) :
	    json_null());
	json_object_set_new(props, "reason", str(reason));
	json_object_set_new(o, "properties", props);
}

static void
ptrans_result(struct ra_sarif *sf, const struct ra_diff *d,
    const struct ra_rdiff *r, const struct ra_ptrans *t, struct ra_buf *m)
{
	struct ra_sarif_at	 at;
	json_t			*o, *props;

	role_msg(m, r->new);
	ra_buf_adds(m, t->new_pass ? " now meets profile " :
	    " no longer meets profile ");
	msg_add(m, t->prof->name);
	ra_buf_adds(m, t->new_pass ? "." : ": it lacks a privilege the "
	    "profile requires.");
	priv_at(sf, d->new, r->new, RA_NOPRIV, 0, t->prof->name, &at);
	o = ra_sarif_result(sf, t->new_pass ? &rule_change : &rule_missing,
	    ra_ptrans_severity(t), m, &at);
	props = change_props(r->new, t->new_pass ? "passes" : "fails");
	json_object_set_new(props, "profile", str(t->prof->name));
	json_object_set_new(o, "properties", props);
}

/*
 * The results of a diff's role R: its own change (when it is a
 * finding), then one per privilege change, then one per profile whose
 * verdict changed.
 */
static size_t
diff_count(const struct ra_rdiff *r)
{
	return (ra_rchange_is_finding(r) ? 1 : 0) + r->np + r->nt;
}

/* Results FROM to END of the diff's role I, in diff_count()'s order. */
static void
diff_results(struct ra_sarif *sf, size_t i, size_t from, size_t end)
{
	const struct ra_diff	*d = sf->diff;
	const struct ra_rdiff	*r = &d->r[i];
	size_t			 k, own = ra_rchange_is_finding(r) ? 1 : 0;

	for (k = from; k < end; k++) {
		if (k < own)
			rchange_result(sf, d, r, &sf->m);
		else if (k - own < r->np)
			pdiff_result(sf, d, r, &r->p[k - own], &sf->m);
		else
			ptrans_result(sf, d, r, &r->t[k - own - r->np],
			    &sf->m);
	}
}

/* Batches of the diff: each role's results, at most BATCH at a time. */
static size_t
diff_role_count(const struct ra_sarif *sf, size_t i)
{
	return diff_count(&sf->diff->r[i]);
}

static int	access_fill(struct ra_sarif *, const struct ra_diff *);
static void	access_at(const struct ra_diff *, size_t, struct ra_buf *,
		    struct ra_sarif_at *);

static int
fill_diff(struct ra_sarif *sf, void *arg)
{
	const struct ra_diff	*d = arg;

	return role_batch(sf, d->nr, diff_role_count, diff_results) ||
	    access_fill(sf, d);
}

enum ra_err
ra_render_diff_sarif(const struct ra_diff *d, const struct ra_write_opts *o,
    FILE *out)
{
	static const struct ra_sarif_rule *const first[] = { &rule_missing,
	    &rule_escalation, &rule_change };
	const struct ra_sarif_rule	*rules[MAXRULES];
	const struct ra_solution	*s;
	const struct ra_role		*cur;
	struct ra_sarif			*sf;
	struct ra_sarif_at		 at;
	json_t				*p;
	size_t				 i, n;

	n = run_rules(rules, first, 3, 0);
	if ((sf = ra_sarif_new(d->ctx, o, "diff", rules, n)) == NULL)
		return RA_ENOMEM;
	sf->diff = d;
	input_artifact(sf, d->old);
	input_artifact(sf, d->new);
	/* The artifacts diff_results() names, in its order. */
	for (i = 0; i < d->nr; i++) {
		const struct ra_rdiff	*r = &d->r[i];

		memset(&at, 0, sizeof(at));
		if (ra_rchange_is_finding(r)) {
			rchange_at(d, r, &s, &cur);
			at.sol = s;
			at.role = cur;
			ra_sarif_artifact(sf, &at);
		}
		if (r->np > 0 || r->nt > 0) {
			at.sol = d->new;
			at.role = r->new;
			ra_sarif_artifact(sf, &at);
		}
	}
	for (i = 0; i < d->nad + d->ncd; i++) {
		access_at(d, i, &sf->names, &at);
		ra_sarif_artifact(sf, &at);
	}
	p = ra_sarif_props(sf);
	json_object_set_new(p, "profiles", profiles(d->prof, d->nprof));
	json_object_set_new(p, "summary", ra_json_diff_summary(d));
	return ra_sarif_write(sf, fill_diff, (void *)d, out);
}

/* ---- apps and column security ---------------------------------------- */

/*
 * Where a result of role K of app I of AP is: RA501 (T NULL) or the RA502
 * of its table T, at the app's element; WHAT (the fingerprint's part) is
 * built in B.
 */
static void
app_at(const struct ra_apps *ap, size_t i, size_t k,
    const struct ra_atable *t, struct ra_buf *b, struct ra_sarif_at *at)
{
	const struct ra_aapp	*a = &ap->a[i];

	memset(at, 0, sizeof(*at));
	at->sol = ap->sol[a->sol];
	at->role = a->m[k].role;
	at->file = a->app->file;
	at->span.line = a->app->line;
	b->len = 0;
	ra_buf_adds(b, "app/");
	ra_buf_adds(b, a->app->name);
	if (t != NULL) {
		ra_buf_adds(b, "/");
		ra_buf_adds(b, t->name);
	}
	at->what = b->oom ? NULL : b->s;
}

/* Whether role M of an app has results: it is judged, and fails or has
 * tables it cannot read. */
static int
app_results(const struct ra_amap *m)
{
	return m->status == RA_AM_FAIL ||
	    (m->status == RA_AM_PASS && m->nun > 0);
}

/* The result of role K of app I: RA501 (T NULL) or RA502 of table T. */
static void
app_result(struct ra_sarif *sf, const struct ra_apps *ap, size_t i,
    size_t k, const struct ra_atable *t, enum ra_level held)
{
	const struct ra_aapp	*a = &ap->a[i];
	const struct ra_amap	*m = &a->m[k];
	struct ra_sarif_at	 at;
	json_t			*o, *p;

	app_at(ap, i, k, t, &sf->names, &at);
	sf->m.len = 0;
	ra_buf_adds(&sf->m, "Role \"");
	msg_add(&sf->m, m->role->name);
	ra_buf_adds(&sf->m, "\" is mapped to app \"");
	msg_add(&sf->m, a->app->display ? a->app->display : a->app->name);
	ra_buf_adds(&sf->m, "\"");
	if (t == NULL) {
		ra_buf_printf(&sf->m, " but lacks %zu privilege%s of ",
		    m->res->nmiss, m->res->nmiss == 1 ? "" : "s");
		msg_add(&sf->m, ap->prof->name);
		ra_buf_adds(&sf->m, ": it cannot open the app.");
	} else {
		ra_buf_adds(&sf->m, " but cannot read its table ");
		msg_add(&sf->m, *t->pi.entity ? t->pi.entity : t->name);
		ra_buf_printf(&sf->m, " (%s; holds %s).", t->read,
		    ra_level_name(held));
	}
	o = ra_sarif_result(sf, t ? &rule_app_read : &rule_app_open,
	    t ? RA_SEV_APP_READ : RA_SEV_APP_OPEN, &sf->m, &at);
	p = json_object();
	json_object_set_new(p, "app", str(a->app->name));
	json_object_set_new(p, "role", str(m->role->name));
	json_object_set_new(p, "roleId", str(m->role->id));
	json_object_set_new(p, "table", t ? str(t->name) : json_null());
	json_object_set_new(o, "properties", p);
}

/*
 * Batches of the apps' results, at most BATCH a call: app SF->access,
 * its role SF->next, whose RA501 is result 0 and whose RA502 of table T
 * is result T + 1 (SF->k, the next to look at).  Past --max-results
 * (SF->skip) a role's results are counted, not made.  0 once every
 * app's are made.
 */
static int
fill_apps(struct ra_sarif *sf, void *arg)
{
	const struct ra_apps	*ap = arg;
	const struct ra_aapp	*a;
	const struct ra_amap	*m;
	const struct ra_atable	*tb;
	enum ra_level		 held;
	size_t			 made = 0;

	/* K: 0 before a role's RA501, 1 after it (then SF->UN's tables). */
	for (; sf->access < ap->na; sf->access++, sf->next = 0) {
		a = &ap->a[sf->access];
		for (; sf->next < a->nm; sf->next++, sf->k = 0) {
			m = &a->m[sf->next];
			if (!app_results(m))
				continue;
			if (sf->k == 0)
				memset(&sf->un, 0, sizeof(sf->un));
			if (sf->skip) {
				sf->left += (size_t)(sf->k == 0 &&
				    m->status == RA_AM_FAIL) + m->nun -
				    sf->un.n;
				continue;
			}
			if (sf->k == 0 && m->status == RA_AM_FAIL) {
				app_result(sf, ap, sf->access, sf->next, NULL,
				    RA_LEVEL_NONE);
				made++;
			}
			sf->k = 1;
			while (made < BATCH && ra_apps_unread_next(ap, a, m,
			    &sf->un, &tb, &held)) {
				app_result(sf, ap, sf->access, sf->next, tb,
				    held);
				made++;
			}
			if (made >= BATCH)
				return 1;
		}
	}
	return made > 0;
}

enum ra_err
ra_render_apps_sarif(const struct ra_apps *ap, const struct ra_write_opts *wo,
    FILE *out)
{
	static const struct ra_sarif_rule *const rules[] = { &rule_app_open,
	    &rule_app_read, &rule_input };
	struct ra_sarif		*sf;
	struct ra_sarif_at	 at;
	json_t			*p, *sum, *pa;
	size_t			 i, k;

	if ((sf = ra_sarif_new(ap->ctx, wo, "apps", rules,
	    sizeof(rules) / sizeof(rules[0]))) == NULL)
		return RA_ENOMEM;
	for (i = 0; i < ap->nsol; i++)
		input_artifact(sf, ap->sol[i]);
	/*
	 * The artifacts fill_apps() names, in its order: every result of
	 * an app is at the app's element.
	 */
	for (i = 0; i < ap->na; i++)
		for (k = 0; k < ap->a[i].nm; k++)
			if (app_results(&ap->a[i].m[k])) {
				app_at(ap, i, k, NULL, &sf->names, &at);
				ra_sarif_artifact(sf, &at);
				break;
			}
	p = ra_sarif_props(sf);
	pa = json_array();
	json_array_append_new(pa, str(ap->prof->name));
	json_object_set_new(p, "profiles", pa);
	sum = json_object();
	json_object_set_new(sum, "apps", json_integer((json_int_t)ap->na));
	json_object_set_new(sum, "cannot_open",
	    json_integer((json_int_t)ap->ncannot));
	json_object_set_new(sum, "unreadable_tables",
	    json_integer((json_int_t)ap->nunread));
	json_object_set_new(p, "summary", sum);
	return ra_sarif_write(sf, fill_apps, (void *)ap, out);
}

/*
 * Where result I of CS is: a secured column no profile reads (I below
 * CS->nc, at the input, as columns carry no line) or a permission that
 * grants update or create without read (at its <FieldPermission>).
 * 0 when column I is not a finding.
 */
static int
column_at(const struct ra_columns *cs, size_t i, struct ra_buf *b,
    struct ra_sarif_at *at)
{
	const struct ra_cnoread	*nr;

	memset(at, 0, sizeof(*at));
	b->len = 0;
	if (i < cs->nc) {
		if (!(cs->c[i].secured && cs->c[i].nread == 0))
			return 0;
		at->sol = cs->sol[cs->c[i].sol];
		ra_buf_adds(b, "column/");
		ra_buf_adds(b, cs->c[i].entity);
		ra_buf_adds(b, ".");
		ra_buf_adds(b, cs->c[i].attribute);
	} else {
		nr = &cs->nr[i - cs->nc];
		at->sol = cs->sol[nr->sol];
		at->file = nr->fsp->file;
		at->span.line = nr->perm->line;
		ra_buf_adds(b, "profile/");
		ra_buf_adds(b, nr->fsp->name);
		ra_buf_adds(b, "/");
		ra_buf_adds(b, nr->perm->entity);
		ra_buf_adds(b, ".");
		ra_buf_adds(b, nr->perm->attribute);
	}
	at->what = b->oom ? NULL : b->s;
	return 1;
}

static void
column_result(struct ra_sarif *sf, const struct ra_columns *cs, size_t i)
{
	const struct ra_fperm	*pm = NULL;
	struct ra_sarif_at	 at;
	json_t			*o, *p;
	int			 unread = i < cs->nc;

	if (!column_at(cs, i, &sf->names, &at))
		return;
	sf->m.len = 0;
	if (unread) {
		ra_buf_adds(&sf->m, "No column security profile lets anyone "
		    "read secured column ");
		msg_add(&sf->m, cs->c[i].entity);
		ra_buf_adds(&sf->m, ".");
		msg_add(&sf->m, cs->c[i].attribute);
		ra_buf_adds(&sf->m, ": only administrators see it.");
	} else {
		pm = cs->nr[i - cs->nc].perm;
		ra_buf_adds(&sf->m, "Column security profile \"");
		msg_add(&sf->m, cs->nr[i - cs->nc].fsp->name);
		ra_buf_printf(&sf->m, "\" grants %s without read on ",
		    ra_fperm_writes(pm));
		msg_add(&sf->m, pm->entity);
		ra_buf_adds(&sf->m, ".");
		msg_add(&sf->m, pm->attribute);
		ra_buf_adds(&sf->m, ".");
	}
	o = ra_sarif_result(sf, unread ? &rule_col_unreadable :
	    &rule_col_noread, unread ? RA_SEV_COL_UNREADABLE :
	    RA_SEV_COL_NOREAD, &sf->m, &at);
	p = json_object();
	json_object_set_new(p, "table", str(unread ? cs->c[i].entity :
	    pm->entity));
	json_object_set_new(p, "column", str(unread ? cs->c[i].attribute :
	    pm->attribute));
	json_object_set_new(p, "profile", unread ? json_null() :
	    str(cs->nr[i - cs->nc].fsp->name));
	json_object_set_new(o, "properties", p);
}

/* Batches of the columns' results, BATCH items at a time. */
static int
fill_columns(struct ra_sarif *sf, void *arg)
{
	const struct ra_columns	*cs = arg;
	size_t			 n = cs->nc + cs->nnr, end;

	if (sf->next >= n)
		return 0;
	end = n - sf->next > BATCH ? sf->next + BATCH : n;
	for (; sf->next < end; sf->next++)
		column_result(sf, cs, sf->next);
	return 1;
}

enum ra_err
ra_render_columns_sarif(const struct ra_columns *cs,
    const struct ra_write_opts *wo, FILE *out)
{
	static const struct ra_sarif_rule *const rules[] = {
	    &rule_col_unreadable, &rule_col_noread, &rule_input };
	struct ra_sarif		*sf;
	struct ra_sarif_at	 at;
	json_t			*p, *sum;
	size_t			 i;

	if ((sf = ra_sarif_new(cs->ctx, wo, "columns", rules,
	    sizeof(rules) / sizeof(rules[0]))) == NULL)
		return RA_ENOMEM;
	for (i = 0; i < cs->nsol; i++)
		input_artifact(sf, cs->sol[i]);
	for (i = 0; i < cs->nc + cs->nnr; i++)
		if (column_at(cs, i, &sf->names, &at))
			ra_sarif_artifact(sf, &at);
	p = ra_sarif_props(sf);
	sum = json_object();
	json_object_set_new(sum, "columns", json_integer((json_int_t)cs->nc));
	json_object_set_new(sum, "unreadable",
	    json_integer((json_int_t)cs->nunreadable));
	json_object_set_new(sum, "write_without_read",
	    json_integer((json_int_t)cs->nnr));
	json_object_set_new(p, "summary", sum);
	return ra_sarif_write(sf, fill_columns, (void *)cs, out);
}

/* ---- a diff's app role maps and column permissions ------------------- */

/*
 * Where a diff's app or column change I is (app changes first): in the
 * side that has it, at the app's element or the <FieldPermission>.
 */
static void
access_at(const struct ra_diff *d, size_t i, struct ra_buf *b,
    struct ra_sarif_at *at)
{
	memset(at, 0, sizeof(*at));
	b->len = 0;
	if (i < d->nad) {
		const struct ra_adiff	*a = &d->ad[i];

		at->sol = a->added ? d->new : d->old;
		at->role = a->role;
		at->file = a->app->file;
		at->span.line = a->app->line;
		ra_buf_adds(b, "app/");
		ra_buf_adds(b, a->app->name);
		ra_buf_adds(b, "/");
		ra_buf_adds(b, a->role_id);
	} else {
		const struct ra_cdiff	*c = &d->cd[i - d->nad];

		at->sol = c->new_side ? d->new : d->old;
		at->file = c->fsp->file;
		at->span.line = c->perm->line;
		ra_buf_adds(b, "profile/");
		ra_buf_adds(b, c->profile);
		ra_buf_adds(b, "/");
		ra_buf_adds(b, c->entity);
		ra_buf_adds(b, ".");
		ra_buf_adds(b, c->attribute);
		ra_buf_adds(b, "/");
		ra_buf_adds(b, ra_fright_name(c->right));
	}
	at->what = b->oom ? NULL : b->s;
}

/*
 * App or column change I of D: an escalation (a role newly able to open
 * an app, a profile newly able to read a secured column) under rule
 * escalation, the rest under role-change, at its severity (findings.c).
 */
static void
access_result(struct ra_sarif *sf, const struct ra_diff *d, size_t i)
{
	struct ra_sarif_at	 at;
	json_t			*o, *p = json_object();

	access_at(d, i, &sf->names, &at);
	sf->m.len = 0;
	if (i < d->nad) {
		const struct ra_adiff	*a = &d->ad[i];

		ra_buf_adds(&sf->m, "Role \"");
		msg_add(&sf->m, a->role ? a->role->name : RA_UNKNOWN_ROLE_ID);
		ra_buf_adds(&sf->m, a->added ? "\" was added to the role map "
		    "of app \"" : "\" was removed from the role map of app \"");
		msg_add(&sf->m, a->app->display ? a->app->display :
		    a->app->name);
		ra_buf_adds(&sf->m, a->added ? "\": it is newly able to open "
		    "the app." : "\".");
		o = ra_sarif_result(sf, a->added ? &rule_escalation :
		    &rule_change, ra_adiff_severity(a), &sf->m, &at);
		json_object_set_new(p, "app", str(a->app->name));
		json_object_set_new(p, "roleId", str(a->role_id));
		json_object_set_new(p, "change", str(a->added ? "added" :
		    "removed"));
	} else {
		const struct ra_cdiff	*c = &d->cd[i - d->nad];

		ra_buf_adds(&sf->m, "Column security profile \"");
		msg_add(&sf->m, c->profile);
		ra_buf_printf(&sf->m, "\" %s %s on ", c->granted ?
		    "was granted" : "lost", ra_fright_name(c->right));
		msg_add(&sf->m, c->entity);
		ra_buf_adds(&sf->m, ".");
		msg_add(&sf->m, c->attribute);
		ra_buf_adds(&sf->m, c->escalation ? ": it is newly able to "
		    "read a secured column." : ".");
		o = ra_sarif_result(sf, c->escalation ? &rule_escalation :
		    &rule_change, ra_cdiff_severity(c), &sf->m, &at);
		json_object_set_new(p, "profile", str(c->profile));
		json_object_set_new(p, "table", str(c->entity));
		json_object_set_new(p, "column", str(c->attribute));
		json_object_set_new(p, "right", str(ra_fright_name(c->right)));
		json_object_set_new(p, "change", str(c->granted ? "granted" :
		    "revoked"));
	}
	json_object_set_new(o, "properties", p);
}

/* Batches of a diff's app and column changes, after its roles'. */
static int
access_fill(struct ra_sarif *sf, const struct ra_diff *d)
{
	size_t	 n = d->nad + d->ncd, end;

	if (sf->access >= n)
		return 0;
	end = n - sf->access > BATCH ? sf->access + BATCH : n;
	for (; sf->access < end; sf->access++)
		access_result(sf, d, sf->access);
	return 1;
}

const struct ra_sarif_rule *
ra_sarif_input_rule(void)
{
	return &rule_input;
}
