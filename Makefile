# rxbind — the whole set-up on a fresh machine is `make demo` or `make test`.
SWIFT      ?= swift
CONFIG     ?= debug
BIN         = $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path)/rxbind

.PHONY: all deps deps-build build test demo bench clean

all: build

## Installs every Debian package building and testing need (apt-get; as root or through sudo).
deps:
	@scripts/deps.sh test

## Installs what building and running need.
deps-build:
	@scripts/deps.sh build

build: deps-build
	$(SWIFT) build -c $(CONFIG)

# The install tests use the release build and the man page; the man page's plugin builds in .build, which
# `swift test` holds locked while the tests run, so both are made before it (Tests/rxbindTests/InstallTests.swift).
test: deps
	$(SWIFT) build
	$(MAKE) release man
	$(SWIFT) test

## Builds and runs the two sample nights into ./demo-workspace, then prints where the outputs are.
demo: deps-build
	$(SWIFT) build --product rxbind
	scripts/demo.sh

## National scale (SPEC §9): generated nights through the release build, each stage timed, against the C floor.
## A benchmark, not a test: the figures go to docs/BENCHMARKS.md.
bench: deps-build release
	@scripts/deps.sh bench
	scripts/bench.sh

clean:
	rm -rf .build .build-* demo-workspace

## ---- Installing like a real tool: release, install, uninstall, deb, man, completions (README "Installing") ----
# PREFIX and DESTDIR follow the GNU conventions: `make install PREFIX=/opt/rxbind`, or `make install DESTDIR=/tmp/root`
# to stage a tree. The binary finds its templates at ../share/rxbind/templates from its own path, so any PREFIX works.
PREFIX      ?= /usr/local
DESTDIR     ?=
# zsh's folder differs by owner: site-functions for a local install, vendor-completions for a Debian package.
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
# Where `make deb` puts the package.
DISTDIR     ?= dist
# The release build has its own scratch folder: --static-swift-stdlib compiles against the static resource folder, so
# it shares nothing with the debug build in .build, and `swift test` holds .build locked while the install tests run.
RELEASE_SCRATCH = .build-release
RELEASE_BIN     = $(RELEASE_SCRATCH)/release/rxbind
MANPAGE         = $(RELEASE_SCRATCH)/man/rxbind.1
COMPLETIONS     = $(RELEASE_SCRATCH)/completions
# The generate-manual plugin writes here (inside .build: see `man` below).
MANUAL_OUTPUT   = .build/plugins/GenerateManual/outputs/rxbind/rxbind.1
# The manual's date is the last commit's, never the clock, so the same sources give the same page.
MAN_DATE       ?= $(shell git log -1 --format=%cs 2>/dev/null || date -u -r Package.swift +%F)

.PHONY: release install uninstall deb man completions

## A binary that runs without the Swift toolchain: only libc, libstdc++, libxlsxwriter, libsqlite3 and zlib.
## --disable-local-rpath: an installed binary must not look for libraries in its own folder ($ORIGIN).
release: deps-build
	$(SWIFT) build -c release --static-swift-stdlib --disable-local-rpath --scratch-path $(RELEASE_SCRATCH) --product rxbind

## The man page, generated from the command definitions by swift-argument-parser's generate-manual plugin.
## The plugin builds the package itself and cannot be given --static-swift-stdlib, so it runs on the debug build in
## .build (same command definitions, and `make test` builds it anyway); in .build-release it would relink the shipped
## binary against the toolchain. Empty lines from the commands' discussions become .Pp, which mdoc asks for.
## In English (RXBIND_LANG=en): generate-manual drops every non-ASCII character, so Chinese help (the default,
## SPEC §12) would leave those commands' sections empty.
man: $(MANPAGE)
$(MANPAGE): Package.swift $(shell find Sources -name '*.swift')
	rm -f $(MANUAL_OUTPUT)
	RXBIND_LANG=en $(SWIFT) package plugin generate-manual --configuration debug --date $(MAN_DATE)
	mkdir -p $(@D)
	sed 's/^$$/.Pp/' $(MANUAL_OUTPUT) > $@.tmp && mv $@.tmp $@

## bash, zsh and fish completions, from the release binary's --generate-completion-script.
completions: release
	mkdir -p $(COMPLETIONS)
	for shell in bash zsh fish; do \
	    $(RELEASE_BIN) --generate-completion-script $$shell > $(COMPLETIONS)/rxbind.$$shell.tmp.$$$$ && \
	    mv $(COMPLETIONS)/rxbind.$$shell.tmp.$$$$ $(COMPLETIONS)/rxbind.$$shell || exit 1; \
	done

## Installs into $(DESTDIR)$(PREFIX): the binary (stripped), the default templates, the man page, the completions and
## the scheduling examples. Edited templates belong outside PREFIX (README): `make uninstall` and upgrades replace these.
install: release man completions
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/rxbind/templates $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(ZSHCOMPDIR) \
	    $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d $(DESTDIR)$(PREFIX)/share/doc/rxbind/examples
	install -m 0755 -s $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/rxbind
	install -m 0644 $(wildcard templates/*) $(DESTDIR)$(PREFIX)/share/rxbind/templates/
	install -m 0644 $(MANPAGE) $(DESTDIR)$(PREFIX)/share/man/man1/rxbind.1
	install -m 0644 $(COMPLETIONS)/rxbind.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/rxbind
	install -m 0644 $(COMPLETIONS)/rxbind.zsh $(DESTDIR)$(ZSHCOMPDIR)/_rxbind
	install -m 0644 $(COMPLETIONS)/rxbind.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/rxbind.fish
	install -m 0644 docs/rxbind-nightly.service docs/rxbind-nightly.timer docs/rxbind.cron \
	    $(DESTDIR)$(PREFIX)/share/doc/rxbind/examples/

## Removes what `make install` put there (same PREFIX and DESTDIR), and rxbind's own folders once empty.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/rxbind $(DESTDIR)$(PREFIX)/share/man/man1/rxbind.1 \
	    $(addprefix $(DESTDIR)$(PREFIX)/share/rxbind/templates/,$(notdir $(wildcard templates/*))) \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/rxbind $(DESTDIR)$(ZSHCOMPDIR)/_rxbind \
	    $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/rxbind.fish \
	    $(addprefix $(DESTDIR)$(PREFIX)/share/doc/rxbind/examples/,rxbind-nightly.service rxbind-nightly.timer rxbind.cron)
	for dir in share/rxbind/templates share/rxbind share/doc/rxbind/examples share/doc/rxbind; do \
	    if [ -d $(DESTDIR)$(PREFIX)/$$dir ]; then rmdir --ignore-fail-on-non-empty $(DESTDIR)$(PREFIX)/$$dir; fi; \
	done

## A Debian package in $(DISTDIR), installing into /usr, versioned from `rxbind --version` (scripts/deb.sh).
deb: release man completions
	@scripts/deps.sh deb
	MAKE="$(MAKE)" scripts/deb.sh $(RELEASE_BIN) $(DISTDIR)
