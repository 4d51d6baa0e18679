import CXLintDriver

public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, checkstyle, github, gitlab, markdown

    /// The reporter for the format; `showSource` and `color` only change text output.
    public func reporter(showSource: Bool = false, color: Bool = false) -> any Reporter {
        switch self {
        case .text: TextReporter(showSource: showSource, color: color)
        case .json: JSONReporter()
        case .sarif: SARIFReporter()
        case .junit: JUnitReporter()
        case .checkstyle: CheckstyleReporter()
        case .github: GitHubReporter()
        case .gitlab: GitLabReporter()
        case .markdown: MarkdownReporter()
        }
    }
}

public protocol Reporter: Sendable {
    func render(_ report: LintReport) -> String
}
