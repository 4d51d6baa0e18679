import CXLintSyntax
import Foundation

/// The phone integration settings, as entered in the assistant's UI, in
/// cxlint's own file format (Schemas/phone-integration.schema.json).
public struct IntegrationConfig: Sendable {
    public static let defaultContactIDHeader = "X-ContactID"

    public var file: SourceID
    /// The `phone_integration` key, where findings about missing settings point.
    public var rootKeyRange: SourceRange
    public var phoneNumbers: [Located<String>]
    public var contactCenterKeyRange: SourceRange?
    public var contactCenterType: Located<String>?
    public var authenticationURL: Located<String>?
    public var apiURL: Located<String>?
    /// nil when the setting is absent and the integration uses `defaultContactIDHeader`.
    public var contactIDHeader: Located<String>?
    public var accessKeyID: Located<Credential>?
    public var accessKeySecret: Located<Credential>?
    public var assistantPath: Located<String>?
    public var scriptPaths: [Located<String>]

    public init(file: SourceID, rootKeyRange: SourceRange) {
        self.file = file
        self.rootKeyRange = rootKeyRange
        self.phoneNumbers = []
        self.scriptPaths = []
    }

    /// The header the integration will read the Contact ID from.
    public var effectiveContactIDHeader: String {
        contactIDHeader?.value ?? Self.defaultContactIDHeader
    }

    /// Whether the config names its bundle's parts itself.
    public var namesParts: Bool { assistantPath != nil || !scriptPaths.isEmpty }
}

/// An access key setting. A literal is never kept: only its shape, so no
/// output can ever print it.
public enum Credential: Sendable, Hashable {
    /// `${NAME}`: resolved by the deployment, not by cxlint.
    case reference(String)
    case literal(length: Int)
    case empty

    static func classify(_ text: String) -> Credential {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return .empty }
        if let name = Self.referenceName(trimmed) { return .reference(name) }
        return .literal(length: trimmed.count)
    }

    /// The variable name of a whole-value `${NAME}` reference.
    public static func referenceName(_ text: String) -> String? {
        // Past the `${` and `}` (one Character each, or the checks fail) a byte more is a name.
        guard text.hasPrefix("${"), text.hasSuffix("}"), text.utf8.count > 3 else { return nil }
        let name = text.dropFirst(2).dropLast()
        return name.unicodeScalars.allSatisfy(isNameScalar) ? String(name) : nil
    }

    /// `_`, a digit or a letter.
    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || ("0"..."9").contains(scalar) || scalar.isAlphabetic
    }
}
