#!/bin/sh
# completion.sh FILE - the bash completion (completions/roleaudit.bash)
# in bash itself: sourced, it registers _roleaudit for roleaudit, and
# completing a few command lines gives what the command table says.
# Runs from the repository root (it completes file names below samples/).
# Skipped when there is no bash.  Ends with "N passed, N failed".
set -u
file=$1
if ! command -v bash >/dev/null 2>&1; then
	echo "completion: skipped: no bash"
	exit 0
fi
cd "$(dirname "$0")/../.." || exit 2
# shellcheck disable=SC2016 # expanded by the bash below, not here
bash -c '
set -u
. "$1" || exit 2
pass=0 fail=0
# expect WANT WORDS...: completing WORDS (the last one under the cursor)
# gives exactly WANT, the words sorted and joined by spaces.
expect() {
	want=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_roleaudit
	got=$(printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " ")
	got=${got% }
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL completing \"$*\": got \"$got\", want \"$want\""
	fi
}
reg=$(complete -p roleaudit 2>&1)
if [ "$reg" = "complete -F _roleaudit roleaudit" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL complete -p roleaudit: $reg"
fi
expect "check" roleaudit ch
expect "diff" roleaudit d
expect "--help" roleaudit --h
expect "--format" roleaudit check --fo
expect "--fail-on --format --full-parse" roleaudit check --f
expect "--lint" roleaudit check --li
expect "" roleaudit diff --li
expect "--role" roleaudit diff --rol
expect "" roleaudit roles --fail
expect "csv html json md sarif text" roleaudit check -f ""
expect "csv html" roleaudit matrix --format ""
expect "csv json sarif text" roleaudit lint -f ""
expect "change error escalation note warning" roleaudit diff --fail-on ""
expect "error" roleaudit check --fail-on e
expect "server-side-sync" roleaudit check -p server
expect "mailbox-approval mailbox-owner" roleaudit diff --profile mailbox-
expect "Deep" roleaudit check --min-level D
expect "always auto" roleaudit roles --colour a
expect "" roleaudit check -j ""
expect "samples/sss-mixed.zip" roleaudit check samples/sss-m
expect "samples/package samples/package-1.0.zip samples/package-backslash.zip samples/package.zip samples/packages" roleaudit diff samples/packag
expect "samples/package.zip" roleaudit check -o out.json samples/package.
expect "" roleaudit profiles samples/sss-m
echo "completion: $pass passed, $fail failed"
[ "$fail" = 0 ]
' sh "$file"
