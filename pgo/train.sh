#!/usr/bin/env bash
# Regenerate pgo/newsrake.profdata.gz, the profile `make build` optimises the
# release binary with (profile-guided optimisation: LLVM lays out and inlines
# the extraction's branchy code by how often each branch is taken).
#
# 1. an instrumented build (target/pgo-gen, its own target directory);
# 2. training runs: a 16 MB corpus from newsrake-corpusgen (seed 11, not the
#    benchmark's seed 6), every golden input folder (text, JSONL, gzip, bad
#    encodings), the workbook, and `newsrake eval` on the repo's gold files;
# 3. `llvm-profdata merge` (from rustup's llvm-tools component, installed
#    here if missing) into pgo/newsrake.profdata.gz (gzip: the Makefile
#    unpacks it under target/), with pgo/profile.txt saying
#    which commit and LLVM it was made with.
#
# The tables do not depend on the profile: it changes speed only.
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO=${CARGO:-cargo}
host=$(rustc -vV | sed -n 's/^host: //p')
llvm=$(rustc -vV | sed -n 's/^LLVM version: //p')
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
    rustup component add llvm-tools >/dev/null
fi
raw="$PWD/target/pgo-raw"
rm -rf "$raw" target/pgo-train target/pgo-out
# (build scripts are instrumented too: what they write while the build
# runs them stays out of the profile)
RUSTFLAGS="-Cprofile-generate=$raw" LLVM_PROFILE_FILE="$PWD/target/pgo-build-scripts/%m_%p.profraw" \
    "$CARGO" build --release --locked -p newsrake -p newsrake-corpusgen --target-dir target/pgo-gen
bin=target/pgo-gen/release
export LLVM_PROFILE_FILE="$raw/%m_%p.profraw"
"$bin/newsrake-corpusgen" --mb 16 --seed 11 --out target/pgo-train >/dev/null
"$bin/newsrake" run target/pgo-train --out target/pgo-out/corpus --jobs 1 --quiet
for d in tests/golden/*/in; do
    "$bin/newsrake" run "$d" --out "target/pgo-out/$(basename "$(dirname "$d")")" \
        --jobs 1 --quiet --workbook always || [ $? -eq 1 ]
done
for g in tests/eval/*.jsonl; do
    "$bin/newsrake" eval "$g" >/dev/null
done
"$profdata" merge --sparse -o target/pgo-merged.profdata "$raw"
gzip -9nc target/pgo-merged.profdata >pgo/newsrake.profdata.gz
{
    echo "commit: $(git rev-parse HEAD)"
    echo "llvm: $llvm"
    echo "rustc: $(rustc -V)"
} >pgo/profile.txt
echo "pgo/newsrake.profdata.gz: $(wc -c <pgo/newsrake.profdata.gz) bytes (LLVM $llvm)"
