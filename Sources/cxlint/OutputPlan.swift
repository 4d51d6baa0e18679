import ArgumentParser
import CXLintDriver
import CXLintReport
import Foundation

/// `--format` as given: a concrete format, or `auto`.
enum FormatChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, text, json, sarif, junit, checkstyle, github, gitlab, markdown

    /// `auto` is `github` inside GitHub Actions (annotations on the diff), `text` elsewhere.
    func resolved(environment: [String: String]) -> OutputFormat {
        if let format = OutputFormat(rawValue: rawValue) { return format }
        return environment["GITHUB_ACTIONS"] == "true" ? .github : .text
    }
}

/// Where each requested format goes: a file, or standard output (nil).
struct OutputPlan: Equatable {
    struct Target: Equatable {
        var format: FormatChoice
        var file: String?
    }

    var targets: [Target]

    /// Pairs formats with files the way users read the command line: each
    /// `--output FILE` writes the `--format` given just before it. The argument
    /// parser keeps each option's values in order but not their interleaving, so
    /// the raw arguments give the pairing; the parsed values stay authoritative.
    static func make(formats: [FormatChoice], outputs: [String], arguments: [String]) throws -> OutputPlan {
        let formats = formats.isEmpty ? [FormatChoice.text] : formats
        var targets = formats.map { Target(format: $0, file: nil) }
        let order = optionOrder(arguments)
        let formatCount = order.filter { $0 == .format }.count
        let outputCount = order.filter { $0 == .output }.count
        if formatCount == formats.count || (formatCount == 0 && formats == [.text]), outputCount == outputs.count {
            var formatIndex = formatCount == 0 ? 0 : -1
            var outputIndex = 0
            for option in order {
                switch option {
                case .format: formatIndex += 1
                case .output:
                    guard formatIndex >= 0 else { throw ValidationError("--output \(outputs[outputIndex]) must follow the --format it writes") }
                    guard targets[formatIndex].file == nil else {
                        throw ValidationError("--format \(targets[formatIndex].format.rawValue) has two --output files; repeat --format for each")
                    }
                    targets[formatIndex].file = outputs[outputIndex]
                    outputIndex += 1
                }
            }
        } else {
            guard outputs.count <= targets.count else { throw ValidationError("more --output files than --format options") }
            for (index, file) in outputs.enumerated() { targets[index].file = file }
        }
        let toStandardOutput = targets.filter { $0.file == nil }
        if toStandardOutput.count > 1 {
            throw ValidationError("only one format can go to standard output; give the others an --output FILE (\(toStandardOutput.map(\.format.rawValue).joined(separator: ", ")))")
        }
        return OutputPlan(targets: targets)
    }

    enum Option { case format, output }

    /// The order of `--format` and `--output` options among the raw arguments, up to `--`.
    static func optionOrder(_ arguments: [String]) -> [Option] {
        var order: [Option] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--format" || argument.hasPrefix("--format=") {
                order.append(.format)
                if argument == "--format" { index += 1 }
            } else if argument == "--output" || argument == "-o" || argument.hasPrefix("--output=") {
                order.append(.output)
                if !argument.hasPrefix("--output=") { index += 1 }
            }
            index += 1
        }
        return order
    }
}
