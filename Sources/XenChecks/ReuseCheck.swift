import XenIR

/// Finds op numbers given to more than one name within a family of one header version:
/// a live op on a retired number, and two live ops on one number.
public enum ReuseCheck {
    /// Checks every family.
    /// - Parameter interface: The IR.
    /// - Returns: Errors with notes pointing at the earlier user of the number.
    public static func check(_ interface: XenInterface) -> [GeneratorDiagnostic] {
        interface.families.flatMap(check)
    }

    /// Checks one family.
    /// - Parameter family: The family.
    /// - Returns: The errors, in source order.
    public static func check(_ family: OpFamily) -> [GeneratorDiagnostic] {
        var diagnostics: [GeneratorDiagnostic] = []
        var firstDefined: [UInt64: Op] = [:]
        let tombstones = Dictionary(grouping: family.retiredOps, by: \.number)
        for op in family.definedOps {
            if let retired = tombstones[op.number]?.first(where: { $0.name != op.name }) {
                diagnostics.append(reuse(op, of: retired))
            }
            if let earlier = firstDefined[op.number], earlier.name != op.name {
                diagnostics.append(GeneratorDiagnostic(
                    .error, at: op.location, "\(op.name) reuses \(op.number), already used by \(earlier.name)",
                    notes: [GeneratorDiagnostic(.note, at: earlier.location, "\(earlier.name) is defined here")]
                ))
            } else if firstDefined[op.number] == nil {
                firstDefined[op.number] = op
            }
        }
        return diagnostics
    }

    /// The error for `op` taking the number of the retired `tombstone`.
    static func reuse(_ op: Op, of tombstone: Op) -> GeneratorDiagnostic {
        let marker = tombstone.marker.map { " (\"\($0)\")" } ?? ""
        return GeneratorDiagnostic(
            .error, at: op.location, "\(op.name) reuses \(op.number), retired from \(tombstone.name)\(marker)",
            notes: [GeneratorDiagnostic(.note, at: tombstone.location, "\(tombstone.name) was retired here")]
        )
    }
}
