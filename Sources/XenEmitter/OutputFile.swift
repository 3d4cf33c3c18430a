/// One output file while it is assembled: its banner and imports, then its sections, each under the
/// `#if` of the targets that have it (none when every target does).
struct OutputFile {
    /// One rendered declaration group.
    struct Section {
        /// `#if arch(…)` when only some targets have the section.
        var ifLine: String?
        /// The rendered text.
        var text: String
    }

    /// Path relative to the output folder.
    var path: String
    /// The header the file is generated from, for the banner; `nil` for files of the whole output.
    var header: String?
    /// The modules it imports.
    var imports: [String]
    /// The sections, in order.
    var sections: [Section] = []
    /// Lines after the sections (the unsupported-architecture guard of the support file).
    var trailer: [String] = []

    /// The file as data: the banner, the imports, and the sections and trailer as its body, a blank
    /// line between each.
    var generated: GeneratedFile {
        var blocks: [String] = []
        for section in sections {
            let body = SwiftEmitter.trimmingNewlines(section.text)
            guard !body.isEmpty else { continue }
            blocks.append(section.ifLine.map { $0 + "\n" + body + "\n#endif" } ?? body)
        }
        if !trailer.isEmpty { blocks.append(trailer.joined(separator: "\n")) }
        return GeneratedFile(
            path: path, banner: [OutputFiles.banner(header: header)], imports: imports, body: blocks.joined(separator: "\n\n"))
    }
}

extension SwiftEmitter {
    /// `text` without leading and trailing newlines.
    static func trimmingNewlines(_ text: String) -> String {
        guard let first = text.firstIndex(where: { $0 != "\n" }), let last = text.lastIndex(where: { $0 != "\n" }) else { return "" }
        return String(text[first...last])
    }
}
