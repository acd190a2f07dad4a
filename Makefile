# roleaudit - plain GNU make.  `make help` lists the targets.

BUILD	?= build
PREFIX	?= /usr/local
DESTDIR	?=
BINDIR	?= $(PREFIX)/bin
LIBDIR	?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR	?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
WERROR	?=
FUZZTIME ?= 60

CFLAGS	?= -std=c11 -O2 -g -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 \
	   -Wstrict-prototypes -Wmissing-prototypes $(WERROR)
SAN	?=
# The pkg-config names of the libraries every link takes (with -lcsv,
# which has no .pc): roleaudit, the tests, the fuzz targets (`make pkgs`
# prints them for tests/fuzz/run.sh), the dist builds and roleaudit.pc.
BASE_PKGS = libxml-2.0 libzip jansson nettle
# ISA-L (Debian's libisal-dev) when pkg-config finds it: deflated zip
# members inflate three to four times as fast (src/input/zip.c).  ISAL=
# builds without it, as the dist binaries are (Debian has no static
# libisal); sound zips read alike either way.
ifeq ($(origin ISAL),undefined)
ISAL	:= $(shell pkg-config --exists libisal 2>/dev/null && echo libisal)
endif
PKGS	 = $(BASE_PKGS) $(ISAL)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv
CPPFLAGS_ALL = -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc -I$(BUILD) \
	       $(if $(ISAL),-DRA_HAVE_ISAL)
CFLAGS_ALL   = $(CFLAGS) $(SAN) $(CPPFLAGS) -pthread
LDFLAGS_ALL  = $(SAN) $(LDFLAGS) -pthread

# The library, stage by stage from the bottom; src/layers.txt says which
# stage may call which, and `make layers` checks the objects against it.
BASE_SRCS    = src/base/util.c src/base/sha256.c src/base/sys.c
MODEL_SRCS   = src/model/names.c src/model/diag.c src/model/settings.c \
	       src/model/csv.c src/model/bitmap.c src/model/catalog.c \
	       src/model/escalation.c src/model/profile.c src/model/role.c \
	       src/model/solution.c src/model/ctx.c src/model/kb.c \
	       src/model/table.c src/model/facts.c src/model/policy.c \
	       src/model/app.c src/model/layout.c
PARSE_SRCS   = src/parse/build.c src/parse/xml.c src/parse/scan.c \
	       src/parse/twin.c
INPUT_SRCS   = src/input/stream.c src/input/zipcheck.c src/input/zip.c \
	       src/input/package.c \
	       src/input/dir.c src/input/load.c
ANALYZE_SRCS = src/analyze/check.c src/analyze/diff.c src/analyze/lint.c \
	       src/analyze/combine.c src/analyze/explain.c src/analyze/grid.c \
	       src/analyze/findings.c src/analyze/redact.c \
	       src/analyze/privileges.c src/analyze/policy.c \
	       src/analyze/apps.c
RENDER_SRCS  = src/render/text.c src/render/csv.c src/render/json.c \
	       src/render/html.c src/render/html_parts.c \
	       src/render/html_report.c src/render/html_diff.c \
	       src/render/html_matrix.c src/render/html_access.c \
	       src/render/md.c src/render/sarif.c \
	       src/render/write.c
CLI_SRCS     = src/cli/main.c src/cli/commands.c src/cli/options.c \
	       src/cli/run.c src/cli/output.c src/cli/progress.c
CLI_HDRS     = src/cli/cli.h
LIB_SRCS = $(BASE_SRCS) $(MODEL_SRCS) $(PARSE_SRCS) $(INPUT_SRCS) \
	   $(ANALYZE_SRCS) $(RENDER_SRCS)
STAGE_HDRS = include/roleaudit.h src/base/base.h src/base/sys.h \
	     src/model/model.h \
	     src/parse/parse.h src/input/input.h src/analyze/analyze.h \
	     src/render/render.h
LIB_OBJS = $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/model/data.o
LIB	 = $(BUILD)/libroleaudit.a
BIN	 = $(BUILD)/roleaudit

DATA	 = schema/privileges.csv schema/privilege_bases.csv schema/escalation.csv \
	   schema/depths.csv schema/tables.csv schema/observed_depths.csv \
	   schema/conflicts.csv
PROFILES = $(sort $(wildcard schema/profiles/*.csv))

UNIT_SRCS = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRCS = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY = $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%-replay)

SAMPLES	 = samples/sss-pass.zip samples/sss-mixed.zip samples/sss-none.zip \
	   samples/apps.zip \
	   samples/package.zip samples/package-backslash.zip \
	   samples/package-1.0.zip

.PHONY: all help deps demo test check fuzz bench install clean pkgs \
	_test _demo layers unit golden scan-equiv twin-equiv progress valgrind hostile schema sarif-check samples-check corpus fuzz-replay \
	html profiles-check knowledge-check cli-check completion install-check \
	ci-check

all: $(BIN)

help:
	@echo "make            build $(BIN)"
	@echo "make demo       run roleaudit on a bundled sample"
	@echo "make test       build and run every test"
	@echo "make check      the test suite under ASan and UBSan"
	@echo "make layers     check that calls between stages go down only"
	@echo "make valgrind   the golden suite under valgrind"
	@echo "make bench      speed and memory against unzip -p and Python"
	@echo "make fuzz       libFuzzer, FUZZTIME=$(FUZZTIME) seconds a target"
	@echo "make install    PREFIX=$(PREFIX) DESTDIR=$(DESTDIR): binary, library,"
	@echo "                header, roleaudit.pc, man page, bash completion"
	@echo "make completion completions/roleaudit.bash from the command table"
	@echo "make install-check  a program built against a staged install (pkg-config)"
	@echo "make ci-check   tools/ci/roleaudit-ci.sh, action.yml, the Azure template"
	@echo "make deps       install missing Debian packages (as root)"
	@echo "make dist-deps  static zlib, libcsv, jansson, libxml2, libzip, nettle from Debian's pinned sources"
	@echo "make dist-linux dist/roleaudit-linux-x86_64, statically linked"
	@echo "make dist-windows dist/roleaudit.exe, 64-bit Windows (mingw-w64)"
	@echo "make dist       both, and dist/SHA256SUMS"
	@echo "make test-dist  the golden, hostile and corpus tests against both (wine)"

deps:
	@sh tools/deps.sh

# The two quick-start commands install what is missing, then re-read
# this Makefile so pkg-config sees the new packages.
demo: deps
	@$(MAKE) --no-print-directory _demo

_demo: $(BIN)
	@echo "$$ roleaudit check samples/sss-mixed.zip"
	@$(BIN) check samples/sss-mixed.zip || test $$? -eq 1

test: deps
	@sh tools/deps.sh python3 python3-jsonschema
	@$(MAKE) --no-print-directory _test

_test: layers unit golden scan-equiv twin-equiv hostile schema sarif-check \
	samples-check profiles-check fuzz-replay progress corpus html knowledge-check cli-check \
	install-check ci-check

$(BUILD)/obj/%.o: src/%.c $(STAGE_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CPPFLAGS_ALL) $(PKG_CFLAGS) -fvisibility=hidden \
	    -c -o $@ $<

# Whether zip.o calls ISA-L follows ISAL: a stamp of it, rewritten only
# when it changes, rebuilds zip.o when a build directory changes sides.
$(BUILD)/isal.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(ISAL)' | cmp -s - $@ 2>/dev/null || echo '$(ISAL)' > $@

$(BUILD)/obj/input/zip.o: $(BUILD)/isal.stamp

$(BUILD)/data.c: tools/embed.sh $(DATA) $(PROFILES) Makefile
	@mkdir -p $(@D)
	sh tools/embed.sh $(DATA) $(PROFILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/model/data.o: $(BUILD)/data.c $(STAGE_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CPPFLAGS_ALL) $(PKG_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

$(BIN): $(CLI_SRCS) $(CLI_HDRS) include/roleaudit.h $(LIB)
	$(CC) $(CFLAGS_ALL) -D_POSIX_C_SOURCE=200809L -Iinclude -o $@ \
	    $(CLI_SRCS) $(LIB) $(LDFLAGS_ALL) $(PKG_LIBS)

# ---- tests -----------------------------------------------------------

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CPPFLAGS_ALL) $(PKG_CFLAGS) -o $@ $< $(LIB) \
	    $(LDFLAGS_ALL) $(PKG_LIBS) -lcmocka

# The command table against `roleaudit --help` and the man page's
# SYNOPSIS; the table is printed by a program linked with the cli's own
# files (all but main.c).
CLI_TABLE = $(BUILD)/cli/table
CLI_PARTS = $(filter-out src/cli/main.c,$(CLI_SRCS))

$(CLI_TABLE): tests/cli/table.c $(CLI_PARTS) $(CLI_HDRS) include/roleaudit.h \
    $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc/cli \
	    -o $@ tests/cli/table.c $(CLI_PARTS) $(LIB) $(LDFLAGS_ALL) \
	    $(PKG_LIBS)

cli-check: $(BIN) $(CLI_TABLE)
	@python3 tests/cli/synopsis.py --roleaudit $(BIN) --table $(CLI_TABLE) \
	    --man man/roleaudit.1
	@sh tests/cli/output.sh $(BIN)
	@python3 tools/completion.py --table $(CLI_TABLE) \
	    --check completions/roleaudit.bash
	@sh tests/cli/completion.sh completions/roleaudit.bash

# The bash completion, from the same tables: committed, so that
# `make install` needs no Python; cli-check says when it is stale.
completion: $(CLI_TABLE)
	python3 tools/completion.py --table $(CLI_TABLE) \
	    > completions/roleaudit.bash.tmp
	mv completions/roleaudit.bash.tmp completions/roleaudit.bash

# `make install` into a staging folder, then a program built against
# what it installed through pkg-config, and run; and the CI script of
# action.yml and the Azure template on the samples.
install-check: $(BIN)
	@SAN="$(SAN)" sh tests/install/run.sh $(BUILD)

ci-check: $(BIN)
	@BUILD=$(BUILD) SAN="$(SAN)" sh tests/ci/run.sh $(BIN)

# Calls go down only: the objects against src/layers.txt, and a check
# that the checker fails on an upward call or a circle.
layers: $(LIB_OBJS)
	@python3 tools/layers.py --rules src/layers.txt $(BUILD)/obj $(LIB_OBJS)
	@sh tests/layers/run.sh

unit: $(UNIT_BINS)
	@sh tests/run-unit.sh $(UNIT_BINS)

golden: $(BIN)
	@sh tests/run-golden.sh $(BIN)

# Real exports from ../shared, checked against independent readings of
# the XML; skipped (0 passed, 0 failed) when ../shared is absent.
corpus: $(BIN)
	@python3 tests/corpus/check_corpus.py --roleaudit $(BIN)
	@python3 tests/corpus/check_diff.py --roleaudit $(BIN)
	@python3 tests/corpus/check_combine.py --roleaudit $(BIN)
	@python3 tests/corpus/check_lint.py --roleaudit $(BIN)
	@python3 tests/corpus/check_policy.py --roleaudit $(BIN)
	@python3 tests/corpus/check_apps.py --roleaudit $(BIN)
	@echo "corpus again, every customizations.xml through the <Roles> scan:"
	@python3 tests/corpus/check_corpus.py --roleaudit $(BIN) \
	    --option=--scan-size=1
	@python3 tests/corpus/check_diff.py --roleaudit $(BIN) \
	    --option=--scan-size=1
	@python3 tests/corpus/check_apps.py --roleaudit $(BIN) \
	    --option=--scan-size=1

# Debian's python3 carries python3-jsonschema; another python3 on PATH may not.
PY_SCHEMA = $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)

schema:
	@$(PY_SCHEMA) tests/validate-json.py

# SARIF results on the line an editor would change, their fingerprints
# unchanged when other lines move, against an independent reading.
sarif-check: $(BIN)
	@python3 tests/sarif/check_regions.py $(BIN)

# The golden suite under valgrind: any error or leak changes the exit
# status to 99, which no golden expects.
valgrind: $(BIN)
	@sh tools/deps.sh valgrind
	@export RUNNER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"; \
	    SHARD=0/2 sh tests/run-golden.sh $(BIN) > $(BUILD)/valgrind.0 2>&1 & \
	    SHARD=1/2 sh tests/run-golden.sh $(BIN) > $(BUILD)/valgrind.1 2>&1; \
	    b=$$?; wait $$!; a=$$?; cat $(BUILD)/valgrind.0 $(BUILD)/valgrind.1; \
	    test $$a = 0 && test $$b = 0

scan-equiv: $(BIN)
	@sh tests/scan-equiv.sh $(BIN)

# diff's second input takes the roles written alike in the first
# (src/parse/twin.c): every output the same as with -j 1.
twin-equiv: $(BIN)
	@python3 tests/twin/check.py $(BIN) $(BUILD)/twin

progress: $(BIN)
	@sh tests/progress.sh $(BIN)

# The HTML reports in headless Chromium (installed as root, else skipped);
# screenshots in $(BUILD)/html/.
html: $(BIN)
	@sh tests/html/run.sh $(BIN) $(BUILD)/html

hostile: $(BIN)
	@sh tests/hostile/run.sh $(BIN)

samples-check:
	@python3 tests/check-samples.py

# The built-in profiles against the published lists in ../shared
# (the comparison is skipped without it).
profiles-check:
	@python3 tests/check-profiles.py

# The knowledge base in schema/: derived again from ../shared and compared
# byte for byte (skipped without it), and its invariants.
knowledge-check:
	@python3 tests/knowledge/check.py

$(BUILD)/fuzz/%-replay: tests/fuzz/%.c tests/fuzz/replay.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CPPFLAGS_ALL) $(PKG_CFLAGS) -o $@ $< \
	    tests/fuzz/replay.c $(LIB) $(LDFLAGS_ALL) $(PKG_LIBS)

fuzz-replay: $(FUZZ_REPLAY)
	@sh tests/run-fuzz-replay.sh $(FUZZ_REPLAY)

# The suite under AddressSanitizer and UndefinedBehaviorSanitizer, in a
# build directory of its own.
check: deps
	@sh tools/deps.sh python3 python3-jsonschema
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/san \
	    SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	    _test

# libFuzzer needs clang; each target runs FUZZTIME seconds on its corpus.
fuzz: deps
	@sh tools/deps.sh clang libclang-rt-14-dev
	@$(MAKE) --no-print-directory _fuzz

_fuzz: $(LIB_SRCS)
	@sh tests/fuzz/run.sh $(BUILD)/libfuzzer $(FUZZTIME)

pkgs:
	@echo $(PKGS)

samples: $(SAMPLES)

$(SAMPLES): samples/build.py $(wildcard samples/src/*/*) \
    $(wildcard samples/packages/*/*)
	python3 samples/build.py

# Speed and memory against named baselines (unzip -p, a Python script);
# generates its solutions under build/bench.  BENCH_ARGS, e.g.
# "--scales 0.1,1 --runs 3", trims it.
bench: $(BIN)
	@python3 tests/bench/run.py $(BIN) --out $(BUILD)/bench/results.md \
	    $(BENCH_ARGS)

# roleaudit.pc names the directories installed to, without DESTDIR;
# libdir and includedir under PREFIX are written relative to it.
PC_VERSION := $(shell sed -n 's/^\#define RA_VERSION[^"]*"\(.*\)"/\1/p' \
	    include/roleaudit.h)
pc_dir = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

$(BUILD)/roleaudit.pc: roleaudit.pc.in include/roleaudit.h Makefile FORCE
	@mkdir -p $(@D)
	sed -e '/^#/d' -e 's|@PREFIX@|$(PREFIX)|' \
	    -e 's|@LIBDIR@|$(call pc_dir,$(LIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(call pc_dir,$(INCLUDEDIR))|' \
	    -e 's|@VERSION@|$(PC_VERSION)|' -e 's|@PKGS@|$(strip $(PKGS))|' \
	    roleaudit.pc.in > $@.tmp
	mv $@.tmp $@

# The directories change with the command line, which make cannot see.
FORCE:

install: $(BIN) $(BUILD)/roleaudit.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(LIBDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/roleaudit
	install -m 644 include/roleaudit.h $(DESTDIR)$(INCLUDEDIR)/
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/
	install -m 644 man/roleaudit.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(BUILD)/roleaudit.pc $(DESTDIR)$(PKGCONFIGDIR)/
	install -m 644 completions/roleaudit.bash \
	    $(DESTDIR)$(BASHCOMPDIR)/roleaudit

clean:
	rm -rf $(BUILD)

# ---- dist ------------------------------------------------------------
# dist/roleaudit.exe (a 64-bit Windows console program, mingw-w64) and
# dist/roleaudit-linux-x86_64, each linked statically against the
# libraries tools/dist/deps.sh builds from Debian's source packages at the
# versions of tools/dist/versions.txt.  Each target goes through the rules
# above in a build directory of its own, $(BUILD)/dist/TARGET.

DIST	  ?= dist
DIST_DEPS ?= $(BUILD)/dist-deps
DIST_WIN   = x86_64-w64-mingw32
DIST_LINUX = x86_64-linux-gnu
comma	   = ,

.PHONY: dist dist-deps dist-linux dist-windows test-dist

dist-deps:
	@sh tools/dist/deps.sh $(DIST_DEPS)

dist: dist-linux dist-windows
	cd $(DIST) && sha256sum roleaudit.exe roleaudit-linux-x86_64 > SHA256SUMS

# The commit --version names after RA_VERSION in the dist binaries, with
# -dirty when tracked files differ from it; nothing outside a git clone.
DIST_COMMIT = $(shell c=$$(git rev-parse --short=12 HEAD 2>/dev/null) && \
	      { [ -z "$$(git status --porcelain --untracked-files=no)" ] || \
	      c=$$c-dirty; } && echo $$c)
DIST_CPPFLAGS = $(if $(DIST_COMMIT),-DRA_GIT_COMMIT=\\\"$(DIST_COMMIT)\\\")

# dist_make TARGET COMPILER EXE LDFLAGS CPPFLAGS: $(BIN) for TARGET,
# against the static libraries in $(DIST_DEPS)/TARGET, linked afresh each
# time (the objects are reused) so that it always has the flags and the
# commit written here.
dist_pc = PKG_CONFIG_LIBDIR=$(DIST_DEPS)/$(1)/lib/pkgconfig PKG_CONFIG_PATH= \
	  pkg-config --static
dist_make = rm -f $(BUILD)/dist/$(1)/roleaudit$(3) && \
	    $(MAKE) --no-print-directory BUILD=$(BUILD)/dist/$(1) \
	    BIN=$(BUILD)/dist/$(1)/roleaudit$(3) CC=$(2) AR=$(1)-ar \
	    ISAL= PKG_CFLAGS="$$($(call dist_pc,$(1)) --cflags $(BASE_PKGS))" \
	    PKG_LIBS="$$($(call dist_pc,$(1)) --libs $(BASE_PKGS)) -lcsv" \
	    CPPFLAGS="$(DIST_CPPFLAGS) $(5)" \
	    LDFLAGS="-static -s -Wl,--gc-sections $(4)" \
	    $(BUILD)/dist/$(1)/roleaudit$(3)

# libxml2 reaches glibc's pthreads through weak references, which a static
# link leaves unresolved unless something else pulls them in; with any of
# them missing it runs single-threaded, its global state shared by
# roleaudit's parsing threads.  --require-defined pulls them all in, and
# fails the link should the C library lack one.
DIST_LINUX_PTHREAD = pthread_once pthread_getspecific pthread_setspecific \
	pthread_key_create pthread_key_delete pthread_mutex_init \
	pthread_mutex_destroy pthread_mutex_lock pthread_mutex_unlock \
	pthread_cond_init pthread_cond_destroy pthread_cond_wait \
	pthread_cond_signal pthread_equal pthread_self
DIST_LINUX_LDFLAGS = $(DIST_LINUX_PTHREAD:%=-Wl$(comma)--require-defined=%)

dist-linux: dist-deps
	@mkdir -p $(DIST)
	@$(call dist_make,$(DIST_LINUX),$(DIST_LINUX)-gcc,,$(DIST_LINUX_LDFLAGS))
	cp $(BUILD)/dist/$(DIST_LINUX)/roleaudit $(DIST)/roleaudit-linux-x86_64

# gcc-posix: the mingw-w64 compiler whose threads are winpthreads.
# -municode: the entry point is wmain(), which gets the command line in
# UTF-16 (src/cli/main.c); mingw-w64's own C99 stdio, not msvcrt's, so
# that %zu and the like print as on Linux.
dist-windows: dist-deps
	@mkdir -p $(DIST)
	@$(call dist_make,$(DIST_WIN),$(DIST_WIN)-gcc-posix,.exe,-municode,-D__USE_MINGW_ANSI_STDIO=1)
	cp $(BUILD)/dist/$(DIST_WIN)/roleaudit.exe $(DIST)/roleaudit.exe

# The dist binaries as they ship, roleaudit.exe under wine in the prefix
# $(BUILD)/wine: tests/dist/run.sh says what is run.
test-dist: dist
	@sh tools/deps.sh python3 file binutils binutils-mingw-w64-x86-64 \
	    wine wine64
	@sh tests/dist/run.sh $(DIST) $(BUILD)
