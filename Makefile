# Journeymap: `make run` starts the app, `make test` runs every check. Both install what is missing.
export LANG := en_US.UTF-8
export CGO_ENABLED := 1

GO          ?= go
BIN         := bin/journeymap
TOOLS       := $(CURDIR)/.tools
STATICCHECK := $(TOOLS)/staticcheck
STATICCHECK_VERSION := v0.8.2
FUZZTIME    ?= 8s
# Fuzz targets as package:Target, each run for FUZZTIME by `make test`.
FUZZ        := ./journey/interchange:FuzzParse

.PHONY: run build test deps lint unit fuzz bench clean

run: build
	./$(BIN) $(if $(STORE),-store $(STORE))

build: deps
	$(GO) build -o $(BIN) .

deps:
	@bash .ci/deps
	@$(GO) mod download

$(STATICCHECK):
	GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

test: deps lint unit fuzz

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

bench: deps
	@$(GO) test -run='^$$' -bench=. -benchmem ./... | tee /tmp/journeymap-bench.txt
	@awk '/^BenchmarkMapBuild-/ {b=$$3} /^BenchmarkMapRefreshOneCard-/ {r=$$3} /^BenchmarkMapRefreshOneCardGrows-/ {g=$$3} \
		END { if (b && r) printf "map of 40 stages x 7 lanes x 5 cards: build %.2f ms, one-card refresh %.4f ms (%.5f of a build), one card growing %.3f ms (%.4f of a build)\n", b/1e6, r/1e6, r/b, g/1e6, g/b }' /tmp/journeymap-bench.txt

clean:
	rm -rf bin .tools
