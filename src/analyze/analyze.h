/*
 * analyze.h - the analysis stage: a loaded model in, results out.
 * check.c (roles against profiles), diff.c (two exports), lint.c (RA4xx
 * findings), combine.c (roles held together), explain.c (an error text),
 * findings.c (the severity of each finding: --fail-on, SARIF levels,
 * badges), grid.c (the security-role editor's layout), redact.c
 * (pseudonyms), privileges.c (what is known of privileges, and why).  It
 * may call model/ and base/.  It reads the model through const pointers
 * only: nothing here adds to the catalog, loads a profile or reads an
 * input.  Never installed.
 */
#ifndef RA_ANALYZE_H
#define RA_ANALYZE_H

#include "model/model.h"
/* ---- check.c --------------------------------------------------------- */

struct ra_missing {
	size_t			 priv;
	const struct ra_req	*req;
	enum ra_level		 actual;
	enum ra_tab		 tab;	/* sort keys: tab, then name */
	const char		*name;
	/* What ra_pinfo() says of it in the role's solution (the report's). */
	const struct ra_pinfo	*pi;
};

/*
 * ra_violation.via: the row matched through what no fact knows, which
 * reports say: its tab "unknown" (no fact places the privilege) or its
 * table "unknown" (no fact names the privilege's table).
 */
#define RA_VIA_TAB	0x1
#define RA_VIA_TABLE	0x2

/* A privilege a role holds above what a policy row allows. */
struct ra_violation {
	size_t			 priv;
	enum ra_level		 held;
	size_t			 pol;		/* index into the report's */
	const struct ra_prule	*row;
	unsigned		 via;		/* RA_VIA_* */
	/* What ra_pinfo() says of it in the role's solution. */
	struct ra_pinfo		 pi;
};

/*
 * One role's verdict.  Its missing privileges are counted here and listed
 * only when a report comes to the role (ra_report_missing()): every role
 * of 2,000 lacking each of a 100,000-row profile's privileges would take
 * gigabytes listed at once.
 */
struct ra_result {
	size_t			 sol;
	const struct ra_role	*role;
	size_t			 nmiss;
	/* Tab order, then name, then policy and row. */
	struct ra_violation	*viol;
	size_t			 nviol;
	size_t			 nviol_error;	/* of severity error */
	/* Not judged: its privileges are not in the export. */
	int			 not_exported;
};

/* What ra_report_missing() lists a role's missing privileges with. */
struct ra_misslist {
	const struct ra_result	*of;	/* whose MISS is listed, or NULL */
	struct ra_missing	*miss;
	struct ra_pinfo		*pi;	/* each one's facts, MISS[k].pi */
	size_t			 cap;
	struct ra_bitmap	 need;	/* the requirements, by privilege */
	struct ra_bitmap	 scratch;
	size_t			*reqof;	/* privilege -> index in req */
};

struct ra_report {
	const struct ra_ctx		 *ctx;
	const struct ra_solution *const *sol;
	size_t				  nsol;
	const struct ra_profile *const	 *prof;
	size_t				  nprof;
	struct ra_profile		  req;	/* the union, min-level applied */
	struct ra_result		 *res;
	size_t				  nres;
	size_t				  npass, nfail, nskip;
	const struct ra_policy *const	 *pol;
	size_t				  npol;
	size_t				  nviol[RA_SEV_ERROR + 1];
	struct ra_misslist		 *list;
};

/* 1 when result R fails: it lacks a requirement or breaks an error row. */
int		 ra_result_fails(const struct ra_result *r);

/* ---- policy.c -------------------------------------------------------- */

/*
 * The table of privilege PI, as the knowledge base knows it: the
 * solution's table's schema name, else the logical name of the knowledge
 * base's table for its base; NULL when no fact names it (never guessed
 * from the privilege's name).
 */
const char	*ra_pinfo_table(const struct ra_pinfo *pi);
/*
 * 1 when row Q is about privilege PI (name, prefix, access right, table
 * and tab, each compared ASCII case-insensitively when given), with
 * RA_VIA_* bits in *VIA for what it matched through "unknown".
 */
int		 ra_prule_matches(const struct ra_prule *q,
		    const struct ra_pinfo *pi, unsigned *via);

struct ra_policy_eval;

/*
 * Hold the roles of REP's results against REP's policies: a
 * ra_policy_eval_new() for the report, ra_policy_eval_role() for each
 * result (of solution R->sol; results of one solution in a row, as the
 * facts of a privilege are cached for the solution), then
 * ra_policy_eval_free().  Each result's violations are sorted and
 * counted into REP->nviol.  NULL / -1 when memory runs out.
 */
struct ra_policy_eval *ra_policy_eval_new(const struct ra_report *rep);
int		 ra_policy_eval_role(struct ra_policy_eval *,
		    struct ra_report *rep, struct ra_result *r);
void		 ra_policy_eval_free(struct ra_policy_eval *);
/*
 * One sentence about violation V of result R, unescaped, into B: the
 * role (unless R is NULL, for a list under the role), what it holds, the
 * policy and its row (FILE:LINE), what the row allows, its reason, and
 * what it matched through "unknown".
 */
void		 ra_violation_message(const struct ra_report *rep,
		    const struct ra_result *r, const struct ra_violation *v,
		    struct ra_buf *b);

/*
 * The missing privileges of result R of REP, R->nmiss of them in report
 * order (tab, then name), into *MISS: valid until the next call for
 * another result of REP (one role at a time, one thread).  0, or -1 when
 * memory runs out.
 */
int		 ra_report_missing(const struct ra_report *rep,
		    const struct ra_result *r, const struct ra_missing **miss);

/*
 * ra_check() of every role, for a caller that may not record
 * diagnostics (explain.c): no role selection.
 */
enum ra_err	 ra_check_every_role(const struct ra_ctx *,
		    const struct ra_solution *const *, size_t nsol,
		    const struct ra_profile *const *, size_t nprof,
		    const struct ra_check_opts *, struct ra_report **out);


/* ---- diff.c --------------------------------------------------------- */

enum ra_pchange {
	RA_PCH_ADDED = 0,
	RA_PCH_REMOVED,
	RA_PCH_RAISED,
	RA_PCH_LOWERED
};

enum ra_rchange {
	RA_RCH_ADDED = 0,
	RA_RCH_REMOVED,
	RA_RCH_CHANGED
};

/*
 * One privilege that differs between the two sides of a role, in 8
 * bytes: a role may have millions.  It keeps what cannot be looked up:
 * the privilege (a catalog index: catalog indices fit in 32 bits), both
 * levels (enum ra_level), how it changed (enum ra_pchange) and whether
 * it escalates.  Its name is the catalog's (ra_pdiff_name()), its
 * reasons are made when it is written (ra_pdiff_reason()); TAB, the
 * catalog's too, is kept for sorting (by tab, then name).
 */
struct ra_pdiff {
	uint32_t	 priv;
	unsigned	 old : 3, new : 3;
	unsigned	 change : 2;
	unsigned	 escalates : 1;
	unsigned	 tab : 5;
};

/*
 * The change from OLD to NEW (they differ) of privilege PRIV, as the
 * diff holds it: how it changed, its tab, whether an escalation rule
 * matches.  For a renderer that shows a change the diff does not list
 * (a privilege of a role only one side has).
 */
struct ra_pdiff	 ra_pdiff_make(const struct ra_ctx *, size_t priv,
		    enum ra_level old, enum ra_level new);
/* The name of P's privilege: the catalog's, borrowed. */
const char	*ra_pdiff_name(const struct ra_ctx *,
		    const struct ra_pdiff *);
/*
 * The escalation reasons of P, joined by "; ", made in B (emptied
 * first; a renderer passes the same buffer for every change), or NULL
 * when P escalates nothing.  "" when memory ran out (B->oom).
 */
const char	*ra_pdiff_reason(const struct ra_ctx *,
		    const struct ra_pdiff *, struct ra_buf *b);

/* A built-in profile whose verdict on a role changed. */
struct ra_ptrans {
	const struct ra_profile	*prof;
	int			 old_pass, new_pass;
};

/* ra_rdiff.unexported: the side whose privileges are not in its export. */
#define RA_UNEXPORTED_OLD	1
#define RA_UNEXPORTED_NEW	2

struct ra_rdiff {
	const struct ra_role	*old, *new;	/* NULL when added/removed */
	enum ra_rchange		 change;
	int			 renamed;
	int			 escalation;	/* some change escalates */
	/*
	 * RA_UNEXPORTED_* bits: a side written unmodified, without its
	 * privileges (ra_role_not_exported()).  Its privileges are not
	 * compared: the role is listed as "privileges not in this export".
	 */
	int			 unexported;
	struct ra_pdiff		*p;
	size_t			 np;
	size_t			 nesc;		/* of P, those escalating */
	struct ra_ptrans	*t;
	size_t			 nt;
};

/*
 * A role added to or removed from an app's role map (an app only one
 * side has: each of its roles).  Added: escalation, a role newly able
 * to open the app.
 */
struct ra_adiff {
	const struct ra_app	*app;		/* the new side's, else old */
	const char		*role_id;
	const struct ra_role	*role;		/* the role of that side, or NULL */
	int			 added;
};

/*
 * A right of a column security profile on a column that changed (a
 * profile or a permission only one side has: each right it grants).
 * Granted read or read-unmasked: escalation, a profile newly able to
 * read a secured column (only secured columns take permissions).
 */
struct ra_cdiff {
	const char		*profile;
	const char		*entity, *attribute;
	enum ra_fright		 right;
	int			 granted;	/* 1 granted, 0 revoked */
	int			 escalation;
	/* Where it is written: the new side's, or the old's (NEW_SIDE 0). */
	const struct ra_fsp	*fsp;
	const struct ra_fperm	*perm;
	int			 new_side;
};

struct ra_diff {
	const struct ra_ctx		 *ctx;
	const struct ra_solution	 *old, *new;
	const struct ra_profile *const	 *prof;
	size_t				  nprof;
	struct ra_rdiff			 *r;
	size_t				  nr, capr;
	size_t				  roles_added, roles_removed;
	size_t				  roles_changed;
	size_t				  roles_not_exported;
	size_t				  added, removed, raised, lowered;
	size_t				  escalations;
	/* Apps' role maps and column permissions (escalations counted). */
	struct ra_adiff			 *ad;
	size_t				  nad, capad;
	struct ra_cdiff			 *cd;
	size_t				  ncd, capcd;
};

const char	*ra_pchange_name(enum ra_pchange);
const char	*ra_rchange_name(enum ra_rchange);

/* ---- lint.c, combine.c, explain.c, redact.c ------------------------- */

/*
 * One lint finding about a role (RA4xx).  MESSAGE is NULL for a finding
 * about a privilege's depth (RA401, RA402), whose message is made when
 * asked for (ra_finding_message()): a role of a million privileges may
 * have a million such findings.
 */
struct ra_finding {
	int			 code;
	enum ra_severity	 severity;
	size_t			 sol;		/* index of the role's input */
	const struct ra_role	*role;
	size_t			 priv;		/* RA_NOPRIV: about the role */
	enum ra_level		 level;		/* held, when about a privilege */
	char			*message;
};

/* The codes of lint's findings: RA_C_LINT_FIRST .. RA_C_LINT_LAST. */
#define RA_C_LINT_FIRST		RA_C_LINT_DEPTH
#define RA_C_LINT_LAST		RA_C_LINT_TEAM
/*
 * How many findings of one code in one input ra_lint_record() makes
 * diagnostics of, before one line that says how many more there are.
 */
#define RA_LINT_DIAG_MAX	3

/*
 * What ra_lint() found: the counts, and what it takes to make each
 * role's findings again when a report comes to that role
 * (ra_lint_role_open()), so that no report holds every role's findings.
 */
struct ra_lint {
	const struct ra_ctx		 *ctx;
	const struct ra_solution *const	 *sol;
	size_t				  nsol;
	size_t				  nrole;
	/* By role of all the inputs: 1 when --team-role names it. */
	unsigned char			 *team;
	int				  unknown;	/* RA402 wanted */
	size_t				  count[RA_SEV_ERROR + 1];
};

/*
 * One role's findings, in report order: those about a privilege's depth
 * (in tab order, then by name), then the role's own by code.  Start LR
 * zeroed; each ra_lint_role_open() replaces what the last one made,
 * reusing its memory; ra_lint_role_free() releases it.  A depth finding
 * is kept as one small record and made whole by ra_lint_role_get(), its
 * message by ra_finding_message(): a role of a million privileges may
 * have a million findings.
 */
struct ra_lint_held;
struct ra_lint_role {
	const struct ra_lint	*ln;
	size_t			 sol;
	const struct ra_role	*role;
	struct ra_lint_held		*priv;		/* with a depth finding */
	size_t			 npriv, cappriv;
	struct ra_finding	 own[3];	/* RA410, RA411, RA420 */
	size_t			 nown;
	size_t			 n;		/* npriv + nown */
	size_t			 count[RA_SEV_ERROR + 1];
	enum ra_severity	 worst;		/* of its findings, if any */
	struct ra_finding	 cur;		/* ra_lint_role_get()'s */
};

/* Make the findings of role ROLE of input SOL into LR; 0 or -1 (memory). */
int		 ra_lint_role_open(struct ra_lint_role *lr,
		    const struct ra_lint *, size_t sol, size_t role);
/*
 * LR's Kth finding, or NULL past the last; valid until the next call or
 * opening.
 */
const struct ra_finding *ra_lint_role_get(struct ra_lint_role *lr, size_t k);
void		 ra_lint_role_free(struct ra_lint_role *lr);
/*
 * The message of finding F of LN: its MESSAGE, or one made in B (valid
 * until B changes).  "" when memory runs out, with B->oom set.
 */
const char	*ra_finding_message(const struct ra_lint *,
		    const struct ra_finding *f, struct ra_buf *b);

/* A role of a combination, and the input it came from. */
struct ra_member {
	size_t			 sol;
	const struct ra_role	*role;
};

/* Who grants one required privilege in a combination. */
struct ra_grant {
	size_t			 member;	/* index into combo->m */
	enum ra_level		 level;
};

struct ra_creq {
	const struct ra_req	*req;
	enum ra_level		 held;		/* the union's level */
	struct ra_grant		*g;		/* highest level first */
	size_t			 ng;
};

struct ra_combo {
	int			 all;		/* every role of the inputs */
	struct ra_member	*m;
	size_t			 nm, capm;
	size_t			 nprivs;	/* distinct, in the union */
	struct ra_creq		*r;		/* tab order, then name */
	size_t			 nr;
	size_t			 nmiss;
};

struct ra_combined {
	const struct ra_ctx		 *ctx;
	const struct ra_solution *const	 *sol;
	size_t				  nsol;
	const struct ra_profile *const	 *prof;
	size_t				  nprof;
	struct ra_profile		  req;	/* the union, as in ra_check() */
	struct ra_combo			 *c;
	size_t				  nc;
	size_t				  npass, nfail;
};

/* The error texts explain.c knows, by index; NULL past the last. */
const struct ra_sigdef *ra_sigdef(int);
/* The table an ObjectTypeCode names, or NULL when explain.c has none. */
const char	*ra_otc_table(long);


/*
 * redact.c: the pseudonym of a role name ("Role " and 12 hex digits) or
 * of a role id (GUID-shaped; "" stays ""), keyed; NULL when memory runs
 * out.
 */
char		*ra_pseudonym_name(const void *key, size_t keylen,
		    const char *name);
char		*ra_pseudonym_id(const void *key, size_t keylen,
		    const char *id);

/* An error text explain.c recognizes, and what it means. */
struct ra_sigdef {
	const char	*code;		/* short name shown in reports */
	const char	*meaning;
	const char	*source;	/* the article, or NULL */
	const char	*profile;	/* built-in profile it belongs to */
};

struct ra_xsig {
	const struct ra_sigdef	*def;
	char			*matched;	/* the text as found */
};

/* Why explain.c talks about a privilege (bits). */
#define RA_XHOW_NAMED	0x1	/* prvName in the text */
#define RA_XHOW_ID	0x2	/* its id, or a prefix of it, in the text */
#define RA_XHOW_IMPLIED	0x4	/* implied by an error or access right */

/* A role's standing on one privilege of an explanation. */
struct ra_xrole {
	size_t			 sol;
	const struct ra_role	*role;
	enum ra_level		 held;
	int			 lacks;
};

/* A built-in profile that lists the privilege, and at which level. */
struct ra_xprof {
	const struct ra_profile	*prof;
	const struct ra_req	*req;
};

struct ra_xpriv {
	size_t			 priv;
	int			 how;		/* RA_XHOW_* */
	char			*idtext;	/* the id as the text gives it */
	char			*why;		/* RA_XHOW_IMPLIED: by what */
	enum ra_level		 required;	/* from the text, or NONE */
	struct ra_xprof		*p;
	size_t			 np;
	struct ra_xrole		*r;
	size_t			 nr;
	size_t			 nlack;
};

struct ra_explanation {
	const struct ra_ctx		 *ctx;
	const struct ra_solution *const	 *sol;
	size_t				  nsol;
	char				  sha256[65];	/* of the text */
	size_t				  textlen;
	const struct ra_profile *const	 *bprof;	/* every built-in */
	size_t				  nbprof;
	/*
	 * Privileges the text names that the catalog lacks, index
	 * ctx->cat.n + i: classified here, as the catalog would, but kept
	 * out of it (the model is read-only).  Entities borrowed.
	 */
	struct ra_privdef		 *extra;
	size_t				  nextra;
	struct ra_xsig			 *s;
	size_t				  ns;
	int				  principal;	/* type=N, or -1 */
	long				  otc;		/* ObjectTypeCode, or -1 */
	char				 *access;	/* AccessRights: X */
	struct ra_xpriv			 *p;
	size_t				  np;
	/* Profiles checked because the text names none of their privileges. */
	struct ra_report		**rep;
	const struct ra_profile		**repprof;	/* rep[i]'s profile */
	size_t				  nrep;
	size_t				  nlacking;	/* distinct roles */
};


/*
 * The definition of privilege PRIV of X, into *D (strings borrowed from
 * X's catalog or X): the catalog's, or one of EXTRA.
 */
void		 ra_explanation_privdef(const struct ra_explanation *,
		    size_t priv, struct ra_privdef *d);

/* ---- privileges.c ---------------------------------------------------- */

/* What is known of one privilege, and why (`roleaudit privileges`). */
struct ra_privrec {
	struct ra_privdef		 def;	/* the catalog's, or classified */
	int				 owned;	/* DEF's name is the list's */
	struct ra_pinfo			 info;
	const struct ra_kb_priv		*kb;	/* its facts, or NULL */
	const struct ra_kb_table	*table;	/* its table's, or NULL */
	const struct ra_kb_conflict	**conf;	/* about it, base or table */
	size_t				 nconf;
};

struct ra_privlist {
	const struct ra_ctx		 *ctx;
	const struct ra_solution *const	 *sol;
	size_t				  nsol;
	int				  asked;	/* names given */
	struct ra_privrec		 *v;
	size_t				  n;
};

/*
 * The privileges NAMES names (N of them, in that order), or with N 0
 * every privilege the knowledge base has a fact about, in tab order and
 * then by name; SOL's tables are considered as in reports.  On RA_OK
 * *OUT belongs to the caller (ra_privileges_free()).
 */
enum ra_err	 ra_privileges_build(const struct ra_ctx *,
		    const char *const *names, size_t n,
		    const struct ra_solution *const *sol, size_t nsol,
		    struct ra_privlist **out);
void		 ra_privileges_free(struct ra_privlist *);

/* ---- apps.c ---------------------------------------------------------- */

/*
 * A table as apps and column security show it: the name the export
 * writes, its Read privilege (prvRead and the base its privileges
 * carry: the knowledge base's, the solution's table's, else a
 * publisher-prefixed schema name itself; NULL when none of these says),
 * that privilege's catalog index (RA_NOPRIV when no input names it) and
 * what ra_pinfo() says of it (display name, tab; Missing Entities and
 * unplaced without a Read privilege).
 */
struct ra_atable {
	const char		*name;
	char			*read;
	size_t			 priv;
	struct ra_privdef	 def;	/* classified when not in the catalog */
	struct ra_pinfo		 pi;
};

/* A role of an app's role map. */
enum ra_amstatus {
	RA_AM_PASS = 0,		/* meets the model-driven-app minimum */
	RA_AM_FAIL,		/* lacks some of it: cannot open the app */
	RA_AM_NOT_EXPORTED,	/* its privileges are not in the export */
	RA_AM_UNKNOWN		/* no input carries the role */
};

struct ra_amap {
	const char		*id;
	size_t			 sol;		/* when ROLE is not NULL */
	const struct ra_role	*role;
	enum ra_amstatus	 status;
	const struct ra_result	*res;		/* its check, when judged */
	/*
	 * How many of the app's tables it cannot read (RA502); which, and
	 * at what depth, ra_apps_unread() says.  Not listed: a role of a
	 * thousand apps' tables times a thousand roles would be a
	 * million entries kept for reports that walk them once.
	 */
	size_t			 nun;
};

struct ra_aapp {
	size_t			 sol;
	const struct ra_app	*app;
	struct ra_atable	*t;
	size_t			 nt;
	struct ra_amap		*m;
	size_t			 nm;
};

/* A role of the inputs that no app maps. */
struct ra_aorphan {
	size_t			 sol;
	const struct ra_role	*role;
};

struct ra_apps {
	const struct ra_ctx		 *ctx;
	const struct ra_solution *const	 *sol;
	size_t				  nsol;
	const struct ra_profile		 *prof;
	enum ra_level			  need;	/* Read depth an app table needs */
	struct ra_report		 *rep;	/* every role against PROF */
	struct ra_aapp			 *a;
	size_t				  na;
	struct ra_aorphan		 *orphan;
	size_t				  norphan;
	size_t				  unmapped_apps;
	size_t				  ncannot;	/* RA501 */
	size_t				  nunread;	/* RA502 */
	size_t				  count[RA_SEV_ERROR + 1];
};

/*
 * Whether mapped role M of app A of AP cannot read A's table T at the
 * depth AP needs (RA502): only a judged role (RA_AM_PASS or FAIL) and a
 * table with a Read privilege can be; *HELD is the depth the role holds
 * (RA_LEVEL_NONE when it cannot be).  In time independent of the app's
 * size: a report walks a role's tables with it.
 */
int		 ra_apps_unread(const struct ra_apps *ap,
		    const struct ra_aapp *a, const struct ra_amap *m, size_t t,
		    enum ra_level *held);
/*
 * The tables of app A that mapped role M cannot read, in the app's
 * order: from a zeroed struct ra_unread, each ra_apps_unread_next()
 * gives the next one in *TB, with the depth M holds in *HELD, and
 * returns 1; then 0, at once when M->nun is 0 and without asking past
 * the last of the M->nun.  The one walk every report makes of them.
 */
struct ra_unread {
	size_t			 t;	/* the next table to ask */
	size_t			 n;	/* tables given so far */
};

int		 ra_apps_unread_next(const struct ra_apps *ap,
		    const struct ra_aapp *a, const struct ra_amap *m,
		    struct ra_unread *it, const struct ra_atable **tb,
		    enum ra_level *held);

/* A column's grant by one profile. */
struct ra_cgrant {
	const struct ra_fsp	*fsp;
	const struct ra_fperm	*perm;
};

struct ra_ccol {
	size_t			 sol;
	const char		*entity, *attribute;
	int			 secured;	/* IsSecured=1 in the input */
	struct ra_atable	 t;		/* its table */
	struct ra_cgrant	*g;		/* by profile name */
	size_t			 ng;
	size_t			 nread;		/* profiles that grant read */
};

/* A permission that grants update or create without read (RA512). */
struct ra_cnoread {
	size_t			 sol;
	const struct ra_fsp	*fsp;
	const struct ra_fperm	*perm;
};

struct ra_columns {
	const struct ra_ctx		 *ctx;
	const struct ra_solution *const	 *sol;
	size_t				  nsol;
	struct ra_ccol			 *c;	/* by input, table, column */
	size_t				  nc;
	struct ra_cnoread		 *nr;
	size_t				  nnr;
	size_t				  nprofiles;
	size_t				  nunreadable;	/* RA511 */
	size_t				  count[RA_SEV_ERROR + 1];
};

/*
 * Fill T for the table NAME (borrowed) of input OWN of SOL; 0, or -1
 * when memory runs out (T then holds nothing to free).
 */
int		 ra_atable_init(const struct ra_ctx *,
		    const struct ra_solution *const *sol, size_t nsol,
		    size_t own, const char *name, struct ra_atable *t);
void		 ra_atable_free(struct ra_atable *);
/* "pass", "fail", "not-exported" or "unknown-role". */
const char	*ra_amstatus_name(enum ra_amstatus);
/* The text reports show for a role id no input carries. */
#define RA_UNKNOWN_ROLE_ID	"unknown role id"

/* ---- findings.c ------------------------------------------------------ */

/*
 * Severities, documented in the man page (FINDINGS):
 *   a role lacks a privilege a profile requires            error
 *   a role holds more than a policy row allows   the row's severity
 *   diff: a change that matches an escalation rule         error
 *   diff: a role no longer passes a profile                error
 *   diff: a change that grants more (added role, privilege
 *         added or raised) and matches no rule             warning
 *   diff: a change that grants less, a rename, a role that
 *         now passes a profile, a role one side of which
 *         holds privileges not in its export               note
 *   input diagnostics                                      their own
 */
#define RA_SEV_MISSING	RA_SEV_ERROR
/* apps and columns (apps.c): RA501, RA502, RA511, RA512. */
#define RA_SEV_APP_OPEN		RA_SEV_ERROR
#define RA_SEV_APP_READ		RA_SEV_WARNING
#define RA_SEV_COL_UNREADABLE	RA_SEV_WARNING
#define RA_SEV_COL_NOREAD	RA_SEV_WARNING

/* One privilege change of a matched role. */
enum ra_severity ra_pdiff_severity(const struct ra_pdiff *);
/*
 * The role's own change: added (an escalation or not), removed or
 * renamed.  Only meaningful when ra_rchange_is_finding() is true.
 */
enum ra_severity ra_rchange_severity(const struct ra_rdiff *);
/*
 * 1 for an added or removed role, or a matched one that was renamed or
 * one of whose sides is not exported (RA_UNEXPORTED_*; a note).
 */
int		 ra_rchange_is_finding(const struct ra_rdiff *);
/* A profile whose verdict on the role changed. */
enum ra_severity ra_ptrans_severity(const struct ra_ptrans *);
/* The worst severity among all findings of R. */
enum ra_severity ra_rdiff_severity(const struct ra_rdiff *);
/*
 * An app role-map change: added an error (escalation), removed a note.
 * A column permission change: read or read-unmasked granted an error
 * (escalation), update or create granted a warning, revoked a note.
 */
enum ra_severity ra_adiff_severity(const struct ra_adiff *);
/*
 * The findings of at least severity MIN, of COUNT: a count per severity
 * (RA_SEV_ERROR + 1 of them), as lint, apps and columns keep them.
 */
size_t		 ra_sev_at_least(const size_t *count, enum ra_severity min);
enum ra_severity ra_cdiff_severity(const struct ra_cdiff *);

/* ---- grid.c ---------------------------------------------------------- */

/*
 * One row of the editor's layout.  In the entity grid (section
 * RA_SECTION_ENTITIES) a row is an entity with a privilege per access
 * right it has: bit k of MASK is set when column k (an enum ra_access)
 * holds one, and the row's privileges are the grid's PRIV[FIRST], ...,
 * one per bit, in column order (read them with ra_grid_cell()).  In the
 * Miscellaneous and Privacy-related sections a row is one privilege, in
 * column RA_ACCESS_NONE, and ACCESS is its access right (usually
 * RA_ACCESS_NONE).  LABEL is borrowed from what ra_pinfo() gives: the
 * entity, else the privilege's name.  UNPLACED: no fact places the
 * row's first privilege.  Small on purpose: a catalog of a million
 * privileges makes up to a million rows.
 */
struct ra_grid_row {
	const char	*label;
	uint32_t	 first;
	uint16_t	 mask;
	unsigned char	 tab;		/* enum ra_tab */
	unsigned char	 section;	/* enum ra_section */
	unsigned char	 access;	/* enum ra_access */
	unsigned char	 unplaced;
};

struct ra_grid {
	struct ra_grid_row	*row;
	size_t			 n;
	uint32_t		*priv;		/* catalog indices, row by row */
};

/* The catalog index of the privilege in column K of R, or RA_NOPRIV. */
static inline size_t
ra_grid_cell(const struct ra_grid *g, const struct ra_grid_row *r,
    unsigned k)
{
	unsigned	 below;

	if (k >= RA_ACCESS__COUNT || !(r->mask & (1u << k)))
		return RA_NOPRIV;
	below = (unsigned)__builtin_popcount(r->mask & ((1u << k) - 1));
	return g->priv[r->first + below];
}

/*
 * Lay out every privilege of CTX's catalog where ra_pinfo() places it,
 * the tables of SOL (NSOL of them) considered: tabs in the editor's
 * order, in each tab the entity rows by entity name, then the
 * Miscellaneous and the Privacy-related privileges by name.  0, or -1
 * when memory runs out (GRID is then freed).  About 28 bytes a privilege
 * once built, up to 52 while it is built.
 */
int		 ra_grid_build(const struct ra_ctx *,
		    const struct ra_solution *const *sol, size_t nsol,
		    struct ra_grid *);
void		 ra_grid_free(struct ra_grid *);
/*
 * The roles of SOL (NSOL inputs), one after the other, as copies that
 * answer ra_bitmap_get() by binary search (ra_bitmap_unpacked()): a grid
 * goes by tab and name, not by index, and asks every role about every
 * row.  NULL when memory runs out.  Free with ra_grid_sets_free() and
 * the same SOL.
 */
struct ra_bitmap *ra_grid_sets(const struct ra_solution *const *sol,
		    size_t nsol);
void		 ra_grid_sets_free(struct ra_bitmap *,
		    const struct ra_solution *const *sol, size_t nsol);


#endif /* RA_ANALYZE_H */
