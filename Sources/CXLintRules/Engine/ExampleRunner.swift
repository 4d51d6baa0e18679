import CXLintModel
import CXLintSyntax

/// Lints a rule example entirely in memory, through the same discovery and
/// engine as the command line.
public enum ExampleRunner {
    public static let folder = "/cxlint-example"

    /// The example's files without markers, and where each marker stood.
    public static func prepare(_ example: RuleExample) -> (files: [String: [UInt8]], markers: [(file: String, line: Int, column: Int)]) {
        var files: [String: [UInt8]] = [:]
        var markers: [(String, Int, Int)] = []
        for (path, content) in example.files {
            var line = 1, column = 1
            var clean = ""
            for character in content {
                if character == RuleExample.marker {
                    markers.append((path, line, column))
                    continue
                }
                clean.append(character)
                if character == "\n" || character == "\r\n" { line += 1; column = 1 } else { column += character.unicodeScalars.count }
            }
            files["\(folder)/\(path)"] = Array(clean.utf8)
        }
        return (files, markers)
    }

    /// The findings of the given rules on an example bundle.
    public static func run(_ example: RuleExample, rules: [any Rule]) -> [Diagnostic] {
        let (files, _) = prepare(example)
        let discovery = Discovery(fileSystem: FileSystem(overlay: files), workingDirectory: folder)
        let engine = Engine(rules: rules)
        let paths = example.namedOnCommandLine ? example.files.map(\.path) : ["."]
        return discovery.discover(paths).bundles.flatMap { engine.lintAndSuppress($0.bundle).kept }
    }
}
