import CXLintSyntax

/// A finding's subject (`Diagnostic.subject`): the thing it is about, stable
/// while the text around it changes.
public enum Subject {
    public static func action(_ action: StudioAction) -> String {
        "action:\(action.id):\(action.type)"
    }

    /// The subject of a finding in `document` that names none: the innermost
    /// action holding its start in a script, else the node holding it (by JSON
    /// Pointer, for YAML and JSON alike); nil for a file that did not parse.
    public static func derived(for finding: Diagnostic, in document: LoadedDocument) -> String? {
        let offset = finding.range.start.offset
        if let script = document.script {
            let holding = script.actions.filter { $0.range.start.offset <= offset && offset < $0.range.end.offset }
            if let innermost = holding.min(by: { $0.range.end.offset - $0.range.start.offset < $1.range.end.offset - $1.range.start.offset }) {
                return action(innermost)
            }
        }
        guard let root = document.syntax.root else { return nil }
        return "pointer:" + JSONPointer.locate(offset: offset, in: root, file: document.source).string
    }
}
