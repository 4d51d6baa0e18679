import CXLintSyntax

/// libFuzzer entry: the YAML reader (libyaml events) on any bytes, with the
/// default depth and alias limits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = SourceFile(id: SourceID(path: "fuzz.yaml"), bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    FuzzChecks.ranges(of: YAMLReader.parse(file), in: file)
    return 0
}
