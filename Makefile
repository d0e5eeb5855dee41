# cbmex — run `make help` for the list of targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

BIN       := bin/cbmex
GO_TAGS   := ui
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X main.version=$(VERSION)
CHROMIUM  ?= $(or $(CHROMIUM_PATH),$(shell command -v chromium 2>/dev/null),$(shell command -v chromium-browser 2>/dev/null))
UI_SOURCES := $(shell find frontend/src frontend/public frontend/index.html frontend/vite.config.ts -type f 2>/dev/null)
GO_SOURCES := $(shell find backend migrations scenarios frontend -name '*.go' -o -name '*.sql' -o -name '*.yaml' -o -name '*.json' 2>/dev/null | grep -v node_modules)

.PHONY: help
help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

frontend/dist/index.html: frontend/node_modules/.package-lock.json $(UI_SOURCES)
	cd frontend && npm run build

.PHONY: ui
ui: frontend/dist/index.html ## Build the web interface into frontend/dist

$(BIN): frontend/dist/index.html $(GO_SOURCES) go.mod go.sum
	CGO_ENABLED=0 go build -tags $(GO_TAGS) -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./backend/cmd/cbmex

.PHONY: build
build: $(BIN) ## Build the single binary bin/cbmex with the UI inside

.PHONY: run
run: $(BIN) ## Build and start the server on SQLite in ./data (prints the URL and how to sign in)
	./$(BIN) serve

.PHONY: test
test: test-go test-ui test-e2e ## Run every test this machine can run
	@if [ -n "$(CHROMIUM)" ]; then $(MAKE) --no-print-directory budget; fi
	@echo "make test: all passed"

.PHONY: test-go
test-go: ## go vet, gofmt check and Go tests (on PostgreSQL too when CBMEX_TEST_DATABASE_URL is set)
	@test -z "$$(gofmt -l backend migrations scenarios frontend/*.go)" || { echo "gofmt would change:"; gofmt -l backend migrations scenarios frontend/*.go; exit 1; }
	go vet ./...
	@if [ -z "$$CBMEX_TEST_DATABASE_URL" ]; then \
	  echo; echo "**************************************************************************"; \
	  echo "* NOTICE: CBMEX_TEST_DATABASE_URL is not set: storage and API tests run  *"; \
	  echo "* on SQLite only; their PostgreSQL halves are SKIPPED. (.ci/run sets it) *"; \
	  echo "**************************************************************************"; echo; \
	  if [ "$$CI" = "true" ]; then echo "CI must run the PostgreSQL tests"; exit 1; fi; fi
	go test -count=1 ./...

.PHONY: test-ui
test-ui: frontend/node_modules/.package-lock.json ## Frontend lint, API contract lint and generated types, typecheck, unit tests, translations
	cd frontend && npm run lint && npm run lint:api && npm run gen:api:check && npm run typecheck && npm test && npm run i18n:check

.PHONY: test-e2e
test-e2e: ## Browser end-to-end tests in headless Chromium (skipped loudly when there is none)
	@if [ -z "$(CHROMIUM)" ]; then \
	  echo; echo "**************************************************************************"; \
	  echo "* NOTICE: no Chromium found: the browser end-to-end tests are SKIPPED.   *"; \
	  echo "* Install it (apt-get install chromium) or set CHROMIUM_PATH.            *"; \
	  echo "**************************************************************************"; echo; \
	  if [ "$$CI" = "true" ]; then echo "CI must run the browser tests"; exit 1; fi; \
	else \
	  $(MAKE) --no-print-directory $(BIN) && cd frontend && CHROMIUM_PATH="$(CHROMIUM)" CBMEX_BIN=../$(BIN) npm run e2e; \
	fi

.PHONY: fuzz
fuzz: ## Fuzz the scenario parser for 2 minutes
	go test -run '^$$' -fuzz FuzzParse -fuzztime 2m ./backend/internal/scenario/

.PHONY: bench
bench: ## Go benchmarks
	go test -run '^$$' -bench . -benchmem ./...

.PHONY: budget
budget: $(BIN) ## JavaScript of the participant path (join link to room) against its 150 kB gzip budget; fails over it
	cd frontend && CHROMIUM_PATH="$(CHROMIUM)" CBMEX_BIN=../$(BIN) npm run --silent budget

.PHONY: slow-network
slow-network: $(BIN) ## Join link to join form and to the room's first inject at three network profiles (medians of three runs)
	cd frontend && CHROMIUM_PATH="$(CHROMIUM)" CBMEX_BIN=../$(BIN) npm run --silent slow3g

.PHONY: lint
lint: frontend/node_modules/.package-lock.json ## gofmt, go vet and the frontend linter
	@test -z "$$(gofmt -l backend migrations scenarios frontend/*.go)"
	go vet ./...
	cd frontend && npm run lint

.PHONY: docker
docker: ## Build the container image (needs a Docker engine)
	docker build -f docker/Dockerfile -t cbmex:$(VERSION) .

.PHONY: clean
clean: ## Remove build output (keeps ./data)
	rm -rf bin frontend/dist
