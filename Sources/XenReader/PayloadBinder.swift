import XenIR

/// Binds each live op of a family to the union member that carries its payload.
///
/// Three sources, in this order of authority: explicit `payloadMembers` of the family table; a
/// comment above the payload struct that names the op (`/* XEN_DOMCTL_getdomaininfo */`); a union
/// member named like the op (`u.max_mem` for `XEN_DOMCTL_max_mem`). When the comment and the member
/// name point at different members, the op is left unbound and reported: it is never bound to a
/// payload that only one source suggests against the other.
struct PayloadBinder {
    /// The family's table row.
    var spec: FamilySpec
    /// Every record read, by name.
    var records: [String: Record]

    /// Binds the ops of `family` in its request record.
    ///
    /// An explicit binding for an op these headers do not define is a warning (the built-in table
    /// serves several header versions); one that names a missing member leaves its op unbound.
    /// - Parameters:
    ///   - family: The family read from the headers.
    ///   - warnings: Receives findings about explicit bindings.
    ///   - gaps: Receives the ops `payloadMembers` names that these headers do not define.
    /// - Returns: The bindings, or `nil` when the family has no request record.
    /// - Throws: ``GeneratorDiagnostic`` when the request record or one of its fields does not exist.
    func bind(_ family: OpFamily, warnings: inout [GeneratorDiagnostic], gaps: inout TableGaps) throws -> RequestBinding? {
        guard let request = spec.request else { return nil }
        // A tree without the request record or its payload union (an older Xen, a fixture that only
        // lists ops) gets no typed commands for the family: nothing can be bound, so nothing is.
        guard let requestRecord = records[request.record] else { return nil }
        for field in [request.opField, request.unionField] + (request.versionField.map { [$0] } ?? [])
        where !requestRecord.fields.contains(where: { $0.name == field }) {
            return nil
        }
        guard let unionField = requestRecord.fields.first(where: { $0.name == request.unionField }),
            case .record(let unionName) = unionField.type, let union = records[unionName], union.kind == .union
        else {
            throw GeneratorDiagnostic(
                .error, at: requestRecord.location,
                "family '\(spec.name)': field '\(request.unionField)' of 'struct \(request.record)' is not a union")
        }
        var members: [String: String] = [:]
        for field in union.fields {
            if let name = field.name, case .record(let record) = field.type { members[name] = record }
        }
        let liveOps = family.ops.filter { $0.status == .live && $0.isActive }
        let overrides = spec.payloadMembers ?? [:]
        for op in overrides.keys.sorted() where !family.ops.contains(where: { $0.name == op }) {
            gaps.members.append("\(spec.name): \(op)")
        }
        let commented = opsNamedInComments(members: members)
        var bindings: [RequestBinding.Binding] = []
        var unmapped: [RequestBinding.Unmapped] = []
        for op in liveOps {
            if let member = overrides[op.name] {
                guard member.isEmpty || members[member] != nil else {
                    unmapped.append(
                        .init(
                            op: op.name,
                            reason: "payloadMembers binds it to '\(member)', which is not a record member of '\(request.unionField)'"))
                    warnings.append(
                        GeneratorDiagnostic(
                            .warning, at: op.location,
                            "family '\(spec.name)': payloadMembers binds \(op.name) to '\(member)', which is not a record member of '\(request.unionField)'; left unbound"
                        ))
                    continue
                }
                bindings.append(
                    .init(
                        op: op.name, member: member.isEmpty ? nil : member,
                        record: member.isEmpty ? nil : members[member], source: .override))
                continue
            }
            let stem = String(op.name.dropFirst(family.prefix.count))
            let byName = members[stem] != nil ? stem : nil
            let byComment = commented[op.name] ?? []
            switch (byComment.count, byName) {
            case (0, let name?):
                bindings.append(.init(op: op.name, member: name, record: members[name], source: .memberName))
            case (1, nil):
                bindings.append(.init(op: op.name, member: byComment[0], record: members[byComment[0]], source: .comment))
            case (1, let name?) where byComment[0] == name:
                bindings.append(.init(op: op.name, member: name, record: members[name], source: .commentAndMemberName))
            case (0, nil):
                unmapped.append(
                    .init(
                        op: op.name,
                        reason: "no comment names it above a payload struct and no member of '\(request.unionField)' is named '\(stem)'"))
            case (1, let name?):
                unmapped.append(
                    .init(
                        op: op.name,
                        reason: "the header comment points at member '\(byComment[0])' but the member named '\(name)' is another one"))
            default:
                unmapped.append(
                    .init(op: op.name, reason: "header comments point at several members (\(byComment.joined(separator: ", ")))"))
            }
        }
        return RequestBinding(
            family: spec.name, record: request.record, opField: request.opField, versionField: request.versionField,
            unionField: request.unionField, bindings: bindings, unmapped: unmapped
        )
    }

    /// Op names that the comment above a member's struct names, with the members of that struct.
    ///
    /// Only comment lines made of op names alone count (`XEN_DOMCTL_setvcpucontext`), not prose that
    /// mentions an op in passing.
    private func opsNamedInComments(members: [String: String]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (member, recordName) in members.sorted(by: { $0.key < $1.key }) {
            guard let doc = records[recordName]?.doc else { continue }
            for line in doc.split(separator: "\n") {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "/" || $0 == "\t" })
                guard !words.isEmpty,
                    words.allSatisfy({ spec.matches(String($0)) && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } })
                else { continue }
                for word in words where !(result[String(word)] ?? []).contains(member) {
                    result[String(word), default: []].append(member)
                }
            }
        }
        return result
    }
}
