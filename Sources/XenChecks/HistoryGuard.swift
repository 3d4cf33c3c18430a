import XenIR

/// Applies a history ledger (every number each Xen release ever used) to one header tree: a number
/// that any release gave to another name may not be taken, and numbers the tree no longer shows stay
/// reserved in the number guard.
public struct HistoryGuard: Sendable {
    /// The history.
    public var history: Ledger
    /// Reviewed renames and reuses beyond the history's own.
    public var acknowledgements: [Acknowledgement]
    /// How messages name the history (`the shipped Xen history`).
    public var source: String

    /// Creates a guard.
    public init(history: Ledger, acknowledgements: [Acknowledgement] = [], source: String) {
        self.history = history
        self.acknowledgements = acknowledgements
        self.source = source
    }

    /// The outcome for one tree.
    public struct Result: Sendable {
        /// Errors for numbers taken from another name, notes for acknowledged ones.
        public var diagnostics: [GeneratorDiagnostic]
        /// Numbers to keep in each family's number guard, with the names that held them.
        public var reserved: [String: [ReservedNumber]]
    }

    /// Checks `interface` against the history.
    /// - Parameter interface: The tree's IR.
    /// - Returns: Findings and reservations.
    public func check(_ interface: XenInterface) -> Result {
        let allAcknowledgements = history.acknowledgements + acknowledgements
        var diagnostics: [GeneratorDiagnostic] = []
        var reserved: [String: [ReservedNumber]] = [:]
        for family in interface.families {
            guard let past = history.family(named: family.name) else { continue }
            let now = OpSnapshot(family)
            for op in family.definedOps {
                guard let entry = past.numbers.first(where: { $0.number == op.number }) else { continue }
                let names = entry.history ?? [LedgerName(name: entry.name, firstRelease: "?", lastRelease: "?", firstVersion: entry.firstSeen,
                                                         lastVersion: entry.lastSeen, status: entry.status, marker: entry.marker)]
                guard !names.contains(where: { $0.name == op.name }), !(entry.formerNames ?? []).contains(op.name) else { continue }
                let holder = names.last ?? names[0]
                if let acknowledgement = names.lazy.compactMap({
                    allAcknowledgements.covering(family: family.name, number: op.number, from: $0.name, to: op.name)
                }).first {
                    diagnostics.append(GeneratorDiagnostic(.note, at: op.location,
                        "\(op.name) takes \(op.number) from \(acknowledgement.from), as acknowledged: \(acknowledgement.reason)"))
                    continue
                }
                let marker = holder.marker.map { " (\"\($0)\")" } ?? ""
                diagnostics.append(GeneratorDiagnostic(
                    .error, at: op.location,
                    "\(op.name) reuses \(op.number), which Xen gave to \(holder.name) in \(holder.range)\(marker)",
                    notes: [GeneratorDiagnostic(.note, at: nil,
                        "\(source) records \(names.map { "\($0.name) (\($0.range))" }.joined(separator: ", ")) on \(family.name) \(op.number); "
                            + "a number once used is never given to another op (add an acknowledgement if this is a reviewed rename, "
                            + "or pass --no-history)")]
                ))
            }
            let taken = Set(family.ops.map(\.name))
            var numbers: [ReservedNumber] = []
            for entry in past.numbers where now.byNumber[entry.number] == nil {
                let last = entry.history?.last(where: { $0.name == entry.name })
                // The guard's case is named after the op; a name the tree uses on another number gets the number appended.
                let name = taken.contains(entry.name) ? "\(entry.name)_\(entry.number)" : entry.name
                let range = last.map { " in \($0.range)" } ?? ""
                numbers.append(ReservedNumber(name: name, number: entry.number,
                                              marker: "\(entry.name)\(range)" + (entry.marker.map { " (\($0))" } ?? "")))
            }
            if !numbers.isEmpty { reserved[family.name] = numbers }
        }
        return Result(diagnostics: diagnostics, reserved: reserved)
    }
}
