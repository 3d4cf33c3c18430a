import XenIR

/// One difference between two versions of a family's ops, compared by number and by name.
public struct OpChange: Codable, Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A new name on a number no version used.
        case added
        /// A live or obsolete op became a tombstone.
        case retired
        /// A live or obsolete op was deprecated (still defined, its comment now says obsolete).
        case obsoleted
        /// A number held by a live op passed to another name; the old name is gone.
        case renamed
        /// A name moved to another number.
        case renumbered
        /// A number held by a retired op (or by a name still defined elsewhere) passed to another name.
        case reused
        /// A live or obsolete op vanished without a tombstone: nothing reserves its number any more.
        case removed
        /// A tombstone vanished: nothing reserves its number any more.
        case tombstoneDropped

        /// Whether old callers built against the old version can break: numbers retired, moved, reused or forgotten.
        public var isIncompatible: Bool {
            switch self {
            case .added, .obsoleted: false
            case .retired, .renamed, .renumbered, .reused, .removed, .tombstoneDropped: true
            }
        }

        /// Whether the change asks for an interface version bump: an incompatible change of the binary
        /// interface. A rename keeps the number (and the payload, whose layout is checked on its own), so old
        /// binaries still work: it breaks only source that names the op.
        public var needsBump: Bool { isIncompatible && self != .renamed }
    }

    /// The kind of change.
    public var kind: Kind
    /// The number concerned (for `renumbered`, the new one).
    public var number: UInt64
    /// The old name (or the name, when it did not change).
    public var from: String?
    /// The new name.
    public var to: String?
    /// For `renumbered`: the old number.
    public var oldNumber: UInt64?
    /// The marker of a retirement.
    public var marker: String?
    /// Where the new version shows it (the old one, for `removed` and `tombstoneDropped`), when it comes from headers.
    public var location: SourcePosition?
    /// Whether `location` is in the old version.
    public var inOldVersion: Bool = false

    /// A one-line description, without location.
    public var summary: String {
        let name = to ?? from ?? "?"
        switch kind {
        case .added: return "\(name) (\(number)) added"
        case .retired: return "\(name) (\(number)) retired" + (marker.map { " (\"\($0)\")" } ?? "")
        case .obsoleted: return "\(name) (\(number)) marked obsolete" + (marker.map { " (\"\($0)\")" } ?? "")
        case .renamed: return "\(number) renamed from \(from ?? "?") to \(name)"
        case .renumbered: return "\(name) renumbered from \(oldNumber.map(String.init) ?? "?") to \(number)"
        case .reused: return "\(name) reuses \(number), held by \(from ?? "?") before"
        case .removed: return "\(name) (\(number)) removed without a tombstone; \(number) is no longer reserved"
        case .tombstoneDropped: return "the tombstone of \(name) (\(number)) was dropped; \(number) is no longer reserved"
        }
    }
}

/// Compares two snapshots of one family by number and by name. Used by the interface diff report and
/// by the history fold, so both classify a change the same way.
public enum OpComparison {
    /// The changes from `old` to `new`, by ascending number.
    /// - Parameters:
    ///   - old: The earlier version.
    ///   - new: The later version.
    /// - Returns: The changes.
    public static func compare(_ old: OpSnapshot, _ new: OpSnapshot) -> [OpChange] {
        var changes: [OpChange] = []
        for number in Set(old.byNumber.keys).union(new.byNumber.keys).sorted() {
            let before = old.byNumber[number]
            let after = new.byNumber[number]
            switch (before, after) {
            case (nil, let after?):
                if after.status != .retired, let previous = old.byName[after.name], previous != number {
                    changes.append(
                        OpChange(
                            kind: .renumbered, number: number, from: after.name, to: after.name,
                            oldNumber: previous, location: after.location))
                } else if after.status != .retired {
                    changes.append(OpChange(kind: .added, number: number, to: after.name, location: after.location))
                }
            case (let before?, nil):
                // A name that moved is reported once, as renumbered, on its new number.
                if let moved = new.byName[before.name], moved != number, new.byNumber[moved]?.status != .retired { continue }
                changes.append(
                    OpChange(
                        kind: before.status == .retired ? .tombstoneDropped : .removed, number: number,
                        from: before.name, marker: before.marker, location: before.location, inOldVersion: true))
            case (let before?, let after?) where before.name == after.name:
                if before.status != .retired, after.status == .retired {
                    changes.append(
                        OpChange(
                            kind: .retired, number: number, from: before.name, to: after.name,
                            marker: after.marker, location: after.location))
                } else if before.status == .live, after.status == .obsolete {
                    changes.append(
                        OpChange(
                            kind: .obsoleted, number: number, from: before.name, to: after.name,
                            marker: after.marker, location: after.location))
                }
            case (let before?, let after?):
                // A tombstone under another name keeps the number reserved: nothing is reused.
                guard after.status != .retired else { continue }
                let oldNameStays = new.byName[before.name] != nil
                let kind: OpChange.Kind = before.status == .retired || oldNameStays ? .reused : .renamed
                changes.append(
                    OpChange(
                        kind: kind, number: number, from: before.name, to: after.name,
                        marker: before.marker, location: after.location))
                if let previous = old.byName[after.name], previous != number, old.byNumber[previous]?.name == after.name {
                    changes.append(
                        OpChange(
                            kind: .renumbered, number: number, from: after.name, to: after.name,
                            oldNumber: previous, location: after.location))
                }
            case (nil, nil):
                continue
            }
        }
        return changes
    }
}
