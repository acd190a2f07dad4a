#!/bin/sh
# deps.sh - build the third-party libraries of the dist binaries from
# Debian's own source packages, as static libraries, one prefix a target:
#
#   OUT/x86_64-w64-mingw32/{include,lib}  for dist/roleaudit.exe
#   OUT/x86_64-linux-gnu/{include,lib}    for dist/roleaudit-linux-x86_64
#
#   sh tools/dist/deps.sh [OUT]		OUT defaults to build/dist-deps
#
# The packages and their versions are those of tools/dist/versions.txt,
# built in its order by the recipes of tools/dist/recipes.sh.  A finished
# build is reused: each library leaves OUT/TARGET/stamps/PACKAGE naming its
# version, the hash of its .dsc and the hash of recipes.sh; a library is
# rebuilt, with every one after it, when its stamp says otherwise.  The
# downloaded sources stay in OUT/src.
#
# Where the sources come from, and how they are checked:
#  - apt's own configuration.  Without deb-src entries for the pinned
#    versions, this script (as root) derives them from the deb entries of
#    /etc/apt/sources.list and /etc/apt/sources.list.d/ for this release
#    (suites CODENAME and CODENAME-*) into
#    /etc/apt/sources.list.d/roleaudit-dist-src.{sources,list}, then runs
#    apt-get update.  No host name is written into the project.
#  - apt-get source checks each downloaded file against the Sources index,
#    whose Release file apt checked against the archive's signing key.
#  - The .dsc must have the SHA-256 recorded in versions.txt (this also
#    covers a .dsc reused from OUT/src without apt).
#  - dpkg-source -x checks each tarball against the .dsc's checksums and
#    refuses a mismatch (no --no-check).  It also tries the .dsc's own
#    OpenPGP signature, which needs the uploaders' keys (debian-keyring,
#    not installed here): without them it warns and goes on, the chain
#    above being what apt itself relies on.
#
# Build tools missing from the machine are installed through
# tools/deps.sh (as root; otherwise it prints the apt-get command).
# DIST_JOBS sets make's job count (default 1: the machine is shared).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
versions=$here/versions.txt
out=${1:-$root/build/dist-deps}
JOBS=${DIST_JOBS:-1}
targets="x86_64-w64-mingw32 x86_64-linux-gnu"
srcfile=/etc/apt/sources.list.d/roleaudit-dist-src
. "$here/recipes.sh"

say() { echo "dist-deps: $*" >&2; }
die() { say "$*"; exit 1; }

# The pins, one "PACKAGE VERSION DSC-SHA256" a line.
pins() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$versions"; }

# dsc PACKAGE VERSION: the .dsc's file name (no epoch in file names).
dsc() { echo "${1}_${2#*:}.dsc"; }

sha() { sha256sum "$1" | cut -d' ' -f1; }

stamp() { echo "$1 $2 $3 $recipe"; }

# fresh TARGET: every library of TARGET is built from the current pins.
fresh() {
	pins | while read -r pkg ver sum; do
		[ "$(cat "$out/$1/stamps/$pkg" 2>/dev/null)" = \
		    "$(stamp "$pkg" "$ver" "$sum")" ] || exit 1
	done
}

# ---- sources ---------------------------------------------------------

# derive_sources CODENAME: deb822 deb-src stanzas for the enabled "deb"
# stanzas of the .sources files, keeping this release's suites only.
derive_sources() {
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && [ "$f" != "$srcfile.sources" ] || continue
		awk -v cn="$1" '
		BEGIN { RS = ""; FS = "\n" }
		{
			out = ""; types = ""; suites = ""; on = "yes"; keep = 0
			for (i = 1; i <= NF; i++) {
				l = $i
				if (l ~ /^#/)
					continue
				if (l ~ /^[ \t]/) {	# continues a field
					if (keep)
						out = out "\n" l
					continue
				}
				k = tolower(l); sub(/:.*/, "", k)
				v = l; sub(/^[^:]*:[ \t]*/, "", v)
				keep = 0
				if (k == "types")
					types = " " v " "
				else if (k == "enabled")
					on = tolower(v)
				else if (k == "suites") {
					n = split(v, s, /[ \t]+/)
					for (j = 1; j <= n; j++)
						if (s[j] == cn ||
						    index(s[j], cn "-") == 1)
							suites = suites " " s[j]
				} else if (k != "architectures") {
					keep = 1
					out = out "\n" l
				}
			}
			if (types ~ / deb / && types !~ / deb-src / &&
			    on != "no" && suites != "")
				printf "Types: deb-src\nSuites:%s%s\n\n", suites, out
		}' "$f"
	done
}

# derive_list CODENAME: deb-src lines for the one-line "deb" entries of
# this release that have no deb-src line beside them.
derive_list() {
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] && [ "$f" != "$srcfile.list" ] || continue
		awk -v cn="$1" '
		$1 == "deb-src" { have[$0] = 1; next }
		$1 == "deb" {
			l = $0
			sub(/^[ \t]*deb[ \t]+/, "", l)
			opt = ""
			if (l ~ /^\[/) {
				opt = l; sub(/\].*/, "]", opt)
				sub(/^\[[^]]*\][ \t]*/, "", l)
				gsub(/[ \t]*arch=[^] \t]*/, "", opt)
				sub(/^\[[ \t]+/, "[", opt)
				if (opt ~ /^\[[ \t]*\]$/)
					opt = ""
			}
			split(l, w, /[ \t]+/)
			if (w[2] == cn || index(w[2], cn "-") == 1)
				want[++n] = "deb-src " (opt == "" ? "" : opt " ") l
		}
		END {
			for (i = 1; i <= n; i++)
				if (!(want[i] in have))
					print want[i]
		}' "$f"
	done
}

# available PACKAGE VERSION: apt's source index has that version.
available() {
	apt-cache showsrc --only-source "$1" 2>/dev/null |
	    grep -qx "Version: $2"
}

# missing: the pins whose .dsc is neither in OUT/src nor in apt's index.
missing() {
	pins | while read -r pkg ver sum; do
		f=$out/src/$(dsc "$pkg" "$ver")
		[ -f "$f" ] && [ "$(sha "$f")" = "$sum" ] && continue
		available "$pkg" "$ver" || echo "$pkg=$ver"
	done
}

enable_sources() {
	need=$(missing)
	[ -z "$need" ] && return 0
	# shellcheck disable=SC2086
	[ "$(id -u)" = 0 ] || die "apt's source index lacks" $need "-" \
	    "as root, this script derives deb-src entries from apt's sources"
	cn=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	[ -n "$cn" ] || die "no VERSION_CODENAME in /etc/os-release"
	derive_sources "$cn" > "$work.sources"
	derive_list "$cn" > "$work.list"
	for ext in sources list; do
		if [ -s "$work.$ext" ]; then
			say "deb-src entries for $cn in $srcfile.$ext"
			cp "$work.$ext" "$srcfile.$ext"
		fi
		rm -f "$work.$ext"
	done
	[ -f "$srcfile.sources" ] || [ -f "$srcfile.list" ] ||
	    die "no deb entries for $cn in the apt sources to derive" \
	    "deb-src entries from"
	apt-get -q -o DPkg::Lock::Timeout=600 update >&2
	need=$(missing)
	# shellcheck disable=SC2086
	[ -z "$need" ] || die "not in apt's source index:" $need "-" \
	    "\`apt-cache showsrc PACKAGE\` lists the versions it has;" \
	    "pin one of them in tools/dist/versions.txt"
}

# fetch PACKAGE VERSION SHA256: the checked .dsc and tarballs in OUT/src.
fetch() {
	f=$out/src/$(dsc "$1" "$2")
	if ! [ -f "$f" ] || [ "$(sha "$f")" != "$3" ]; then
		say "downloading $1 $2"
		(cd "$out/src" &&
		    apt-get source -q --download-only --only-source "$1=$2") >&2 ||
		    die "apt-get source $1=$2 failed"
	fi
	[ "$(sha "$f")" = "$3" ] ||
	    die "$f: its SHA-256 is not the one in tools/dist/versions.txt"
}

# unpack PACKAGE VERSION: the patched source tree in WORK/src/PACKAGE,
# its tarballs checked against the .dsc by dpkg-source.
unpack() {
	[ -f "$work/src/$1/.unpacked" ] && return 0
	rm -rf "$work/src/$1"
	mkdir -p "$work/src"
	dpkg-source -x "$out/src/$(dsc "$1" "$2")" "$work/src/$1" >&2 ||
	    die "dpkg-source -x refused $(dsc "$1" "$2");" \
	    "delete $out/src to download afresh"
	(cd "$work/src/$1" && prepare "$1") > "$work/src/$1.log" 2>&1 ||
	    { tail -20 "$work/src/$1.log" >&2; die "preparing $1 failed"; }
	touch "$work/src/$1/.unpacked"
}

# ---- building --------------------------------------------------------

# build TARGET: the stale libraries of TARGET, and every one after them.
build() {
	TARGET=$1 PREFIX=$out/$1
	target_env "$TARGET"
	PKG_CONFIG_LIBDIR=$PREFIX/lib/pkgconfig PKG_CONFIG_PATH=
	export TARGET PREFIX CC AR RANLIB CFLAGS JOBS PKG_CONFIG_LIBDIR \
	    PKG_CONFIG_PATH
	mkdir -p "$PREFIX/stamps" "$work/$TARGET"
	dirty=no
	pins | while read -r pkg ver sum; do
		s=$PREFIX/stamps/$pkg
		if [ $dirty = no ] &&
		    [ "$(cat "$s" 2>/dev/null)" = "$(stamp "$pkg" "$ver" "$sum")" ]; then
			continue
		fi
		dirty=yes
		rm -f "$s"
		unpack "$pkg" "$ver"
		say "building $pkg $ver for $TARGET"
		d=$work/$TARGET/$pkg
		rm -rf "$d"
		cp -a "$work/src/$pkg" "$d"
		(cd "$d" && "build_$pkg") > "$d.log" 2>&1 ||
		    { tail -30 "$d.log" >&2; die "$pkg for $TARGET failed: $d.log"; }
		rm -rf "$d" "$d.log"
		stamp "$pkg" "$ver" "$sum" > "$s"
	done
	# libtool archives would name the build paths.
	rm -f "$PREFIX"/lib/*.la
}

# The whole of main is read before it runs: editing this file during a
# build does not change the running one.
main() {
	sh "$root/tools/deps.sh" dpkg-dev bzip2 xz-utils file make cmake \
	    autoconf automake libtool gcc-mingw-w64-x86-64-posix \
	    mingw-w64-x86-64-dev

	mkdir -p "$out/src"
	out=$(cd "$out" && pwd)
	work=$out/work
	recipe=$(sha "$here/recipes.sh")

	stale=""
	for t in $targets; do
		fresh "$t" || stale="$stale $t"
	done
	if [ -z "$stale" ]; then
		say "reusing $out (the versions of tools/dist/versions.txt)"
		exit 0
	fi

	enable_sources
	pins | while read -r pkg ver sum; do
		fetch "$pkg" "$ver" "$sum"
	done
	for t in $stale; do
		build "$t"
	done
	for t in $targets; do
		fresh "$t" || die "$t: not every library was built"
	done
	rm -rf "$work"
	say "built$stale in $out"
}

main "$@"; exit
