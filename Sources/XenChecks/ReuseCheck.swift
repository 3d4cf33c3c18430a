import XenIR

/// Finds op numbers given to more than one name within a family of one header version:
/// a live op on a retired number, and two live ops on one number.
public enum ReuseCheck {
    /// Checks every family.
    /// - Parameters:
    ///   - interface: The IR.
    ///   - acknowledgements: Reviewed reuses, reported as notes instead of errors.
    /// - Returns: Errors with notes pointing at the earlier user of the number.
    public static func check(_ interface: XenInterface, acknowledgements: [Acknowledgement] = []) -> [GeneratorDiagnostic] {
        interface.families.flatMap { check($0, acknowledgements: acknowledgements) }
    }

    /// Checks one family.
    /// - Parameters:
    ///   - family: The family.
    ///   - acknowledgements: Reviewed reuses.
    /// - Returns: The findings, in source order.
    public static func check(_ family: OpFamily, acknowledgements: [Acknowledgement] = []) -> [GeneratorDiagnostic] {
        var diagnostics: [GeneratorDiagnostic] = []
        var firstDefined: [UInt64: Op] = [:]
        let tombstones = Dictionary(grouping: family.retiredOps, by: \.number)
        for op in family.definedOps {
            for retired in tombstones[op.number] ?? [] where retired.name != op.name {
                if let acknowledgement = acknowledgements.covering(family: family.name, number: op.number, from: retired.name, to: op.name) {
                    diagnostics.append(GeneratorDiagnostic(.note, at: op.location,
                        "\(op.name) takes \(op.number) from retired \(retired.name), as acknowledged: \(acknowledgement.reason)"))
                } else {
                    diagnostics.append(reuse(op, of: retired))
                }
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
