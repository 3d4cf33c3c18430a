// libFuzzer harness for XenEmitter.SwiftText, built by Scripts/fuzz.sh together with
// Sources/XenEmitter/SwiftText.swift. The input is any header text (comment bytes, markers, paths).
// It checks what the generated files rely on: after each context's escaping, no line terminator and
// no hidden character is left where it could end a comment or a string, and a string literal's quotes
// are its first and last characters with every inner quote escaped.

/// Checks one input; traps on a broken invariant so libFuzzer records it.
@_cdecl("LLVMFuzzerTestOneInput")
public func swiftTextFuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    func isUnsafe(_ scalar: Unicode.Scalar) -> Bool { SwiftText.isLineTerminator(scalar) || SwiftText.isHidden(scalar) }
    let lines = SwiftText.docCommentLines(text)
    precondition(!lines.isEmpty, "no doc line")
    for line in lines { precondition(!line.unicodeScalars.contains(where: isUnsafe), "doc line keeps a terminator or control") }
    precondition(SwiftText.docCommentLines([text, text]).count == 2 * lines.count, "split lines differ from one text")
    precondition(!SwiftText.lineComment(text).unicodeScalars.contains(where: isUnsafe), "line comment keeps a terminator or control")
    let literal = Array(SwiftText.stringLiteral(text).unicodeScalars)
    precondition(literal.count >= 2 && literal.first == "\"" && literal.last == "\"", "literal without its quotes")
    var escaped = false
    for scalar in literal.dropFirst().dropLast() {
        precondition(!isUnsafe(scalar), "literal keeps a terminator or control")
        if escaped { escaped = false; continue }
        if scalar == "\\" { escaped = true; continue }
        precondition(scalar != "\"", "unescaped quote inside the literal")
    }
    precondition(!escaped, "literal ends in a lone backslash")
    _ = SwiftText.isASCIIIdentifier(text)
    return 0
}
