import XenIR

/// A number passing to another name between two releases, found while folding a history: a
/// ``NumberFinding`` of the release's claims against the history so far, with the release and how
/// the number passed.
public struct HistoryEvent: Sendable, Equatable {
    /// The release that first shows the new name.
    public var release: String
    /// `renamed` or `reused` (see ``OpChange/Kind``).
    public var kind: OpChange.Kind
    /// What the number-claims model found: the new name's claim, and the history's last name on the number.
    public var finding: NumberFinding

    /// The family.
    public var family: String { finding.family }
    /// The number.
    public var number: UInt64 { finding.number }
    /// The name that held the number.
    public var from: String { finding.earlier?.holder ?? "?" }
    /// The releases where `from` held it.
    public var fromRange: String { finding.earlier?.releases ?? "?" }
    /// The new name.
    public var to: String { finding.claim.holder }
    /// The acknowledgement's reason, or `nil` when none covers the event.
    public var acknowledged: String? {
        if case .acknowledged(let reason) = finding.kind { return reason }
        return nil
    }

    /// The event as the history command reports it (an error when no acknowledgement covers it, else a note).
    public var diagnostic: GeneratorDiagnostic { finding.passing(in: release, as: kind) }
}

/// Builds a history ledger as a fold over an ordered list of header trees (releases, oldest first):
/// for each family and number, every name it had, with first and last release and interface
/// version, status and marker. Each release's claims are read against the ledger so far through
/// ``NumberClaims`` (``NumberClaims/historyFindings``, the same read ``HistoryGuard`` makes), so a
/// number passing to another name is an event exactly when `generate` would report it; ``OpComparison``
/// only says whether it is a rename or a reuse.
public struct HistoryFold: Sendable {
    /// The ledger so far.
    public private(set) var ledger: Ledger
    /// Every rename and reuse found, in release order.
    public private(set) var events: [HistoryEvent] = []

    /// How the fold's findings name the history so far.
    static let source = "the history"

    /// Starts an empty history.
    /// - Parameter acknowledgements: Reviewed renames and reuses (kept in the ledger).
    public init(acknowledgements: [Acknowledgement]) {
        ledger = Ledger(acknowledgements: acknowledgements)
    }

    /// Starts from a ledger (to replay the next release on it).
    /// - Parameter ledger: A history ledger.
    public init(ledger: Ledger) {
        self.ledger = ledger
    }

    /// Events of `release` that no acknowledgement covers.
    public var unacknowledged: [HistoryEvent] { events.filter { $0.acknowledged == nil } }

    /// Folds one release into the ledger.
    /// - Parameters:
    ///   - interface: The release's IR.
    ///   - release: Its name (a tag), recorded as first or last release.
    public mutating func add(_ interface: XenInterface, release: String) {
        let sharedVersion = interface.family(named: Defaults.sharedVersionFamily)?.interfaceVersion
        for family in interface.families {
            let version = (family.interfaceVersion ?? sharedVersion)?.spelling
            var ledgerFamily =
                ledger.family(named: family.name)
                ?? LedgerFamily(name: family.name, prefix: family.prefix, interfaceVersion: nil, numbers: [])
            let now = OpSnapshot(family)
            var claims = NumberClaims(family, acknowledgements: ledger.acknowledgements)
            claims.record(history: ledgerFamily, source: Self.source)
            let changes = OpComparison.compare(OpSnapshot(ledgerFamily), now)
            for finding in claims.historyFindings {
                let change = changes.first { $0.number == finding.number && ($0.kind == .renamed || $0.kind == .reused) }
                events.append(HistoryEvent(release: release, kind: change?.kind ?? .reused, finding: finding))
            }
            var entries = Dictionary(ledgerFamily.numbers.map { ($0.number, $0) }) { first, _ in first }
            for (number, holder) in now.byNumber {
                let sighting = LedgerName(
                    name: holder.name, firstRelease: release, lastRelease: release, firstVersion: version,
                    lastVersion: version, status: holder.status, marker: holder.marker)
                guard var entry = entries[number] else {
                    entries[number] = LedgerEntry(
                        number: number, name: holder.name, status: holder.status, firstSeen: version,
                        lastSeen: version, marker: holder.marker, history: [sighting])
                    continue
                }
                var names = entry.history ?? []
                if let index = names.firstIndex(where: { $0.name == holder.name }) {
                    names[index].lastRelease = release
                    names[index].lastVersion = version
                    names[index].status = holder.status
                    names[index].marker = holder.marker
                } else {
                    names.append(sighting)
                }
                if entry.name != holder.name, holder.status != .retired {
                    if !(entry.formerNames ?? []).contains(entry.name) { entry.formerNames = (entry.formerNames ?? []) + [entry.name] }
                    entry.name = holder.name
                }
                if entry.name == holder.name {
                    entry.status = holder.status
                    entry.marker = holder.marker
                    entry.lastSeen = version
                }
                entry.history = names
                entries[number] = entry
            }
            for (number, var entry) in entries where now.byNumber[number] == nil && entry.status != .retired {
                entry.status = .retired
                entry.marker = Defaults.vanishedMarker
                entries[number] = entry
            }
            ledgerFamily.numbers = entries.values.sorted { $0.number < $1.number }
            ledgerFamily.interfaceVersion = version ?? ledgerFamily.interfaceVersion
            if let index = ledger.families.firstIndex(where: { $0.name == family.name }) {
                ledger.families[index] = ledgerFamily
            } else {
                ledger.families.append(ledgerFamily)
            }
        }
        ledger.canonicalize()
    }
}
