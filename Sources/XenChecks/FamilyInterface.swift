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

    /// Whether two versions of a family name the same interface, in either order (two branches of one
    /// value): a number both have under different names or statuses (one side retired it), or a record
    /// an op carries or reaches laid out differently. Numbers only one side has are additions of that side.
    /// - Parameters:
    ///   - a: One version (reduced or whole).
    ///   - b: The other.
    ///   - family: The family.
    /// - Returns: `nil` when they agree, else the differences, as changes from `a` to `b`.
    public static func incompatibility(_ a: XenInterface, _ b: XenInterface, family: String) -> [String]? {
        func breaking(_ from: XenInterface, _ to: XenInterface, reverse: Bool) -> [String] {
            guard let diff = compare(from, to, oldLabel: "a", newLabel: "b").families.first(where: { $0.family == family }) else {
                return []
            }
            let stable = Set(diff.stableOps ?? [])
            let ops = diff.changes.filter {
                $0.kind.needsBump && ![.removed, .tombstoneDropped].contains($0.kind) && !stable.contains($0.from ?? $0.to ?? "")
            }
            return ops.map { reverse ? "reverted: " + $0.summary : $0.summary }
                + diff.payloadChanges.filter(RecordComparison.isIncompatible).map(\.summary).filter { _ in !reverse }
        }
        let differences = breaking(a, b, reverse: false) + breaking(b, a, reverse: true)
        return differences.isEmpty ? nil : differences
    }
}
