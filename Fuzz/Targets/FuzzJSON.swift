import CXLintSyntax

/// libFuzzer entry: the JSON reader must return a result (never crash, never
/// hang) for any bytes, and every range it reports must lie inside the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = SourceFile(id: SourceID(path: "fuzz.json"), bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    FuzzChecks.ranges(of: JSONReader.parse(file), in: file)
    return 0
}
