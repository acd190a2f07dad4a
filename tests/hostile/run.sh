#!/bin/sh
# run.sh BIN - hostile inputs through `roleaudit check` in every format,
# each under a time and memory limit.  Every file must end with the
# expected exit status and diagnostic code, never a crash or a hang, in
# at most a few lines of standard error, and leave nothing behind in the
# -o directory.  Then each goes through `roleaudit diff` against a sound
# sample, as OLD and as NEW: exit 3 for the broken ones, 0 or 1 for the
# others, and each diagnostic printed as often as check prints it (diff
# reads inputs twice; the second reading must not repeat them).  Hostile
# profiles and catalogs go through `check -p` and `check --catalog`.
# Hostile Package Deployer packages (pkg-*) go through both too, and
# those whose limit needs an option to be reached with a small file
# through `check` and `diff` with that option.
#
# Then every resource limit, each with an input at the limit and one just
# past it (bounds/bounds.txt), and the time and memory of the inputs that
# test the budget: a role of a million distinct privileges through every
# command (at most 256 MiB resident and 30 CPU seconds each) and the
# HTML pages of the 2,000-role bench solution (at most 64 MiB), an app
# of 200,000 tables and role ids (128 MiB) and 500 roles that cannot
# read 4,000 app tables each (64 MiB), in every format of apps.
#
# The files are made by tests/hostile/make.py into a scratch directory.
#
# RUNNER, when set, is put before the program: tests/dist/wine.sh for
# dist/roleaudit.exe (make test-dist).  The limits each run is held to
# are printed first, by this rule:
#  - the program starts under 2 GiB of address space: 2 GiB (ulimit -v)
#    and 10 s, and 256 MiB for the streamed SARIF check below;
#  - with a RUNNER: the runner's own address space (wine reserves about
#    1.7 GiB before the program starts) is found first, as the least in
#    which `--version` starts (to 16 MiB), and added to each limit; 20 s;
#  - neither (a sanitizer build reserves terabytes of shadow memory and
#    starts under no such limit): no address-space limit, 60 s, and no
#    256 MiB check.
set -u
LC_ALL=C
export LC_ALL
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# A sanitizer build reserves terabytes of shadow memory and cannot start
# under an address-space limit: it runs under a time limit alone, a
# longer one as it runs several times slower, its resident memory is
# not the program's, and the budget inputs are a tenth the size.
# The limits, by the rule above.  starts KB: --version starts under KB
# of address space.
starts() {
	sh -c 'ulimit -v "$1"; shift; exec "$@" --version' sh "$1" \
	    ${RUNNER:-} "$bin" >/dev/null 2>&1
}
base=0 vlimit=2097152 tlimit=10 scale=1
if [ -n "${RUNNER:-}" ]; then
	lo=0 hi=8388608 tlimit=20
	while [ $((hi - lo)) -gt 16384 ]; do
		mid=$(((lo + hi) / 2))
		if starts $mid; then hi=$mid; else lo=$mid; fi
	done 2>/dev/null
	base=$hi
	echo "hostile: limits: ${RUNNER##*/} needs $((base / 1024)) MiB of address space to start: 2 GiB and 256 MiB on top of that, ${tlimit} s"
elif starts $vlimit 2>/dev/null; then
	echo "hostile: limits: 2 GiB of address space (256 MiB for SARIF), ${tlimit} s"
else
	vlimit=unlimited tlimit=60 scale=0.1
	echo "hostile: limits: the program cannot start under 2 GiB of address space (a sanitizer build): ${tlimit} s only"
fi
# limited KB ARG...: the program with ARG, KB (plus the runner's base)
# of address space and $tlimit seconds.
limited() {
	kb=$1
	shift
	[ "$vlimit" = unlimited ] || kb=$((kb + base))
	[ "$vlimit" = unlimited ] && kb=unlimited
	( ulimit -v "$kb"; exec timeout $tlimit ${RUNNER:-} "$bin" "$@" )
}
python3 "$root/tests/hostile/make.py" "$tmp/in" "$scale" || exit 2

# file                  exit  code on stderr
expect='
bomb-4g.zip             3     RA204
lying-size.zip          3     RA204
understated-size.zip    3     RA204
encrypted.zip           3     RA202
duplicate.zip           3     RA203
case-duplicates.zip     3     RA203
traversal.zip           1     RA206
empty-member.zip        3     RA101
many-members.zip        1     -
truncated.zip           3     RA200
garbage.zip             3     RA200
xxe.zip                 3     RA106
deep.zip                3     RA114
long-name.zip           3     RA112
bad-utf8.zip            3     RA101
overlap-20k.zip         3     RA208
overlap-100k.zip        3     RA208
quoted-overlap.zip      3     RA208
nested-headers.zip      3     RA208
cd-too-large.zip        3     RA208
count-too-large.zip     3     RA208
total-bomb.zip          3     RA204
tiny-100k.zip           1     -
pkg-nested-bomb.zip     3     RA204
pkg-loop.zip            3     RA133
pkg-members-120k.zip    3     RA205
pkg-missing.zip         3     RA130
pkg-bad-config.zip      3     RA101
pkg-xxe.zip             3     RA106
pkg-traversal.zip       3     RA132
pkg-total.zip           1     -
pkg-many-listed.zip     1     -
pkg-many-solutions.zip  1     -
apps-twice-section.zip  3     RA142
apps-noname.zip         3     RA140
apps-twice.zip          3     RA141
apps-long-name.zip      3     RA112
fsp-bad-value.zip       3     RA144
fsp-no-column.zip       3     RA144
fsp-noname.zip          3     RA143
apps-huge.zip           1     -
'
# Limits counted across a package and the zips inside it, with an option
# that brings the limit within reach of a small file.
# option                file              exit  code on stderr
opt_expect='
--max-total-size=1M     pkg-total.zip     3     RA204
--max-members=4         pkg-total.zip     3     RA205
'
# option      file              exit  code on stderr
csv_expect='
-p            profile-1m.csv    2     RA309
--catalog     catalog-1m.csv    2     RA309
'
# Standard error may hold this many lines: a diagnostic or two, not one
# per member or row; of a kind that can come many times, three and a
# line for the rest, and then a warning about the report (SARIF results
# past --max-results).
maxlines=5
# At most $maxlines lines of standard error.
quiet() {
	if [ "$(wc -l <"$tmp/err")" -gt $maxlines ]; then
		echo "FAIL $1: more than $maxlines lines on stderr:"
		head -n $maxlines "$tmp/err" | sed 's/^/    /'
		ok=0
	fi
}
# A broken input (exit 3) must leave nothing in the -o directory.
leftovers() {
	if [ "$want" = 3 ] && [ -n "$(ls -A "$tmp/out")" ]; then
		echo "FAIL $1: left files in the -o directory"
		ok=0
	fi
}
pass=0 fail=0
echo "$expect" | while read -r file want code; do
	[ -n "$file" ] || continue
	for fmt in text csv json html md sarif; do
		mkdir -p "$tmp/out"
		# 2 GiB of address space and 10 s: a bomb must be refused,
		# not inflated.
		limited $vlimit check -f "$fmt" -o "$tmp/out/report" \
		    "$tmp/in/$file" >/dev/null 2>"$tmp/err"
		rc=$?
		ok=1
		if [ "$rc" != "$want" ]; then
			echo "FAIL $file ($fmt): exit $rc, expected $want"
			ok=0
		fi
		if [ "$code" != - ] && ! grep -q "\[$code\]" "$tmp/err"; then
			echo "FAIL $file ($fmt): no $code in:"
			sed 's/^/    /' "$tmp/err"
			ok=0
		fi
		leftovers "$file ($fmt)"
		quiet "$file ($fmt)"
		if [ "$fmt" = csv ] && [ -f "$tmp/out/report" ] &&
		    grep -q '^"[=+@-]\|,"[=+@-]' "$tmp/out/report"; then
			echo "FAIL $file ($fmt): formula-capable CSV cell"
			ok=0
		fi
		[ "$fmt" = text ] && [ "$code" != - ] &&
		    grep -c "\[$code\]" "$tmp/err" >"$tmp/count.$file"
		rm -rf "$tmp/out"
		echo $ok
	done
	sane=$root/samples/sss-mixed.zip
	for pair in "$tmp/in/$file $sane" "$sane $tmp/in/$file"; do
		mkdir -p "$tmp/out"
		# shellcheck disable=SC2086 # the pair splits into OLD NEW
		limited $vlimit diff -f json -o "$tmp/out/report" $pair \
		    >/dev/null 2>"$tmp/err"
		rc=$?
		ok=1
		case "$want/$rc" in
		3/3 | 1/0 | 1/1) ;;
		*)	echo "FAIL diff $file: exit $rc, expected" \
			    "$([ "$want" = 3 ] && echo 3 || echo '0 or 1')"
			ok=0 ;;
		esac
		if [ "$code" != - ] && [ "$(grep -c "\[$code\]" "$tmp/err")" != \
		    "$(cat "$tmp/count.$file")" ]; then
			echo "FAIL diff $file: $code not printed as check prints it:"
			sed 's/^/    /' "$tmp/err"
			ok=0
		fi
		leftovers "diff $file"
		quiet "diff $file"
		rm -rf "$tmp/out"
		echo $ok
	done
done >"$tmp/log"
echo "$csv_expect" | while read -r opt file want code; do
	[ -n "$opt" ] || continue
	limited $vlimit check "$opt" "$tmp/in/$file" \
	    "$root/samples/sss-mixed.zip" >/dev/null 2>"$tmp/err"
	rc=$?
	ok=1
	if [ "$rc" != "$want" ]; then
		echo "FAIL $opt $file: exit $rc, expected $want"
		ok=0
	fi
	if ! grep -q "\[$code\]" "$tmp/err"; then
		echo "FAIL $opt $file: no $code in:"
		head -n $maxlines "$tmp/err" | sed 's/^/    /'
		ok=0
	fi
	quiet "$opt $file"
	echo $ok
done >>"$tmp/log"
echo "$opt_expect" | while read -r opt file want code; do
	[ -n "$opt" ] || continue
	for cmd in "check -f sarif" "diff -f json $root/samples/sss-mixed.zip"; do
		mkdir -p "$tmp/out"
		# shellcheck disable=SC2086 # the command splits into words
		limited $vlimit $cmd "$opt" -o "$tmp/out/report" \
		    "$tmp/in/$file" >/dev/null 2>"$tmp/err"
		rc=$?
		ok=1
		if [ "$rc" != "$want" ]; then
			echo "FAIL $opt $file ($cmd): exit $rc, expected $want"
			ok=0
		fi
		if ! grep -q "\[$code\]" "$tmp/err"; then
			echo "FAIL $opt $file ($cmd): no $code in:"
			sed 's/^/    /' "$tmp/err"
			ok=0
		fi
		leftovers "$opt $file"
		quiet "$opt $file"
		rm -rf "$tmp/out"
		echo $ok
	done
done >>"$tmp/log"
# Reports that are written as they are made: a SARIF check of the 3,000
# roles of many-members.zip fits in 256 MiB (building the whole log as
# one tree took 450 MB).  Not under a sanitizer build, which cannot run
# under an address-space limit.
if [ "$vlimit" != unlimited ]; then
	limited 262144 check -f sarif -o "$tmp/report" \
	    "$tmp/in/many-members.zip" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ "$rc" = 1 ] && [ -s "$tmp/report" ]; then
		echo 1
	else
		echo "FAIL many-members.zip (sarif, 256 MiB): exit $rc"
		sed 's/^/    /' "$tmp/err"
		echo 0
	fi >>"$tmp/log"
fi
# Each limit at its bound and just past it: the exit status, the code.
while read -r name want code stdin args; do
	[ "$stdin" = - ] && stdin=/dev/null
	# shellcheck disable=SC2086 # ARGS splits into the command line
	( cd "$tmp/in/bounds" && limited $vlimit $args <"$stdin" ) \
	    >/dev/null 2>"$tmp/err"
	rc=$?
	ok=1
	if [ "$rc" != "$want" ]; then
		echo "FAIL bound $name: exit $rc, expected $want ($args)"
		sed 's/^/    /' "$tmp/err"
		ok=0
	fi
	if [ "$code" != - ] && ! grep -q "\[$code\]" "$tmp/err"; then
		echo "FAIL bound $name: no $code in:"
		sed 's/^/    /' "$tmp/err"
		ok=0
	fi
	quiet "bound $name"
	echo $ok
done <"$tmp/in/bounds/bounds.txt" >>"$tmp/log"
# The budget: exit status, peak resident memory (MiB) and CPU seconds of
# each run, measured by measure.py under a 1 GiB address-space guard
# (threads reserve address space they do not use) and a wall-clock limit
# (the cores may be shared).  A sanitizer build is held to its exit
# status and the wall-clock limit alone.
# One run per path whose memory could follow the privileges: check keeps
# only what its profiles name but for HTML, --lint and --combine-all;
# diff, lint, matrix and explain keep every privilege.  With
# --unknown-depths the million-misc role has 750,000 lint findings: lint
# writes them all, check --lint prints four lines of them (at most
# $maxlines lines of standard error, as every run here), and SARIF
# writes the first 25,000 results (--max-results) and counts the rest; a
# million privileges of an unknown level print four lines too.  diff of
# million.zip and million-misc.zip: one role, matched by id, whose
# million privileges all differ (1.75 million changes), in every format
# (SARIF: the first 25,000 results).  20 roles lacking each row of a
# 100,000-row profile: check lists one role's missing privileges at a
# time, in every format (in SARIF the first 25,000 of the two million;
# two roles' all with --max-results 0).  apps: an app of 200,000 tables
# and as many unknown role ids, written an element at a time, and 500
# roles each unable to read 4,000 app tables (2,000,000 RA502 findings
# found as they are written, not kept); diff of the wide app writes its
# 200,000 role-map changes a change at a time.
# exit  MiB  CPU s  command line, run in the budget directory
budget='
1  256  30   check -f json million.zip
1  256  30   check -f html million.zip
1  256  30   check --lint -f json million.zip
1  256  30   check --lint --unknown-depths million-misc.zip
1  256  30   check --lint --unknown-depths -f sarif million-misc.zip
0  256  30   lint --unknown-depths million-misc.zip
0  256  30   lint --unknown-depths -f csv million-misc.zip
0  256  30   lint --unknown-depths -f json million-misc.zip
0  256  30   lint --unknown-depths -f sarif million-misc.zip
1  256  30   check --combine-all -f json million.zip
1  256  30   diff -f json million.zip million-edit.zip
1  256  30   diff -f sarif million.zip million-edit.zip
1  256  30   diff -f html million.zip million-edit.zip
1  256  30   diff -f html sample.zip million.zip
1  256  30   diff -f text million.zip million-misc.zip
1  256  30   diff -f csv million.zip million-misc.zip
1  256  30   diff -f json million.zip million-misc.zip
1  256  30   diff -f md million.zip million-misc.zip
1  256  30   diff -f html million.zip million-misc.zip
1  256  30   diff -f sarif million.zip million-misc.zip
0  256  30   lint -f json million-misc.zip
0  256  30   matrix -f csv million.zip
0  256  30   matrix -f html million.zip
0  256  30   explain -f json --text prvReadX0000007 million.zip
1  256  30   check million-bad-level.zip
0  256  30   roles --scan-size 1 million-bad-level.zip
1  64   30   check -f text -p profile-100k.csv roles-20.zip
1  64   30   check -f json -p profile-100k.csv roles-20.zip
1  64   30   check -f sarif --max-results 0 --role R0 --role R1 -p profile-100k.csv roles-20.zip
1  64   30   check -f sarif -p profile-100k.csv roles-20.zip
1  64   30   check -f md -p profile-100k.csv roles-20.zip
1  64   30   check -f html -p profile-100k.csv roles-20.zip
1  64   120  check -f html bench-roles.zip
0  64   120  matrix -f html bench-roles.zip
1  128  30   apps -f text apps-wide.zip
1  128  30   apps -f csv apps-wide.zip
1  128  30   apps -f json apps-wide.zip
1  128  30   apps -f md apps-wide.zip
1  128  30   apps -f html apps-wide.zip
1  128  30   apps -f sarif apps-wide.zip
1  128  30   diff -f json sample.zip apps-wide.zip
1  128  30   diff -f text sample.zip apps-wide.zip
1  64   30   apps -f text apps-product.zip
1  64   30   apps -f csv apps-product.zip
1  64   30   apps -f json apps-product.zip
1  64   30   apps -f md apps-product.zip
1  64   30   apps -f html apps-product.zip
1  64   30   apps -f sarif apps-product.zip
'
cp "$root/samples/sss-mixed.zip" "$tmp/in/budget/sample.zip"
guard=1048576 wall=180 held=1
[ "$vlimit" = unlimited ] && guard=unlimited wall=600 held=0
# Under a RUNNER the resident memory and CPU time measured would be the
# runner's (wine's), not the program's, and wine runs the million-
# privilege inputs several times slower than the program runs them: the
# budget is the Linux build's to hold (make test-dist runs this suite on
# the static Linux binary too).  Said, not skipped silently.
if [ -n "${RUNNER:-}" ]; then
	echo "hostile: budget not run under ${RUNNER##*/}: it measures the program's own memory and CPU, which a runner hides; the Linux builds run it"
	budget=
fi
echo "$budget" | while read -r want mib cpu args; do
	[ -n "$want" ] || continue
	# shellcheck disable=SC2086 # ARGS splits into the command line
	got=$(cd "$tmp/in/budget" && python3 "$root/tests/hostile/measure.py" \
	    $guard $wall /dev/null /dev/null "$tmp/err" -- ${RUNNER:-} "$bin" \
	    $args)
	# shellcheck disable=SC2086 # three numbers
	set -- $got
	rc=$1 kib=$2 secs=$3
	ok=1
	if [ "$rc" != "$want" ]; then
		echo "FAIL budget $args: exit $rc, expected $want"
		sed 's/^/    /' "$tmp/err"
		ok=0
	elif [ "$held" = 1 ] && [ "$kib" -gt $((mib * 1024)) ]; then
		echo "FAIL budget $args: $((kib / 1024)) MiB resident, over $mib"
		ok=0
	elif [ "$held" = 1 ] &&
	    awk -v s="$secs" -v c="$cpu" 'BEGIN { exit !(s > c) }'; then
		echo "FAIL budget $args: $secs CPU seconds, over $cpu"
		ok=0
	fi
	quiet "budget $args"
	echo $ok
done >>"$tmp/log"
grep -v '^[01]$' "$tmp/log"
pass=$(grep -c '^1$' "$tmp/log")
fail=$(grep -c '^0$' "$tmp/log")
echo "hostile: $pass passed, $fail failed"
[ "$fail" = 0 ]
