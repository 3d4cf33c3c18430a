import XenIR

/// Refuses a rendered family file that lost its number guard.
///
/// The guard enum (every number the family ever used, once) and the `numberGuard` switch are what make
/// the compiler reject a reused number. A template may reshape everything else, but a family file
/// without them would drop the guarantee silently, so the run stops instead.
enum NumberGuardCheck {
    /// Checks that `contents` declares the guard of `context` with every entry, and ties the enum to it.
    /// - Parameters:
    ///   - contents: The rendered family file.
    ///   - path: Its file name, for the message.
    ///   - context: The family's template context.
    /// - Throws: ``GeneratorDiagnostic`` naming the first missing piece.
    static func verify(_ contents: String, path: String, context: FamilyContext) throws {
        // Lines without their indentation: templates may indent as they like.
        let lines = contents.split(separator: "\n").map { $0.drop { $0 == " " || $0 == "\t" } }
        func has(_ entry: String) -> Bool { lines.contains { $0 == entry || $0.hasPrefix(entry + " ") } }
        var missing: String?
        if !lines.contains(where: { $0.contains("enum \(context.guardName): \(context.rawType) {") }) {
            missing = "'enum \(context.guardName): \(context.rawType)'"
        } else if let entry = context.guardEntries.first(where: { !has("case \($0.cName) = \($0.literal)") }) {
            missing = "'case \(entry.cName) = \(entry.literal)' in \(context.guardName)"
        } else if !lines.contains(where: { $0.contains("var numberGuard: \(context.guardName)") }) {
            missing = "'var numberGuard: \(context.guardName)'"
        }
        if let missing {
            throw GeneratorDiagnostic(.error, at: nil,
                "the family template rendered \(path) without \(missing); the number guard must stay in every family file")
        }
    }
}
