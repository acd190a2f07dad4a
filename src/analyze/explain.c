/*
 * explain.c - from the text of an alert or a trace to the privilege, the
 * role editor's tab and the roles that must change.
 *
 * The text is pasted by a person: any encoding, wrapped anywhere, with
 * CRLF or escaped "\r\n", GUIDs cut short.  Only ASCII is interpreted,
 * case-insensitively:
 *   - error codes and messages of a known shape (the table below), each
 *     with its meaning, the article it comes from and the built-in
 *     profile of the feature it belongs to;
 *   - privilege names, prv[A-Za-z0-9_]+, with a name broken by a line
 *     break joined when only the joined name is known;
 *   - privilege ids, whole or a prefix of eight hex digits or more, that
 *     the catalog's `privilegeid` column knows;
 *   - "Required Depth: X", given to the nearest privilege before it;
 *   - "type=N" (the principal: 8 a user, 9 a team), and the access check's
 *     "ObjectTypeCode: N" and "AccessRights: XAccess", which imply a
 *     privilege.
 * Nothing else is guessed: a text that names no privilege and no known
 * error says so.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"

enum sig {
	SIG_SSS_USERPRIV,
	SIG_SSS_DENIED,
	SIG_SSS_ACCESS,
	SIG_DENIED,
	SIG_CHECKPRIV,
	SIG_MISSING,
	SIG_ACCESS,
	SIG_EXCHSYNC,
	SIG_OUTLOOK_PRIV,
	SIG_OUTLOOK_MODULE,
	SIG_NOT_AUTHORIZED,
	SIG_RECORDS,
	SIG_NOROLES,
	SIG__COUNT
};

/*
 * What each error means.  The patterns are lower case; a pattern that
 * starts with a digit or '-' must not follow a letter, digit, '.' or
 * 'x', so "80040220" inside "Crm.80040220" or "0x80040220" is not
 * counted twice.
 */
static const struct {
	struct ra_sigdef	 def;
	const char		*pat[4];
} sigs[SIG__COUNT] = {
	[SIG_SSS_USERPRIV] = { { "UserPrivilegeError",
	    "Email Server Error Code UserPrivilegeError: the user who owns "
	    "the mailbox lacks privileges that Server-Side Synchronization "
	    "needs to synchronize appointments, contacts and tasks; the "
	    "alert does not say which (check that the mailbox's Owner is "
	    "that user)",
	    "KB 4346733", "server-side-sync" },
	    { "userprivilegeerror" } },
	[SIG_SSS_DENIED] = { { "Crm.80040220.PrivilegeDenied",
	    "Email Server Error Code Crm.80040220.PrivilegeDenied: the "
	    "mailbox user lacks a privilege that Server-Side Synchronization "
	    "needs; the alert's Details name it",
	    "KB 4015092", "server-side-sync" },
	    { "crm.80040220.privilegedenied" } },
	[SIG_SSS_ACCESS] = { { "Crm.80048306",
	    "Email Server Error Code Crm.80048306, not enough privilege to "
	    "access the object: the mailbox user's roles do not reach a "
	    "record that Server-Side Synchronization needs (user-level Read "
	    "and Write on Mailbox)",
	    "KB 4052824", "mailbox-owner" },
	    { "crm.80048306" } },
	[SIG_DENIED] = { { "0x80040220",
	    "error 0x80040220 (-2147220960), PrivilegeDenied: none of the "
	    "principal's security roles grants the privilege at the depth "
	    "required",
	    NULL, NULL },
	    { "0x80040220", "-2147220960", "80040220" } },
	[SIG_CHECKPRIV] = { { "SecLib::CheckPrivilege",
	    "the platform's privilege check failed: the principal's roles "
	    "do not grant the privilege named, at the depth required",
	    NULL, NULL },
	    { "seclib::checkprivilege" } },
	[SIG_MISSING] = { { "is missing privilege",
	    "the principal (type=8 a user, type=9 a team) holds no security "
	    "role that grants the privilege named",
	    NULL, NULL },
	    { "is missing prv" } },
	[SIG_ACCESS] = { { "0x80048306",
	    "error 0x80048306 (-2147187962), access check failed "
	    "(SecLib::AccessCheckEx): the principal's roles do not grant "
	    "the access right on that table, or grant it at a depth that "
	    "does not reach the record's owner or business unit (User depth "
	    "reaches only the principal's own records)",
	    "KB 4052824", NULL },
	    { "0x80048306", "-2147187962", "80048306",
	    "seclib::accesscheckex" } },
	[SIG_EXCHSYNC] = { { "Exchange synchronization",
	    "raised by Server-Side Synchronization while it synchronized a "
	    "mailbox with Exchange",
	    NULL, "server-side-sync" },
	    { "exchangesync", "emailconnector" } },
	[SIG_OUTLOOK_PRIV] = { { "You don't have required privilege",
	    "Dynamics 365 App for Outlook: the user's roles lack the "
	    "privilege in parentheses, one of those the app needs",
	    "KB 4563997", "app-for-outlook" },
	    { "t have required privilege" } },
	[SIG_OUTLOOK_MODULE] = { { "AppforOutlookModule",
	    "Dynamics 365 App for Outlook: none of the user's roles is "
	    "given access to the app's module; add a role of the user to "
	    "the app's security roles, or assign the role \"Dynamics 365 App "
	    "for Outlook User\"",
	    "KB 4563997", NULL },
	    { "appforoutlookmodule" } },
	[SIG_NOT_AUTHORIZED] = { { "not authorized to use this app",
	    "the privilege that gives access to the app is missing: "
	    "Dynamics 365 for mobile for the phone and tablet app, Use "
	    "Dynamics 365 App for Outlook for App for Outlook, each set to "
	    "Organization (Business Management > Privacy-related Privileges)",
	    "Microsoft Docs, mobile app and App for Outlook setup", NULL },
	    { "been authorized to use this app" } },
	[SIG_RECORDS] = { { "no permission to access these records",
	    "a list or subgrid could not be shown: the user's roles lack "
	    "Read on its table; inside App for Outlook forms the default "
	    "views need Read on Case, Opportunity, Competitor and Connection",
	    "KB 4563997", "app-for-outlook-views" },
	    { "t have permission to access these records" } },
	[SIG_NOROLES] = { { "no roles are assigned to user",
	    "error 0x80042F09 (-2147209463), SecLib::RetrievePrivilegeForUser: "
	    "the user holds no security role of their own; assign one (a "
	    "role held through a team counts only when the role's members "
	    "inherit its privileges)",
	    NULL, NULL },
	    { "no roles are assigned to user", "retrieveprivilegeforuser",
	    "0x80042f09", "-2147209463" } },
};

/*
 * Object type codes the access check names (ObjectTypeCode: N): the
 * table and its privilege base.  The platform's fixed codes; 4120 is
 * the table of KB 4052824, whose check belongs to a profile instead.
 */
static const struct {
	long		 otc;
	const char	*table;
	const char	*base;
} otcs[] = {
	{ 1, "account", "Account" },
	{ 2, "contact", "Contact" },
	{ 3, "opportunity", "Opportunity" },
	{ 4, "lead", "Lead" },
	{ 5, "annotation", "Note" },
	{ 8, "systemuser", "User" },
	{ 9, "team", "Team" },
	{ 10, "businessunit", "BusinessUnit" },
	{ 112, "incident", "Incident" },
	{ 123, "competitor", "Competitor" },
	{ 1019, "organization", "Organization" },
	{ 1036, "role", "Role" },
	{ 1039, "savedquery", "Query" },
	{ 2020, "queue", "Queue" },
	{ 3234, "connection", "Connection" },
	{ 4120, "exchangesyncidmapping", NULL },
	{ 4200, "activitypointer", "Activity" },
	{ 4201, "appointment", "Activity" },
	{ 4202, "email", "Activity" },
	{ 4210, "phonecall", "Activity" },
	{ 4212, "task", "Activity" },
	{ 4230, "userquery", "UserQuery" },
	{ 9605, "emailserverprofile", "EmailServerProfile" },
	{ 9606, "mailbox", "Mailbox" },
};

const struct ra_sigdef *
ra_sigdef(int i)
{
	return i >= 0 && i < SIG__COUNT ? &sigs[i].def : NULL;
}

/* The table an object type code names, or NULL. */
const char *
ra_otc_table(long otc)
{
	size_t	 i;

	for (i = 0; i < sizeof(otcs) / sizeof(otcs[0]); i++)
		if (otcs[i].otc == otc)
			return otcs[i].table;
	return NULL;
}

struct scan {
	struct ra_explanation	*x;
	const struct ra_ctx	*ctx;
	const char		*raw;	/* the text as given */
	char			*lc;	/* lower case, escapes blanked */
	size_t			 len;
	size_t			*at;	/* where each x->p[i] was seen */
	size_t			 capat;
};

static int
is_word(unsigned char c)
{
	return isalnum(c) || c == '_';
}

/*
 * A lower-case copy of TEXT, same length: NUL bytes and the escapes
 * "\r", "\n", "\t" of a JSON-quoted trace become blanks (a backslash
 * escape keeps its position so offsets stay those of the text).
 */
static char *
normalize(const char *text, size_t len)
{
	char	*s;
	size_t	 i;

	if ((s = malloc(len + 1)) == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		unsigned char	 c = (unsigned char)text[i];

		s[i] = c == '\0' ? ' ' : (char)ra_lower(c);
	}
	s[len] = '\0';
	for (i = 0; i + 1 < len; i++)
		if (s[i] == '\\' && (s[i + 1] == 'n' || s[i + 1] == 'r' ||
		    s[i + 1] == 't')) {
			s[i] = ' ';
			s[i + 1] = ' ';
		}
	return s;
}

/* The first match of PAT at or after FROM, at a word start; or -1. */
static long
find(const struct scan *sc, const char *pat, size_t from)
{
	const char	*p = sc->lc + from, *hit;
	int		 numeric = isdigit((unsigned char)pat[0]) ||
			    pat[0] == '-';

	while ((hit = strstr(p, pat)) != NULL) {
		unsigned char	 before = hit > sc->lc ?
				    (unsigned char)hit[-1] : ' ';

		if (!numeric || !(isalnum(before) || before == '.'))
			return (long)(hit - sc->lc);
		p = hit + 1;
	}
	return -1;
}

static int
add_sig(struct scan *sc, int i, size_t at, size_t n)
{
	struct ra_explanation	*x = sc->x;
	size_t			 k, cap = x->ns;

	for (k = 0; k < x->ns; k++)
		if (x->s[k].def == &sigs[i].def)
			return 0;
	/*
	 * A code or number is shown as the text has it; a phrase matched
	 * by a fragment ("t have required privilege") by its name.
	 */
	if (ra_grow(&x->s, &cap, x->ns + 1, sizeof(*x->s)) == -1 ||
	    (x->s[x->ns].matched = memchr(sc->lc + at, ' ', n) != NULL ?
	    ra_strdup(sigs[i].def.code) : ra_strndup(sc->raw + at, n)) ==
	    NULL)
		return -1;
	x->s[x->ns++].def = &sigs[i].def;
	return 0;
}

static int
has_sig(const struct ra_explanation *x, int i)
{
	size_t	 k;

	for (k = 0; k < x->ns; k++)
		if (x->s[k].def == &sigs[i].def)
			return 1;
	return 0;
}

static int
scan_sigs(struct scan *sc)
{
	size_t	 i, k;
	long	 at;

	/* In table order, so reports list them the same way every time. */
	for (i = 0; i < SIG__COUNT; i++)
		for (k = 0; k < 4 && sigs[i].pat[k]; k++)
			if ((at = find(sc, sigs[i].pat[k], 0)) >= 0) {
				if (add_sig(sc, (int)i, (size_t)at,
				    strlen(sigs[i].pat[k])) == -1)
					return -1;
				break;
			}
	return 0;
}

/*
 * The index of privilege NAME (N bytes, NUL-terminated): the catalog's,
 * else one past it for a name the catalog lacks, which the explanation
 * keeps (struct ra_explanation, EXTRA); the catalog stays as loaded.
 * RA_NOPRIV when memory runs out.
 */
static size_t
priv_index(struct scan *sc, const char *name, size_t n)
{
	struct ra_explanation	*x = sc->x;
	const struct ra_catalog	*cat = &sc->ctx->cat;
	struct ra_privdef	 d;
	size_t			 k, cap = x->nextra;

	if ((k = ra_catalog_find(cat, name, n)) != RA_NOPRIV)
		return k;
	for (k = 0; k < x->nextra; k++)
		if (ra_name_eq(x->extra[k].name, name, n))
			return cat->n + k;
	if (ra_grow(&x->extra, &cap, x->nextra + 1, sizeof(*x->extra)) == -1)
		return RA_NOPRIV;
	if ((d.name = ra_strndup(name, n)) == NULL)
		return RA_NOPRIV;
	/* The entity is borrowed from the name or the catalog. */
	ra_classify(cat, d.name, &x->extra[x->nextra]);
	x->extra[x->nextra].name = d.name;
	return cat->n + x->nextra++;
}

/*
 * The privilege explanation X holds for index PRIV (see priv_index()),
 * added (as first seen at AT) when new; NULL when memory runs out.
 */
static struct ra_xpriv *
xpriv(struct scan *sc, size_t priv, size_t at)
{
	struct ra_explanation	*x = sc->x;
	size_t			 k, cap = x->np;

	for (k = 0; k < x->np; k++)
		if (x->p[k].priv == priv)
			return &x->p[k];
	if (ra_grow(&x->p, &cap, x->np + 1, sizeof(*x->p)) == -1 ||
	    ra_grow(&sc->at, &sc->capat, x->np + 1, sizeof(*sc->at)) == -1)
		return NULL;
	memset(&x->p[x->np], 0, sizeof(x->p[x->np]));
	x->p[x->np].priv = priv;
	sc->at[x->np] = at;
	return &x->p[x->np++];
}

/* Length of the run of name characters at P (within END). */
static size_t
word_len(const char *p, const char *end)
{
	size_t	 n = 0;

	while (p + n < end && is_word((unsigned char)p[n]))
		n++;
	return n;
}

/*
 * The privilege names of the text.  A name cut by a line break
 * ("prvReadEmail\nServerProfile") is joined when the catalog knows the
 * joined name and not the part before the break.
 */
static int
scan_names(struct scan *sc)
{
	const struct ra_catalog	*cat = &sc->ctx->cat;
	const char		*lc = sc->lc, *end = sc->lc + sc->len, *p;
	struct ra_buf		 name = { 0 };
	struct ra_xpriv		*xp;
	size_t			 n, k, priv;
	int			 rc = -1;

	for (p = lc; (p = strstr(p, "prv")) != NULL; p += n) {
		size_t	 at = (size_t)(p - lc);

		n = 3;
		if (p > lc && isalnum((unsigned char)p[-1]))
			continue;
		n = word_len(p, end);
		if (n <= 3)
			continue;
		name.len = 0;
		ra_buf_add(&name, sc->raw + at, n);
		k = ra_catalog_find(cat, name.s, name.len);
		/* Not listed: the name may go on after a line break. */
		if (k == RA_NOPRIV || cat->v[k].row == 0) {
			const char	*q = p + n;
			size_t		 m;

			if (q < end && *q == '\r')
				q++;
			if (q < end && *q == '\n' &&
			    (m = word_len(q + 1, end)) > 0) {
				size_t	 j;

				ra_buf_add(&name, sc->raw + (q + 1 - lc), m);
				j = ra_catalog_find(cat, name.s, name.len);
				if (j != RA_NOPRIV && cat->v[j].row != 0)
					n = (size_t)(q + 1 - p) + m;
				else
					name.len -= m;
			}
		}
		if (name.oom)
			goto out;
		name.s[name.len] = '\0';
		if (name.len > sc->ctx->limit[RA_LIMIT_NAME_LENGTH])
			continue;
		if ((priv = priv_index(sc, name.s, name.len)) ==
		    RA_NOPRIV || (xp = xpriv(sc, priv, at)) == NULL)
			goto out;
		xp->how |= RA_XHOW_NAMED;
	}
	rc = 0;
out:
	ra_buf_free(&name);
	return rc;
}

/*
 * Privilege ids: a run of hex digits and hyphens of at least eight hex
 * digits, the first eight before a hyphen or making a whole 32-digit id.
 * A whole id must equal a known one; a shorter run (a GUID cut short,
 * "edebe6f6-cf2e-45...") must start exactly one.
 */
static int
scan_ids(struct scan *sc)
{
	const struct ra_catalog	*cat = &sc->ctx->cat;
	const char		*lc = sc->lc;
	char			 hex[33];
	size_t			 i = 0, j, k, n, nd, hit, nhit;
	struct ra_xpriv		*xp;

	while (i < sc->len) {
		if (!isxdigit((unsigned char)lc[i]) ||
		    (i > 0 && is_word((unsigned char)lc[i - 1]))) {
			i++;
			continue;
		}
		for (j = i, nd = 0; j < sc->len && (isxdigit((unsigned char)
		    lc[j]) || lc[j] == '-'); j++)
			if (lc[j] != '-' && nd++ < 32)
				hex[nd - 1] = lc[j];
		n = j - i;
		if (nd > 32) {
			i = j;
			continue;
		}
		hex[nd] = '\0';
		if (nd < 8 || (j < sc->len && is_word((unsigned char)lc[j])) ||
		    (nd != 32 && (n < 9 || lc[i + 8] != '-'))) {
			i = j > i ? j : i + 1;
			continue;
		}
		nhit = 0;
		hit = RA_NOPRIV;
		for (k = 0; k < cat->n; k++) {
			const char	*id, *q;
			size_t		 m = 0;

			if (cat->v[k].row == 0 ||
			    (id = cat->row[cat->v[k].row - 1].id) == NULL)
				continue;
			for (q = id; *q && m < nd; q++) {
				if (*q == '-')
					continue;
				if (*q != hex[m])
					break;
				m++;
			}
			if (m == nd) {
				nhit++;
				hit = k;
			}
		}
		if (nhit == 1) {
			if ((xp = xpriv(sc, hit, i)) == NULL)
				return -1;
			xp->how |= RA_XHOW_ID;
			if (xp->idtext == NULL && (xp->idtext =
			    ra_strndup(sc->raw + i, n)) == NULL)
				return -1;
		}
		i = j;
	}
	return 0;
}

/* A level named at P ("Basic", "User", "Organization", ...), or NONE. */
static enum ra_level
level_at(const char *p)
{
	static const struct {
		const char	*word;
		enum ra_level	 l;
	} w[] = {
		{ "basic", RA_LEVEL_BASIC }, { "user", RA_LEVEL_BASIC },
		{ "local", RA_LEVEL_LOCAL },
		{ "business unit", RA_LEVEL_LOCAL },
		{ "deep", RA_LEVEL_DEEP }, { "parent", RA_LEVEL_DEEP },
		{ "global", RA_LEVEL_GLOBAL },
		{ "organization", RA_LEVEL_GLOBAL },
	};
	size_t	 i, n;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		n = strlen(w[i].word);
		if (strncmp(p, w[i].word, n) == 0 && !is_word((unsigned char)
		    p[n]))
			return w[i].l;
	}
	return RA_LEVEL_NONE;
}

/* Skip blanks, line breaks and one ':' or '='. */
static const char *
skip_sep(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (*p == ':' || *p == '=')
		p++;
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	return p;
}

/*
 * "Required Depth: X": the level goes to the nearest privilege seen
 * before it, else to the first one after it.
 */
static void
scan_depths(struct scan *sc)
{
	struct ra_explanation	*x = sc->x;
	const char		*p = sc->lc;
	size_t			 k, best, at;
	enum ra_level		 l;

	while ((p = strstr(p, "required depth")) != NULL) {
		at = (size_t)(p - sc->lc);
		p += 14;
		if ((l = level_at(skip_sep(p))) == RA_LEVEL_NONE ||
		    x->np == 0)
			continue;
		best = RA_NOPRIV;
		for (k = 0; k < x->np; k++)
			if (sc->at[k] < at && (best == RA_NOPRIV ||
			    sc->at[k] > sc->at[best]))
				best = k;
		if (best == RA_NOPRIV)
			for (k = 0; k < x->np; k++)
				if (best == RA_NOPRIV ||
				    sc->at[k] < sc->at[best])
					best = k;
		if (l > x->p[best].required)
			x->p[best].required = l;
	}
}

/* The number after KEY (and a ':' or '='), or -1. */
static long
number_after(const struct scan *sc, const char *key)
{
	const char	*p;
	char		*end;
	long		 v;

	if ((p = strstr(sc->lc, key)) == NULL)
		return -1;
	p = skip_sep(p + strlen(key));
	if (!isdigit((unsigned char)*p))
		return -1;
	v = strtol(p, &end, 10);
	return v >= 0 && v < 1000000 ? v : -1;
}

static const struct {
	const char	*word;
	const char	*verb;
} rights[] = {
	{ "readaccess", "Read" }, { "writeaccess", "Write" },
	{ "appendtoaccess", "AppendTo" }, { "appendaccess", "Append" },
	{ "createaccess", "Create" }, { "deleteaccess", "Delete" },
	{ "shareaccess", "Share" }, { "assignaccess", "Assign" },
};

/*
 * The principal's type, and what an access check implies: "AccessRights:
 * WriteAccess" on "ObjectTypeCode: 9606" needs prvWriteMailbox.
 */
static int
scan_access(struct scan *sc)
{
	struct ra_explanation	*x = sc->x;
	struct ra_xpriv		*xp;
	struct ra_buf		 b = { 0 };
	const char		*p, *base = NULL, *table;
	size_t			 i, priv;

	x->principal = (int)number_after(sc, "type=");
	x->otc = number_after(sc, "objecttypecode");
	if ((p = strstr(sc->lc, "accessrights")) != NULL) {
		p = skip_sep(p + 12);
		for (i = 0; i < sizeof(rights) / sizeof(rights[0]); i++)
			if (strncmp(p, rights[i].word,
			    strlen(rights[i].word)) == 0) {
				if ((x->access = ra_strdup(rights[i].verb)) ==
				    NULL)
					return -1;
				break;
			}
	}
	if (x->otc < 0 || x->access == NULL)
		return 0;
	for (i = 0; i < sizeof(otcs) / sizeof(otcs[0]); i++)
		if (otcs[i].otc == x->otc)
			base = otcs[i].base;
	if (base == NULL)
		return 0;
	table = ra_otc_table(x->otc);
	ra_buf_printf(&b, "prv%s%s", x->access, base);
	if (b.oom || (priv = priv_index(sc, b.s, b.len)) ==
	    RA_NOPRIV || (xp = xpriv(sc, priv, sc->len)) == NULL) {
		ra_buf_free(&b);
		return -1;
	}
	ra_buf_free(&b);
	xp->how |= RA_XHOW_IMPLIED;
	if (xp->why == NULL) {
		ra_buf_printf(&b, "the access check asked for %s on %s "
		    "(ObjectTypeCode %ld)", x->access, table, x->otc);
		if (b.oom)
			return -1;
		xp->why = b.s;
	}
	return 0;
}

/* Privileges an error implies without naming them. */
static int
scan_implied(struct scan *sc)
{
	static const char *const apps[] = { "prvUseTabletApp",
	    "prvUseOfficeApps" };
	struct ra_xpriv	*xp;
	size_t		 i, priv;

	if (!has_sig(sc->x, SIG_NOT_AUTHORIZED))
		return 0;
	for (i = 0; i < 2; i++) {
		if ((priv = priv_index(sc, apps[i], strlen(apps[i]))) ==
		    RA_NOPRIV ||
		    (xp = xpriv(sc, priv, sc->len)) == NULL)
			return -1;
		xp->how |= RA_XHOW_IMPLIED;
		if (xp->required < RA_LEVEL_GLOBAL)
			xp->required = RA_LEVEL_GLOBAL;
		if (xp->why == NULL && (xp->why = ra_strdup(i == 0 ?
		    "the phone and tablet app says so without Dynamics 365 "
		    "for mobile" : "App for Outlook says so without Use "
		    "Dynamics 365 App for Outlook")) == NULL)
			return -1;
	}
	return 0;
}

/* Which built-in profiles list each privilege, and each role's standing. */
static int
evaluate(struct ra_explanation *x)
{
	size_t	 k, b, i, s, r, cap, nroles = 0;

	for (s = 0; s < x->nsol; s++)
		nroles += x->sol[s]->nrole;
	for (k = 0; k < x->np; k++) {
		struct ra_xpriv	*xp = &x->p[k];
		enum ra_level	 need = xp->required ? xp->required :
				    RA_LEVEL_BASIC;

		cap = 0;
		for (b = 0; b < x->nbprof; b++)
			for (i = 0; i < x->bprof[b]->n; i++) {
				if (x->bprof[b]->req[i].priv != xp->priv)
					continue;
				if (ra_grow(&xp->p, &cap, xp->np + 1,
				    sizeof(*xp->p)) == -1)
					return -1;
				xp->p[xp->np].prof = x->bprof[b];
				xp->p[xp->np].req = &x->bprof[b]->req[i];
				xp->np++;
			}
		if (nroles && (xp->r = calloc(nroles, sizeof(*xp->r))) == NULL)
			return -1;
		for (s = 0; s < x->nsol; s++)
			for (r = 0; r < x->sol[s]->nrole; r++) {
				struct ra_xrole	*xr;

				/* Its privileges are not in the export. */
				if (ra_role_not_exported(&x->sol[s]->role[r]))
					continue;
				xr = &xp->r[xp->nr++];
				xr->sol = s;
				xr->role = &x->sol[s]->role[r];
				/* Unfocused, every name of the inputs is in
				 * the catalog: a name past it is held by no
				 * role. */
				xr->held = xp->priv < x->ctx->cat.n ?
				    ra_bitmap_get(&xr->role->bits, xp->priv) :
				    RA_LEVEL_NONE;
				xr->lacks = xr->held < need;
				if (xr->lacks)
					xp->nlack++;
			}
	}
	return 0;
}

/*
 * When the text names no privilege, check the inputs against the
 * profiles of the errors it names instead.
 */
static enum ra_err
check_profiles(struct ra_explanation *x)
{
	const char		*want[SIG__COUNT];
	size_t			 k, j, b, n = 0;
	enum ra_err		 rc;

	for (k = 0; k < x->ns; k++) {
		const char	*name = x->s[k].def->profile;

		if (x->s[k].def == &sigs[SIG_ACCESS].def && x->otc == 4120)
			name = "mailbox-owner";
		/* The context of an Exchange trace, only when alone. */
		if (name == NULL || x->s[k].def == &sigs[SIG_EXCHSYNC].def)
			continue;
		for (j = 0; j < n && strcmp(want[j], name) != 0; j++)
			continue;
		if (j == n)
			want[n++] = name;
	}
	if (n == 0 && has_sig(x, SIG_EXCHSYNC))
		want[n++] = sigs[SIG_EXCHSYNC].def.profile;
	if (n && ((x->rep = calloc(n, sizeof(*x->rep))) == NULL ||
	    (x->repprof = calloc(n, sizeof(*x->repprof))) == NULL))
		return RA_ENOMEM;
	for (j = 0; j < n; j++) {
		for (b = 0; b < x->nbprof; b++)
			if (strcmp(x->bprof[b]->name, want[j]) == 0)
				break;
		if (b == x->nbprof)
			continue;
		/* The report borrows the profile list: keep it in X. */
		x->repprof[x->nrep] = x->bprof[b];
		rc = ra_check_every_role(x->ctx, x->sol, x->nsol,
		    &x->repprof[x->nrep], 1, NULL, &x->rep[x->nrep]);
		if (rc != RA_OK)
			return rc;
		x->nrep++;
	}
	return RA_OK;
}

/* Roles that lack something the text is about, each counted once. */
static size_t
count_lacking(const struct ra_explanation *x)
{
	size_t	 s, r, k, i, n = 0;

	for (s = 0; s < x->nsol; s++)
		for (r = 0; r < x->sol[s]->nrole; r++) {
			const struct ra_role	*role = &x->sol[s]->role[r];
			int			 lacks = 0;

			for (k = 0; k < x->np && !lacks; k++)
				for (i = 0; i < x->p[k].nr; i++)
					if (x->p[k].r[i].role == role &&
					    x->p[k].r[i].lacks)
						lacks = 1;
			for (k = 0; k < x->nrep && !lacks; k++)
				for (i = 0; i < x->rep[k]->nres; i++)
					if (x->rep[k]->res[i].role == role &&
					    x->rep[k]->res[i].nmiss)
						lacks = 1;
			n += lacks;
		}
	return n;
}

RA_EXPORT enum ra_err
ra_explain(const struct ra_ctx *ctx, const char *text, size_t len,
    const struct ra_solution *const *sol, size_t nsol,
    const struct ra_profile *const *builtin, size_t nbuiltin,
    struct ra_explanation **out)
{
	struct ra_explanation	*x;
	struct ra_sha256	 sha;
	struct scan		 sc;
	enum ra_err		 rc = RA_ENOMEM;

	if (ctx->focused && nsol > 0)
		return RA_EINVAL;
	if ((x = calloc(1, sizeof(*x))) == NULL)
		return RA_ENOMEM;
	memset(&sc, 0, sizeof(sc));
	x->ctx = ctx;
	x->sol = sol;
	x->nsol = nsol;
	x->principal = -1;
	x->otc = -1;
	x->textlen = len;
	ra_sha256_init(&sha);
	ra_sha256_update(&sha, text, len);
	ra_sha256_hex(&sha, x->sha256);
	x->bprof = builtin;
	x->nbprof = nbuiltin;
	sc.x = x;
	sc.ctx = ctx;
	sc.raw = text;
	sc.len = len;
	if ((sc.lc = normalize(text, len)) == NULL)
		goto out;
	if (scan_sigs(&sc) == -1 || scan_names(&sc) == -1 ||
	    scan_ids(&sc) == -1)
		goto out;
	scan_depths(&sc);
	if (scan_access(&sc) == -1 || scan_implied(&sc) == -1 ||
	    evaluate(x) == -1)
		goto out;
	if (x->np == 0 && (rc = check_profiles(x)) != RA_OK)
		goto out;
	x->nlacking = count_lacking(x);
	rc = RA_OK;
out:
	free(sc.lc);
	free(sc.at);
	if (rc != RA_OK) {
		ra_explanation_free(x);
		return rc;
	}
	*out = x;
	return RA_OK;
}

RA_EXPORT void
ra_explanation_free(struct ra_explanation *x)
{
	size_t	 i;

	if (x == NULL)
		return;
	for (i = 0; i < x->nrep; i++)
		ra_report_free(x->rep[i]);
	free(x->rep);
	free(x->repprof);
	for (i = 0; i < x->np; i++) {
		free(x->p[i].idtext);
		free(x->p[i].why);
		free(x->p[i].p);
		free(x->p[i].r);
	}
	free(x->p);
	for (i = 0; i < x->ns; i++)
		free(x->s[i].matched);
	free(x->s);
	free(x->access);
	for (i = 0; i < x->nextra; i++)
		free(x->extra[i].name);
	free(x->extra);
	free(x);
}

void
ra_explanation_privdef(const struct ra_explanation *x, size_t priv,
    struct ra_privdef *d)
{
	const struct ra_catalog	*cat = &x->ctx->cat;

	if (priv < cat->n)
		ra_catalog_def(cat, priv, d);
	else
		*d = x->extra[priv - cat->n];
}

RA_EXPORT size_t
ra_explanation_privilege_count(const struct ra_explanation *x)
{
	return x->np;
}

RA_EXPORT size_t
ra_explanation_signature_count(const struct ra_explanation *x)
{
	return x->ns;
}

RA_EXPORT size_t
ra_explanation_lacking_count(const struct ra_explanation *x)
{
	return x->nlacking;
}
