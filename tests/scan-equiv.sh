#!/bin/sh
# scan-equiv.sh BIN - the <Roles> scan (scan_roles.c) must not change any
# result.  Every golden case that reads inputs is run again with
# --scan-size 1, so that each customizations.xml goes through the scan,
# and must give the same standard output, standard error and exit status.
set -u
LC_ALL=C
export LC_ALL
# HTML reports show when they were made: a fixed time keeps them stable.
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH
unset NO_COLOR
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
for dir in tests/golden/*/; do
	case=$(basename "$dir")
	OUT=$tmp/out.$case
	mkdir -p "$OUT"
	export OUT
	eval "set -- $(cat "$dir/args")"
	case "${1:-}" in
	check|roles|diff|matrix) ;;
	*) continue ;;
	esac
	cmd=$1
	shift
	"$bin" "$cmd" --scan-size 1 "$@" >"$tmp/out.raw" 2>"$tmp/err.raw" \
	    </dev/null
	echo $? >"$tmp/rc"
	for f in out err; do
		sed "s|$OUT|\$OUT|g" "$tmp/$f.raw" >"$tmp/$f"
	done
	# --help text is the only place the flag itself shows.
	if cmp -s "$dir/expect.out" "$tmp/out" &&
	    cmp -s "$dir/expect.err" "$tmp/err" &&
	    cmp -s "$dir/expect.rc" "$tmp/rc"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $case with --scan-size 1:"
		for f in out err rc; do
			diff -u "$dir/expect.$f" "$tmp/$f" | sed 's/^/    /' |
			    head -20
		done
	fi
done
echo "scan-equiv: $pass passed, $fail failed"
[ $fail = 0 ]
