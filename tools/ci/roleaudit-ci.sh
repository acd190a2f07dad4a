#!/bin/sh
# roleaudit-ci.sh - roleaudit as a pipeline gate: the script that the
# GitHub composite action (action.yml) and the Azure Pipelines template
# (ci/azure-pipelines-roleaudit.yml) run, and that tests/ci/run.sh runs
# on the samples.
#
#   sh tools/ci/roleaudit-ci.sh [--build] [--roleaudit BIN]
#       [--sarif FILE] [--fail-on WHAT] [--profile NAME|CSV]...
#       [--policy NAME|CSV]... [--summary FILE] [--] [PATH...]
#
# It builds roleaudit from this checkout with the README's commands when
# asked (--build: `sh tools/deps.sh`, as root or through sudo, then
# `make`; BUILD in the environment names the build directory, as for
# make), runs `roleaudit check` on the PATHs (solution zips, unpacked
# solution folders, Package Deployer packages) with the profiles and
# --fail-on given, prints the text report, writes SARIF 2.1.0 to FILE
# (default roleaudit.sarif) for github/codeql-action/upload-sarif or an
# Azure artifact, and appends a Markdown summary to FILE, or to
# $GITHUB_STEP_SUMMARY when GitHub sets it.
#
# Lists may also come from the environment, one item a line (how the
# action and the template pass their inputs, unquoted by any shell):
# ROLEAUDIT_PATHS (when no PATH is given), ROLEAUDIT_PROFILES,
# ROLEAUDIT_POLICIES; and ROLEAUDIT_FAIL_ON, ROLEAUDIT_SARIF,
# ROLEAUDIT_BIN.  Empty lines and lines starting with '#' are skipped.
#
# The SARIF's URIs are made relative to the repository's root
# (--sarif-root: ROLEAUDIT_SARIF_ROOT, else GITHUB_WORKSPACE on GitHub,
# BUILD_SOURCESDIRECTORY on Azure Pipelines, else the current folder),
# as code scanning wants them, when this roleaudit has --sarif-root.
#
# --policy is passed to roleaudit only when its --help lists --policy;
# with a roleaudit that has none, a policy given is a usage error (exit
# 2) rather than a gate that silently checks less than it was asked to.
#
# Exit status: roleaudit check's (0 pass, 1 findings as --fail-on says,
# 2 usage, 3 an input could not be read: no SARIF is written then, 4
# system error); 2 for a usage error of this script, 4 when the build
# fails.  On GitHub, the step's outputs `sarif` and `exit-code` are set.
set -u

me=roleaudit-ci
src=$(cd "$(dirname "$0")/../.." && pwd)
usage() {
	echo "$me: $*" >&2
	echo "usage: sh tools/ci/roleaudit-ci.sh [--build] [--roleaudit BIN]" \
	    "[--sarif FILE] [--fail-on WHAT] [--profile P]... [--policy P]..." \
	    "[--summary FILE] [--] [PATH...]" >&2
	exit 2
}

nl='
'
build=0
bin=${ROLEAUDIT_BIN:-}
sarif=${ROLEAUDIT_SARIF:-}
fail_on=${ROLEAUDIT_FAIL_ON:-}
summary=${GITHUB_STEP_SUMMARY:-}
profiles=${ROLEAUDIT_PROFILES:-}
policies=${ROLEAUDIT_POLICIES:-}
paths=

# add LIST ITEM: LIST with ITEM as its last line.
add() {
	case $2 in
	*"$nl"*) usage "a newline in an argument: $2" ;;
	esac
	if [ -z "$1" ]; then printf '%s' "$2"; else printf '%s\n%s' "$1" "$2"; fi
}

while [ $# -gt 0 ]; do
	case $1 in
	--build) build=1 ;;
	--roleaudit|--sarif|--fail-on|--profile|--policy|--summary)
		[ $# -ge 2 ] || usage "$1 needs an argument"
		case $1 in
		--roleaudit) bin=$2 ;;
		--sarif) sarif=$2 ;;
		--fail-on) fail_on=$2 ;;
		--profile) profiles=$(add "$profiles" "$2") ;;
		--policy) policies=$(add "$policies" "$2") ;;
		--summary) summary=$2 ;;
		esac
		shift ;;
	--) shift; break ;;
	-*) usage "unknown option $1" ;;
	*) break ;;
	esac
	shift
done
for p in "$@"; do
	paths=$(add "$paths" "$p")
done
[ -n "$paths" ] || paths=${ROLEAUDIT_PATHS:-}
[ -n "$sarif" ] || sarif=roleaudit.sarif

# The items of a list, without blank lines and comments.
items() {
	printf '%s\n' "$1" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
	    -e '/^$/d' -e '/^#/d'
}
[ -n "$(items "$paths")" ] || usage "no PATH to check (give one, or ROLEAUDIT_PATHS)"

if [ "$build" = 1 ]; then
	# The README's build: the Debian packages (tools/deps.sh installs
	# them as root, and names them otherwise), then make.
	if ! sh "$src/tools/deps.sh" 2>/dev/null; then
		if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then
			sudo sh "$src/tools/deps.sh" || exit 4
		else
			sh "$src/tools/deps.sh" || exit 4
		fi
	fi
	make -C "$src" --no-print-directory ${BUILD:+BUILD="$BUILD"} || exit 4
	[ -n "$bin" ] || bin=$src/${BUILD:-build}/roleaudit
fi
[ -n "$bin" ] || bin=$src/${BUILD:-build}/roleaudit
[ -x "$bin" ] || usage "no roleaudit at $bin (build it with --build)"

if [ -n "$(items "$policies")" ] &&
    ! "$bin" --help 2>/dev/null | grep -q -e '--policy'; then
	usage "policies were given, but this roleaudit has no --policy" \
	    "option: the input is reserved for it"
fi

# The command line of check, one word a line: options, then the paths.
words=
[ -n "$fail_on" ] && words=$(add "$(add "$words" --fail-on)" "$fail_on")
while IFS= read -r p; do
	[ -n "$p" ] && words=$(add "$(add "$words" --profile)" "$p")
done <<EOF
$(items "$profiles")
EOF
while IFS= read -r p; do
	[ -n "$p" ] && words=$(add "$(add "$words" --policy)" "$p")
done <<EOF
$(items "$policies")
EOF
words=$(add "$words" --)
while IFS= read -r p; do
	[ -n "$p" ] && words=$(add "$words" "$p")
done <<EOF
$(items "$paths")
EOF

# check FORMAT [OUTPUT]: roleaudit check with WORDS; its exit status.
check() {
	set -- check --no-progress -f "$@"
	while IFS= read -r w; do
		set -- "$@" "$w"
	done <<EOF
$words
EOF
	"$bin" "$@"
}

echo "$me: $bin check $(printf '%s' "$words" | tr '\n' ' ')" >&2
# A SARIF file left by an earlier run must not be uploaded for this one.
rm -f "$sarif"
mkdir -p "$(dirname "$sarif")" || exit 4
# The report in the log, then the gate's SARIF (diagnostics once).
check text 2>/dev/null
root=${ROLEAUDIT_SARIF_ROOT:-${GITHUB_WORKSPACE:-${BUILD_SOURCESDIRECTORY:-$PWD}}}
if "$bin" --help 2>/dev/null | grep -q -e '--sarif-root'; then
	check sarif --sarif-root "$root" -o "$sarif"
else
	check sarif -o "$sarif"
fi
status=$?
if [ -n "$summary" ]; then
	check md >>"$summary" 2>/dev/null
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
	{
		echo "sarif=$sarif"
		echo "exit-code=$status"
	} >>"$GITHUB_OUTPUT"
fi
if [ "$status" -ge 2 ]; then
	echo "$me: roleaudit check exited $status; $sarif not written" >&2
else
	echo "$me: roleaudit check exited $status; SARIF in $sarif" >&2
fi
exit "$status"
