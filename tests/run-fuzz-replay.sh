#!/bin/sh
# run-fuzz-replay.sh - replay every committed fuzz corpus input through the
# plain-main() builds of the libFuzzer targets (no clang needed).
#
#   sh tests/run-fuzz-replay.sh build/fuzz/fuzz_X-replay...
#
# build/fuzz/fuzz_X-replay runs over tests/fuzz/corpus/X/.  A target passes
# when its replay exits 0 (under `make check` the sanitizers make any
# memory error or leak a failure, and the failing input is the last
# `Running:` line shown).  FUZZ_CORPUS overrides tests/fuzz/corpus.  One
# line per target, then `N passed, N failed`; exits 1 when a target failed.
set -u
LC_ALL=C
export LC_ALL

# Under UBSan, a finding comes with its stack.
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export UBSAN_OPTIONS

corpus_root=${FUZZ_CORPUS:-tests/fuzz/corpus}
pass=0
fail=0
log=$(mktemp "${TMPDIR:-/tmp}/fuzz-replay.XXXXXX") || exit 2
trap 'rm -f "$log"' EXIT
trap 'exit 130' INT TERM

for bin in "$@"; do
	name=$(basename "$bin")
	name=${name%-replay}
	target=${name#fuzz_}
	dir=$corpus_root/$target
	if [ ! -d "$dir" ]; then
		echo "FAIL $name: no corpus directory $dir"
		fail=$((fail + 1))
		continue
	fi
	if "$bin" "$dir" >"$log" 2>&1; then
		echo "ok   $name: $(tail -n 1 "$log")"
		pass=$((pass + 1))
	else
		rc=$?
		echo "FAIL $name: exit status $rc"
		sed -e 's/^/    /' "$log" | tail -n 40
		fail=$((fail + 1))
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
