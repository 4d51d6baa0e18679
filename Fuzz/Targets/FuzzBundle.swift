import CXLintDriver
import CXLintModel
import CXLintReport
import CXLintRules
import CXLintSyntax

/// libFuzzer entry: the whole check of one bundle. The input is split at
/// `FuzzChecks.separator` into a config, an assistant export and a Studio
/// script, laid over an empty folder with the file system overlay (no disk
/// I/O per run), linted, and rendered in every format with excerpts on.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBundle(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = FuzzChecks.split(Array(UnsafeBufferPointer(start: data, count: size)))
    let names = ["phone-integration.yaml", "exports/assistant.json", "studio/script.xml"]
    var overlay: [String: [UInt8]] = [:]
    for (name, bytes) in zip(names, parts) { overlay["/fuzz/line/\(name)"] = bytes }
    let discovery = Discovery(fileSystem: FileSystem(overlay: overlay), workingDirectory: "/fuzz")
    let outcome = LintSession(discovery: discovery).check(["/fuzz/line"])
    let reporters: [any Reporter] = [TextReporter(showSource: true, color: true), JSONReporter(), SARIFReporter()]
    let redactor = outcome.report.redactor
    for reporter in reporters { _ = redactor.mask(reporter.render(outcome.report)) }
    return 0
}
