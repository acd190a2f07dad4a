#!/bin/sh
# run.sh - build the libFuzzer targets with clang and run each one.
#
#   sh tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
#
# TARGET is a name such as `xml` or `fuzz_xml`; default: every
# tests/fuzz/fuzz_*.c.  The library (src/*/*.c but src/cli/, and the
# BUILD_DIR/data.c that `make BUILD=BUILD_DIR BUILD_DIR/data.c` generates)
# is compiled once with coverage and ASan+UBSan; each target is linked
# against it as BUILD_DIR/fuzz_X.  Each target then runs SECONDS seconds
# on a scratch copy of its corpus, BUILD_DIR/corpus/X/ (the committed
# tests/fuzz/corpus/X/ is never written); new crashers go to
# BUILD_DIR/crashes/X/ and the log to BUILD_DIR/logs/fuzz_X.log.  Prints
# one line per target and exits 1 when a target found a crash, leak,
# timeout or OOM.
#
# Environment: CC (default clang), FUZZ_CFLAGS (added to every compile,
# e.g. -fno-sanitize=... to look past a known finding), FUZZ_ARGS (added
# to every libFuzzer run, e.g. -jobs=2).
set -eu
LC_ALL=C
export LC_ALL

if [ $# -lt 2 ]; then
	echo "usage: sh tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]" >&2
	exit 2
fi
build=$1
secs=$2
shift 2
case $build in
/*)	;;
*)	build=$PWD/$build ;;
esac
cd "$(dirname "$0")/../.."

cc=${CC:-clang}
case $cc in
cc|gcc|*/gcc*|gcc-*)	cc=clang ;;	# make's default CC cannot do libFuzzer
esac
# The Makefile's PKGS, the libraries every link of roleaudit takes.
pkgs=$(${MAKE:-make} --no-print-directory -s pkgs)
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined ${FUZZ_CFLAGS:-}"
# With ISA-L in the build, fuzz_zip reaches its inflate (src/input/zip.c).
case " $pkgs " in *" libisal "*) isal=-DRA_HAVE_ISAL ;; *) isal= ;; esac
# shellcheck disable=SC2086
cflags="-std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fno-omit-frame-pointer
    -Iinclude -Isrc -I$build $isal $(pkg-config --cflags $pkgs)"
# shellcheck disable=SC2086
libs="$(pkg-config --libs $pkgs) -lcsv"

if [ $# -eq 0 ]; then
	set -- tests/fuzz/fuzz_*.c
fi
targets=
for t in "$@"; do
	t=${t##*/}
	t=${t%.c}
	t=fuzz_${t#fuzz_}
	if [ ! -f "tests/fuzz/$t.c" ]; then
		echo "run.sh: no tests/fuzz/$t.c" >&2
		exit 2
	fi
	targets="$targets $t"
done

mkdir -p "$build/obj" "$build/logs" "$build/dict"
${MAKE:-make} --no-print-directory BUILD="$build" "$build/data.c" >/dev/null

echo "fuzz: compiling the library with $cc into $build/obj"
objs=
for src in src/*/*.c "$build/data.c"; do
	case $src in
	src/cli/*)	continue ;;
	esac
	obj=$build/obj/$(echo "${src#src/}" | tr / _ | sed 's/\.c$//').o
	# shellcheck disable=SC2086
	$cc $cflags $san -fsanitize=fuzzer-no-link -c -o "$obj" "$src"
	objs="$objs $obj"
done
for t in $targets; do
	# shellcheck disable=SC2086
	$cc $cflags $san -fsanitize=fuzzer -o "$build/$t" "tests/fuzz/$t.c" \
	    $objs $libs
done

# fuzz_check reads zips and XML: give it both dictionaries.
cat tests/fuzz/dict/xml.dict tests/fuzz/dict/zip.dict > "$build/dict/check.dict"

failed=0
for t in $targets; do
	name=${t#fuzz_}
	case $name in
	check)	dict=$build/dict/check.dict ;;
	zipdir)	dict=tests/fuzz/dict/zip.dict ;;
	*)	dict=tests/fuzz/dict/$name.dict ;;
	esac
	corpus=$build/corpus/$name
	crashes=$build/crashes/$name
	log=$build/logs/$t.log
	mkdir -p "$corpus" "$crashes"
	cp tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null || true
	before=$(find "$crashes" -type f | wc -l)
	set +e
	# shellcheck disable=SC2086
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	"$build/$t" -max_total_time="$secs" -max_len=65536 \
	    -rss_limit_mb=2048 -timeout=10 -dict="$dict" \
	    -artifact_prefix="$crashes/" -print_final_stats=1 \
	    ${FUZZ_ARGS:-} "$corpus" >"$log" 2>&1
	rc=$?
	set -e
	after=$(find "$crashes" -type f | wc -l)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
	    tail -n 1)
	last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 |
	    sed -e 's/^#[0-9]*[[:space:]]*[A-Z]*[[:space:]]*//')
	if [ "$rc" -eq 0 ] && [ "$after" -eq "$before" ]; then
		echo "ok    $t: ${execs:-?} execs, $last"
	else
		echo "CRASH $t: exit $rc; new inputs in $crashes/ (log $log)"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" |
		    head -n 5 | sed -e 's/^/      /'
		failed=$((failed + 1))
	fi
done
total=$(echo $targets | wc -w)
echo "fuzz: $((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
