# tlscheck: build, test and install like any other command-line tool.
#
#   make                                   release build, Swift runtime linked in (.build-static/release/tlscheck)
#   make dynamic                           release build using the toolchain's Swift runtime (.build/release/tlscheck)
#   make test                              the test suite (swift test)
#   make install PREFIX=/usr/local DESTDIR=  binary, shell completions, man pages
#   make uninstall PREFIX=/usr/local DESTDIR=
#   make regenerate                        docs/checks.md, completions/, docs/man/ from the binary
#   make fuzz FUZZ_SECONDS=60              every libFuzzer target for that long each (Fuzz/README.md)
#
# BIN=path installs an already-built binary instead of building one (packagers, tests).
# Completions and man pages come from the committed completions/ and docs/man/, which tests keep
# in step with the binary; every subcommand's page is picked up by the wildcard below.

PREFIX     ?= /usr/local
DESTDIR    ?=
SWIFT      ?= swift
SWIFTFLAGS ?=
# The default binary links the Swift runtime in: it runs without a Swift toolchain (only libssl3,
# libyaml-0-2 and the essential libcrypt1) and starts in about half the time. Its own scratch folder keeps `swift test` builds.
RELEASE_BIN := .build-static/release/tlscheck
BIN        ?= $(RELEASE_BIN)

INSTALL ?= install
bindir   = $(DESTDIR)$(PREFIX)/bin
mandir   = $(DESTDIR)$(PREFIX)/share/man/man1
bashdir  = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
zshdir   = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
fishdir  = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
MANPAGES := $(notdir $(wildcard docs/man/*.1))

.PHONY: all build dynamic test install uninstall regenerate fuzz clean

all: build

build:
	$(SWIFT) build -c release --static-swift-stdlib --product tlscheck --scratch-path .build-static $(SWIFTFLAGS)

dynamic:
	$(SWIFT) build -c release --product tlscheck $(SWIFTFLAGS)

test:
	$(SWIFT) test

# Build only when installing our own release binary; BIN=... installs that file as it is.
install: $(if $(filter $(RELEASE_BIN),$(BIN)),build)
	$(INSTALL) -d $(bindir) $(mandir) $(bashdir) $(zshdir) $(fishdir)
	$(INSTALL) -m 755 $(BIN) $(bindir)/tlscheck
	$(INSTALL) -m 644 completions/tlscheck.bash $(bashdir)/tlscheck
	$(INSTALL) -m 644 completions/tlscheck.zsh $(zshdir)/_tlscheck
	$(INSTALL) -m 644 completions/tlscheck.fish $(fishdir)/tlscheck.fish
	$(INSTALL) -m 644 $(addprefix docs/man/,$(MANPAGES)) $(mandir)/

uninstall:
	rm -f $(bindir)/tlscheck $(bashdir)/tlscheck $(zshdir)/_tlscheck $(fishdir)/tlscheck.fish
	rm -f $(addprefix $(mandir)/,$(MANPAGES))

regenerate:
	.ci/regenerate

# libFuzzer targets (a package of their own under Fuzz/, built with -sanitize=fuzzer,address into
# .build-fuzz); fails on a crash, a sanitizer report or a hang.
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run

clean:
	$(SWIFT) package clean
	rm -rf .build-static .build-fuzz
