#!/bin/sh
# run-unit.sh - run the cmocka unit-test binaries and sum their results.
#
#   sh tests/run-unit.sh build/tests/test_*
#
# Each binary runs with its messages on stdout.  Its tests are counted
# from cmocka's own lines: "Running N test(s)" gives the total, each
# "[       OK ]" a pass and each "[  SKIPPED ]" a skip; every other test is
# a failure, so a binary that crashes (a sanitizer report, a signal)
# counts the tests it did not finish as failed.  A binary that exits
# non-zero although all its tests passed (a leak report at exit) counts
# one failure.  The output of a binary with failures is shown in full.
#
# The last line is always "N passed, N failed"; the exit status is 0 only
# when nothing failed.
set -u
LC_ALL=C
export LC_ALL
CMOCKA_MESSAGE_OUTPUT=STDOUT
export CMOCKA_MESSAGE_OUTPUT

passed=0
failed=0
skipped=0
out=$(mktemp "${TMPDIR:-/tmp}/run-unit.XXXXXX") || exit 4
trap 'rm -f "$out"' EXIT
trap 'exit 130' INT TERM

for t in "$@"; do
	name=${t##*/}
	if [ ! -x "$t" ]; then
		echo "$name: not an executable"
		failed=$((failed + 1))
		continue
	fi
	"$t" >"$out" 2>&1
	rc=$?
	# total ok skip, from the lines before cmocka's summary.
	read -r total ok skip <<-EOF
	$(awk '
		/^\[==========\] .*Running [0-9]+ test\(s\)\./ {
			for (i = 1; i <= NF; i++)
				if ($i == "Running")
					total += $(i + 1)
			insum = 0
		}
		/^\[==========\] .*test\(s\) run\./ { insum = 1 }
		!insum && /^\[       OK \] / { ok++ }
		!insum && /^\[  SKIPPED \] / { skip++ }
		END { printf "%d %d %d\n", total, ok, skip }
	' "$out")
	EOF
	bad=$((total - ok - skip))
	note=""
	if [ "$total" -eq 0 ]; then
		bad=1
		note=" (no tests ran, exit status $rc)"
	elif [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1
		note=" (all tests passed but the binary exited with status $rc)"
	fi
	if [ "$bad" -ne 0 ]; then
		cat "$out"
	fi
	if [ "$skip" -ne 0 ]; then
		note="$note ($skip skipped)"
	fi
	echo "$name: $ok passed, $bad failed$note"
	passed=$((passed + ok))
	failed=$((failed + bad))
	skipped=$((skipped + skip))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
