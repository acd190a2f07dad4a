#!/bin/sh
# run.sh DIST BUILD - make test-dist: the binaries of make dist, tested
# as they ship.
#
#   sh tests/dist/run.sh dist build
#
#  1. binaries: DIST/roleaudit-linux-x86_64 is a static ELF (`file` says
#     so) that runs in an empty environment (env -i); DIST/roleaudit.exe
#     is a 64-bit Windows console program that imports Windows' own DLLs
#     only; neither holds libxml2's network clients (nanohttp, nanoftp):
#     none of their strings, which are first shown to be found in the
#     system's libxml2 when it is installed; SHA256SUMS holds for both.
#  2. the golden suite (VARIANT=dist) and the hostile suite against the
#     static binary;
#  3. the same against roleaudit.exe under wine (tests/dist/wine.sh as
#     RUNNER, VARIANT="dist windows"), in the prefix BUILD/wine;
#  4. tests/dist/windows.sh: what only the Windows build has (UTF-8
#     names, -o replacing a file, the NUL device), against the static
#     binary's results;
#  5. corpus: every real solution of ../shared/corpus/real, zip or
#     unpacked folder, through `check -f json` by both binaries, whose
#     standard output, standard error and exit status must be the same
#     byte for byte; 0 passed, 0 failed when ../shared is absent.
#
# Each part ends with its `N passed, N failed` line; the last line sums
# the parts.  Needs wine and wine64 (make test-dist installs them).
set -u
LC_ALL=C
export LC_ALL
if [ $# != 2 ]; then
	echo "usage: sh tests/dist/run.sh DIST BUILD" >&2
	exit 2
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
dist=$(cd "$1" && pwd) || exit 2
build=$(mkdir -p "$2" && cd "$2" && pwd) || exit 2
linux=$dist/roleaudit-linux-x86_64
exe=$dist/roleaudit.exe
for f in "$linux" "$exe" "$dist/SHA256SUMS"; do
	[ -f "$f" ] || { echo "test-dist: no $f: run make dist" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM
parts=0 failed=0

# part NAME COMMAND...: one part, its output shown, its status counted.
part() {
	name=$1
	shift
	echo "== $name"
	parts=$((parts + 1))
	"$@" || { failed=$((failed + 1)); echo "== $name: FAILED"; }
}

# ---- 1. the binaries -------------------------------------------------

# Strings of libxml2's HTTP and FTP clients (nanohttp.c, nanoftp.c).
net='nanohttp|nanoftp|NanoHTTP|NanoFTP|Accept-Encoding: gzip|http_proxy'
net="$net|ftp_proxy|no_proxy|USER anonymous|Invalid answer to PASV"

binaries() {
	pass=0 fail=0
	ok() { pass=$((pass + 1)); }
	no() { fail=$((fail + 1)); echo "FAIL $*"; }
	case $(file -b "$linux") in
	*ELF\ 64-bit*x86-64*statically\ linked*) ok ;;
	*) no "$linux: not a static x86-64 ELF: $(file -b "$linux")" ;;
	esac
	if env -i "$linux" --version | grep -q '^roleaudit [0-9]' &&
	    env -i "$linux" check samples/sss-pass.zip >/dev/null; then
		ok
	else
		no "$linux does not run in an empty environment"
	fi
	case $(file -b "$exe") in
	PE32+\ executable\ \(console\)\ x86-64*) ok ;;
	*) no "$exe: not a 64-bit console program: $(file -b "$exe")" ;;
	esac
	dlls=$(x86_64-w64-mingw32-objdump -p "$exe" |
	    sed -n 's/^[[:space:]]*DLL Name: //p' | tr 'a-z' 'A-Z' | sort -u)
	other=$(echo "$dlls" | grep -vxE 'KERNEL32.DLL|MSVCRT.DLL|ADVAPI32.DLL|WS2_32.DLL|USER32.DLL|SHELL32.DLL|BCRYPT.DLL')
	if [ -n "$dlls" ] && [ -z "$other" ]; then
		ok
	else
		no "$exe imports DLLs Windows lacks: ${other:-(none found)}"
	fi
	sys=/usr/lib/x86_64-linux-gnu/libxml2.so.2
	if [ -f "$sys" ]; then
		# The check can see them: Debian's libxml2 has both clients.
		if [ "$(strings "$sys" | grep -cE "$net")" -ge 5 ]; then
			ok
		else
			no "the network strings are not found in $sys"
		fi
	fi
	for b in "$linux" "$exe"; do
		if strings "$b" | grep -qE "$net"; then
			no "$b holds libxml2's network code:" \
			    "$(strings "$b" | grep -E "$net" | head -3)"
		else
			ok
		fi
	done
	if (cd "$dist" && sha256sum -c --quiet SHA256SUMS); then
		ok
	else
		no "SHA256SUMS does not match"
	fi
	echo "binaries: $pass passed, $fail failed"
	[ "$fail" = 0 ]
}

part binaries binaries

# ---- 2. the static Linux binary --------------------------------------

part "golden, $linux" env VARIANT=dist sh tests/run-golden.sh "$linux"
part "hostile, $linux" sh tests/hostile/run.sh "$linux"

# ---- 3. roleaudit.exe under wine -------------------------------------

WINEPREFIX=$build/wine
export WINEPREFIX
wine=$root/tests/dist/wine.sh
# A prefix of its own, made once; wineserver kept running meanwhile
# (each start otherwise waits for a new one), and stopped at the end.
if [ ! -f "$WINEPREFIX/system.reg" ]; then
	echo "test-dist: making the wine prefix $WINEPREFIX"
	"$wine" wineboot --init >/dev/null 2>&1
fi
WINEDEBUG=-all wineserver -p 2>/dev/null
trap 'WINEDEBUG=-all wineserver -k 2>/dev/null; rm -rf "$tmp"' EXIT
if [ "$("$wine" "$exe" --version 2>/dev/null | tr -d '\r' |
    grep -c '^roleaudit [0-9]')" != 1 ]; then
	echo "test-dist: $exe does not start under wine" >&2
	exit 1
fi

part "golden, $exe (wine)" env RUNNER="$wine" VARIANT="dist windows" \
    sh tests/run-golden.sh "$exe"
part "hostile, $exe (wine)" env RUNNER="$wine" sh tests/hostile/run.sh "$exe"

# ---- 4. what only Windows has ----------------------------------------

part "windows, $exe (wine)" sh tests/dist/windows.sh "$exe" "$linux" "$wine"

# ---- 5. real solutions: the same JSON --------------------------------

corpus() {
	pass=0 fail=0
	real=../shared/corpus/real
	if [ ! -d "$real" ]; then
		echo "corpus: $real is absent: nothing to compare"
	else
		# Zips, and the folders that hold an unpacked solution's Roles/.
		{
			find "$real" -name '*.zip' -type f
			find "$real" -type d -name Roles | sed 's|/Roles$||'
		} | LC_ALL=C sort >"$tmp/inputs"
		while IFS= read -r in; do
			"$linux" check -f json "$in" >"$tmp/l.out" 2>"$tmp/l.err"
			echo $? >"$tmp/l.rc"
			"$wine" "$exe" check -f json "$in" >"$tmp/w.out" \
			    2>"$tmp/w.err" </dev/null
			echo $? >"$tmp/w.rc"
			if cmp -s "$tmp/l.out" "$tmp/w.out" &&
			    cmp -s "$tmp/l.err" "$tmp/w.err" &&
			    cmp -s "$tmp/l.rc" "$tmp/w.rc"; then
				pass=$((pass + 1))
			else
				fail=$((fail + 1))
				echo "FAIL $in: the JSON, diagnostics or exit status differ"
				diff "$tmp/l.out" "$tmp/w.out" | head -10
				diff "$tmp/l.err" "$tmp/w.err" | head -5
			fi
		done <"$tmp/inputs"
	fi
	echo "corpus: $pass passed, $fail failed"
	[ "$fail" = 0 ]
}

part "corpus, check -f json: $linux and $exe" corpus

echo "test-dist: $((parts - failed)) parts passed, $failed failed"
[ "$failed" = 0 ]
