import Foundation

/// Pretty, key-sorted JSON: reports and baselines diff cleanly.
public func encodeJSON(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self) + "\n"
}

/// The version every report and `--version` carries.
public enum CXLintVersion {
    public static let current = "0.1.0"
}
