import XenIR

/// Applies a history ledger (every number each Xen release ever used) to one header tree: a number
/// that any release gave to another name may not be taken, and numbers the tree no longer shows stay
/// reserved in the number guard. A read of ``NumberClaims``.
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
            var claims = NumberClaims(family, acknowledgements: allAcknowledgements)
            claims.record(history: past, source: source)
            diagnostics += claims.historyFindings.map(\.diagnostic)
            let taken = Set(family.ops.map(\.name))
            var numbers: [ReservedNumber] = []
            for entry in past.numbers where !claims.headersClaim(entry.number) {
                let last = entry.history?.last(where: { $0.name == entry.name })
                // The guard's case is named after the op; a name the tree uses on another number gets the number appended.
                let name = taken.contains(entry.name) ? "\(entry.name)_\(entry.number)" : entry.name
                let range = last.map { " in \($0.range)" } ?? ""
                numbers.append(
                    ReservedNumber(
                        name: name, number: entry.number,
                        marker: "\(entry.name)\(range)" + (entry.marker.map { " (\($0))" } ?? "")))
            }
            if !numbers.isEmpty { reserved[family.name] = numbers }
        }
        return Result(diagnostics: diagnostics, reserved: reserved)
    }
}
