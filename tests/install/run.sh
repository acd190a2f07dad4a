#!/bin/sh
# run.sh BUILD - what `make install` installs, used as a user would.
#
#   1. `make install DESTDIR=STAGE PREFIX=/opt/roleaudit`: every file in
#      its place under STAGE, and roleaudit.pc naming /opt/roleaudit (the
#      prefix, never the staging folder) with the Requires.private and
#      Libs.private that a static libroleaudit.a needs;
#   2. tests/install/audit.c built with the flags of
#      `PKG_CONFIG_PATH=... pkg-config --cflags --libs --static roleaudit`
#      against the staged header and library (the staging folder put
#      before the prefix's directories, as a sysroot would), and run on a
#      sample solution and a sample package;
#   3. the same with PREFIX=TMP/prefix and no DESTDIR, built with
#      pkg-config's flags alone;
#   4. the installed program and man page, and the installed bash
#      completion sourced in bash.
#
# BUILD is the build directory whose objects are installed (`make check`
# passes its own, with SAN, the sanitizer flags, which the program is
# linked with too).  Ends with "N passed, N failed".
set -u
LC_ALL=C
export LC_ALL
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
san=${SAN:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0

ok() {
	pass=$((pass + 1))
}

no() {
	fail=$((fail + 1))
	echo "FAIL $*"
}

# same WHAT GOT WANT
same() {
	if [ "$2" = "$3" ]; then ok; else no "$1: got '$2', want '$3'"; fi
}

# install DESTDIR PREFIX: make install, quietly unless it fails.
install_to() {
	# A make of its own, not a part of the caller's (jobs, variables).
	if ! MAKEFLAGS= MAKELEVEL= make -C "$root" --no-print-directory \
	    BUILD="$build" SAN="$san" DESTDIR="$1" PREFIX="$2" install \
	    >"$tmp/install.log" 2>&1; then
		no "make install DESTDIR=$1 PREFIX=$2:"
		sed 's/^/    /' "$tmp/install.log"
		return 1
	fi
	ok
}

# build NAME FLAGS...: tests/install/audit.c into $tmp/NAME.
build_audit() {
	name=$1
	shift
	# shellcheck disable=SC2086 # SAN and the flags are lists of words
	if ! cc -std=c11 -Wall -Wextra -Werror $san "$@" -o "$tmp/$name" \
	    "$root/tests/install/audit.c" $flags >"$tmp/cc.log" 2>&1; then
		no "cc audit.c $* $flags:"
		sed 's/^/    /' "$tmp/cc.log"
		return 1
	fi
	ok
}

# run_audit NAME: the program on a solution and on a package.
run_audit() {
	same "$1 samples/sss-mixed.zip" \
	    "$("$tmp/$1" "$root/samples/sss-mixed.zip" 2>&1)" "3 roles, 2 fail"
	same "$1 samples/package.zip" \
	    "$("$tmp/$1" "$root/samples/package.zip" 2>&1)" "5 roles, 3 fail"
}

# 1. Staged.
stage=$tmp/stage
prefix=/opt/roleaudit
if install_to "$stage" "$prefix"; then
	for f in bin/roleaudit lib/libroleaudit.a include/roleaudit.h \
	    share/man/man1/roleaudit.1 lib/pkgconfig/roleaudit.pc \
	    share/bash-completion/completions/roleaudit; do
		if [ -f "$stage$prefix/$f" ]; then ok; else no "not installed: $f"; fi
	done
	export PKG_CONFIG_PATH="$stage$prefix/lib/pkgconfig"
	pc() { pkg-config "$@" roleaudit 2>&1; }
	same "prefix" "$(pc --variable=prefix)" "$prefix"
	same "libdir" "$(pc --variable=libdir)" "$prefix/lib"
	same "includedir" "$(pc --variable=includedir)" "$prefix/include"
	# The libraries of this build: ISA-L's only where it was found.
	same "Requires.private" "$(pc --print-requires-private | sort | tr '\n' ' ')" \
	    "$(make -s --no-print-directory -C "$root" pkgs | tr ' ' '\n' |
	    sort | tr '\n' ' ')"
	same "version" "$(pc --modversion)" \
	    "$(sed -n 's/^#define RA_VERSION[^"]*"\(.*\)"/\1/p' \
	    "$root/include/roleaudit.h")"
	if grep -q "$tmp" "$stage$prefix/lib/pkgconfig/roleaudit.pc"; then
		no "roleaudit.pc names the staging folder"
	else
		ok
	fi
	if flags=$(pkg-config --cflags --libs --static roleaudit); then
		for l in -lroleaudit -lcsv -lxml2 -lzip -ljansson -lnettle; do
			case " $flags " in
			*" $l "*) ok ;;
			*) no "pkg-config --libs --static: no $l in $flags" ;;
			esac
		done
		build_audit staged -I"$stage$prefix/include" \
		    -L"$stage$prefix/lib" && run_audit staged
	else
		no "pkg-config --cflags --libs --static roleaudit failed"
	fi
	unset PKG_CONFIG_PATH
	same "installed roleaudit --version" \
	    "$("$stage$prefix/bin/roleaudit" --version 2>&1 | head -n 1 |
	    cut -d ' ' -f 1)" "roleaudit"
	if command -v bash >/dev/null 2>&1; then
		same "installed completion" "$(bash -c '. "$1" &&
		    complete -p roleaudit' sh \
		    "$stage$prefix/share/bash-completion/completions/roleaudit" \
		    2>&1)" "complete -F _roleaudit roleaudit"
	fi
fi

# 3. Installed where it is used: pkg-config's flags alone.
if install_to "" "$tmp/prefix"; then
	flags=$(PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" \
	    pkg-config --cflags --libs --static roleaudit)
	build_audit prefixed && run_audit prefixed
fi

echo "install: $pass passed, $fail failed"
[ "$fail" = 0 ]
