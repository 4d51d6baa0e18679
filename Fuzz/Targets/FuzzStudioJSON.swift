import CXLintModel
import CXLintSyntax

/// libFuzzer entry: the web Studio loader on whatever tree the JSON reader
/// builds, recognised as a script or not (the loader must cope with any shape).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStudioJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = SourceFile(id: SourceID(path: "fuzz.json"), bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    guard let root = JSONReader.parse(file).root else { return 0 }
    let (script, problems) = StudioJSONLoader.load(root, file: file.id)
    _ = script.actions.count
    FuzzChecks.ranges(of: problems, in: file)
    return 0
}
