import XenIR

/// Header text is untrusted input (it comes from patches anyone can send), and generated files are
/// compiled by people who trust them. Text from headers, ledgers and configs reaches the output only
/// through these functions, one per output context, so that it can never end a comment or a string
/// and become code, and never reorders what a reader sees.
///
/// What each context must not contain:
/// - every line terminator Swift's lexer ends a `//` comment at (LF, CR), and the ones editors and
///   other tools break lines at (VT, FF, NEL U+0085, LS U+2028, PS U+2029);
/// - the other C0 controls, DEL and the C1 controls (NUL included);
/// - the bidirectional controls of the Trojan Source pattern (U+202A–U+202E, U+2066–U+2069) and the
///   implicit marks (U+200E, U+200F, U+061C).
/// Controls and bidi characters are written as visible `\u{…}` text; line terminators split a doc
/// comment into lines and become spaces elsewhere.
public enum SwiftText {
    /// Whether `scalar` ends a line (``UnsafeScalar/isLineTerminator(_:)``).
    static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool { UnsafeScalar.isLineTerminator(scalar) }

    /// Whether `scalar` is shown as an escape (``UnsafeScalar/isHidden(_:)``).
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool { UnsafeScalar.isHidden(scalar) }

    /// The visible form of a hidden scalar.
    static func visible(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// Whether `text` needs no change in any context (the common case: plain ASCII prose).
    static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F || $0 == 0x09 }
    }

    /// The lines of a `///` doc comment holding `text`: split at every line terminator, hidden
    /// characters made visible. Each returned line is safe after `///`.
    /// - Parameter text: Any text, possibly of several lines.
    /// - Returns: One or more lines.
    public static func docCommentLines(_ text: String) -> [String] {
        if isPlain(text) { return [text] }
        var lines: [String] = []
        var line = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if isLineTerminator(scalar) {
                // CRLF is one line break.
                if !(previousWasCR && scalar == "\n") {
                    lines.append(line)
                    line = ""
                }
                previousWasCR = scalar == "\r"
                continue
            }
            previousWasCR = false
            if isHidden(scalar) { line += visible(scalar) } else { line.unicodeScalars.append(scalar) }
        }
        lines.append(line)
        return lines
    }

    /// Doc comment lines for already split `lines` (each may still hold terminators).
    /// - Parameter lines: Lines of doc text.
    /// - Returns: Lines safe after `///`.
    public static func docCommentLines(_ lines: [String]) -> [String] {
        lines.allSatisfy(isPlain) ? lines : lines.flatMap(docCommentLines)
    }

    /// Text for one `//` line comment, or one line of a doc comment that must stay one line: line
    /// terminators become spaces, hidden characters visible.
    /// - Parameter text: Any text.
    /// - Returns: One line.
    public static func lineComment(_ text: String) -> String {
        if isPlain(text) { return text }
        var result = ""
        for scalar in text.unicodeScalars { appendOnOneLine(scalar, to: &result) }
        return result
    }

    /// Appends `scalar` to one line of text: a line terminator as a space, a hidden scalar visible.
    private static func appendOnOneLine(_ scalar: Unicode.Scalar, to result: inout String) {
        if isLineTerminator(scalar) {
            result += " "
        } else if isHidden(scalar) {
            result += visible(scalar)
        } else {
            result.unicodeScalars.append(scalar)
        }
    }

    /// A Swift string literal (with its quotes) whose value is `text` on one line: backslash and quote
    /// escaped, line terminators and tabs as spaces, hidden characters as `\u{…}` escapes (so the
    /// value keeps them, but the source shows them).
    /// - Parameter text: Any text.
    /// - Returns: The literal.
    public static func stringLiteral(_ text: String) -> String {
        let needsEscaping = !isPlain(text) || text.utf8.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == 0x09 }
        if !needsEscaping { return "\"" + text + "\"" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\t": result += " "
            default: appendOnOneLine(scalar, to: &result)
            }
        }
        return result + "\""
    }

    /// Text for one Markdown table cell or inline run inside a doc comment (DocC reads doc comments as
    /// Markdown): on one line, hidden characters visible, and each character that can open or close
    /// Markdown backslash-escaped (CommonMark allows that for every ASCII punctuation character): the
    /// escape `\`, code spans `` ` ``, emphasis and strikethrough `*` `_` `~`, links and images `[` `]`
    /// `!`, autolinks and HTML `<` `>`, entity references `&`, the table cell's end `|`, and a first
    /// character that opens a block at the start of a line (`#`, `-`, `+`, `=`). Other punctuation,
    /// such as quotes and commas, stays as it is, so the text reads as the header wrote it; header text
    /// can still neither open a link, emphasis, HTML or code span nor end the table cell.
    /// - Parameter text: Any text.
    /// - Returns: One line of literal Markdown text.
    public static func markdownText(_ text: String) -> String {
        var result = ""
        for scalar in lineComment(text).unicodeScalars {
            if markdownSpecials.contains(scalar) || (result.isEmpty && "#-+=".unicodeScalars.contains(scalar)) {
                result += "\\"
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// The characters ``markdownText(_:)`` escapes wherever they are.
    private static let markdownSpecials = Set("\\`*_~[]!<>&|".unicodeScalars)

    /// `text` as a Markdown code span when it can be one safely (ASCII letters, digits and `_ .*()`
    /// only), else as ``markdownText(_:)``.
    /// - Parameter text: A name, such as `XEN_DOMCTL_createdomain` or `struct xen_domctl`.
    /// - Returns: One line of Markdown.
    public static func markdownCode(_ text: String) -> String {
        let safe =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "_ .*()".unicodeScalars.contains($0))
            }
        return safe ? "`" + text + "`" : markdownText(text)
    }

    /// Whether `name` is an ASCII C identifier, the only names the output takes from headers as code
    /// (``CIdentifier``).
    /// - Parameter name: A name.
    /// - Returns: `true` when it is one.
    public static func isASCIIIdentifier(_ name: String) -> Bool { CIdentifier.isValid(name) }
}
