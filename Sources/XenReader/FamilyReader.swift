import LibClang
import XenIR

/// Builds op families from scanned headers: assigns each `#define` and each tombstone to the family
/// with the longest matching prefix whose region holds it, and applies the status rules.
struct FamilyReader {
    /// The whole family table: ops are assigned among all of its rows.
    var specs: [FamilySpec]
    /// The families to return; ops owned by other rows are dropped, so what a family holds never
    /// depends on which others are selected.
    var selected: Set<String>
    /// Byte ranges of top-level records, by header and record name.
    var recordSpans: [String: [String: SourceSpan]]
    /// Every define of every header read, by name, to resolve interface versions.
    var allDefines: [String: ScannedHeader.Define]
    /// Converts a clang path to a tree-relative one.
    var relativePath: (String) -> String
    /// The C enums that rows with an ``FamilySpec/enumeration`` take their ops from, by tag.
    var enumerations: [String: EnumeratedFamily] = [:]

    /// Reads every family declared in `header`.
    ///
    /// A family whose `within` record the header does not define, and whose names do not appear
    /// (an older Xen, a fixture), is absent from this version and is added to `skipped`.
    /// - Parameters:
    ///   - header: The scanned header.
    ///   - warnings: Receives wording warnings.
    ///   - skipped: Receives the names of families skipped for a missing `within` record.
    /// - Returns: The families, in table order.
    /// - Throws: ``GeneratorDiagnostic`` when a `within` record is missing although the family's names appear.
    func families(
        in header: ScannedHeader, warnings: inout [GeneratorDiagnostic], skipped: inout [String], leftOut: inout [LeftOutMacro]
    ) throws -> [OpFamily] {
        // A nested list that this header version does not have at all (older Xen before vmtrace) is
        // simply absent; its record missing while its names are present is an error.
        let specsHere = specs.filter { spec in
            guard spec.header == header.file, let within = spec.within, recordSpans[header.file]?[within] == nil else {
                return spec.header == header.file
            }
            if Self.mentions(header, spec) { return true }
            if selected.contains(spec.name) { skipped.append(spec.name) }
            return false
        }
        for spec in specsHere where selected.contains(spec.name) {
            if let within = spec.within, recordSpans[header.file]?[within] == nil {
                throw GeneratorDiagnostic(
                    .error, at: SourcePosition(file: header.file, line: 1),
                    "family '\(spec.name)' expects its ops inside 'struct \(within)', which \(header.file) does not define")
            }
        }
        // Which family a name belongs to is decided by the name alone (the longest matching prefix, the
        // table's excludes), never by where the macro stands: a number defined after the struct, or in
        // another branch, is the family's as much as one inside it. Longest prefix first (table order
        // among equals), so the first match is the owner.
        let byPrefixLength = specsHere.byPrefixLength
        func owner(of name: String) -> FamilySpec? { byPrefixLength.owner(of: name) }
        /// The selected family whose op `name` is, or the selected family it is left out of with the reason.
        func classify(_ name: String, isFunctionLike: Bool) -> Classification {
            guard let spec = owner(of: name) else {
                if let spec = byPrefixLength.first(where: { name.hasPrefix($0.prefix) && name.count > $0.prefix.count }),
                    selected.contains(spec.name), let excluded = spec.exclude?.first(where: { name.hasPrefix($0) })
                {
                    return .leftOut(spec, "excluded by the family table (exclude '\(excluded)')", byNameRule: false)
                }
                return .elsewhere
            }
            guard selected.contains(spec.name) else { return .elsewhere }
            if name == spec.interfaceVersion { return .leftOut(spec, "the family's interface version", byNameRule: false) }
            if isFunctionLike { return .leftOut(spec, "a function-like macro", byNameRule: false) }
            if !spec.takesAsOp(name) { return .leftOut(spec, (spec.opNames ?? .lowercase).leftOutReason, byNameRule: true) }
            return .op(spec)
        }
        func leave(_ name: String, _ spec: FamilySpec, _ reason: String, at position: SourcePosition) {
            leftOut.append(LeftOutMacro(name: name, family: spec.name, position: position, reason: reason))
        }

        var ops: [String: [Op]] = [:]
        var aliasCandidates: [(FamilySpec, ScannedHeader.Define, String)] = []
        // A name the rule leaves out may still be an alias of an op (`PHYSDEVOP_ASSIGN_VECTOR PHYSDEVOP_alloc_irq_vector`).
        var aliasOnlyCandidates: [(FamilySpec, ScannedHeader.Define, String, String)] = []
        let docs = DocCommentIndex(comments: header.comments)

        for define in header.defines {
            let position = SourcePosition(file: header.file, line: define.location.line, column: define.location.column)
            let aliasTarget = define.aliasTarget
            let spec: FamilySpec
            switch classify(define.name, isFunctionLike: define.isFunctionLike) {
            case .elsewhere: continue
            case .leftOut(let owner, let reason, let byNameRule):
                if byNameRule, let aliasTarget {
                    aliasOnlyCandidates.append((owner, define, aliasTarget, reason))
                } else {
                    leave(define.name, owner, reason, at: position)
                }
                continue
            case .op(let owner): spec = owner
            }
            // `#define XENMEM_maximum_gpfn XENMEM_maximum_pfn` may be an alias of another op: decided once every op is known.
            if let aliasTarget {
                aliasCandidates.append((spec, define, aliasTarget))
            } else {
                ops[spec.name, default: []].append(
                    liveOp(define, number: try Self.number(of: define, spec: spec, file: header.file), file: header.file, docs: docs))
            }
        }
        for comment in header.comments {
            // A retired number written as anything but an integer literal is not read: say so, never drop it in silence.
            for unread in MarkerParser.unreadDefines(in: comment.token.spelling) {
                guard case .op(let spec) = classify(unread.name, isFunctionLike: false) else { continue }
                let line = comment.token.start.line + unread.lineIndex
                let column = unread.lineIndex == 0 ? comment.token.start.column + 2 + unread.columnInLine : unread.columnInLine + 1
                warnings.append(
                    GeneratorDiagnostic(
                        .warning, at: SourcePosition(file: header.file, line: line, column: column),
                        "'#define \(unread.name)' in a comment has no integer literal after the name, so it is not read as a retired "
                            + "\(spec.name) number; write the number as a literal"))
            }
            for tombstone in MarkerParser.tombstones(in: comment.token.spelling) {
                let line = comment.token.start.line + tombstone.lineIndex
                let column = tombstone.lineIndex == 0 ? comment.token.start.column + 2 + tombstone.columnInLine : tombstone.columnInLine + 1
                let position = SourcePosition(file: header.file, line: line, column: column)
                let spec: FamilySpec
                switch classify(tombstone.name, isFunctionLike: false) {
                case .elsewhere: continue
                case .leftOut(let owner, let reason, _):
                    leave(tombstone.name, owner, reason, at: position)
                    continue
                case .op(let owner): spec = owner
                }
                var marker = tombstone.marker
                if marker.isEmpty {
                    marker = MarkerParser.prose(of: comment.token.spelling) ?? docs.prose(endingBefore: comment.token.start.line) ?? ""
                }
                if !MarkerParser.isKnownTombstoneWording(marker) {
                    warnings.append(
                        GeneratorDiagnostic(
                            .warning, at: position,
                            "unknown marker wording \"\(marker)\" on \(tombstone.name); treated as retired"))
                }
                ops[spec.name, default: []].append(
                    Op(
                        name: tombstone.name, number: tombstone.number, status: .retired, marker: marker.isEmpty ? nil : marker,
                        replacement: MarkerParser.replacement(in: marker), condition: comment.condition, isActive: comment.isActive,
                        file: header.file, line: line, column: column
                    ))
            }
        }

        for spec in specsHere where selected.contains(spec.name) {
            guard let enumeration = spec.enumeration.flatMap({ enumerations[$0] }) else { continue }
            for member in enumeration.members {
                guard case .leftOut(let owner, let reason, _) = classify(member.name, isFunctionLike: false), owner.name == spec.name
                else { continue }
                leave(
                    member.name, owner, reason,
                    at: SourcePosition(file: header.file, line: member.location.line, column: member.location.column))
            }
            ops[spec.name, default: []] += enumeration.ops(
                of: spec, in: header,
                isOp: { name in
                    if case .op(let owner) = classify(name, isFunctionLike: false) { return owner.name == spec.name }
                    return false
                }, docs: docs, warnings: &warnings)
        }

        // A name that is no op of the family (`#define SIX 6`, then `#define XEN_DOMCTL_x SIX`) gives its value.
        var confirmedAliases: [(FamilySpec, ScannedHeader.Define, String)] = []
        for candidate in aliasCandidates {
            let (spec, define, target) = candidate
            if (ops[spec.name] ?? []).contains(where: { $0.name == target }) {
                confirmedAliases.append(candidate)
            } else {
                ops[spec.name, default: []].append(
                    liveOp(define, number: try Self.number(of: define, spec: spec, file: header.file), file: header.file, docs: docs))
            }
        }

        for (spec, define, target, reason) in aliasOnlyCandidates {
            if (ops[spec.name] ?? []).contains(where: { $0.name == target }) {
                confirmedAliases.append((spec, define, target))
            } else {
                leave(
                    define.name, spec, reason,
                    at: SourcePosition(file: header.file, line: define.location.line, column: define.location.column))
            }
        }

        return specsHere.filter { selected.contains($0.name) }.map { spec in
            var familyOps = (ops[spec.name] ?? []).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
            let names = Set(familyOps.map(\.name))
            for index in familyOps.indices {
                familyOps[index].replacement = familyOps[index].replacement.map { resolve($0, spec: spec, names: names) }
            }
            let aliases = confirmedAliases.filter { $0.0.name == spec.name && names.contains($0.2) }
                .sorted { $0.1.location.offset < $1.1.location.offset }.map { _, define, target in
                    OpAlias(
                        name: define.name, target: target, condition: define.condition, isActive: define.isActive,
                        file: header.file, line: define.location.line)
                }
            var family = OpFamily(
                name: spec.name, prefix: spec.prefix, swiftName: spec.swiftName, rawType: spec.rawType, file: spec.header,
                within: spec.within, summary: spec.summary, interfaceVersion: interfaceVersion(spec), ops: familyOps, aliases: aliases,
                hypercall: spec.hypercall, hypercallArguments: spec.hypercallArguments, bufferArray: spec.bufferArray,
                payloadCount: spec.payloadCount, hypercallNumbers: spec.hypercallNumbers
            )
            family.stableABI = spec.stableABI
            family.opInPayload = spec.opInPayload
            family.regionArguments = spec.regionArguments
            return family
        }
    }

    /// Whether any `#define` or tombstone of `header` has a name of `spec`'s family.
    static func mentions(_ header: ScannedHeader, _ spec: FamilySpec) -> Bool {
        header.defines.contains { spec.matches($0.name) }
            || header.comments.contains { MarkerParser.tombstones(in: $0.token.spelling).contains { spec.matches($0.name) } }
    }

    /// A `#define` with a number: live, or obsolete when its own comment or the comment above says so.
    /// - Parameters:
    ///   - define: The `#define`.
    ///   - number: Its value.
    ///   - file: The header's relative path (every define of a scanned header is in that header, so
    ///     its path is not normalised again for each op).
    ///   - docs: The header's doc comments.
    /// - Returns: The op.
    private func liveOp(_ define: ScannedHeader.Define, number: UInt64, file: String, docs: DocCommentIndex) -> Op {
        let trailing = define.trailingComment.flatMap { MarkerParser.prose(of: $0.spelling) }
        let doc = docs.prose(endingBefore: define.location.line)
        var status = OpStatus.live
        var marker = trailing
        var replacement = trailing.flatMap(MarkerParser.replacement(in:))
        if let trailing, MarkerParser.saysObsolete(trailing) { status = .obsolete }
        if let doc, doc.lowercased().hasPrefix("deprecated by"), let target = MarkerParser.replacement(in: doc) {
            status = .obsolete
            marker = marker ?? doc
            replacement = target
        }
        return Op(
            name: define.name, number: number, status: status, marker: marker, replacement: replacement,
            condition: define.condition, isActive: define.isActive, file: file,
            line: define.location.line, column: define.location.column, doc: doc
        )
    }

    /// A replacement as a C name when it names an op of the family, else as written.
    private func resolve(_ replacement: String, spec: FamilySpec, names: Set<String>) -> String {
        if names.contains(replacement) { return replacement }
        if names.contains(spec.prefix + replacement) { return spec.prefix + replacement }
        return replacement
    }

    /// The family's interface version, resolving one level of `#define A B`.
    private func interfaceVersion(_ spec: FamilySpec) -> InterfaceVersion? {
        guard let name = spec.interfaceVersion, var define = allDefines[name] else { return nil }
        if define.value.count == 1, define.value[0].kind == .identifier, let target = allDefines[define.value[0].spelling] {
            define = target
        }
        guard let value = define.evaluated?.number else { return nil }
        return InterfaceVersion(
            name: name, value: value, spelling: define.value.map(\.spelling).joined(),
            location: SourcePosition(file: relativePath(define.location.file), line: define.location.line, column: define.location.column)
        )
    }

    /// The number clang gave an op's `#define`.
    /// - Parameters:
    ///   - define: The op's `#define`.
    ///   - spec: Its family.
    ///   - file: The header, relative to the tree.
    /// - Returns: The number.
    /// - Throws: ``GeneratorDiagnostic`` at the define when the value is negative or no integer constant.
    static func number(of define: ScannedHeader.Define, spec: FamilySpec, file: String) throws -> UInt64 {
        let position = SourcePosition(file: file, line: define.location.line, column: define.location.column)
        switch define.evaluated {
        case .number(let value):
            return value
        case .negative(let value):
            throw GeneratorDiagnostic(
                .error, at: position,
                "\(define.name) has the negative value \(value); a \(spec.name) op number is never negative")
        case .invalid(let reason):
            throw GeneratorDiagnostic(
                .error, at: position,
                "the value of \(define.name) is no integer constant (\(reason)); a \(spec.name) op needs a number")
        case .string:
            throw GeneratorDiagnostic(
                .error, at: position, "the value of \(define.name) is a string literal; a \(spec.name) op needs a number")
        case nil:
            throw GeneratorDiagnostic(.error, at: position, "the value of \(define.name) was not evaluated")
        }
    }
}

/// Finds the comment block that ends on the line just above a definition.
struct DocCommentIndex {
    private var byEndLine: [Int: ScannedHeader.Comment] = [:]

    init(comments: [ScannedHeader.Comment]) {
        for comment in comments where !comment.isTrailing {
            byEndLine[comment.token.endLine] = comment
        }
    }

    /// The prose of the own-line comment ending on `line - 1`, unless it holds tombstones.
    func prose(endingBefore line: Int) -> String? {
        guard let comment = byEndLine[line - 1], MarkerParser.tombstones(in: comment.token.spelling).isEmpty else { return nil }
        let lines = MarkerParser.lines(of: comment.token.spelling)
        let text = lines.drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.reversed().joined(separator: "\n")
        return text.isEmpty ? nil : text
    }
}

/// What the family table makes of a macro name in a family's header.
enum Classification {
    /// An op of this selected family.
    case op(FamilySpec)
    /// A name with this selected family's prefix that is no op, with the reason; `byNameRule` when only
    /// the family's ``OpNameRule`` leaves it out (it may still be an alias of an op).
    case leftOut(FamilySpec, String, byNameRule: Bool)
    /// Another family's name, or no family's.
    case elsewhere
}
