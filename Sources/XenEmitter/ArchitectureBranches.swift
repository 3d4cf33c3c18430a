import XenIR

/// The `#if arch(…) … #elseif arch(…) … #else #error … #endif` chain that holds the per-target part
/// of one file: the context of `architectures.mustache`.
struct ArchitectureBranches: TemplateContext {
    /// One target's branch.
    struct Branch: Codable {
        /// `if` for the first branch, `elseif` after it.
        var keyword: String
        /// The Swift architecture, such as `arm64`.
        var architecture: String
        /// The declarations of this target (may be empty: the file has none on it).
        var text: String
        /// Whether `text` is not empty.
        var hasText: Bool
    }

    /// One branch per target, in target order.
    var branches: [Branch]
    /// The architectures generated for, for the `#error` message (`x86_64 and arm64`).
    var architectures: String
}

extension ArchitectureBranches {
    /// A chain with one branch per target.
    /// - Parameters:
    ///   - targets: The targets, in order.
    ///   - texts: Each target's text by target index; a missing entry is an empty branch.
    init(targets: [TargetArchitecture], texts: [Int: String]) {
        branches = targets.enumerated().map { index, target in
            let text = texts[index] ?? ""
            return Branch(keyword: index == 0 ? "if" : "elseif", architecture: target.swiftArchitecture, text: text, hasText: !text.isEmpty)
        }
        let names = targets.map(\.swiftArchitecture)
        architectures = names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "") : names.joined()
    }
}

extension SwiftEmitter {
    /// The file that carries the module's architecture guard even when nothing in the output differs.
    static let guardFile = "XenOperation.swift"

    /// The lines every rendered part of a file starts with: the header comment and the `import`s
    /// after it, written once per file (not again inside an architecture branch).
    /// - Parameter text: A rendered part.
    /// - Returns: The header line through the last leading `import` line, each with its newline.
    static func preamble(of text: String) -> String {
        // Only the first lines are looked at: the header, then `import` and empty lines.
        var end = text.startIndex
        var lineStart = text.startIndex
        var isHeader = true
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[lineStart..<lineEnd]
            if isHeader || line.hasPrefix("import ") {
                end = lineEnd
            } else if !line.isEmpty {
                break
            }
            isHeader = false
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
        }
        return String(text[..<end]) + "\n"
    }

    /// Puts the rendered parts of each file together: the header line once, the shared text, then
    /// the per-target texts in one architecture chain.
    /// - Parameters:
    ///   - jobs: The rendered jobs.
    ///   - texts: Their texts, in job order.
    ///   - targets: The targets, in order.
    /// - Returns: The files, sorted by path.
    /// - Throws: ``GeneratorDiagnostic`` when the chain template fails.
    func assemble(_ jobs: [RenderJob], texts: [String], targets: [TargetArchitecture]) throws -> [GeneratedFile] {
        var shared: [String: [String]] = [:]
        var branches: [String: [Int: [String]]] = [:]
        for (job, text) in zip(jobs, texts) {
            if let variant = job.variant {
                branches[job.path, default: [:]][variant, default: []].append(text)
            } else {
                shared[job.path, default: []].append(text)
            }
        }
        var files: [GeneratedFile] = []
        for path in Set(shared.keys).union(branches.keys).sorted() {
            let perTarget = branches[path] ?? [:]
            let pieces = (shared[path] ?? []) + perTarget.keys.sorted().flatMap { perTarget[$0] ?? [] }
            let preamble = Self.preamble(of: pieces.first ?? "")
            func body(_ text: String) -> Substring {
                // By UTF-8 length: the preamble is a prefix, so no characters need counting.
                text.hasPrefix(preamble) ? Substring(text.utf8.dropFirst(preamble.utf8.count)) : Substring(text)
            }
            var contents = preamble + (shared[path] ?? []).map(body).joined()
            if !perTarget.isEmpty || path == Self.guardFile {
                let texts = perTarget.mapValues { parts in Self.trimmingNewlines(parts.map(body).joined()) }
                let chain = try templates.render("architectures", ArchitectureBranches(targets: targets, texts: texts))
                contents += (contents.hasSuffix("\n\n") ? "" : "\n") + chain
            }
            files.append(GeneratedFile(path: path, contents: contents))
        }
        return files
    }

    /// `text` without leading and trailing newlines (a branch's text sits between directive lines).
    static func trimmingNewlines(_ text: String) -> String {
        guard let first = text.firstIndex(where: { $0 != "\n" }), let last = text.lastIndex(where: { $0 != "\n" }) else { return "" }
        return String(text[first...last])
    }
}
