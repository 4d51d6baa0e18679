#!/usr/bin/env python3
"""Benchmarks `cxlint audit`: bundles per second and peak memory (max RSS of
the cxlint process) for fleets of 100, 1,000 and 10,000 bundles written by
scripts/generate-fleet.py. Not a unit test: timings depend on the machine.

    swift build -c release --product cxlint
    scripts/benchmark-audit.py [--binary .build/release/cxlint] [--sizes 100,1000,10000] [--work /tmp/cxlint-bench]

Each size is run --runs times (default 3) and the median is printed. Fleets
are kept in --work and reused when their size and seed match.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ensure_fleet(work, size, seed):
    folder = os.path.join(work, "fleet-%d" % size)
    stamp = os.path.join(work, "fleet-%d.json" % size)
    if os.path.exists(stamp):
        with open(stamp) as f:
            if json.load(f).get("seed") == seed:
                return folder
    out = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "generate-fleet.py"), folder, "--count", str(size),
                          "--seed", str(seed), "--no-lines"], check=True, capture_output=True, text=True).stdout
    with open(stamp, "w") as f:
        f.write(out)
    return folder


def run_once(binary, fleet, report):
    """Wall time and peak RSS (KiB) of one audit, from wait4's rusage of that process alone."""
    start = time.monotonic()
    process = subprocess.Popen([binary, "audit", fleet, "--report", report, "--quiet", "--fail-on", "never"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("cxlint audit failed: %s" % process.stderr.read().decode())
    return elapsed, usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "cxlint"))
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--work", default="/tmp/cxlint-bench")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        raise SystemExit("%s not found: swift build -c release --product cxlint" % args.binary)
    os.makedirs(args.work, exist_ok=True)
    print("machine: %s, %d cores, %s; cxlint %s" % (platform.machine(), os.cpu_count(), platform.platform(), args.binary))
    print("%8s %10s %12s %14s %10s" % ("bundles", "seconds", "bundles/s", "peak RSS MiB", "findings"))
    for size in [int(s) for s in args.sizes.split(",")]:
        fleet = ensure_fleet(args.work, size, args.seed)
        report = os.path.join(args.work, "report-%d.json" % size)
        results = [run_once(args.binary, fleet, report) for _ in range(args.runs)]
        seconds = statistics.median(r[0] for r in results)
        peak = max(r[1] for r in results) / 1024
        with open(report) as f:
            summary = json.load(f)["summary"]
        print("%8d %10.2f %12.0f %14.1f %10d" % (summary["bundles"], seconds, summary["bundles"] / seconds, peak, summary["findings"]))


if __name__ == "__main__":
    main()
