import Foundation
import CXLintAnalysis
import CXLintModel
import CXLintSyntax

/// Where file-level findings about a script point when what is wrong is an
/// absence: the desktop root element (`<ScriptContainer`) or the web script's
/// `"actions"` key (Samples/broken/README.md fixes these positions).
enum ScriptRoot {
    static func range(of script: StudioScript, in context: LintContext) -> SourceRange {
        guard let root = context.bundle.document(script.file)?.syntax.root else { return .fileStart }
        switch script.format {
        case .desktopXML:
            return .point(root.range.start)
        case .webJSON:
            let actionsKey = StudioJSONLoader.scriptObject(root)?.entry("actions")?.key.range
            return .point((actionsKey ?? root.range).start)
        }
    }
}

extension ScriptGraph {
    /// Whether an action of `type` runs after any of `starts`.
    func reaches(type: String, from starts: [Int]) -> Bool {
        let seen = reachable(from: starts)
        return indices(ofType: type).contains { seen[$0] }
    }

    /// `"line 12"`, for messages that point at another action.
    func line(of index: Int) -> Int { actions[index].typeRange.start.line }
}

extension RuleExample {
    /// The same example with the first `target` in the file at `path` replaced (to place a marker).
    func replacingInFile(_ path: String, _ target: String, with replacement: String) -> RuleExample {
        var copy = self
        copy.files = files.map { $0.path == path ? ($0.path, $0.content.replacingFirst(target, with: replacement)) : $0 }
        return copy
    }

    /// The same example linted as if its files were named on the command line (always linted).
    func named() -> RuleExample {
        var copy = self
        copy.namedOnCommandLine = true
        return copy
    }

    /// The same example with a note saying why it is there.
    func with(note: String) -> RuleExample {
        var copy = self
        copy.note = note
        return copy
    }
}
