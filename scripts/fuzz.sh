#!/usr/bin/env bash
# Runs one libFuzzer target for a number of seconds.
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#   scripts/fuzz.sh all SECONDS           every target in turn
#   scripts/fuzz.sh TARGET replay         run the seed corpus once (CI smoke)
#
# TARGET: json yaml xml studio-json studio-xml bundle
#
# Why swiftc and not `swift build`: libFuzzer brings its own `main`, which the
# package's executable target cannot link with, and SwiftPM has no fuzzer
# sanitizer option. So each module the target needs is compiled here, once,
# whole-module with `-sanitize=fuzzer,address` (coverage + ASan), into
# .build-fuzz/ (git-ignored), and the harness in Fuzz/Targets is linked against
# the objects. Modules are rebuilt only when a source is newer than the object.
#
# The corpus is a temporary folder seeded from Samples/ and, for the readers,
# ../shared/conformance (JSONTestSuite, yaml-test-suite); the suites are never
# copied into the repository. Crashes land in .build-fuzz/crashes/TARGET/; the
# last line printed is "fuzz TARGET: N executions, M crashes".
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

target=${1:?usage: scripts/fuzz.sh TARGET SECONDS|replay}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS|replay}
shift 2
extra=("$@")

if [ "$target" = all ]; then
  for t in json yaml xml studio-json studio-xml bundle; do "$0" "$t" "$seconds" "${extra[@]}"; done
  exit 0
fi

out=.build-fuzz
mkdir -p "$out/modules"
conformance=${CXLINT_CONFORMANCE:-../shared/conformance}
zip_checkout=.build/checkouts/ZIPFoundation
flags=(-O -wmo -parse-as-library -sanitize=fuzzer,address -I "$out/modules" -I Sources/CLibYAML -I Sources/CLibXML2
  -I Sources/CXLintBytes/include -I "$zip_checkout/Sources/CZLib")
# The XML reader imports libxml2's headers (Sources/CLibXML2, a system library in Package.swift).
for include in $(pkg-config --cflags-only-I libxml-2.0); do flags+=(-Xcc "$include"); done

zip_sources() {
  local dir=$zip_checkout/Sources/ZIPFoundation
  [ -d "$dir" ] || swift package resolve >/dev/null
  find "$dir" -name '*.swift'
}

module_sources() {
  case "$1" in
    ZIPFoundation) zip_sources ;;
    *) find "Sources/$1" -name '*.swift' ;;
  esac
}

# Compiles one module to an object and a .swiftmodule unless they are current:
# no source and no module it imports (the objects built before it) is newer.
# Modules are not resilient, so a dependant must be rebuilt when a layout changes.
build_module() {
  local name=$1 object="$out/modules/$1.o"
  shift
  local sources
  sources=$(module_sources "$name" | sort)
  # shellcheck disable=SC2086
  if [ -f "$object" ] && [ -z "$(find $sources "$@" -newer "$object" | head -n 1)" ]; then return; fi
  echo "fuzz: compiling $name" >&2
  # shellcheck disable=SC2086
  # ZIPFoundation's own package builds it in Swift 5 mode; cxlint is Swift 6.
  # It also needs _GNU_SOURCE for fopencookie, as its Package.swift sets.
  local mode=(-swift-version 6)
  [ "$name" = ZIPFoundation ] && mode=(-swift-version 5 -Xcc -D_GNU_SOURCE=1)
  swiftc "${flags[@]}" "${mode[@]}" -module-name "$name" -emit-module -emit-module-path "$out/modules/$name.swiftmodule" \
    -c -o "$object" $sources
}

# The C files of CXLintBytes (the JSON skip), each an object built with the same
# instrumentation, linked into every target (the Swift modules call them).
c_objects() {
  local source object objects=()
  for source in Sources/CXLintBytes/*.c; do
    object="$out/modules/$(basename "$source" .c).c.o"
    if [ ! -f "$object" ] || [ -n "$(find "$source" Sources/CXLintBytes/include -newer "$object" | head -n 1)" ]; then
      echo "fuzz: compiling $source" >&2
      clang -O2 -g -fsanitize=fuzzer-no-link,address -I Sources/CXLintBytes/include -c "$source" -o "$object"
    fi
    objects+=("$object")
  done
  echo "${objects[@]}"
}

modules_for() {
  case "$1" in
    json | yaml | xml) echo CXLintSyntax ;;
    studio-json | studio-xml) echo CXLintSyntax ZIPFoundation CXLintModel ;;
    bundle) echo CXLintSyntax ZIPFoundation CXLintModel CXLintAnalysis CXLintRules CXLintDriver CXLintReport ;;
    *) echo "unknown target $1" >&2; exit 2 ;;
  esac
}

harness_for() {
  case "$1" in
    json) echo FuzzJSON ;; yaml) echo FuzzYAML ;; xml) echo FuzzXML ;;
    studio-json) echo FuzzStudioJSON ;; studio-xml) echo FuzzStudioXML ;; bundle) echo FuzzBundle ;;
  esac
}

build_target() {
  local objects=()
  for m in $(modules_for "$1"); do
    # ZIPFoundation imports none of cxlint's modules.
    # The Swift modules import the C headers (byte classes, the JSON skip): a change to one rebuilds them.
    if [ "$m" = ZIPFoundation ]; then build_module "$m"; else build_module "$m" "${objects[@]}" Sources/CXLintBytes/include/*.h; fi
    objects+=("$out/modules/$m.o")
  done
  # shellcheck disable=SC2207
  objects+=($(c_objects))
  local harness binary="$out/fuzz-$1"
  harness=$(harness_for "$1")
  if [ ! -x "$binary" ] || [ -n "$(find Fuzz/Targets "${objects[@]}" -newer "$binary" | head -n 1)" ]; then
    echo "fuzz: linking $binary" >&2
    rm -f "$binary"
    swiftc "${flags[@]}" -swift-version 6 -module-name "$harness" "Fuzz/Targets/$harness.swift" Fuzz/Targets/FuzzChecks.swift \
      "${objects[@]}" -lyaml -lxml2 -lz -o "$binary" 2>&1 | { grep -v "Cannot export local symbol '__asan" || true; } >&2
    # The pipe hides gold's harmless ASan warnings; a failed link still fails here.
    [ -x "$binary" ] || { echo "fuzz: link failed" >&2; exit 1; }
  fi
  echo "$binary"
}

# Copies seed files into the corpus under unique names.
seed() {
  local corpus=$1
  shift
  local i=0
  for f in "$@"; do
    [ -f "$f" ] || continue
    cp "$f" "$corpus/seed-$i"
    i=$((i + 1))
  done
}

# A bundle seed is config, export and script joined by the separator in FuzzChecks.swift.
seed_bundles() {
  local corpus=$1 i=0
  for dir in Samples/good Samples/good-web Samples/broken/*/; do
    local config export script
    # A folder without one of the three parts (e.g. unknown-document/) is no seed; `|| true`
    # keeps `set -o pipefail` from ending the script on its failed ls.
    config=$(ls "$dir"/phone-integration.* 2>/dev/null | head -n 1 || true)
    export=$(ls "$dir"/exports/*.json 2>/dev/null | head -n 1 || true)
    script=$(ls "$dir"/studio/* 2>/dev/null | head -n 1 || true)
    [ -n "$config" ] && [ -n "$export" ] && [ -n "$script" ] || continue
    { cat "$config"; printf '\n%%%%cxlint-fuzz%%%%\n'; cat "$export"; printf '\n%%%%cxlint-fuzz%%%%\n'; cat "$script"; } > "$corpus/bundle-$i"
    i=$((i + 1))
  done
}

fill_corpus() {
  local corpus=$1
  case "$target" in
    json) seed "$corpus" $(find Samples -name '*.json') "$conformance"/JSONTestSuite/test_parsing/*.json ;;
    yaml) seed "$corpus" $(find Samples -name '*.yaml') "$conformance"/yaml-test-suite/*/in.yaml ;;
    xml) seed "$corpus" $(find Samples Tests/Fixtures -name '*.xml' 2>/dev/null) ;;
    studio-json) seed "$corpus" $(find Samples -path '*studio*' -name '*.json') ;;
    studio-xml) seed "$corpus" $(find Samples -path '*studio*' -name '*.xml') ;;
    bundle) seed_bundles "$corpus" ;;
  esac
  # Regression inputs from earlier crashes are seeds too.
  if [ -d "Tests/Fixtures/hostile/fuzz-$target" ]; then cp Tests/Fixtures/hostile/fuzz-"$target"/* "$corpus"/ 2>/dev/null || true; fi
}

# Two targets started together share modules: one builds at a time.
exec 9>"$out/.build-lock"
flock 9
binary=$(build_target "$target")
flock -u 9
corpus=$(mktemp -d "${TMPDIR:-/tmp}/cxlint-fuzz-$target.XXXXXX")
trap 'rm -rf "$corpus"' EXIT
fill_corpus "$corpus"
crashes="$out/crashes/$target"
mkdir -p "$crashes"
log="$out/fuzz-$target.log"

# libFuzzer's own limits: a 5 s timeout is a hang, 2 GB RSS is a memory blow-up.
common=(-rss_limit_mb=2048 -timeout=5 -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
touch "$out/.start-$target"
set +e
if [ "$seconds" = replay ]; then
  "$binary" "${common[@]}" -runs=0 "${extra[@]}" "$corpus" >"$log" 2>&1
else
  "$binary" "${common[@]}" -max_total_time="$seconds" -fork=0 "${extra[@]}" "$corpus" >"$log" 2>&1
fi
status=$?
set -e
runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -n 1)
found=$(find "$crashes" -type f -newer "$out/.start-$target" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
echo "fuzz $target: ${runs:-0} executions, $found crashes (log $log)"
if [ $status -ne 0 ]; then tail -n 40 "$log" >&2; fi
exit $status
