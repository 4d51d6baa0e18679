import CXLintModel
import CXLintSyntax
import Foundation

/// Shared reading of the contact-center URLs, so `auth-url` and `api-url`
/// judge a URL the same way.
enum ConfigURL {
    /// What is wrong with a URL's shape before its host and path are looked at.
    enum Problem {
        case notAURL
        case notHTTPS(scheme: String)
    }

    /// Parses a setting's value; nil components when it is not an absolute URL with a host.
    static func components(_ text: String) -> URLComponents? {
        guard let components = URLComponents(string: text.trimmingWhitespace()),
              let scheme = components.scheme, !scheme.isEmpty,
              let host = components.host, !host.isEmpty
        else { return nil }
        return components
    }

    static func problem(_ text: String) -> Problem? {
        guard let components = components(text) else { return .notAURL }
        let scheme = components.scheme?.lowercased() ?? ""
        return scheme == "https" ? nil : .notHTTPS(scheme: scheme)
    }

    /// The same URL with `https` as its scheme, when the URL was `http`: a
    /// replacement for the whole value, quoted so it stays a string in YAML and JSON.
    static func httpsFix(for value: Located<String>, file: SourceID) -> [Fix] {
        guard var components = components(value.value), components.scheme?.lowercased() == "http" else { return [] }
        components.scheme = "https"
        guard let text = components.string else { return [] }
        return [Fix(title: "Use https", edits: [TextEdit(file: file, range: value.range, replacement: "\"\(text)\"")])]
    }

    /// Whether a host belongs to NICE CXone's domains (`na1.nice-incontact.com`, `api-na1.niceincontact.com`).
    static func isCXoneHost(_ host: String) -> Bool {
        let host = host.lowercased()
        return ["nice-incontact.com", "niceincontact.com"].contains { host == $0 || host.hasSuffix("." + $0) }
    }
}

extension String {
    /// A JSON/YAML double-quoted string literal of `self` (only `"` and `\` need escaping in our replacements).
    var quotedForConfig: String {
        "\"" + replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
