# Journeymap: `make run` starts the app, `make test` runs every check. Both install what is missing.
export LANG := en_US.UTF-8
export CGO_ENABLED := 1

GO          ?= go
BIN         := bin/journeymap
TOOLS       := $(CURDIR)/.tools
STATICCHECK := $(TOOLS)/staticcheck
STATICCHECK_VERSION := v0.8.2
FYNE        := $(TOOLS)/fyne
FYNE_VERSION := v1.7.4
FUZZTIME    ?= 3m
# Fuzz targets as package:Target, each run for FUZZTIME by `make fuzz` (8 s each in `make test`);
# new finds land in the package's testdata/fuzz/ and are replayed by every test run.
FUZZ        := ./journey/interchange:FuzzParse ./journey/interchange:FuzzCSVRoundTrip ./journey/interchange:FuzzReadCSV \
               ./journey:FuzzUnmarshalEdit ./storage:FuzzOpenDamaged ./storage:FuzzWireKey ./journey/merge:FuzzMerge
# make soak: the crash tests with this many SIGKILLs each (make test runs 30), and the app
# killed as often while cards are typed into it under Xvfb (make test: 3).
SOAK_KILLS  ?= 300

# The Windows build, cross-compiled with mingw-w64: a GUI program (no console window behind it).
WINDOWS_ENV := CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc
WINDOWS_BIN := bin/journeymap.exe

.PHONY: run build windows dist dist-linux dist-windows install uninstall test deps deps-build lint unit fuzz soak bench startup clean

run: build
	./$(BIN) $(if $(STORE),-store $(STORE))

build: deps-build
	$(GO) build -o $(BIN) .

# make deps: every package the tests use; make run and make build install only what they need.
deps:
	@bash .ci/deps
	@$(GO) mod download

deps-build:
	@bash .ci/deps build
	@$(GO) mod download

$(FYNE):
	GOBIN=$(TOOLS) $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_VERSION)

# make dist: in dist/, the Linux archive and the Windows program (release builds, ~4 and ~6
# minutes cold). make install: the Linux archive's binary, .desktop entry and icon into ~/.local.
dist: dist-linux dist-windows

dist-linux: deps $(FYNE)
	@bash .ci/dist $(FYNE) linux

dist-windows: deps $(FYNE)
	@bash .ci/dist $(FYNE) windows

install: dist-linux
	@rm -rf dist/install && mkdir -p dist/install
	tar -xJf dist/journeymap-*-linux-amd64.tar.xz -C dist/install
	$(MAKE) --no-print-directory -C dist/install/journeymap user-install
	@echo "installed: ~/.local/bin/journeymap, and Journeymap in the desktop's applications"

uninstall:
	rm -f ~/.local/share/applications/io.journeymap.app.desktop ~/.local/bin/journeymap ~/.local/share/icons/io.journeymap.app.png

$(STATICCHECK):
	GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

test: deps lint unit windows
	@$(MAKE) --no-print-directory fuzz FUZZTIME=8s

# Builds the Windows binary, and vets and compiles for Windows the packages whose code differs
# there (their tests can't run here: Debian's Wine 8 lacks bcryptprimitives.dll, which every
# Go program since 1.22 needs).
windows: deps
	$(WINDOWS_ENV) $(GO) vet . ./storage/... ./journey/...
	@for p in ./storage ./storage/transfer ./journey ./journey/interchange; do \
		$(WINDOWS_ENV) $(GO) test -c -o /dev/null $$p || exit 1; done
	$(WINDOWS_ENV) $(GO) build -ldflags=-H=windowsgui -o $(WINDOWS_BIN) .
	@file $(WINDOWS_BIN) 2>/dev/null | grep -q 'PE32+ executable (GUI) x86-64' || { echo "$(WINDOWS_BIN) is no Windows GUI program"; exit 1; }
	@echo "windows: $(WINDOWS_BIN) built"

# The measuring programs under .ci, which ./... leaves out for their folder's leading dot.
CI_PROGRAMS := ./.ci/startup/bare ./.ci/startup/big ./.ci/frames/bare

lint: $(STATICCHECK)
	@out=$$(gofmt -l . | grep -v '^.tools/'); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./... $(CI_PROGRAMS)
	$(STATICCHECK) ./... $(CI_PROGRAMS)

unit:
	@bash .ci/gotest -count=1

# Each run fuzzes from the seed corpus: inputs cached by earlier runs pile up in the Go cache, and
# replaying hundreds of damaged stores took the whole -fuzztime before fuzzing began, failing
# with "context deadline exceeded". A crasher found is kept in testdata/fuzz, not in the cache.
fuzz:
	@$(GO) clean -fuzzcache
	@bash .ci/fuzz $(GO) $(FUZZTIME) $(FUZZ)

soak: deps
	JOURNEYMAP_KILLS=$(SOAK_KILLS) $(GO) test -count=1 -timeout=60m -run='SIGKILL' -v ./storage/ > /tmp/journeymap-soak.txt; s=$$?; grep -E '^(---|ok|FAIL)|killed|process_test' /tmp/journeymap-soak.txt; [ $$s = 0 ] || exit $$s
	JOURNEYMAP_GUI_KILLS=$(SOAK_KILLS) $(GO) test -count=1 -timeout=90m -run='TestEndToEndSIGKILLBurst' -v . > /tmp/journeymap-soak-gui.txt; s=$$?; grep -E '^(---|ok|FAIL)|SIGKILLs|e2e_kill_test' /tmp/journeymap-soak-gui.txt; exit $$s

bench: deps
	@$(GO) test -run='^$$' -bench=. -benchmem ./... | tee /tmp/journeymap-bench.txt
	@awk -f .ci/bench.awk /tmp/journeymap-bench.txt

# Start-up under Xvfb against a bare Fyne window of the same size (RUNS=8 each).
startup: deps
	@bash .ci/startup/run.sh

clean:
	rm -rf bin dist .tools
