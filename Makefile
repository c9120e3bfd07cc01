# bookc: `make` builds the sample book into out/, `make test` runs the tests.
GO      ?= go
BIN     := bin/bookc
FUZZTIME ?= 20s

.PHONY: all book bin test tools bench fuzz clean

all: book

bin:
	$(GO) build -o $(BIN) ./cmd/bookc

book: bin
	./$(BIN) build -C . -o out

tools:
	@sh scripts/ensure-tools.sh

test: tools
	$(GO) vet ./...
	$(GO) test -count=1 ./...

RUNS ?= 5
SIZES ?= 1000,10000

# Full builds of generated corpora (medians of $(RUNS) runs), then the Go
# benchmarks of the hot stages.
bench: bin
	$(GO) run ./tools/bench -bin $(BIN) -n $(SIZES) -runs $(RUNS)
	$(GO) test -run '^$$' -bench . -benchmem -count 3 ./parse ./backends/...

FUZZ_TARGETS := ./parse:FuzzFile ./link:FuzzResolve ./config:FuzzParse \
	./backends/pdf/linebreak:FuzzBreak ./fonts:FuzzParse

# Runs every fuzz target for $(FUZZTIME). A crash is saved under the
# package's testdata/fuzz and then replays in every `make test`.
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) $$pkg; \
	done

clean:
	rm -rf bin out
