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

.PHONY: deps run build build-app build-cli test fmt-check vet pure-check go-test smoke crash package clean

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

test: deps fmt-check vet pure-check go-test build smoke crash

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
	rm -rf bin
