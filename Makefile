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

bench:
	@echo "bench: the corpus benchmark is not written yet; run 'go test -bench . ./...' for the package benchmarks"
	$(GO) test -run '^$$' -bench . -benchmem ./...

fuzz:
	@echo "fuzz: no fuzz targets are wired into make yet"

clean:
	rm -rf bin out
