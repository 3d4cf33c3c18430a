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
    func families(in header: ScannedHeader, warnings: inout [GeneratorDiagnostic], skipped: inout [String]) throws -> [OpFamily] {
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
        var regions: [String: SourceSpan?] = [:]
        var listedBeforeRecord = Set<String>()
        for spec in specsHere {
            if let within = spec.within {
                guard let span = recordSpans[header.file]?[within] else {
                    guard selected.contains(spec.name) else {
                        regions[spec.name] = .some(nil)
                        continue
                    }
                    throw GeneratorDiagnostic(.error, at: SourcePosition(file: header.file, line: 1),
                        "family '\(spec.name)' expects its ops inside 'struct \(within)', which \(header.file) does not define")
                }
                // Xen 4.0's sysctl.h (and domctl.h before 4.0) list their commands between the records:
                // a record that holds none of the family's numbers does not bound it.
                if Self.holdsNumbers(of: spec, in: header, span: span) {
                    regions[spec.name] = span
                } else {
                    regions[spec.name] = .some(nil)
                    listedBeforeRecord.insert(spec.name)
                }
            } else {
                regions[spec.name] = .some(nil)
            }
        }
        // Longest prefix first (table order among equals), so the first match is the owner and a
        // look-up neither builds a list nor visits every spec.
        let byPrefixLength = specsHere.enumerated().sorted { lhs, rhs in
            lhs.element.prefix.count != rhs.element.prefix.count
                ? lhs.element.prefix.count > rhs.element.prefix.count : lhs.offset < rhs.offset
        }.map { spec in (spec: spec.element, region: regions[spec.element.name] ?? nil) }
        func owner(of name: String, at offset: Int) -> FamilySpec? {
            byPrefixLength.first { candidate in
                guard candidate.spec.matches(name) else { return false }
                guard let region = candidate.region else { return true }
                return region.start.offset <= offset && offset < region.end.offset
            }?.spec
        }
        // In a family that lists its ops between records, a `#define` inside a struct body is a value of
        // one of that struct's fields (`HVMOP_TRAP_nmi` in `struct xen_hvm_inject_trap.type`, Xen 4.2 to
        // 4.8), not an op. Families whose every op sits in a struct body (`XEN_SYSCTL_TBUFOP_*`) keep them.
        let bodies = (recordSpans[header.file] ?? [:]).values.map { $0.start.offset..<$0.end.offset }
        func inBody(_ offset: Int) -> Bool { bodies.contains { $0.contains(offset) } }
        var listedBetweenRecords = Set<String>()
        for define in header.defines where !define.isFunctionLike && Self.literalValue(define.value) != nil {
            if let spec = owner(of: define.name, at: define.location.offset), (regions[spec.name] ?? nil) == nil, !inBody(define.location.offset) {
                listedBetweenRecords.insert(spec.name)
            }
        }
        func defineOwner(of name: String, at offset: Int) -> FamilySpec? {
            guard let spec = owner(of: name, at: offset) else { return nil }
            if listedBetweenRecords.contains(spec.name), inBody(offset) { return nil }
            return spec
        }

        var ops: [String: [Op]] = [:]
        var aliasCandidates: [(FamilySpec, ScannedHeader.Define, String)] = []
        let docs = DocCommentIndex(comments: header.comments)

        for define in header.defines where !define.isFunctionLike {
            guard let spec = defineOwner(of: define.name, at: define.location.offset), selected.contains(spec.name),
                  define.name != spec.interfaceVersion else { continue }
            // Among the constants around such a list (`XEN_DOMCTL_SHADOW_OP_OFF` in Xen 3.4's domctl.h),
            // the ops are the lower-case names (`XEN_DOMCTL_shadow_op`), as everywhere in Xen.
            if listedBeforeRecord.contains(spec.name), !define.name.dropFirst(spec.prefix.count).contains(where: \.isLowercase) { continue }
            if let number = Self.literalValue(define.value) {
                ops[spec.name, default: []].append(liveOp(define, number: number, file: header.file, docs: docs))
            } else if define.value.count == 1, define.value[0].kind == .identifier {
                aliasCandidates.append((spec, define, define.value[0].spelling))
            }
        }
        for comment in header.comments {
            for tombstone in MarkerParser.tombstones(in: comment.token.spelling) {
                guard let spec = owner(of: tombstone.name, at: comment.token.start.offset), selected.contains(spec.name) else { continue }
                var marker = tombstone.marker
                if marker.isEmpty { marker = MarkerParser.prose(of: comment.token.spelling) ?? docs.prose(endingBefore: comment.token.start.line) ?? "" }
                let line = comment.token.start.line + tombstone.lineIndex
                let column = tombstone.lineIndex == 0 ? comment.token.start.column + 2 + tombstone.columnInLine : tombstone.columnInLine + 1
                let position = SourcePosition(file: header.file, line: line, column: column)
                if !MarkerParser.isKnownTombstoneWording(marker) {
                    warnings.append(GeneratorDiagnostic(.warning, at: position,
                        "unknown marker wording \"\(marker)\" on \(tombstone.name); treated as retired"))
                }
                ops[spec.name, default: []].append(Op(
                    name: tombstone.name, number: tombstone.number, status: .retired, marker: marker.isEmpty ? nil : marker,
                    replacement: MarkerParser.replacement(in: marker), condition: comment.condition, isActive: comment.isActive,
                    file: header.file, line: line, column: column
                ))
            }
        }

        return specsHere.filter { selected.contains($0.name) }.map { spec in
            var familyOps = (ops[spec.name] ?? []).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
            let names = Set(familyOps.map(\.name))
            for index in familyOps.indices {
                familyOps[index].replacement = familyOps[index].replacement.map { resolve($0, spec: spec, names: names) }
            }
            let aliases = aliasCandidates.filter { $0.0.name == spec.name && names.contains($0.2) }.map { _, define, target in
                OpAlias(name: define.name, target: target, condition: define.condition, isActive: define.isActive,
                        file: header.file, line: define.location.line)
            }
            return OpFamily(
                name: spec.name, prefix: spec.prefix, swiftName: spec.swiftName, rawType: spec.rawType, file: spec.header,
                within: spec.within, summary: spec.summary, interfaceVersion: interfaceVersion(spec), ops: familyOps, aliases: aliases,
                hypercall: spec.hypercall, hypercallArguments: spec.hypercallArguments, bufferArray: spec.bufferArray,
                hypercallNumbers: spec.hypercallNumbers
            )
        }
    }

    /// Whether `span` holds a numbered `#define` with a name of `spec`'s family.
    static func holdsNumbers(of spec: FamilySpec, in header: ScannedHeader, span: SourceSpan) -> Bool {
        header.defines.contains { define in
            span.start.offset <= define.location.offset && define.location.offset < span.end.offset
                && !define.isFunctionLike && spec.matches(define.name) && literalValue(define.value) != nil
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
        guard let value = Self.literalValue(define.value) else { return nil }
        return InterfaceVersion(
            name: name, value: value, spelling: define.value.map(\.spelling).joined(),
            location: SourcePosition(file: relativePath(define.location.file), line: define.location.line, column: define.location.column)
        )
    }

    /// The value of `5`, `0x15u` or `(5)`; `nil` for anything else.
    static func literalValue(_ tokens: [Token]) -> UInt64? {
        var tokens = tokens[...]
        if tokens.count == 3, tokens.first?.spelling == "(", tokens.last?.spelling == ")" { tokens = tokens.dropFirst().dropLast() }
        guard tokens.count == 1, let token = tokens.first, token.kind == .literal else { return nil }
        return MarkerParser.integer(token.spelling)
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
