/// The comments of the scanned headers, indexed by line, to give records and fields their doc text.
///
/// A declaration's doc is the run of own-line comments that ends on the line above it (several
/// `/* … */` lines in a row count as one run) plus a comment after it on its own line.
struct RecordComments {
    /// Own-line comments by the line they end on, and trailing comments by the line they start on.
    private struct FileIndex {
        var ownLineByEndLine: [Int: ScannedHeader.Comment] = [:]
        var trailingByLine: [Int: ScannedHeader.Comment] = [:]
    }

    private var files: [String: FileIndex] = [:]

    /// - Parameter headers: Scanned headers by tree-relative path.
    init(headers: [String: ScannedHeader]) {
        for (file, header) in headers {
            var index = FileIndex()
            for comment in header.comments {
                if comment.isTrailing {
                    index.trailingByLine[comment.token.start.line] = comment
                } else {
                    index.ownLineByEndLine[comment.token.endLine] = comment
                }
            }
            files[file] = index
        }
    }

    /// The doc text of a declaration that starts on `line`: the comment run above it, then the trailing comment.
    /// - Parameters:
    ///   - file: The header, relative to the tree.
    ///   - line: The declaration's first line.
    ///   - trailingLine: The line whose trailing comment belongs to the declaration, if any.
    /// - Returns: The text without comment markers, or `nil`.
    func doc(file: String, line: Int, trailingLine: Int? = nil) -> String? {
        guard let index = files[file] else { return nil }
        var blocks: [String] = []
        var next = line - 1
        while let comment = index.ownLineByEndLine[next], MarkerParser.tombstones(in: comment.token.spelling).isEmpty {
            blocks.insert(Self.text(of: comment.token.spelling, joiner: "\n"), at: 0)
            next = comment.token.start.line - 1
        }
        if let trailingLine, let comment = index.trailingByLine[trailingLine] {
            blocks.append(Self.text(of: comment.token.spelling, joiner: " "))
        }
        let text = blocks.filter { !$0.isEmpty }.joined(separator: "\n")
        return text.isEmpty ? nil : text
    }

    /// A comment's lines without markers, blank lines at either end dropped.
    private static func text(of comment: String, joiner: String) -> String {
        let lines = MarkerParser.lines(of: comment)
        return lines.drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.reversed().joined(separator: joiner)
    }
}
