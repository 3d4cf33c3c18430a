// libFuzzer harness for XenReader.MarkerParser, built by Scripts/fuzz.sh together with
// Sources/XenReader/MarkerParser.swift. The input is one comment's text, as libclang would lex it.
// Beyond "does not crash", it checks what the reader relies on: tombstone lines and columns lie
// inside the comment, and every prose line is a line of the comment.

/// Checks one input; traps on a broken invariant so libFuzzer records it.
@_cdecl("LLVMFuzzerTestOneInput")
public func markerParserFuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let comment = text.hasPrefix("/*") || text.hasPrefix("//") ? text : "/*" + text + "*/"
    let lines = MarkerParser.lines(of: comment)
    // Line numbers of tombstones come from this count, so it must match the bytes: one line per LF.
    let lineCount = comment.utf8.filter { $0 == 0x0A }.count + 1
    precondition(lines.count == lineCount, "lines(of:) found \(lines.count) lines, the bytes hold \(lineCount)")
    for tombstone in MarkerParser.tombstones(in: comment) {
        precondition(tombstone.lineIndex >= 0 && tombstone.lineIndex < lines.count, "tombstone line outside the comment")
        precondition(tombstone.columnInLine >= 0, "negative column")
        precondition(!tombstone.name.isEmpty, "tombstone without a name")
        _ = MarkerParser.replacement(in: tombstone.marker)
        _ = MarkerParser.isKnownTombstoneWording(tombstone.marker)
    }
    if let prose = MarkerParser.prose(of: comment) { precondition(!prose.isEmpty, "empty prose instead of nil") }
    _ = MarkerParser.saysObsolete(text)
    if let replacement = MarkerParser.replacement(in: text) {
        precondition(replacement.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "replacement is not a name")
    }
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }).prefix(8) { _ = MarkerParser.integer(String(word)) }
    return 0
}
