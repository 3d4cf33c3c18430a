import LibClang
import XenIR

/// A family whose ops are the enumerators of a C `enum` (``FamilySpec/enumeration``), such as
/// `enum xsd_sockmsg_type` of `io/xs_wire.h`:
///
/// ```c
///     XS_SET_TARGET,
///     /* XS_RESTRICT has been removed */
///     XS_RESET_WATCHES = XS_SET_TARGET + 2,
/// ```
///
/// Clang gives each enumerator its value. A removed member leaves no enumerator, only a comment and a
/// gap in the values; the comment between two enumerators that names a member of the family and says
/// it is gone is that member's tombstone, and its number is the one number the values skip there.
struct EnumeratedFamily {
    /// One enumerator as clang read it.
    struct Member: Sendable {
        /// The C name, such as `XS_SET_TARGET`.
        var name: String
        /// The value clang gave it.
        var value: UInt64
        /// Where its name is.
        var location: SourceLocation
    }

    /// The enum's tag.
    var name: String
    /// The enumerators in declaration order.
    var members: [Member]

    /// Reads the definition of `enum name` among the translation unit's top-level declarations.
    /// - Parameters:
    ///   - name: The enum's tag.
    ///   - cursors: The translation unit's top-level cursors.
    /// - Returns: The enum, or `nil` when these headers do not define it.
    static func read(_ name: String, in cursors: [Cursor]) -> EnumeratedFamily? {
        guard let declaration = cursors.first(where: { $0.kind == .enumDecl && $0.declaredName == name && !$0.children.isEmpty })
        else { return nil }
        let unsigned = (3...12).contains(declaration.enumIntegerType.canonical.kind)
        let members = declaration.children.filter { $0.kind == .enumConstantDecl }.compactMap { constant -> Member? in
            guard let location = constant.location else { return nil }
            let value = unsigned ? constant.enumConstantUnsignedValue : UInt64(bitPattern: constant.enumConstantValue)
            return Member(name: constant.spelling, value: value, location: location)
        }
        return EnumeratedFamily(name: name, members: members)
    }

    /// The family's ops: each enumerator the row takes as an op, live (obsolete when its trailing comment
    /// says so), and each removed member that a comment between two enumerators names, retired.
    /// - Parameters:
    ///   - spec: The family's row.
    ///   - header: The scanned header that holds the enum.
    ///   - isOp: Whether a name is an op of this family (the table's classification).
    ///   - docs: The header's doc comments.
    ///   - warnings: Receives a removed member whose number the gap does not tell.
    /// - Returns: The ops in header order.
    func ops(
        of spec: FamilySpec, in header: ScannedHeader, isOp: (String) -> Bool, docs: DocCommentIndex,
        warnings: inout [GeneratorDiagnostic]
    ) -> [Op] {
        let taken = members.filter { isOp($0.name) }
        let gaps = gapTombstones(in: header, isOp: isOp, warnings: &warnings)
        // The comment that retires a member is no doc of the enumerator after it.
        let tombstoneEndLines = Set(gaps.map(\.endLine))
        return taken.map { member -> Op in
            let trailing = header.comments.first { $0.isTrailing && $0.token.start.line == member.location.line }
                .flatMap { MarkerParser.prose(of: $0.token.spelling) }
            return Op(
                name: member.name, number: member.value,
                status: trailing.map(MarkerParser.saysObsolete) == true ? .obsolete : .live,
                marker: trailing, replacement: trailing.flatMap(MarkerParser.replacement(in:)),
                file: header.file, line: member.location.line, column: member.location.column,
                doc: tombstoneEndLines.contains(member.location.line - 1) ? nil : docs.prose(endingBefore: member.location.line)
            )
        } + gaps.map(\.op)
    }

    /// The removed members that comments between two enumerators name, with the last line of each comment.
    private func gapTombstones(
        in header: ScannedHeader, isOp: (String) -> Bool, warnings: inout [GeneratorDiagnostic]
    ) -> [(op: Op, endLine: Int)] {
        var result: [(op: Op, endLine: Int)] = []
        let names = Set(members.map(\.name))
        for (before, after) in zip(members, members.dropFirst()) {
            for comment in header.comments
            where !comment.isTrailing
                && comment.token.start.line > before.location.line && comment.token.endLine < after.location.line
            {
                guard let prose = MarkerParser.prose(of: comment.token.spelling), MarkerParser.saysObsolete(prose) else { continue }
                for word in Self.identifiers(in: prose) where !names.contains(word) && isOp(word) {
                    let position = SourcePosition(file: header.file, line: comment.token.start.line, column: comment.token.start.column)
                    guard after.value >= before.value, after.value - before.value == 2 else {
                        warnings.append(
                            GeneratorDiagnostic(
                                .warning, at: position,
                                "the comment says \(word) was removed from enum \(name), but \(before.name) and \(after.name) around it "
                                    + "do not skip exactly one number, so its number is unknown and not reserved"))
                        continue
                    }
                    result.append(
                        (
                            Op(
                                name: word, number: before.value + 1, status: .retired, marker: prose,
                                replacement: MarkerParser.replacement(in: prose), condition: comment.condition,
                                isActive: comment.isActive, file: header.file, line: comment.token.start.line,
                                column: comment.token.start.column
                            ), comment.token.endLine
                        ))
                }
            }
        }
        return result
    }

    /// The C identifiers of a text, in order.
    private static func identifiers(in text: String) -> [String] {
        text.split { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) }.map(String.init)
            .filter { $0.first.map { $0.isLetter || $0 == "_" } ?? false }
    }
}
