# recipes.sh - how tools/dist/deps.sh builds each library, sourced by it.
# The hash of this file is in every stamp: editing it rebuilds them all.
#
# target_env TARGET sets the compiler and flags of a target; prepare
# PACKAGE runs once in the unpacked source tree; build_PACKAGE runs in a
# copy of that tree for each target, with TARGET, PREFIX (the install
# prefix), CC, AR, RANLIB, CFLAGS and JOBS set, and installs into PREFIX.
# Only static libraries are built, with only what roleaudit calls.

target_env() {
	case $1 in
	*-mingw32) CC=$1-gcc-posix ;;	# threads through winpthreads
	*) CC=$1-gcc ;;
	esac
	AR=$1-ar RANLIB=$1-ranlib
	CFLAGS="-O2 -ffunction-sections -fdata-sections"
}

prepare() {
	case $1 in
	libcsv|jansson|libxml2)
		# As Debian's build does (dh_autoreconf): the patches touch
		# Makefile.am, and jansson ships no configure script.
		autoreconf -fi ;;
	esac
}

autotools() {	# autotools CONFIGURE-OPTION...
	./configure --host="$TARGET" --prefix="$PREFIX" --disable-shared \
	    --enable-static --disable-dependency-tracking "$@"
	make -j"$JOBS"
	make install
}

build_zlib() {
	# zlib's own configure, as Debian's build uses; it knows mingw by CHOST.
	CHOST=$TARGET ./configure --static --prefix="$PREFIX"
	make -j"$JOBS" libz.a
	make install
}

build_libcsv() {
	autotools
}

build_jansson() {
	autotools
}

build_libxml2() {
	# --with-minimum turns every optional part off; the --with options
	# name what roleaudit calls: xmlCreatePushParserCtxt and SAX2
	# callbacks from several threads, the tree API and
	# htmlNodeDumpFormatOutput for the HTML report.  The --without
	# options say again what must stay out: network code, converters
	# beyond the built-in UTF-8, UTF-16 and ISO-8859-1, compression.
	autotools --with-minimum --with-threads --with-push --with-tree \
	    --with-output --with-html --without-http --without-ftp \
	    --without-iconv --without-icu --without-zlib --without-lzma
}

build_libzip() {
	# Deflate through zlib only: no bzip2, lzma or crypto libraries
	# (without them libzip has no AES; roleaudit refuses encryption).
	case $TARGET in
	*-mingw32) set -- -DCMAKE_SYSTEM_NAME=Windows \
	    -DCMAKE_RC_COMPILER="$TARGET-windres" ;;
	*) set -- ;;
	esac
	cmake -S . -B build "$@" -DCMAKE_C_COMPILER="$CC" \
	    -DCMAKE_AR="$(command -v "$AR")" \
	    -DCMAKE_RANLIB="$(command -v "$RANLIB")" \
	    -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_BUILD_TYPE= \
	    -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_INSTALL_LIBDIR=lib \
	    -DCMAKE_FIND_ROOT_PATH="$PREFIX" \
	    -DCMAKE_FIND_ROOT_PATH_MODE_PROGRAM=NEVER \
	    -DCMAKE_FIND_ROOT_PATH_MODE_LIBRARY=ONLY \
	    -DCMAKE_FIND_ROOT_PATH_MODE_INCLUDE=ONLY \
	    -DCMAKE_FIND_ROOT_PATH_MODE_PACKAGE=ONLY \
	    -DZLIB_INCLUDE_DIR="$PREFIX/include" \
	    -DZLIB_LIBRARY="$PREFIX/lib/libz.a" \
	    -DBUILD_SHARED_LIBS=OFF -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF \
	    -DENABLE_COMMONCRYPTO=OFF -DENABLE_GNUTLS=OFF \
	    -DENABLE_MBEDTLS=OFF -DENABLE_OPENSSL=OFF \
	    -DENABLE_WINDOWS_CRYPTO=OFF -DBUILD_TOOLS=OFF \
	    -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF
	cmake --build build -j "$JOBS"
	cmake --install build
}

build_nettle() {
	# libnettle.a alone, for SHA-256: --disable-public-key leaves out
	# libhogweed and with it GMP.  --enable-fat (nettle's default, and
	# Debian's build, said here): x86_64 assembly whose SHA-256 takes the
	# SHA-NI instructions at run time where the processor has them and
	# the plain x86_64 code where not.  For mingw too, with no fallback
	# to --disable-assembler: nettle's assembly follows the Windows
	# calling convention there (W64_ABI) and its dispatch needs only
	# cpuid (checked: libnettle.a has _nettle_sha256_compress_sha_ni).
	# --libdir: nettle's configure would pick lib64 on some hosts.
	./configure --host="$TARGET" --prefix="$PREFIX" --libdir="$PREFIX/lib" \
	    --disable-shared --enable-static --disable-dependency-tracking \
	    --enable-fat --disable-public-key --disable-documentation \
	    --disable-openssl &&
	make -j"$JOBS" libnettle.a nettle.pc &&
	make install-headers install-static install-pkgconfig
}
