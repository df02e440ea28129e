# Journeymap: `make run` starts the app, `make test` runs every check. Both install what is missing.
export LANG := en_US.UTF-8
export CGO_ENABLED := 1

GO          ?= go
BIN         := bin/journeymap
TOOLS       := $(CURDIR)/.tools
STATICCHECK := $(TOOLS)/staticcheck
STATICCHECK_VERSION := v0.8.2
FUZZTIME    ?= 3m
# Fuzz targets as package:Target, each run for FUZZTIME by `make fuzz` (8 s each in `make test`);
# new finds land in the package's testdata/fuzz/ and are replayed by every test run.
FUZZ        := ./journey/interchange:FuzzParse ./journey/interchange:FuzzCSVRoundTrip ./journey/interchange:FuzzReadCSV \
               ./journey:FuzzUnmarshalEdit ./storage:FuzzOpenDamaged
# make soak: the crash tests with this many SIGKILLs each (make test runs 30).
SOAK_KILLS  ?= 300

.PHONY: run build test deps lint unit fuzz soak bench startup clean

run: build
	./$(BIN) $(if $(STORE),-store $(STORE))

build: deps
	$(GO) build -o $(BIN) .

deps:
	@bash .ci/deps
	@$(GO) mod download

$(STATICCHECK):
	GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

test: deps lint unit
	@$(MAKE) --no-print-directory fuzz FUZZTIME=8s

lint: $(STATICCHECK)
	@out=$$(gofmt -l . | grep -v '^.tools/'); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

unit:
	@bash .ci/gotest -count=1

fuzz:
	@for t in $(FUZZ); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$name ($(FUZZTIME))"; \
		$(GO) test -run='^$$' -fuzz="^$$name$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=2s $$pkg || exit 1; \
	done

soak: deps
	JOURNEYMAP_KILLS=$(SOAK_KILLS) $(GO) test -count=1 -timeout=60m -run='SIGKILL' -v ./storage/ > /tmp/journeymap-soak.txt; s=$$?; grep -E '^(---|ok|FAIL)|killed|process_test' /tmp/journeymap-soak.txt; exit $$s

bench: deps
	@$(GO) test -run='^$$' -bench=. -benchmem ./... | tee /tmp/journeymap-bench.txt
	@awk -f .ci/bench.awk /tmp/journeymap-bench.txt

# Start-up under Xvfb against a bare Fyne window of the same size (RUNS=8 each).
startup: deps
	@bash .ci/startup/run.sh

clean:
	rm -rf bin .tools
