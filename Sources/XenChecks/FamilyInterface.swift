import XenIR

extension InterfaceDiff {
    /// An IR reduced to one family: its ops, its request binding and the records its ops carry or reach,
    /// which is what an interface version stands for (for the version audit, which keeps hundreds of trees).
    /// - Parameters:
    ///   - interface: A whole IR.
    ///   - family: The family's name.
    /// - Returns: The reduced IR.
    public static func restrict(_ interface: XenInterface, to family: String) -> XenInterface {
        let records = Dictionary(interface.records.map { ($0.name, $0) }) { first, _ in first }
        let kept = payloadRecords(of: family, in: interface, records: records)
        var reduced = interface
        reduced.families = interface.families.filter { $0.name == family }
        reduced.requests = interface.requests.filter { $0.family == family }
        reduced.records = interface.records.filter { kept.contains($0.name) }
        reduced.enums = []
        return reduced
    }

    /// Whether two versions of a family name the same interface: one is the other plus compatible
    /// changes (additions), in either direction, so two branches that each added ops still agree.
    /// - Parameters:
    ///   - a: One version (reduced or whole).
    ///   - b: The other.
    ///   - family: The family.
    /// - Returns: `nil` when they agree, else the changes from `a` to `b` that break a caller.
    public static func incompatibility(_ a: XenInterface, _ b: XenInterface, family: String) -> [String]? {
        func breaking(_ from: XenInterface, _ to: XenInterface) -> [String] {
            guard let diff = compare(from, to, oldLabel: "a", newLabel: "b").families.first(where: { $0.family == family }) else { return [] }
            let stable = Set(diff.stableOps ?? [])
            return diff.changes.filter { $0.kind.needsBump && !stable.contains($0.from ?? $0.to ?? "") }.map(\.summary)
                + diff.payloadChanges.filter(RecordComparison.isIncompatible).map(\.summary)
        }
        let forward = breaking(a, b)
        if forward.isEmpty || breaking(b, a).isEmpty { return nil }
        return forward
    }
}
