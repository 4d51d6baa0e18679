/// Resolves YAML scalars to kinds with the YAML 1.2 core schema.
///
/// YAML 1.1 booleans such as `yes`/`on` stay strings on purpose: CXone bundles are
/// read by YAML 1.2 tooling, and a phone number like `+1 958 555 0123` must stay text.
enum YAMLScalarResolver {
    private static let tagPrefix = "tag:yaml.org,2002:"

    /// The kind of a scalar given its text, whether it was plain, and its tag (if any).
    static func kind(text: String, plain: Bool, tag: String?) -> Scalar.Kind {
        if let tag, let forced = kind(forTag: tag) { return forced }
        if let tag, tag == "!" { return .string }
        return plain ? resolvePlain(text) : .string
    }

    private static func kind(forTag tag: String) -> Scalar.Kind? {
        guard tag.hasPrefix(tagPrefix) else { return nil }
        switch tag.dropFirst(tagPrefix.count) {
        case "str": return .string
        case "int", "float": return .number
        case "bool": return .bool
        case "null": return .null
        default: return nil
        }
    }

    static func resolvePlain(_ text: String) -> Scalar.Kind {
        // Most plain scalars are words or names: one whose first byte starts no null, bool
        // or number is a string without comparing it with the 24 spellings below (2,000
        // instructions a scalar). Those spellings are ASCII, with no other canonically
        // equivalent spelling, so a first byte rules them out.
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"),
            UInt8(ascii: "F"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            break
        default:
            return .string
        }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "false", "False", "FALSE": return .bool
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
            ".nan", ".NaN", ".NAN":
            return .number
        default: break
        }
        let bytes = Array(text.utf8)
        return isInteger(bytes) || isFloat(bytes) ? .number : .string
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46)
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`.
    static func isInteger(_ b: [UInt8]) -> Bool {
        if b.count > 2, b[0] == 0x30, b[1] == 0x6F {  // 0o
            return b[2...].allSatisfy { $0 >= 0x30 && $0 <= 0x37 }
        }
        if b.count > 2, b[0] == 0x30, b[1] == 0x78 {  // 0x
            return b[2...].allSatisfy(isHexDigit)
        }
        var i = 0
        if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
        return i < b.count && b[i...].allSatisfy(isDigit)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    static func isFloat(_ b: [UInt8]) -> Bool {
        var i = 0
        let n = b.count
        if i < n, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
        let intStart = i
        while i < n, isDigit(b[i]) { i += 1 }
        let intDigits = i - intStart
        var fracDigits = 0
        if i < n, b[i] == 0x2E {
            i += 1
            let fracStart = i
            while i < n, isDigit(b[i]) { i += 1 }
            fracDigits = i - fracStart
        }
        guard intDigits > 0 || fracDigits > 0 else { return false }
        if i < n, b[i] == 0x65 || b[i] == 0x45 {
            i += 1
            if i < n, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            let expStart = i
            while i < n, isDigit(b[i]) { i += 1 }
            if i == expStart { return false }
        }
        return i == n
    }
}
