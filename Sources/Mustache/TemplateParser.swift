/// Parses Mustache text into ``TemplateSyntax``, following the Mustache spec: variables (`{{x}}`,
/// `{{{x}}}`, `{{&x}}`), sections, inverted sections, comments, partials, set-delimiter, and pragmas
/// (accepted, no effect). Section, comment, partial, delimiter and pragma tags alone on a line
/// ("standalone") take their whole line with them.
struct TemplateParser {
    private let bytes: [UInt8]
    /// The offset where each line starts, for places.
    private let lineStarts: [Int]
    private var position = 0
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)

    /// A parser for one template.
    /// - Parameter text: The template.
    init(_ text: String) {
        let bytes = Array(text.utf8)
        self.bytes = bytes
        lineStarts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
    }

    /// An open section while its body is read.
    private struct OpenSection {
        var name: TemplateName
        var inverted: Bool
        var place: TemplatePlace
        var body: [TemplateSyntax] = []
    }

    /// Parses the whole template.
    /// - Parameter text: The template.
    /// - Returns: Its nodes.
    /// - Throws: ``TemplateSyntaxError`` with the place of the first mistake.
    static func parse(_ text: String) throws(TemplateSyntaxError) -> [TemplateSyntax] {
        var parser = TemplateParser(text)
        return try parser.parse()
    }

    private mutating func parse() throws(TemplateSyntaxError) -> [TemplateSyntax] {
        var sections = [OpenSection(name: TemplateName(path: [], anchored: false, description: ""), inverted: false, place: place(0))]
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { sections[sections.count - 1].body.append(.text(String(decoding: text, as: UTF8.self))) }
            text = []
        }
        while position < bytes.count {
            guard let tagStart = find(open, from: position) else {
                text += bytes[position...]
                break
            }
            text += bytes[position..<tagStart]
            let tag = try readTag(at: tagStart)
            if tag.canStandAlone, let line = standaloneLine(tagStart: tagStart, tagEnd: tag.end) {
                text.removeLast(line.indentation.count)
                position = line.next
                tag.indentation = line.indentation
            } else {
                position = tag.end
            }
            flush()
            let place = place(tagStart)
            switch tag.kind {
            case .comment, .pragma: break
            case .delimiters(let newOpen, let newClose): (open, close) = (newOpen, newClose)
            case .variable: sections[sections.count - 1].body.append(.variable(try name(tag.content, place), place))
            case .partial:
                guard !tag.content.isEmpty else { throw TemplateSyntaxError("partial tag without a template name", at: place) }
                sections[sections.count - 1].body.append(.partial(tag.content, indentation: tag.indentation, place))
            case .section(let inverted): sections.append(OpenSection(name: try name(tag.content, place), inverted: inverted, place: place))
            case .close:
                let closing = try name(tag.content, place)
                guard sections.count > 1, let section = sections.last else {
                    throw TemplateSyntaxError("'{{/\(closing)}}' closes no open section", at: place)
                }
                guard section.name == closing else {
                    throw TemplateSyntaxError(
                        "'{{/\(closing)}}' does not close '\(section.name)', opened at line \(section.place.line)", at: place)
                }
                sections.removeLast()
                sections[sections.count - 1].body.append(
                    .section(section.name, inverted: section.inverted, body: section.body, section.place))
            }
        }
        flush()
        if sections.count > 1, let unclosed = sections.last {
            throw TemplateSyntaxError("section '\(unclosed.name)' is never closed (no '{{/\(unclosed.name)}}')", at: unclosed.place)
        }
        return sections[0].body
    }

    /// What a tag does.
    private enum TagKind {
        case variable, section(inverted: Bool), close, comment, partial, pragma
        case delimiters([UInt8], [UInt8])
    }

    /// One tag as read.
    private final class Tag {
        var kind: TagKind
        /// The trimmed text after the sigil.
        var content: String
        /// The offset just past the closing delimiter.
        var end: Int
        /// The whitespace before a standalone tag.
        var indentation = ""

        init(kind: TagKind, content: String, end: Int) {
            self.kind = kind
            self.content = content
            self.end = end
        }

        /// Whether the tag may be standalone (variables never are).
        var canStandAlone: Bool {
            if case .variable = kind { return false }
            return true
        }
    }

    /// Reads the tag that starts at `start`.
    /// - Parameter start: Where the opening delimiter is.
    /// - Returns: The tag.
    /// - Throws: ``TemplateSyntaxError`` for an unclosed tag, an unsupported sigil or bad delimiters.
    private func readTag(at start: Int) throws(TemplateSyntaxError) -> Tag {
        let place = place(start)
        var contentStart = start + open.count
        var closing = close
        let triple = open == Array("{{".utf8) && contentStart < bytes.count && bytes[contentStart] == UInt8(ascii: "{")
        if triple {
            contentStart += 1
            closing = Array("}}}".utf8)
        }
        guard let contentEnd = find(closing, from: contentStart) else {
            let shown = String(decoding: closing, as: UTF8.self)
            throw TemplateSyntaxError("tag is not closed: no '\(shown)' after this '\(String(decoding: open, as: UTF8.self))'", at: place)
        }
        let end = contentEnd + closing.count
        let raw = String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self)
        if triple { return Tag(kind: .variable, content: trimmed(raw), end: end) }
        guard let sigil = raw.first else { throw TemplateSyntaxError("empty tag", at: place) }
        let rest = trimmed(String(raw.dropFirst()))
        switch sigil {
        case "#": return Tag(kind: .section(inverted: false), content: rest, end: end)
        case "^": return Tag(kind: .section(inverted: true), content: rest, end: end)
        case "/": return Tag(kind: .close, content: rest, end: end)
        case "!": return Tag(kind: .comment, content: rest, end: end)
        case ">": return Tag(kind: .partial, content: rest, end: end)
        case "&": return Tag(kind: .variable, content: rest, end: end)
        case "%": return Tag(kind: .pragma, content: rest, end: end)
        case "=":
            let parts = rest.hasSuffix("=") ? rest.dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" }) : []
            guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
                throw TemplateSyntaxError(
                    "set-delimiter tag must read '{{=OPEN CLOSE=}}' (two delimiters without spaces or '=')", at: place)
            }
            return Tag(kind: .delimiters(Array(parts[0].utf8), Array(parts[1].utf8)), content: rest, end: end)
        case "$", "<":
            throw TemplateSyntaxError("template inheritance ('{{\(sigil)…}}') is not supported; use partials ('{{> name}}')", at: place)
        default: return Tag(kind: .variable, content: trimmed(raw), end: end)
        }
    }

    /// The line a standalone tag takes away, if the tag is alone on its line.
    /// - Parameters:
    ///   - tagStart: Where the tag starts.
    ///   - tagEnd: Where it ends.
    /// - Returns: The whitespace before the tag and where the next line starts, or `nil` when the tag shares its line.
    private func standaloneLine(tagStart: Int, tagEnd: Int) -> (indentation: String, next: Int)? {
        var lineStart = tagStart
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        guard bytes[lineStart..<tagStart].allSatisfy(isBlank) else { return nil }
        var after = tagEnd
        while after < bytes.count, isBlank(bytes[after]) { after += 1 }
        if after < bytes.count, bytes[after] == UInt8(ascii: "\r"), after + 1 < bytes.count, bytes[after + 1] == UInt8(ascii: "\n") {
            after += 1
        }
        guard after == bytes.count || bytes[after] == UInt8(ascii: "\n") else { return nil }
        return (String(decoding: bytes[lineStart..<tagStart], as: UTF8.self), min(after + 1, bytes.count))
    }

    /// Parses a tag's name.
    /// - Parameters:
    ///   - text: The tag content.
    ///   - place: The tag's place.
    /// - Returns: The name.
    /// - Throws: ``TemplateSyntaxError`` when it is not a name.
    private func name(_ text: String, _ place: TemplatePlace) throws(TemplateSyntaxError) -> TemplateName {
        switch TemplateName.parse(text) {
        case .success(let name): return name
        case .failure(var error):
            error.place = place
            throw error
        }
    }

    /// The first offset of `needle` at or after `start`.
    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The line and column of an offset.
    private func place(_ offset: Int) -> TemplatePlace {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return TemplatePlace(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    /// Whether a byte is a space or a tab.
    private func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// `text` without surrounding spaces and tabs.
    private func trimmed(_ text: String) -> String {
        String(text.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
