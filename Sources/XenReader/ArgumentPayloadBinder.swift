import XenIR

/// Binds the ops of a family whose hypercall takes the payload as a separate argument
/// (`HYPERVISOR_physdev_op(cmd, arg)`) to the struct `arg` points to.
///
/// The binding comes from the op's own comment (the block right above its `#define`, or the comment
/// after it): `@arg == pointer to physdev_eoi structure`, `arg == addr of struct xen_memory_domain`,
/// `arg == vcpu_get_physid_t`, or `arg == NULL` for no payload. A comment that covers several ops
/// binds only the one right below it; the others stay unbound unless `payloadMembers` names them.
struct ArgumentPayloadBinder {
    /// The family's table row.
    var spec: FamilySpec

    /// The struct tags that the ops' comments name, so that the reader can mirror them.
    /// - Parameters:
    ///   - family: The family read from the headers.
    ///   - isRecord: Whether a tag names a struct or union the headers define.
    /// - Returns: Tags, in op order, without duplicates.
    func namedRecords(_ family: OpFamily, isRecord: (String) -> Bool) -> [String] {
        var result: [String] = []
        for op in family.ops where op.status == .live && op.isActive {
            if case .record(let name)? = named(op, isRecord: isRecord), !result.contains(name) { result.append(name) }
        }
        for name in (spec.payloadMembers ?? [:]).values.sorted() where !name.isEmpty && isRecord(name) && !result.contains(name) {
            result.append(name)
        }
        return result
    }

    /// Binds every live op.
    /// - Parameters:
    ///   - family: The family read from the headers.
    ///   - records: The records read.
    ///   - warnings: Receives findings about explicit bindings.
    ///   - gaps: Receives the ops `payloadMembers` names that these headers do not define.
    /// - Returns: The bindings.
    func bind(_ family: OpFamily, records: [String: Record], warnings: inout [GeneratorDiagnostic], gaps: inout TableGaps) -> RequestBinding
    {
        let overrides = spec.payloadMembers ?? [:]
        let scalars = spec.scalarArguments ?? [:]
        for op in (overrides.keys.sorted() + scalars.keys.sorted()) where !family.ops.contains(where: { $0.name == op }) {
            gaps.members.append("\(spec.name): \(op)")
        }
        var bindings: [RequestBinding.Binding] = []
        var unmapped: [RequestBinding.Unmapped] = []
        // Every op travels inside the one payload record (`struct mmuext_op.cmd`), so every op takes it.
        if spec.opInPayload != nil, let record = spec.payloads?.first {
            for op in family.ops where op.status == .live && op.isActive {
                if records[record] != nil {
                    bindings.append(.init(op: op.name, member: nil, record: record, source: .opInPayload))
                } else {
                    unmapped.append(
                        .init(op: op.name, reason: "the family's payload 'struct \(record)', which carries the op, was not read"))
                }
            }
            return RequestBinding(
                family: spec.name, record: nil, opField: nil, versionField: nil, unionField: nil, bindings: bindings, unmapped: unmapped)
        }
        for op in family.ops where op.status == .live && op.isActive {
            if let scalar = scalars[op.name] {
                unmapped.append(
                    .init(
                        op: op.name,
                        reason: "its argument points to the scalar '\(scalar)', and a typed command takes a struct payload",
                        remedy: "issue it with `hypercall(_:_:)` and the scalar's address in hypercall-safe memory"))
                continue
            }
            if let record = overrides[op.name] {
                if record.isEmpty || records[record] != nil {
                    bindings.append(.init(op: op.name, member: nil, record: record.isEmpty ? nil : record, source: .override))
                } else {
                    unmapped.append(.init(op: op.name, reason: "payloadMembers names 'struct \(record)', which was not read"))
                }
                continue
            }
            switch named(op, isRecord: { records[$0] != nil }) {
            case .record(let name)?:
                bindings.append(.init(op: op.name, member: nil, record: name, source: .argumentComment))
            case .none?:
                bindings.append(.init(op: op.name, member: nil, record: nil, source: .argumentComment))
            case .unknown(let word)?:
                unmapped.append(
                    .init(op: op.name, reason: "its comment names '\(word)' as the argument, which is no struct the headers define"))
            case .several(let words)?:
                unmapped.append(
                    .init(
                        op: op.name,
                        reason: "its comment names more than one argument struct ("
                            + words.joined(separator: ", ") + ")"))
            case nil:
                unmapped.append(.init(op: op.name, reason: "its comment does not say what the argument points to"))
            }
        }
        return RequestBinding(
            family: spec.name, record: nil, opField: nil, versionField: nil, unionField: nil,
            bindings: bindings, unmapped: unmapped)
    }

    /// What an op's comment says its argument is.
    private enum Named: Equatable {
        case record(String)
        case none
        case unknown(String)
        case several([String])
    }

    /// Reads `arg == …` from the op's comment above, then from its trailing comment.
    private func named(_ op: Op, isRecord: (String) -> Bool) -> Named? {
        for text in [op.doc, op.marker].compactMap({ $0 }) {
            guard let word = Self.argumentWord(in: text) else { continue }
            if word == "NULL" { return Named.none }
            if let record = Self.record(named: word, isRecord: isRecord) { return .record(record) }
            // Prose such as "For PV guests this is a pointer to a vcpu_guest_context structure …":
            // the structs are the words after each "pointer to".
            var pointees: [String] = []
            for pointee in Self.pointees(in: text) where !pointees.contains(pointee) { pointees.append(pointee) }
            if pointees.count > 1 { return .several(pointees) }
            if let only = pointees.first { return Self.record(named: only, isRecord: isRecord).map(Named.record) ?? .unknown(only) }
            return .unknown(word)
        }
        return nil
    }

    /// The record `word` names, with or without its `_t` suffix.
    private static func record(named word: String, isRecord: (String) -> Bool) -> String? {
        [word, word.hasSuffix("_t") ? String(word.dropLast(2)) : nil].compactMap { $0 }.first(where: isRecord)
    }

    /// The identifiers that follow "pointer to" (skipping `a`, `an`, `struct`) anywhere in `text`.
    static func pointees(in text: String) -> [String] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "*" }).map(String.init)
        var result: [String] = []
        for index in words.indices.dropLast() where words[index] == "pointer" && words[index + 1] == "to" {
            let rest = words[(index + 2)...].map { $0.trimmingCharacters(in: ".,;") }.drop { ["a", "an", "struct"].contains($0) }
            if let word = rest.first, let head = word.first, head.isLetter || head == "_",
                word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            {
                result.append(word)
            }
        }
        return result
    }

    /// The identifier after `arg ==` (also `@arg`, `@extra_arg`), skipping `pointer to`, `addr of` and `struct`.
    static func argumentWord(in text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        guard let index = words.firstIndex(where: { ["arg", "@arg", "@extra_arg", "extra_arg"].contains($0) }),
            index + 1 < words.count, words[index + 1] == "=="
        else { return nil }
        var rest = words[(index + 2)...].map { $0.trimmingCharacters(in: ".,;") }
        while let first = rest.first, ["pointer", "to", "addr", "of", "struct", "a", "an"].contains(first) { rest.removeFirst() }
        guard let word = rest.first, let head = word.first, head.isLetter || head == "_",
            word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        else { return nil }
        return word
    }
}

extension String {
    /// Drops leading and trailing characters from `set`.
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(Substring(self).trimmingCharacters(in: set))
    }
}
