import XenIR

/// Refuses a rendered family file that lost its number guard.
///
/// The guard enum (every number the family ever used, once) and the `numberGuard` switch are what make
/// the compiler reject a reused number. A template may reshape everything else, but a family file
/// without them would drop the guarantee silently, so the run stops instead.
enum NumberGuardCheck {
    /// Checks that `contents` declares the guard of `context` with every entry, and ties the enum to it.
    ///
    /// One pass over the bytes of the lines: each `case` line (without its indentation) is kept up to
    /// its fourth space, which is exactly a guard entry `case NAME = LITERAL` when the line is that
    /// entry alone or that entry followed by a space (a comment); every entry is then one set lookup.
    /// - Parameters:
    ///   - contents: The rendered family file.
    ///   - path: Its file name, for the message.
    ///   - context: The family's template context.
    /// - Throws: ``GeneratorDiagnostic`` naming the first missing piece.
    static func verify(_ contents: String, path: String, context: FamilyContext) throws {
        let enumDeclaration = "enum \(context.guardName): \(context.rawType) {"
        let guardProperty = "var numberGuard: \(context.guardName)"
        var caseLines = Set<Substring>()
        var hasEnum = false
        var hasProperty = false
        let bytes = contents.utf8
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            // The line without its indentation: templates may indent as they like.
            let line = bytes[lineStart..<lineEnd].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if line.starts(with: "case ".utf8) {
                var spaces = 0
                let end = line.firstIndex { byte in
                    if byte == UInt8(ascii: " ") { spaces += 1 }
                    return spaces == 4
                } ?? line.endIndex
                caseLines.insert(Substring(line[..<end]))
            }
            hasEnum = hasEnum || contains(line, enumDeclaration)
            hasProperty = hasProperty || contains(line, guardProperty)
            lineStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
        }
        var missing: String?
        if !hasEnum {
            missing = "'enum \(context.guardName): \(context.rawType)'"
        } else if let entry = context.guardEntries.first(where: { !caseLines.contains(Substring("case \($0.cName) = \($0.literal)")) }) {
            missing = "'case \(entry.cName) = \(entry.literal)' in \(context.guardName)"
        } else if !hasProperty {
            missing = "'var numberGuard: \(context.guardName)'"
        }
        if let missing {
            throw GeneratorDiagnostic(.error, at: nil,
                "the family template rendered \(path) without \(missing); the number guard must stay in every family file")
        }
    }

    /// Whether `needle` occurs in `line`, compared byte by byte.
    /// - Parameters:
    ///   - line: One line of a rendered file.
    ///   - needle: The text looked for.
    /// - Returns: `true` when it occurs.
    private static func contains(_ line: Substring.UTF8View, _ needle: String) -> Bool {
        guard let first = needle.utf8.first else { return true }
        var rest = line[...]
        while let start = rest.firstIndex(of: first) {
            if rest[start...].starts(with: needle.utf8) { return true }
            rest = rest[rest.index(after: start)...]
        }
        return false
    }
}
