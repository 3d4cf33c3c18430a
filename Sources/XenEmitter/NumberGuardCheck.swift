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
        let enumDeclaration = Array("enum \(context.guardName): \(context.rawType) {".utf8)
        let guardProperty = Array("var numberGuard: \(context.guardName)".utf8)
        var caseLines = Set<String>()
        var hasEnum = false
        var hasProperty = false
        var text = contents
        text.withUTF8 { bytes in
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                // The line without its indentation: templates may indent as they like.
                var first = lineStart
                while first < lineEnd, bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t") { first += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[first..<lineEnd])
                if line.starts(with: "case ".utf8) {
                    var spaces = 0
                    let end =
                        line.firstIndex { byte in
                            if byte == UInt8(ascii: " ") { spaces += 1 }
                            return spaces == 4
                        } ?? line.endIndex
                    caseLines.insert(String(decoding: UnsafeBufferPointer(rebasing: line[..<end]), as: UTF8.self))
                }
                hasEnum = hasEnum || contains(line, enumDeclaration)
                hasProperty = hasProperty || contains(line, guardProperty)
                lineStart = lineEnd + 1
            }
        }
        var missing: String?
        if !hasEnum {
            missing = "'enum \(context.guardName): \(context.rawType)'"
        } else if let entry = context.guardEntries.map(\.member).first(where: { !caseLines.contains("case \($0.cName) = \($0.literal)") }) {
            missing = "'case \(entry.cName) = \(entry.literal)' in \(context.guardName)"
        } else if !hasProperty {
            missing = "'var numberGuard: \(context.guardName)'"
        }
        if let missing {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "the family template rendered \(path) without \(missing); the number guard must stay in every family file")
        }
    }

    /// Whether `needle` occurs in `line`, compared byte by byte.
    /// - Parameters:
    ///   - line: The bytes of one line of a rendered file.
    ///   - needle: The bytes looked for.
    /// - Returns: `true` when it occurs.
    private static func contains(_ line: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let head = needle.first else { return true }
        guard needle.count <= line.count else { return false }
        for start in 0...(line.count - needle.count) where line[start] == head {
            if line[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
