import CLibYAML

/// Reads YAML with libyaml's event API into the shared `Node` tree.
///
/// The tree is built with an explicit stack, so input depth costs heap, not call
/// stack. Every libyaml object is released on every path.
public enum YAMLReader {
    public static func parse(_ file: SourceFile, maxAliasNodes: Int = 100_000, maxDepth: Int = 1_000) -> ParseResult {
        if let encoding = YAMLEncodingCheck.wideEncoding(of: file.bytes) {
            let message = "file is encoded as \(encoding); save it as UTF-8"
            let diagnostic = Diagnostic(
                rule: SyntaxRuleID.syntaxError, severity: .error, message: message, file: file.id,
                range: .fileStart)
            return ParseResult(documents: [], diagnostics: [diagnostic])
        }
        var builder = YAMLTreeBuilder(file: file, maxAliasNodes: maxAliasNodes, maxDepth: maxDepth)
        if !file.bytes.isEmpty {
            runParser(file: file, builder: &builder)
        }
        let comments = YAMLCommentScanner.scan(file.bytes).map { span in
            Comment(
                text: String(decoding: file.bytes[(span.start + 1)..<span.end], as: UTF8.self),
                range: builder.positions.range(fromOffset: span.start, toOffset: span.end))
        }
        return ParseResult(documents: builder.documents, diagnostics: builder.diagnostics, comments: comments)
    }

    private static func runParser(file: SourceFile, builder: inout YAMLTreeBuilder) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            builder.reportError("libyaml could not allocate its parser", at: .fileStart)
            return
        }
        defer { yaml_parser_delete(&parser) }
        file.bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) != 0 else {
                    builder.reportLibYAMLError(parser)
                    return
                }
                let isEnd = event.type == YAML_STREAM_END_EVENT
                builder.handle(event)
                yaml_event_delete(&event)
                if isEnd || builder.stopped { return }
            }
        }
        builder.closeOpenFrames()
    }
}

/// Spots files saved as UTF-16/32, which libyaml would decode but whose positions
/// would not match the project's UTF-8 byte offsets.
enum YAMLEncodingCheck {
    static func wideEncoding(of b: [UInt8]) -> String? {
        if b.count >= 4, b[0] == 0x00, b[1] == 0x00, b[2] == 0xFE, b[3] == 0xFF { return "UTF-32" }
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0x00, b[3] == 0x00 { return "UTF-32" }
        if b.count >= 2, (b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE) { return "UTF-16" }
        // Without a BOM: ASCII text in UTF-16 has a NUL in every other byte.
        let sample = b.prefix(512)
        guard sample.count >= 4 else { return nil }
        var evenNULs = 0, oddNULs = 0
        for (i, byte) in sample.enumerated() where byte == 0 {
            if i % 2 == 0 { evenNULs += 1 } else { oddNULs += 1 }
        }
        let pairs = sample.count / 2
        if evenNULs + oddNULs >= sample.count * 5 / 8 { return "UTF-32" }
        if evenNULs >= pairs / 2 || oddNULs >= pairs / 2 { return "UTF-16" }
        return nil
    }
}
