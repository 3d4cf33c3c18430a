import LibClang

/// Splits a header's raw libclang tokens into preprocessor directives and comments, and tracks the
/// `#if` nesting so each definition carries its condition (`defined(__XEN__)`, arch checks, …).
///
/// libclang gives no cursors for macros in inactive branches, but `clang_tokenize` lexes the whole
/// file; the skipped ranges then tell which lines are compiled in under the parsed configuration.
struct DirectiveScanner {
    /// One open `#if` level.
    private struct Frame {
        /// Conditions of the earlier branches at this level.
        var previous: [String] = []
        /// The condition of the branch being read.
        var current: String?
        /// Include guards contribute no condition.
        var isGuard = false

        var text: String? {
            if isGuard { return nil }
            let negated = previous.map { "!(\($0))" }
            let parts = negated + (current.map { [$0] } ?? [])
            return parts.isEmpty ? nil : parts.joined(separator: " && ")
        }
    }

    /// Scans one file's tokens.
    /// - Parameters:
    ///   - tokens: The file's raw tokens, in order.
    ///   - file: The file's path relative to the tree, stored in the result.
    ///   - skipped: Spans the preprocessor skipped in this configuration.
    /// - Returns: The defines and comments with their conditions.
    func scan(tokens: [Token], file: String, skipped: [SourceSpan]) -> ScannedHeader {
        var header = ScannedHeader(file: file, defines: [], comments: [])
        var frames: [Frame] = []
        var position = 0
        var previousLine = 0
        var directiveCount = 0
        let skippedRanges = SkippedRanges(skipped)
        func isActive(_ token: Token) -> Bool { !skippedRanges.contains(token.start.offset) }
        func condition() -> String? {
            let parts = frames.compactMap(\.text)
            return parts.isEmpty ? nil : parts.joined(separator: " && ")
        }
        while position < tokens.count {
            let token = tokens[position]
            let startsLine = token.start.line > previousLine && !token.continuesLine
            if token.kind == .punctuation, token.spelling == "#", startsLine {
                let lineEnd = directiveEnd(tokens, from: position)
                let body = Array(tokens[(position + 1)..<lineEnd])
                let code = body.filter { $0.kind != .comment }
                let keyword = code.first?.spelling ?? ""
                let arguments = Array(code.dropFirst())
                switch keyword {
                case "define":
                    if let define = makeDefine(arguments, body: body, condition: condition(), active: isActive(token)) {
                        // `#ifndef G` + `#define G` as a file's first two directives is an include guard.
                        if directiveCount == 1, frames.count == 1, frames[0].current == "!defined(\(define.name))",
                            define.value.isEmpty
                        {
                            frames[0].isGuard = true
                        } else {
                            header.defines.append(define)
                        }
                    }
                case "if": frames.append(Frame(current: Self.spell(arguments)))
                case "ifdef": frames.append(Frame(current: "defined(\(arguments.first?.spelling ?? ""))"))
                case "ifndef": frames.append(Frame(current: "!defined(\(arguments.first?.spelling ?? ""))"))
                case "elif":
                    if var frame = frames.popLast() {
                        frame.previous += frame.current.map { [$0] } ?? []
                        frame.current = Self.spell(arguments)
                        frames.append(frame)
                    }
                case "else":
                    if var frame = frames.popLast() {
                        frame.previous += frame.current.map { [$0] } ?? []
                        frame.current = nil
                        frames.append(frame)
                    }
                case "endif": _ = frames.popLast()
                default: break
                }
                directiveCount += 1
                // A directive's trailing comment belongs to the directive; others are recorded.
                previousLine = tokens[lineEnd - 1].endLine
                position = lineEnd
                continue
            }
            if token.kind == .comment {
                header.comments.append(
                    ScannedHeader.Comment(token: token, isTrailing: !startsLine, condition: condition(), isActive: isActive(token))
                )
            }
            previousLine = token.endLine
            position += 1
        }
        return header
    }

    /// The index just past the directive that starts at `start` (to the end of its logical line).
    private func directiveEnd(_ tokens: [Token], from start: Int) -> Int {
        var end = start + 1
        var line = tokens[start].start.line
        while end < tokens.count, tokens[end].start.line == line || tokens[end].continuesLine {
            line = tokens[end].endLine
            end += 1
        }
        return end
    }

    /// Builds a define from the tokens after `define`.
    private func makeDefine(_ arguments: [Token], body: [Token], condition: String?, active: Bool) -> ScannedHeader.Define? {
        guard let name = arguments.first, name.kind == .identifier || name.kind == .keyword else { return nil }
        let rest = Array(arguments.dropFirst())
        let nameEnd = name.start.offset + name.spelling.utf8.count
        let isFunctionLike = rest.first.map { $0.spelling == "(" && $0.start.offset == nameEnd } ?? false
        let trailing = body.last.flatMap { $0.kind == .comment && $0.start.offset > name.start.offset ? $0 : nil }
        return ScannedHeader.Define(
            name: name.spelling, location: name.start, value: rest, trailingComment: trailing,
            isFunctionLike: isFunctionLike, condition: condition, isActive: active
        )
    }

    /// Joins expression tokens into readable C (`defined(__XEN__) || defined(__XEN_TOOLS__)`).
    static func spell(_ tokens: [Token]) -> String {
        var text = ""
        var previous: Token?
        for token in tokens {
            if let previous {
                let tight =
                    ["(", "!", "~"].contains(previous.spelling) || [")", ","].contains(token.spelling)
                    || (token.spelling == "(" && previous.kind == .identifier)
                if !tight { text += " " }
            }
            text += token.spelling
            previous = token
        }
        return text
    }
}

/// The byte ranges the preprocessor skipped, sorted, so that each look-up is a binary search instead
/// of a scan of every range (the scanner asks once per `#define` and once per comment).
private struct SkippedRanges {
    /// Half-open `start..<end` offsets, sorted by start. Skipped ranges never overlap.
    private let ranges: [Range<Int>]

    /// - Parameter spans: The skipped spans of one file, in any order.
    init(_ spans: [SourceSpan]) {
        ranges = spans.map { $0.start.offset..<max($0.start.offset, $0.end.offset) }.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Whether `offset` lies in a skipped range.
    /// - Parameter offset: A byte offset in the file.
    /// - Returns: `true` when the preprocessor skipped it.
    func contains(_ offset: Int) -> Bool {
        // The last range starting at or before `offset` is the only one that can hold it.
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        return low > 0 && ranges[low - 1].contains(offset)
    }
}
