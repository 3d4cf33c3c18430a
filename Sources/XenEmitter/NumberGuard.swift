/// The number guard of a family file, written by the generator after the family template's text.
///
/// The guard enum lists every number the family ever used, once (live, obsolete, retired and
/// ledger-reserved), so giving a used number a second name fails to compile with "raw value for enum
/// case is not unique"; the `numberGuard` switch ties every case of the op enum to its entry, so a
/// case added by hand must enter the guard too. Code writes it, not a template, so a user template
/// cannot drop it.
enum NumberGuard {
    /// The guard's declarations for `context`: the guard enum and the switch, each member under the
    /// `#if` of the targets that have it.
    /// - Parameter context: The family's (merged) context.
    /// - Returns: The Swift text, without a final newline.
    static func declarations(_ context: FamilyContext) -> String {
        var lines = [
            "/// Every number `\(context.prefix)*` has ever used, each exactly once: live, obsolete, retired and",
            "/// ledger-reserved. Giving a used number a second name fails to compile with",
            "/// \"raw value for enum case is not unique\".",
            "enum \(context.guardName): \(context.rawType) {",
        ]
        lines += conditionalLines(context.guardEntries) { "    case \($0.cName) = \($0.literal) // \($0.comment)" }
        lines += [
            "}",
            "",
            "extension \(context.typeName) {",
            "    /// Ties every case to its guard entry, so a case added by hand must also enter the guard.",
            "    var numberGuard: \(context.guardName) {",
            "        switch self {",
        ]
        lines += conditionalLines(context.guardLinks) { "        case .\($0.caseName): .\($0.cName)" }
        lines += ["        }", "    }", "}"]
        return lines.joined(separator: "\n")
    }

    /// The lines of a member list: each member's line, with the `#if` and `#endif` lines around runs
    /// that only some targets have.
    private static func conditionalLines<Member>(_ members: [Conditional<Member>], _ line: (Member) -> String) -> [String] {
        members.flatMap { [$0.ifLine, line($0.member), $0.endifLine].compactMap { $0 } }
    }
}
