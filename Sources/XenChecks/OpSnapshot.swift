import XenIR

/// One family's ops reduced to what comparisons look at: which name holds each number, with its
/// status and marker. Built from a header tree's family or from a ledger's family, so that the diff
/// report and the ledger fold compare the same way.
public struct OpSnapshot: Sendable, Equatable {
    /// What one number holds.
    public struct Holder: Sendable, Equatable {
        /// The C name.
        public var name: String
        /// Live, obsolete or retired.
        public var status: OpStatus
        /// The header's marker (or `vanished`).
        public var marker: String?
        /// Where the header defines it, when the snapshot comes from headers.
        public var location: SourcePosition?
    }

    /// The holder of each number: a defined op wins over a tombstone, the first in source order over later ones.
    public var byNumber: [UInt64: Holder]
    /// The number of each name (its first definition).
    public var byName: [String: UInt64]

    /// A snapshot of a family as the headers show it: active defines and tombstones.
    /// - Parameter family: The family from the IR.
    public init(_ family: OpFamily) {
        var byNumber: [UInt64: Holder] = [:]
        var byName: [String: UInt64] = [:]
        for op in family.definedOps + family.retiredOps {
            if byNumber[op.number] == nil {
                byNumber[op.number] = Holder(name: op.name, status: op.status, marker: op.marker, location: op.location)
            }
            if byName[op.name] == nil { byName[op.name] = op.number }
        }
        self.byNumber = byNumber
        self.byName = byName
    }

    /// A snapshot of a ledger family: each number's current name.
    /// - Parameter family: The ledger's family.
    public init(_ family: LedgerFamily) {
        var byNumber: [UInt64: Holder] = [:]
        var byName: [String: UInt64] = [:]
        for entry in family.numbers {
            byNumber[entry.number] = Holder(name: entry.name, status: entry.status, marker: entry.marker, location: nil)
            if byName[entry.name] == nil { byName[entry.name] = entry.number }
        }
        self.byNumber = byNumber
        self.byName = byName
    }

    /// An empty snapshot (a family the other side does not have).
    public init() {
        byNumber = [:]
        byName = [:]
    }
}
