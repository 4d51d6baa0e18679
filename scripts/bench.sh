#!/usr/bin/env bash
# Builds cxlint, cxlint-bench and the parse-only C++ floor in release, writes
# the benchmark corpora (once; they are reused), and prints every table of
# docs/performance.md.
#
#   scripts/bench.sh                 ratios to the floor, stages, end to end, scaling, memory, start-up
#   scripts/bench.sh --ratios        only the ratios to the floor (both corpora; a minute)
#   scripts/bench.sh --callgrind     also instruction counts (valgrind) of cxlint and the floor
#
# The floor (Benchmarks/baseline/parse_only.cpp) only parses the same files:
# libyaml events, libxml2 xmlReadMemory, simdjson DOM (libsimdjson-dev).
#
# Environment: CXLINT_BENCH_DIR (corpora, default /tmp/cxlint-perf-bench),
# BUNDLES (default 1000), REPEAT (runs per figure, the fastest kept; default 3).
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS=${CXLINT_BENCH_DIR:-/tmp/cxlint-perf-bench}
BUNDLES=${BUNDLES:-1000}
REPEAT=${REPEAT:-3}
CALLGRIND=0
RATIOS_ONLY=0
[[ "${1:-}" == "--callgrind" ]] && CALLGRIND=1
[[ "${1:-}" == "--ratios" ]] && RATIOS_ONLY=1

BIN=.build-release/release
# The binary to ship: the Swift runtime and Foundation linked in, so start-up binds
# no shared-library symbols (a third of `check` on one bundle otherwise). C is built
# with DWARF 4 debug information: valgrind 3.19 (--callgrind) gives up on clang's DWARF 5.
swift build -c release --static-swift-stdlib --scratch-path .build-release --product cxlint -Xcc -gdwarf-4 >&2
swift build -c release --static-swift-stdlib --scratch-path .build-release --product cxlint-bench -Xcc -gdwarf-4 >&2
dpkg -s libsimdjson-dev >/dev/null 2>&1 || { echo "bench.sh: the floor needs libsimdjson-dev (apt-get install -y libsimdjson-dev)" >&2; exit 1; }
# shellcheck disable=SC2046
g++ -O2 -std=c++17 -o .build-release/parse_only Benchmarks/baseline/parse_only.cpp $(pkg-config --cflags --libs yaml-0.1 libxml-2.0 simdjson)
BASELINE=.build-release/parse_only
CXLINT=$BIN/cxlint
BENCH=$BIN/cxlint-bench

# generate NAME ARGS...: one corpus folder, written once.
generate() {
    local name=$1
    shift
    if [[ ! -f "$CORPUS/$name/.complete" ]]; then
        rm -rf "${CORPUS:?}/$name"
        python3 scripts/generate-corpus.py "$CORPUS/$name" "$@"
        touch "$CORPUS/$name/.complete"
    fi
}
# The two corpora of the ratios: 40 synthetic bundles with large actions skills and
# 300-action scripts, and the public exports of ../shared/real-exports, each in 4
# bundles with a config and a 20-action script (small files: per-file and per-bundle costs).
generate synthetic-40 --bundles 40 --seed 1 --min-export-kb 200 --max-export-kb 3200 --script-actions 300
if [[ ! -f "$CORPUS/real-exports/.complete" ]]; then
    rm -rf "${CORPUS:?}/real-exports"
    python3 scripts/real-export-corpus.py "$CORPUS/real-exports" --copies 4 --script-actions 20 --seed 1
    touch "$CORPUS/real-exports/.complete"
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "## Ratios to the parse-only floor (best of $REPEAT)"
echo
$BENCH ratios-header
$BENCH ratios --cxlint "$CXLINT" --baseline "$BASELINE" --repeat "$REPEAT" --label "synthetic (40 bundles)" "$CORPUS/synthetic-40"
$BENCH ratios --cxlint "$CXLINT" --baseline "$BASELINE" --repeat "$REPEAT" --label "real exports (244 bundles)" "$CORPUS/real-exports"
echo
[[ $RATIOS_ONLY == 1 ]] && exit 0

SMALL=$((BUNDLES / 10))
TINY=$((BUNDLES / 100))
generate "bundles-$BUNDLES" --bundles "$BUNDLES" --seed 1
# The same seed draws the same first bundles: the smaller corpora are prefixes of the large one.
generate "bundles-$SMALL" --bundles "$SMALL" --seed 1
generate "bundles-$TINY" --bundles "$TINY" --seed 1
generate export-2mb --bundles 1 --seed 2 --export-kb 2048 --script-actions 20 --web-share 0 --mistake-share 0
generate export-20mb --bundles 1 --seed 2 --export-kb 20480 --script-actions 20 --web-share 0 --mistake-share 0
generate script-500 --bundles 1 --seed 3 --export-kb 50 --script-actions 500 --web-share 0 --mistake signal-hangup-unhandled
generate script-5000 --bundles 1 --seed 3 --export-kb 50 --script-actions 5000 --web-share 0 --mistake signal-hangup-unhandled

echo "## Stages ($BUNDLES bundles, single-threaded, CPU time of the stage)"
echo
$BENCH stages --baseline "$BASELINE" --repeat 1 "$CORPUS/bundles-$BUNDLES"
echo

echo "## End to end: cxlint check"
echo
$BENCH e2e-header
$BENCH e2e --cxlint "$CXLINT" --baseline "$BASELINE" --repeat "$REPEAT" --label "Samples/good (1 bundle)" Samples/good
$BENCH e2e --cxlint "$CXLINT" --baseline "$BASELINE" --repeat "$REPEAT" --cpus 1 --label "$BUNDLES bundles" "$CORPUS/bundles-$BUNDLES"
$BENCH e2e --cxlint "$CXLINT" --baseline "$BASELINE" --repeat "$REPEAT" --label "$BUNDLES bundles" "$CORPUS/bundles-$BUNDLES"
$BENCH e2e --cxlint "$CXLINT" --baseline "$BASELINE" --repeat "$REPEAT" --cpus 1 --label "20 MB export" "$CORPUS/export-20mb"
$BENCH e2e --cxlint "$CXLINT" --baseline "$BASELINE" --repeat "$REPEAT" --cpus 1 --label "5,000-action script" "$CORPUS/script-5000"
echo

echo "## Peak memory vs bundle count (all cores)"
echo
$BENCH e2e-header
for n in "$TINY" "$SMALL" "$BUNDLES"; do
    $BENCH e2e --cxlint "$CXLINT" --repeat 1 --label "$n bundles" "$CORPUS/bundles-$n"
done
echo

echo "## Scaling: 10x the input (single process, CPU time)"
echo
$BENCH scaling-header
$BENCH scaling --cxlint "$CXLINT" --repeat "$REPEAT" --label "bundles $SMALL → $BUNDLES" "$CORPUS/bundles-$SMALL" "$CORPUS/bundles-$BUNDLES"
$BENCH scaling --cxlint "$CXLINT" --repeat "$REPEAT" --label "export 2 → 20 MB" "$CORPUS/export-2mb" "$CORPUS/export-20mb"
$BENCH scaling --cxlint "$CXLINT" --repeat "$REPEAT" --label "script 500 → 5,000 actions" "$CORPUS/script-500" "$CORPUS/script-5000"
echo

echo "## Start-up: check Samples/good vs true"
echo
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 5 --runs 50 --style basic "true" "$CXLINT check Samples/good" 2>&1 | grep -E 'Time|±|faster|true|cxlint' || true
else
    echo "(install hyperfine for this figure)"
fi

if [[ $CALLGRIND == 1 ]]; then
    echo
    echo "## Instruction counts (callgrind; repeatable under load)"
    echo
    out=$(mktemp -d)
    echo "| corpus | cxlint check | parse_only | ratio |"
    echo "| --- | ---: | ---: | ---: |"
    for corpus in "bundles-$TINY" synthetic-40 real-exports; do
        valgrind --tool=callgrind --callgrind-out-file="$out/$corpus-cxlint.out" "$CXLINT" check --fail-on never "$CORPUS/$corpus" >/dev/null 2>"$out/$corpus-cxlint.log"
        valgrind --tool=callgrind --callgrind-out-file="$out/$corpus-baseline.out" "$BASELINE" "$CORPUS/$corpus" >/dev/null 2>"$out/$corpus-baseline.log"
        cx=$(grep -m1 -oP 'Collected : \K[0-9]+' "$out/$corpus-cxlint.log")
        base=$(grep -m1 -oP 'Collected : \K[0-9]+' "$out/$corpus-baseline.log")
        echo "| $corpus | $cx | $base | $(python3 -c "print(f'{$cx / $base:.2f}x')") |"
    done
    echo
    echo "callgrind outputs: $out (callgrind_annotate $out/real-exports-cxlint.out)"
fi
