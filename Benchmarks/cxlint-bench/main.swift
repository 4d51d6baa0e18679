// cxlint-bench: per-stage and end-to-end figures for cxlint, side by side
// with the parse-only C++ baseline (Benchmarks/baseline/parse_only.cpp).
//
//   cxlint-bench stages [--baseline BIN] [--repeat N] PATH...
//       read, parse to tree, load model, analysis+rules, report: CPU seconds,
//       MB/s, files/s and peak RSS. Each stage runs in a child process that
//       runs the pipeline up to that stage, single-threaded, so its peak RSS
//       is the pipeline's high-water mark at that stage.
//   cxlint-bench e2e --cxlint BIN [--baseline BIN] [--cpus 1] [--repeat N] [--label L] PATH...
//       `cxlint check PATH...` as a process: wall and CPU seconds, peak RSS,
//       and the ratio to the baseline parsing the same files.
//   cxlint-bench ratios --cxlint BIN --baseline BIN [--repeat N] [--label L] PATH...
//       `cxlint check` (all cores) against the baseline (one thread) as processes:
//       CPU, wall and peak-memory ratios, the issue-17 targets beside them.
//
// Times are CPU seconds of our own process or thread where the table says
// "cpu" (other jobs on the machine barely move them) and wall-clock seconds
// where it says "wall" (noisy on a shared machine).
import CXLintModel
import CXLintDriver
import CXLintReport
import CXLintRules
import CXLintSyntax
import Foundation

#if canImport(Glibc)
import Glibc
#endif

// MARK: - Measuring

/// CPU seconds used by the calling thread: stages are single-threaded.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func wallSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Peak resident set size of this process, in KiB (Linux reports KiB).
func peakRSSKiB() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss)
}

/// What a child process used: wall seconds, CPU seconds (user + system), peak RSS in KiB, and its standard output.
struct ChildRun {
    var wall: Double
    var cpu: Double
    var peakKiB: Int
    var output: String
}

/// Runs a program with posix_spawn and wait4, so its own rusage (peak RSS included) is known.
func spawn(_ arguments: [String]) -> ChildRun {
    var pipeFDs: [Int32] = [0, 0]
    pipe(&pipeFDs)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = wallSeconds()
    let status = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
    posix_spawn_file_actions_destroy(&actions)
    close(pipeFDs[1])
    guard status == 0 else { fatalError("cannot run \(arguments[0]): \(String(cString: strerror(status)))") }
    var output = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = read(pipeFDs[0], &buffer, buffer.count)
        if n <= 0 { break }
        output += buffer[0..<n]
    }
    close(pipeFDs[0])
    var usage = rusage()
    var exit: Int32 = 0
    wait4(pid, &exit, 0, &usage)
    let wall = wallSeconds() - start
    let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return ChildRun(wall: wall, cpu: cpu, peakKiB: Int(usage.ru_maxrss), output: String(decoding: output, as: UTF8.self))
}

/// The fastest of `repeat` runs (the least disturbed by other jobs), with the largest peak RSS.
func best(_ repeatCount: Int, _ body: () -> ChildRun) -> ChildRun {
    var runs = (0..<max(1, repeatCount)).map { _ in body() }
    runs.sort { $0.cpu < $1.cpu }
    var result = runs[0]
    result.wall = runs.map(\.wall).min()!
    result.peakKiB = runs.map(\.peakKiB).max()!
    return result
}

// MARK: - Corpus

func filesUnder(_ paths: [String]) -> [String] {
    let fileSystem = FileSystem()
    return paths.flatMap { path -> [String] in
        let absolute = Discovery.normalize(path, relativeTo: FileManager.default.currentDirectoryPath)
        switch fileSystem.kind(of: absolute) {
        case .directory: return fileSystem.walk(absolute)
        case .file: return [absolute]
        default: return []
        }
    }
}

// MARK: - Stages (child side)

enum Stage: String, CaseIterable {
    case read, parse, load, rules, report

    var title: String {
        switch self {
        case .read: "read"
        case .parse: "parse to tree"
        case .load: "load model"
        case .rules: "analysis+rules"
        case .report: "report (text)"
        }
    }
}

/// Runs the pipeline up to `last`, one file after another on this thread, and
/// prints `stage cpu-seconds files bytes peak-KiB` for the last stage.
func runStages(upTo last: Stage, paths: [String]) {
    let fileSystem = FileSystem()
    let files = filesUnder(paths)
    var seconds: [Stage: Double] = [:]

    var t = threadCPUSeconds()
    let contents: [(String, [UInt8])] = files.compactMap { path in
        (try? fileSystem.read(path, maxSize: DocumentLoader.defaultMaxFileSize)).map { (path, $0) }
    }
    seconds[.read] = threadCPUSeconds() - t
    let bytes = contents.reduce(0) { $0 + $1.1.count }

    var documents: [LoadedDocument] = []
    var trees: [ParseResult] = []
    if last != .read {
        var parseTime = 0.0, loadTime = 0.0
        for (path, data) in contents {
            let syntax = DocumentLoader.syntax(of: data)
            guard syntax != .zip else { continue }
            t = threadCPUSeconds()
            let source = SourceFile(id: SourceID(path: path), bytes: data)
            let parsed = DocumentLoader.parse(source, syntax: syntax)
            parseTime += threadCPUSeconds() - t
            // Trees are kept, as the CLI keeps them until the report: peak memory includes them.
            if last == .parse { trees.append(parsed); continue }
            t = threadCPUSeconds()
            documents.append(DocumentLoader.document(source, parsed, syntax: syntax))
            loadTime += threadCPUSeconds() - t
        }
        seconds[.parse] = parseTime
        seconds[.load] = loadTime
    }

    if last == .rules || last == .report {
        // Bundles as the CLI forms them (discovery is not timed here: it is the read+parse+load above, in parallel).
        documents = []
        let found = Discovery().discover(paths)
        let engine = Engine()
        t = threadCPUSeconds()
        let findings = found.bundles.map { engine.lint($0.bundle) }
        seconds[.rules] = threadCPUSeconds() - t
        if last == .report {
            var sources: [SourceID: SourceFile] = [:]
            for item in found.bundles { for document in item.bundle.documents { sources[document.id] = document.source } }
            let diagnostics = Array(Set(findings.joined())).sorted(by: Diagnostic.reportingOrder)
            let report = LintReport(diagnostics: diagnostics, sources: sources, filesChecked: sources.count, bundlesChecked: found.bundles.count)
            t = threadCPUSeconds()
            let text = TextReporter(showSource: false, color: false).render(report)
            seconds[.report] = threadCPUSeconds() - t
            withExtendedLifetime(text) {}
        }
    }
    withExtendedLifetime((documents, trees)) {}
    print(last.rawValue, seconds[last] ?? 0, contents.count, bytes, peakRSSKiB())
}

// MARK: - Tables (parent side)

struct BaselineFigures {
    var readSeconds = 0.0
    var parseSeconds = 0.0
    var totalSeconds = 0.0

    /// Parses parse_only's table: `format files bytes seconds failed`.
    init(_ output: String) {
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 4, let value = Double(fields[3]) else { continue }
            switch fields[0] {
            case "read": readSeconds = value
            case "total": totalSeconds = value
            case "yaml", "xml", "json": parseSeconds += value
            default: break
            }
        }
    }
}

func mb(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

func format(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }

func stagesTable(paths: [String], baseline: String?, repeatCount: Int) {
    let me = CommandLine.arguments[0]
    let base = baseline.map { bin in best(repeatCount) { spawn([bin] + paths) } }.map { BaselineFigures($0.output) }
    print("| stage | cpu s | MB/s | files/s | peak RSS MiB | baseline cpu s | cxlint/baseline |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for stage in Stage.allCases {
        let run = best(repeatCount) { spawn([me, "stage-child", stage.rawValue] + paths) }
        let fields = run.output.split(whereSeparator: \.isWhitespace)
        guard fields.count == 5, let seconds = Double(fields[1]), let files = Int(fields[2]), let bytes = Int(fields[3]),
              let peak = Int(fields[4]) else {
            print("| \(stage.title) | failed: \(run.output) |")
            continue
        }
        var baseSeconds: Double?
        switch stage {
        case .read: baseSeconds = base?.readSeconds
        case .parse: baseSeconds = base?.parseSeconds
        default: baseSeconds = nil
        }
        let ratio = baseSeconds.map { $0 > 0 ? format(seconds / $0, 2) + "x" : "-" } ?? ""
        print("| \(stage.title) | \(format(seconds)) | \(format(mb(bytes) / max(seconds, 1e-9), 1)) | \(format(Double(files) / max(seconds, 1e-9), 0)) | \(format(Double(peak) / 1024, 1)) | \(baseSeconds.map { format($0) } ?? "") | \(ratio) |")
    }
    if let base {
        print("\nbaseline (parse_only, read + parse): \(format(base.totalSeconds)) cpu s")
    }
}

func endToEnd(cxlint: String, baseline: String?, cpus: Int?, repeatCount: Int, label: String, paths: [String]) {
    let files = filesUnder(paths)
    let bytes = files.reduce(0) { total, path in
        total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
    }
    let pinned = cpus.map { ["taskset", "-c", (0..<$0).map(String.init).joined(separator: ",")] } ?? []
    let run = best(repeatCount) { spawn(pinned + [cxlint, "check", "--fail-on", "never"] + paths) }
    let base = baseline.map { bin in best(repeatCount) { spawn([bin] + paths) } }
    let baseCPU = base.map { BaselineFigures($0.output).totalSeconds }
    let cores = cpus.map(String.init) ?? "all"
    var line = "| \(label) | \(cores) | \(files.count) | \(format(mb(bytes), 1)) | \(format(run.wall)) | \(format(run.cpu)) | "
    line += "\(format(mb(bytes) / max(run.wall, 1e-9), 1)) | \(format(Double(files.count) / max(run.wall, 1e-9), 0)) | \(format(Double(run.peakKiB) / 1024, 1)) | "
    if let baseCPU, let base {
        line += "\(format(baseCPU)) | \(format(run.wall / max(baseCPU, 1e-9), 2))x | \(format(run.cpu / max(base.cpu, 1e-9), 2))x |"
    } else {
        line += " | | |"
    }
    print(line)
}

/// The three ratios of `cxlint check` to the parse-only floor on the same files: CPU
/// (both processes' user + system time), wall (cxlint on every core against the
/// single-threaded floor) and peak RSS. Best of `repeat` runs each.
func ratios(cxlint: String, baseline: String, repeatCount: Int, label: String, paths: [String]) {
    let files = filesUnder(paths)
    let bytes = files.reduce(0) { total, path in
        total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
    }
    let run = best(repeatCount) { spawn([cxlint, "check", "--fail-on", "never"] + paths) }
    let base = best(repeatCount) { spawn([baseline] + paths) }
    func ratio(_ a: Double, _ b: Double) -> String { format(a / max(b, 1e-9), 2) + "x" }
    print("| \(label) | \(files.count) | \(format(mb(bytes), 1)) "
        + "| \(format(run.cpu)) / \(format(base.cpu)) = **\(ratio(run.cpu, base.cpu))** "
        + "| \(format(run.wall)) / \(format(base.wall)) = **\(ratio(run.wall, base.wall))** "
        + "| \(format(Double(run.peakKiB) / 1024, 1)) / \(format(Double(base.peakKiB) / 1024, 1)) = **\(ratio(Double(run.peakKiB), Double(base.peakKiB)))** |")
}

/// How the CPU time grows from a small input to a larger one: the input ratio
/// (bytes) beside the time ratio, so linear work prints two equal numbers.
func scaling(cxlint: String, repeatCount: Int, label: String, small: String, large: String) {
    func bytes(_ path: String) -> Int {
        filesUnder([path]).reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
    }
    let runSmall = best(repeatCount) { spawn([cxlint, "check", "--fail-on", "never", small]) }
    let runLarge = best(repeatCount) { spawn([cxlint, "check", "--fail-on", "never", large]) }
    // Process start-up is not part of the input's cost: subtract the cost of checking nothing.
    let empty = best(repeatCount) { spawn([cxlint, "check", "--fail-on", "never", "/dev/null/none"]) }
    let input = Double(bytes(large)) / Double(max(bytes(small), 1))
    let time = (runLarge.cpu - empty.cpu) / max(runSmall.cpu - empty.cpu, 1e-9)
    print("| \(label) | \(format(mb(bytes(small)), 1)) → \(format(mb(bytes(large)), 1)) MB | \(format(input, 2))x | \(format(runSmall.cpu)) → \(format(runLarge.cpu)) | \(format(time, 2))x |")
}

// MARK: - Arguments

func usage() -> Never {
    FileHandle.standardError.write(Data("""
        usage: cxlint-bench stages [--baseline BIN] [--repeat N] PATH...
               cxlint-bench e2e --cxlint BIN [--baseline BIN] [--cpus N] [--repeat N] [--label L] PATH...
               cxlint-bench ratios --cxlint BIN --baseline BIN [--repeat N] [--label L] PATH...
               cxlint-bench scaling --cxlint BIN [--repeat N] [--label L] SMALL LARGE
               cxlint-bench e2e-header | ratios-header | scaling-header

        """.utf8))
    exit(2)
}

/// The command line, consumed option by option.
struct Arguments {
    var rest: [String]

    /// Removes `name VALUE` and returns the value.
    mutating func option(_ name: String) -> String? {
        guard let index = rest.firstIndex(of: name), index + 1 < rest.count else { return nil }
        let value = rest[index + 1]
        rest.removeSubrange(index...(index + 1))
        return value
    }
}

func main() {
    var arguments = Arguments(rest: Array(CommandLine.arguments.dropFirst()))
    guard !arguments.rest.isEmpty else { usage() }
    let command = arguments.rest.removeFirst()
    switch command {
    case "stage-child":
        guard let name = arguments.rest.first, let stage = Stage(rawValue: name) else { usage() }
        runStages(upTo: stage, paths: Array(arguments.rest.dropFirst()))
    case "stages":
        let baseline = arguments.option("--baseline")
        let repeatCount = arguments.option("--repeat").flatMap(Int.init) ?? 1
        guard !arguments.rest.isEmpty else { usage() }
        stagesTable(paths: arguments.rest, baseline: baseline, repeatCount: repeatCount)
    case "scaling-header":
        print("| input | size | input ratio | cpu s | time ratio (start-up subtracted) |")
        print("| --- | --- | ---: | --- | ---: |")
    case "scaling":
        guard let cxlint = arguments.option("--cxlint") else { usage() }
        let repeatCount = arguments.option("--repeat").flatMap(Int.init) ?? 3
        let label = arguments.option("--label") ?? "input"
        guard arguments.rest.count == 2 else { usage() }
        scaling(cxlint: cxlint, repeatCount: repeatCount, label: label, small: arguments.rest[0], large: arguments.rest[1])
    case "ratios-header":
        print("| corpus | files | MB | CPU s: check / floor (target ≤ 2x) | wall s: check, all cores / floor, one thread (target ≤ 1.2x) | peak RSS MiB: check / floor (target ≤ 4x) |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
    case "ratios":
        guard let cxlint = arguments.option("--cxlint"), let baseline = arguments.option("--baseline") else { usage() }
        let repeatCount = arguments.option("--repeat").flatMap(Int.init) ?? 3
        let label = arguments.option("--label") ?? arguments.rest.joined(separator: " ")
        guard !arguments.rest.isEmpty else { usage() }
        ratios(cxlint: cxlint, baseline: baseline, repeatCount: repeatCount, label: label, paths: arguments.rest)
    case "e2e-header":
        print("| run | cores | files | MB | wall s | cpu s | MB/s (wall) | files/s (wall) | peak RSS MiB | baseline cpu s | wall / baseline | cpu / baseline |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    case "e2e":
        guard let cxlint = arguments.option("--cxlint") else { usage() }
        let baseline = arguments.option("--baseline")
        let cpus = arguments.option("--cpus").flatMap(Int.init)
        let repeatCount = arguments.option("--repeat").flatMap(Int.init) ?? 3
        let label = arguments.option("--label") ?? arguments.rest.joined(separator: " ")
        guard !arguments.rest.isEmpty else { usage() }
        endToEnd(cxlint: cxlint, baseline: baseline, cpus: cpus, repeatCount: repeatCount, label: label, paths: arguments.rest)
    default:
        usage()
    }
}

main()
