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
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 "$root/tests/hostile/make.py" "$tmp/in" || exit 2

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
'
# option      file              exit  code on stderr
csv_expect='
-p            profile-1m.csv    2     RA309
--catalog     catalog-1m.csv    2     RA309
'
# Standard error may hold this many lines: a diagnostic or two, not one
# per member or row.
maxlines=4
# The limits, by the rule above.  starts KB: --version starts under KB
# of address space.
starts() {
	sh -c 'ulimit -v "$1"; shift; exec "$@" --version' sh "$1" \
	    ${RUNNER:-} "$bin" >/dev/null 2>&1
}
base=0 vlimit=2097152 tlimit=10
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
	vlimit=unlimited tlimit=60
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
grep -v '^[01]$' "$tmp/log"
pass=$(grep -c '^1$' "$tmp/log")
fail=$(grep -c '^0$' "$tmp/log")
echo "hostile: $pass passed, $fail failed"
[ "$fail" = 0 ]
