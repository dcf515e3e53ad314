# tlscheck: build, test and install like any other command-line tool.
#
#   make                                   release build (.build/release/tlscheck)
#   make static                            release build with the Swift runtime linked in
#   make test                              the test suite (swift test)
#   make install PREFIX=/usr/local DESTDIR=  binary, shell completions, man pages
#   make uninstall PREFIX=/usr/local DESTDIR=
#   make regenerate                        docs/checks.md, completions/, docs/man/ from the binary
#
# BIN=path installs an already-built binary instead of building one (packagers, tests).
# Completions and man pages come from the committed completions/ and docs/man/, which tests keep
# in step with the binary; every subcommand's page is picked up by the wildcard below.

PREFIX     ?= /usr/local
DESTDIR    ?=
SWIFT      ?= swift
SWIFTFLAGS ?=
RELEASE_BIN := .build/release/tlscheck
BIN        ?= $(RELEASE_BIN)

INSTALL ?= install
bindir   = $(DESTDIR)$(PREFIX)/bin
mandir   = $(DESTDIR)$(PREFIX)/share/man/man1
bashdir  = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
zshdir   = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
fishdir  = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
MANPAGES := $(notdir $(wildcard docs/man/*.1))

.PHONY: all build static test install uninstall regenerate clean

all: build

build:
	$(SWIFT) build -c release $(SWIFTFLAGS)

static:
	$(SWIFT) build -c release --static-swift-stdlib $(SWIFTFLAGS)

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

clean:
	$(SWIFT) package clean
