# Threatboard's two commands are `make run` and `make test`; both set up a
# fresh Debian machine with Go first (`make deps`).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
GO ?= go

# Fyne's cgo drivers and the native file dialogs need these; the tests and
# the screenshots need an X server and the tools that drive and capture it.
DEB_BUILD := gcc pkg-config libgl1-mesa-dev xorg-dev libgtk-3-dev
DEB_TEST := xvfb xauth x11-utils xdotool imagemagick poppler-utils
# Packages that must build without Fyne (and without cgo, for the CLI).
PURE := model analysis report interop layout drawing photo capture
FYNE_TOOLS := fyne.io/tools/cmd/fyne@v1.7.4
# Tests that need a real X server get one from xvfb-run; the rest use
# Fyne's headless test driver and ignore it.
XVFB := xvfb-run -a -s "-screen 0 1600x1000x24"

.PHONY: deps run build build-app build-cli test fmt-check vet pure-check notices-check go-test smoke crash package clean \
	dist dist-deps dist-check notices

deps:
	@command -v dpkg-query >/dev/null || { echo "deps: not a Debian system; install: $(DEB_BUILD) $(DEB_TEST)"; exit 0; }; \
	missing=(); \
	for p in $(DEB_BUILD) $(DEB_TEST); do \
		[ "$$(dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$$p"); \
	done; \
	if [ $${#missing[@]} -eq 0 ]; then echo "deps: system packages present"; exit 0; fi; \
	sudo=(); \
	if [ "$$(id -u)" -ne 0 ]; then \
		if [ "$${CI:-}" = true ]; then sudo=(sudo -n); else sudo=(sudo); fi; \
	fi; \
	echo "deps: installing $${missing[*]}"; \
	"$${sudo[@]}" apt-get update; \
	"$${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$${missing[@]}"

build: build-app build-cli

# FyneApp.toml marks the fyneDo migration done: `fyne package` builds with
# it (Fyne's thread checks off). This build keeps the checks on, so that the
# smoke and crash tests see a widget touched off the UI thread in the log.
build-app: deps
	$(GO) build -o bin/threatboard ./cmd/threatboard

build-cli:
	@if [ -d cmd/threatboard-cli ]; then \
		echo "CGO_ENABLED=0 $(GO) build -o bin/threatboard-cli ./cmd/threatboard-cli"; \
		CGO_ENABLED=0 $(GO) build -o bin/threatboard-cli ./cmd/threatboard-cli; \
	fi

run: build-app
	./bin/threatboard $(FILE)

test: deps fmt-check vet pure-check notices-check go-test build smoke crash

fmt-check:
	@bad=$$(gofmt -l $$(find . -name '*.go' -not -path './.git/*')); \
	if [ -n "$$bad" ]; then echo "gofmt: these files need formatting:"; echo "$$bad"; exit 1; fi; \
	echo "gofmt: ok"

vet:
	$(GO) vet ./...

pure-check:
	@for p in $(PURE); do \
		[ -d "$$p" ] || continue; \
		deps=$$($(GO) list -deps "./$$p/..."); \
		if grep '^fyne.io/' <<<"$$deps"; then echo "$$p must not depend on Fyne (above)"; exit 1; fi; \
		CGO_ENABLED=0 $(GO) build "./$$p/..."; \
		echo "$$p: no Fyne, builds without cgo"; \
	done

# THIRD_PARTY_NOTICES lists every module and font the app and the CLI are
# built from; it must follow go.mod (make notices rewrites it).
notices:
	$(GO) run ./tools/notices

notices-check:
	$(GO) run ./tools/notices -check
	@echo "THIRD_PARTY_NOTICES: up to date"

go-test:
	$(XVFB) $(GO) test -race -timeout 30m ./...

# The real app in a real (virtual) X server: it must open the example in a
# window with the right title and quit on ctrl+q.
smoke: build-app
	.ci/smoke bin/threatboard bin/smoke.png

# The crash test of the recovery copy in a real window: five edits, kill -9,
# restart, accept the recovery, save: all five edits must be in the file.
crash: build-app
	.ci/crash bin/threatboard assets/examples/podcast.threatboard.json

# A Linux package (bin/Threatboard.tar.xz: binary, icon and desktop file)
# from FyneApp.toml and the app binary.
# fyne package bumps the build number in FyneApp.toml; the file is put back
# so that packaging leaves the work tree as it was.
package: build-app
	cp FyneApp.toml bin/FyneApp.toml.orig
	$(GO) run $(FYNE_TOOLS) package -os linux -release --executable "$(CURDIR)/bin/threatboard" \
		|| { mv bin/FyneApp.toml.orig FyneApp.toml; exit 1; }
	mv bin/FyneApp.toml.orig FyneApp.toml
	mv Threatboard.tar.xz bin/
	tar -tJf bin/Threatboard.tar.xz

clean:
	rm -rf bin $(DIST)

# The release: make dist writes dist/ with
#   Threatboard-VERSION-linux-amd64.tar.xz   the Linux package (fyne package)
#   Threatboard-VERSION-windows-amd64.exe    the Windows app, cross-compiled
#                                            with mingw-w64, with its icon and
#                                            version resource
#   threatboard-cli-VERSION-OS-ARCH[.exe]    the CLI for linux, darwin and
#                                            windows on amd64 and arm64
#   LICENSE, THIRD_PARTY_NOTICES, SHA256SUMS
# It needs a Debian machine (for the cross compiler) and is not part of
# make test. The macOS app is built on a Mac: see README.md.
VERSION := $(shell sed -n 's/^const Version = "\(.*\)"$$/\1/p' assets/version.go)
DIST := dist
DEB_DIST := gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
MINGW_CC := x86_64-w64-mingw32-gcc
CLI_PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
FYNE := bin/fyne

dist-deps: deps
	@command -v dpkg-query >/dev/null || { echo "dist-deps: not a Debian system; install a mingw-w64 cross compiler ($(MINGW_CC))"; exit 0; }; \
	missing=(); \
	for p in $(DEB_DIST); do \
		[ "$$(dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$$p"); \
	done; \
	if [ $${#missing[@]} -eq 0 ]; then echo "dist-deps: cross compiler present"; exit 0; fi; \
	sudo=(); \
	if [ "$$(id -u)" -ne 0 ]; then \
		if [ "$${CI:-}" = true ]; then sudo=(sudo -n); else sudo=(sudo); fi; \
	fi; \
	echo "dist-deps: installing $${missing[*]}"; \
	"$${sudo[@]}" apt-get update; \
	"$${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$${missing[@]}"

$(FYNE):
	GOBIN="$(CURDIR)/bin" $(GO) install $(FYNE_TOOLS)

# fyne package bumps the build number in FyneApp.toml and writes next to it;
# the file is put back and the output moved, so the work tree stays as it was.
dist: dist-deps notices-check build-app $(FYNE)
	rm -rf $(DIST) && mkdir -p $(DIST)
	cp FyneApp.toml bin/FyneApp.toml.orig
	$(FYNE) package -os linux -release --executable "$(CURDIR)/bin/threatboard" \
		|| { mv bin/FyneApp.toml.orig FyneApp.toml; exit 1; }
	cp bin/FyneApp.toml.orig FyneApp.toml
	mv Threatboard.tar.xz $(DIST)/Threatboard-$(VERSION)-linux-amd64.tar.xz
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$(MINGW_CC) \
		$(FYNE) package -os windows -release --src ./cmd/threatboard --icon "$(CURDIR)/app/icon.png" \
			--app-id io.threatboard.app --name Threatboard --app-version $(VERSION) \
		|| { mv bin/FyneApp.toml.orig FyneApp.toml; exit 1; }
	mv bin/FyneApp.toml.orig FyneApp.toml
	mv cmd/threatboard/Threatboard.exe $(DIST)/Threatboard-$(VERSION)-windows-amd64.exe
	for p in $(CLI_PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ "$$os" = windows ] && ext=.exe; \
		echo "cli $$os/$$arch"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags "-s -w" \
			-o $(DIST)/threatboard-cli-$(VERSION)-$$os-$$arch$$ext ./cmd/threatboard-cli; \
	done
	cp LICENSE THIRD_PARTY_NOTICES $(DIST)/
	cd $(DIST) && sha256sum $$(ls | grep -v '^SHA256SUMS$$') > SHA256SUMS
	ls -l $(DIST)

# Builds the release and checks it: the binaries are what their names say
# (PE for Windows, the app a GUI program with an icon and a version
# resource; Mach-O and ELF for the right processor), the Linux CLI runs,
# the package holds the app, and the checksums match.
dist-check: dist
	$(GO) run ./tools/distcheck $(DIST)
	$(DIST)/threatboard-cli-$(VERSION)-linux-amd64 version
	$(DIST)/threatboard-cli-$(VERSION)-linux-amd64 validate assets/examples/podcast.threatboard.json
	tar -tJf $(DIST)/Threatboard-$(VERSION)-linux-amd64.tar.xz | grep -q 'bin/threatboard$$'
	cd $(DIST) && sha256sum -c SHA256SUMS
	@echo "dist-check: ok"
