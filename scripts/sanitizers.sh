#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer and ThreadSanitizer.
#
#   scripts/sanitizers.sh [address|thread ...]     (default: both)
#
# Each sanitizer builds into its own scratch folder (.build-asan, .build-tsan;
# git-ignored as .build-*/) so the normal .build stays incremental. The CLI
# tests run the cxlint binary built in the same folder, so the binary is
# instrumented too. Leak detection is off: the Swift runtime keeps metadata
# caches for the life of the process, which LeakSanitizer reports as leaks.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(address thread)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0}
# TSan reports in Foundation's own locks are not cxlint's races; halt on the first real one.
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

status=0
for sanitizer in "${sanitizers[@]}"; do
  case "$sanitizer" in
    address) scratch=.build-asan ;;
    thread) scratch=.build-tsan ;;
    *) echo "unknown sanitizer $sanitizer" >&2; exit 2 ;;
  esac
  echo "== $sanitizer: building into $scratch"
  nice -n 10 swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch"
  log="$scratch/sanitizer-test.log"
  echo "== $sanitizer: testing (log $log)"
  set +e
  swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" 2>&1 | tee "$log" | grep -E "Executed [0-9]+ tests|SUMMARY: (Address|Thread)Sanitizer|error:" | tail -n 20
  result=${PIPESTATUS[0]}
  set -e
  if grep -q "SUMMARY: .*Sanitizer" "$log"; then result=1; fi
  echo "== $sanitizer: $( [ "$result" -eq 0 ] && echo passed || echo FAILED )"
  [ "$result" -eq 0 ] || status=1
done
exit $status
