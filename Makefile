# Two commands matter: `make run` (release build, serves http://127.0.0.1:3000)
# and `make test` (everything CI runs). Both install what they need first.

SHELL := /bin/bash
CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TARGET_DIR
E2E_PORT ?= 3100
# cargo-leptos builds the debug server with this; tests and clippy use the
# same so they reuse its compiled app instead of building it twice (the
# compiler flags they share are in .cargo/config.toml).
SHARED_BUILD_ENV := LEPTOS_OUTPUT_NAME=prm


.PHONY: run wasm-opt test test-deps tools browser e2e-deps bench-deps build-debug unit e2e screenshots lint fmt bench-editor bench-forum bench-http bench-mixed bench-kill-sends bench-kill-approvals bench-pg-restart bench-lighthouse

tools:
	@scripts/install-tools.sh

# Release builds run Binaryen's wasm-opt from npm: Debian's (108) breaks
# wasm-bindgen's reference-type tables, and cargo-leptos would download one.
WASM_OPT_BIN := $(CURDIR)/scripts/wasm-opt/node_modules/.bin
# Only islands hydrate (docs/architecture.md), so there are no page chunks
# to split off: one wasm module holds every island.
RELEASE_BUILD := PATH="$(WASM_OPT_BIN):$$PATH" cargo leptos build --release --precompress
wasm-opt:
	@cd scripts/wasm-opt && { [ -x node_modules/.bin/wasm-opt ] || npm ci --no-audit --no-fund; }

## Release build, then serve on 127.0.0.1:3000 with data under ./data.
run: tools wasm-opt
	$(RELEASE_BUILD)
	LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=prm LEPTOS_SITE_PKG_DIR=pkg \
	  $(CARGO_TARGET_DIR)/release/server

## Unit and integration tests, then the browser suite.
## Each stage is timed; the times are printed at the end (README lists them).
TEST_STAGES := lint unit build-debug e2e
test: tools test-deps
	@times=""; for stage in $(TEST_STAGES); do \
	  start=$$(date +%s); \
	  $(MAKE) --no-print-directory $$stage || exit 1; \
	  times="$$times$$stage $$(( $$(date +%s) - start )) s\n"; \
	done; printf "\nStage times:\n$$times"

## A local S3-compatible service for the object-store test and an SMTP sink
## for the campaign mail test (both from PyPI).
test-deps:
	@command -v moto_server >/dev/null || python3 -m pip install -q --disable-pip-version-check 'moto[server]'
	@python3 -c 'import aiosmtpd' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check aiosmtpd


lint:
	cargo fmt --all -- --check
	$(SHARED_BUILD_ENV) cargo clippy -p server -p app -p migrations --all-targets -- -D warnings
	$(SHARED_BUILD_ENV) cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

unit:
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
	  echo "Integration tests run on SQLite and on PostgreSQL ($$TEST_DATABASE_URL)"; \
	else \
	  echo "TEST_DATABASE_URL is not set: integration tests run on SQLite only"; \
	fi
	@# Debug-build futures are many times their release size: a scenario
	@# that drives a campaign's launch and tracking through the whole app
	@# overflowed a 2 MiB test thread once in CI. 8 MiB for test threads
	@# and the runtime's workers (a runtime setting, so nothing rebuilds).
	RUST_MIN_STACK=8388608 $(SHARED_BUILD_ENV) cargo test --no-fail-fast -p server -p app -p migrations

# The debug site goes to its own directory so target/site only ever holds
# the release build that `make run` serves and the benches measure.
build-debug:
	LEPTOS_SITE_ROOT=target/site-debug cargo leptos build

browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

e2e-deps: browser
	@cd end2end && { [ -d node_modules/@playwright/test ] || npm ci --no-audit --no-fund; }

## Load generator, calculator and SQLite shell (the kill runs read the
## database with it) for the HTTP and reliability benches (Debian).
bench-deps:
	@command -v wrk >/dev/null && command -v bc >/dev/null && command -v curl >/dev/null && command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk bc curl sqlite3; }

## Starts the debug server on a fresh data directory and runs Playwright.
e2e: e2e-deps
	cd end2end && PRM_SERVER_BIN=$(CARGO_TARGET_DIR)/debug/server PRM_E2E_PORT=$(E2E_PORT) npx playwright test

## Every demo role's dashboard at 390x844 and 1280x800 (docs/screenshots,
## linked from README), taken by the browser suite's walkthrough.
screenshots: tools e2e-deps build-debug
	cd end2end && PRM_SERVER_BIN=$(CARGO_TARGET_DIR)/debug/server PRM_E2E_PORT=$(E2E_PORT) npx playwright test tests/walkthrough.spec.ts
	mkdir -p docs/screenshots && cp end2end/screenshots/*-home-*.png docs/screenshots/

fmt:
	cargo fmt --all

## Co-branding timings: preview per keystroke, PNG and PDF export (release).
bench-editor:
	cargo run --release -p server --bin bench_cobrand

## HTTP load: wrk on the dashboard, a forum topic (50 replies), the topic
## list, the funds page and a server function, on a small and a
## 100,000-partner / 1,000,000-post / 200,000-claim program (release build).
bench-http: tools wasm-opt bench-deps
	$(RELEASE_BUILD)
	bench/http.sh $(BENCH_PARTNERS)

## The forum pages only.
bench-forum: tools wasm-opt bench-deps
	$(RELEASE_BUILD)
	PAGES="/forum/topics/1 /forum" bench/http.sh $(BENCH_PARTNERS)

## Reliability: 60 s of mixed pages, reads and writes at 64 connections on
## SQLite, then on PostgreSQL when it runs; fails on any 5xx (release build).
bench-mixed: tools wasm-opt bench-deps
	$(RELEASE_BUILD)
	bench/mixed.sh
	@if pg_isready -q -h 127.0.0.1 2>/dev/null; then DATABASE=postgres bench/mixed.sh; else echo "PostgreSQL is not running: mixed load ran on SQLite only"; fi

## Reliability: kill -9 the server three times while it sends a campaign to
## 3,000 contacts; checks nothing is lost or sent twice (release build).
bench-kill-sends: tools wasm-opt bench-deps
	$(RELEASE_BUILD)
	bench/kill-sends.sh $(BENCH_CONTACTS)

## Reliability: kill -9 the server three times while the vendor approves 600
## claims; `server verify` then checks ledger and counters (release build).
bench-kill-approvals: tools wasm-opt bench-deps
	$(RELEASE_BUILD)
	bench/kill-approvals.sh $(BENCH_PARTNERS)

## Reliability: stop PostgreSQL for 5 s under load; only 503s, then recovery
## without a restart (needs root and the machine's PostgreSQL).
bench-pg-restart: tools wasm-opt bench-deps
	$(RELEASE_BUILD)
	bench/pg-restart.sh

## Page quality: Lighthouse mobile scores of sign-in, dashboard, forum topic,
## MDF claim form and co-branding editor (release build, Debian Chromium).
bench-lighthouse: tools wasm-opt browser
	$(RELEASE_BUILD)
	bench/lighthouse.sh
