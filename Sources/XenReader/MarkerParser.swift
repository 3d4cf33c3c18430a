import Foundation

/// Reads what Xen's comments say about ops: tombstones (`/* #define XEN_DOMCTL_getmemlist 6 Removed */`),
/// obsolescence wording, and replacements ("use X", "Moved into X", "Deprecated by X").
///
/// It works on the text of one comment token that libclang lexed; it never sees C code.
public enum MarkerParser {
    /// A `#define` written inside a comment.
    public struct Tombstone: Equatable, Sendable {
        /// The macro name.
        public var name: String
        /// The number.
        public var number: UInt64
        /// The text after the number on the same line, tidied (leading dashes dropped).
        public var marker: String
        /// Index of the comment line (0 is the line the comment starts on).
        public var lineIndex: Int
        /// 0-based character position of the `#` within that raw line.
        public var columnInLine: Int
    }

    /// Wording that marks an op as gone or going.
    static let obsoleteWords = ["obsolete", "removed", "dropped", "reserved", "deprecated", "no longer implemented"]
    /// Wording a tombstone may carry without a warning.
    static let knownTombstoneWords = obsoleteWords + ["moved", "use ", "unused", "do not reuse", "no longer", "replaced"]

    /// The comment's lines with `/*`, `*/`, `//` and leading `*` removed and whitespace trimmed.
    /// - Parameter comment: A comment token's text.
    /// - Returns: One entry per source line.
    public static func lines(of comment: String) -> [String] {
        rawLines(of: comment).map { trim($0) }
    }

    /// The prose of a comment: its non-empty lines that are not tombstones, joined by spaces.
    /// - Parameter comment: A comment token's text.
    /// - Returns: The prose, or `nil` when there is none.
    public static func prose(of comment: String) -> String? {
        let text = lines(of: comment).filter { !$0.isEmpty && parseDefine($0) == nil }.joined(separator: " ")
        return text.isEmpty ? nil : text
    }

    /// Every `#define NAME NUMBER` inside a comment.
    /// - Parameter comment: A comment token's text.
    /// - Returns: The tombstones in order.
    public static func tombstones(in comment: String) -> [Tombstone] {
        // Asked for every comment, and again for each doc comment above a define: a byte scan
        // answers most of them without splitting the comment into lines.
        guard comment.utf8.contains(UInt8(ascii: "#")) else { return [] }
        var result: [Tombstone] = []
        for (index, raw) in rawLines(of: comment).enumerated() {
            guard let parsed = parseDefine(trim(raw)) else { continue }
            let column = raw.distance(from: raw.startIndex, to: raw.firstIndex(of: "#") ?? raw.startIndex)
            result.append(Tombstone(name: parsed.name, number: parsed.number, marker: parsed.rest, lineIndex: index, columnInLine: column))
        }
        return result
    }

    /// The `#define NAME …` lines of a comment that are no tombstone because no integer literal follows
    /// the name (`/* #define XEN_DOMCTL_x (3 + 3) Removed */`), so that the reader can say so.
    /// - Parameter comment: A comment token's text.
    /// - Returns: Each such name with its line index and the `#`'s column in that raw line.
    public static func unreadDefines(in comment: String) -> [(name: String, lineIndex: Int, columnInLine: Int)] {
        guard comment.utf8.contains(UInt8(ascii: "#")) else { return [] }
        var result: [(name: String, lineIndex: Int, columnInLine: Int)] = []
        for (index, raw) in rawLines(of: comment).enumerated() {
            let line = trim(raw)
            guard parseDefine(line) == nil, let name = definedName(line) else { continue }
            result.append((name, index, raw.distance(from: raw.startIndex, to: raw.firstIndex(of: "#") ?? raw.startIndex)))
        }
        return result
    }

    /// The name of a `#define NAME` line, whatever follows it.
    static func definedName(_ line: String) -> String? { defineHead(line).map { String($0.name) } }

    /// `#define NAME` at the start of a trimmed comment line: the name (an ASCII C identifier; a name in
    /// another script is prose, not a tombstone) and what follows it.
    static func defineHead(_ line: String) -> (name: Substring, rest: Substring)? {
        var rest = Substring(line)
        guard rest.hasPrefix("#") else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
        guard rest.hasPrefix("define") else { return nil }
        rest = rest.dropFirst("define".count)
        guard let space = rest.first, space == " " || space == "\t" else { return nil }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        guard let first = name.first, first.isLetter || first == "_" else { return nil }
        return (name, rest.dropFirst(name.count))
    }

    /// Whether the wording says the op is obsolete.
    /// - Parameter marker: Marker text.
    /// - Returns: `true` for obsolete, removed, dropped, reserved, deprecated or no longer implemented.
    public static func saysObsolete(_ marker: String) -> Bool {
        let lower = marker.lowercased()
        return obsoleteWords.contains { lower.contains($0) }
    }

    /// Whether a tombstone's wording is one the generator understands (an empty one is).
    /// - Parameter marker: Marker text.
    /// - Returns: `true` when known.
    public static func isKnownTombstoneWording(_ marker: String) -> Bool {
        let lower = marker.lowercased()
        return lower.isEmpty || knownTombstoneWords.contains { lower.contains($0) }
    }

    /// The name after "use", "moved into" or "deprecated by", if any.
    /// - Parameter marker: Marker text.
    /// - Returns: The replacement as written (a C name or a short name).
    public static func replacement(in marker: String) -> String? {
        let lower = marker.lowercased()
        for phrase in ["deprecated by ", "moved into ", "use "] {
            guard let range = lower.range(of: phrase) else { continue }
            // "use X" counts only as its own clause ("Obsolete - use X"), not inside prose ("in use please").
            if phrase == "use " {
                let before = lower[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                if let last = before.last, !"-,;:(".contains(last) { continue }
            }
            let offset = lower.distance(from: lower.startIndex, to: range.upperBound)
            let tail = marker.dropFirst(offset)
            let name = tail.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !name.isEmpty { return String(name) }
        }
        return nil
    }

    /// Parses a C integer literal (decimal, hex, octal; `u`/`l` suffixes allowed).
    /// - Parameter spelling: The literal as written.
    /// - Returns: Its value, or `nil` when it is not an integer literal.
    public static func integer(_ spelling: String) -> UInt64? {
        var text = Substring(spelling)
        while let last = text.last, "uUlL".contains(last) { text = text.dropLast() }
        guard let first = text.first, first.isNumber else { return nil }
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
        if text.count > 1, text.hasPrefix("0") { return UInt64(text.dropFirst(), radix: 8) }
        return UInt64(text, radix: 10)
    }

    /// `#define NAME NUMBER rest` in one trimmed comment line.
    static func parseDefine(_ line: String) -> (name: String, number: UInt64, rest: String)? {
        guard let (name, after) = defineHead(line) else { return nil }
        var rest = after.drop { $0 == " " || $0 == "\t" }
        let literal = rest.prefix { $0.isLetter || $0.isNumber }
        guard let number = integer(String(literal)) else { return nil }
        rest = rest.dropFirst(literal.count)
        if let next = rest.first, next != " ", next != "\t" { return nil }
        return (String(name), number, tidy(String(rest)))
    }

    /// Marker text without surrounding blanks, leading dashes, or a closing `*/` remnant.
    static func tidy(_ text: String) -> String {
        var result = Substring(text).trimmingCharacters(in: " \t")
        while result.hasPrefix("-") { result = Substring(result.dropFirst()).trimmingCharacters(in: " \t") }
        return String(result)
    }

    /// Source lines of the comment with the delimiters removed but positions otherwise kept.
    private static func rawLines(of comment: String) -> [String] {
        var text = Substring(comment)
        if text.hasPrefix("/*") {
            text = text.dropFirst(2)
            if text.hasSuffix("*/") { text = text.dropLast(2) }
        } else if text.hasPrefix("//") {
            text = text.dropFirst(2)
        }
        // Lines end at LF, and a CR before it belongs to the line end ("\r\n", one Character); one more CR
        // at the end of a line is dropped too. Split on bytes: a split by Character (grapheme breaking) cost
        // more than the rest of the reader's comment handling. LF and CR never join another character,
        // so each byte boundary here is a Character boundary.
        let bytes = text.utf8
        var lines: [String] = []
        var start = bytes.startIndex
        while true {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            var line = bytes[start..<(end ?? bytes.endIndex)]
            if end != nil, line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            lines.append(String(decoding: line, as: UTF8.self))
            guard let end else { return lines }
            start = bytes.index(after: end)
        }
    }

    /// Drops blanks and decorative asterisks from both ends.
    private static func trim(_ line: String) -> String {
        // An ASCII line (nearly all of them; no LF, so no "\r\n" either) has one Character per byte:
        // trim the bytes. Any other line is trimmed by Character, so that a combining mark after a
        // blank keeps its blank.
        let bytes = line.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return String(Substring(line).trimmingCharacters(in: " \t*")) }
        func isTrimmed(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "*") }
        guard let first = bytes.firstIndex(where: { !isTrimmed($0) }), let last = bytes.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}

extension Substring {
    /// Drops leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
