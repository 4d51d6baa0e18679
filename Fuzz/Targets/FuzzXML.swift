import CXLintSyntax

/// libFuzzer entry: the XML reader (libxml2's SAX2 push parser) on any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = SourceFile(id: SourceID(path: "fuzz.xml"), bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    FuzzChecks.ranges(of: XMLReader.parse(file), in: file)
    return 0
}
