import XenIR

/// One name's claim on one number of one family, with where the claim comes from.
///
/// Every rule about number ownership ("a number once used never passes to another name") reads
/// claims: ``NumberClaims`` holds them per number, oldest first, and ``NumberFinding`` is what a
/// rule finds in them.
public struct NumberClaim: Sendable, Equatable {
    /// What kind of claim it is.
    public enum Kind: String, Sendable, Equatable {
        /// A header defines the name on the number, live.
        case live
        /// A header defines it, marked obsolete.
        case obsolete
        /// A header keeps its tombstone (a comment such as `/* #define XEN_DOMCTL_x 12 */`).
        case retired
        /// A ledger records the name on a number the headers no longer show, with no tombstone.
        case vanished
        /// A ledger (the consumer's op ledger) records the name on the number.
        case ledger
        /// A history release range records the name on the number.
        case history
        /// A reviewed acknowledgement lets the name take the number from another.
        case acknowledged
    }

    /// Where a claim comes from.
    public enum Provenance: Sendable, Equatable {
        /// A `#define` or tombstone in a header, at this place.
        case header(SourcePosition)
        /// A ledger file (as the user named it), with the interface version the entry was last seen under.
        case ledger(path: String, lastSeen: String?)
        /// A release history (how messages name it), from its first to its last release that shows the claim.
        case release(source: String, first: String, last: String)
        /// An acknowledgement, with its reason.
        case acknowledgement(reason: String)
    }

    /// The C name that claims the number.
    public var holder: String
    /// What kind of claim it is.
    public var kind: Kind
    /// The holder's status where it claims the number (a ledger's or a release's last status).
    public var status: OpStatus
    /// The header's marker (`"obsolete"`, a tombstone's comment) or `vanished`.
    public var marker: String?
    /// Where the claim comes from.
    public var provenance: Provenance

    /// Creates a claim.
    public init(holder: String, kind: Kind, status: OpStatus, marker: String?, provenance: Provenance) {
        self.holder = holder
        self.kind = kind
        self.status = status
        self.marker = marker
        self.provenance = provenance
    }

    /// The claim a header op makes: live or obsolete for a define, retired for a tombstone.
    /// - Parameter op: An op of the IR.
    public init(_ op: Op) {
        let kind: Kind =
            switch op.status {
            case .live: .live
            case .obsolete: .obsolete
            case .retired: .retired
            }
        self.init(holder: op.name, kind: kind, status: op.status, marker: op.marker, provenance: .header(op.location))
    }

    /// Whether a header claims the number (a define or a tombstone), rather than a record of the past.
    public var isHeader: Bool {
        if case .header = provenance { return true }
        return false
    }

    /// Whether the claim takes the number now: a header's active define (live or obsolete).
    public var takes: Bool { kind == .live || kind == .obsolete }

    /// The releases of a history claim, `RELEASE-4.0.0 … RELEASE-4.10.4` or the one release (as ``LedgerName/range``).
    public var releases: String? {
        guard case .release(_, let first, let last) = provenance else { return nil }
        return first == last ? first : "\(first) … \(last)"
    }

    /// The header place of the claim, if it comes from a header.
    public var location: SourcePosition? {
        if case .header(let location) = provenance { return location }
        return nil
    }
}
