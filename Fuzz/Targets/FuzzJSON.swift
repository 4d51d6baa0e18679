import CXLintSyntax

/// libFuzzer entry: the JSON reader must return a result (never crash, never
/// hang) for any bytes, and every range it reports must lie inside the file.
/// A sparse read (every `$` a site) must report the same findings, and its tree,
/// with the containers it left unread read, must be the whole read's.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = SourceFile(id: SourceID(path: "fuzz.json"), bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    let whole = JSONReader.parse(file)
    FuzzChecks.ranges(of: whole, in: file)
    let sites = file.bytes.indices.filter { file.bytes[$0] == UInt8(ascii: "$") }
    let sparse = JSONReader.parse(file, sparse: SparseReading(sites: sites, keptDepth: 1))
    precondition(sparse.diagnostics == whole.diagnostics, "a sparse read reports other findings")
    let kept = sparse.root.map { JSONReader.readAll($0, in: file) }
    precondition(kept == nil && whole.root == nil || kept.flatMap { a in whole.root.map(a.isSame) } == true, "a sparse read keeps other nodes")
    return 0
}
