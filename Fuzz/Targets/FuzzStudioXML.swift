import CXLintModel
import CXLintSyntax

/// libFuzzer entry: the desktop Studio loader on whatever tree the XML reader builds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStudioXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = SourceFile(id: SourceID(path: "fuzz.xml"), bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    guard let root = XMLReader.parse(file).root else { return 0 }
    let (script, problems) = StudioXMLLoader.load(root, file: file.id)
    _ = script.actions.count
    FuzzChecks.ranges(of: problems, in: file)
    return 0
}
