import XenIR

/// A number passing to another name between two releases, found while folding a history.
public struct HistoryEvent: Codable, Sendable, Equatable {
    /// The release that first shows the new name.
    public var release: String
    /// The family.
    public var family: String
    /// The number.
    public var number: UInt64
    /// `renamed` or `reused` (see ``OpChange/Kind``).
    public var kind: OpChange.Kind
    /// The name that held the number.
    public var from: String
    /// The releases where `from` held it.
    public var fromRange: String
    /// The new name.
    public var to: String
    /// The acknowledgement's reason, or `nil` when none covers the event.
    public var acknowledged: String?
}

/// Builds a history ledger as a fold over an ordered list of header trees (releases, oldest first):
/// for each family and number, every name it had, with first and last release and interface
/// version, status and marker. Each release is compared with the ledger so far by ``OpComparison``;
/// a number passing to another name is an event, acknowledged or not.
public struct HistoryFold: Sendable {
    /// The ledger so far.
    public private(set) var ledger: Ledger
    /// Every rename and reuse found, in release order.
    public private(set) var events: [HistoryEvent] = []

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
            var ledgerFamily = ledger.family(named: family.name)
                ?? LedgerFamily(name: family.name, prefix: family.prefix, interfaceVersion: nil, numbers: [])
            let now = OpSnapshot(family)
            let changes = OpComparison.compare(OpSnapshot(ledgerFamily), now)
            var entries = Dictionary(ledgerFamily.numbers.map { ($0.number, $0) }) { first, _ in first }
            for (number, holder) in now.byNumber {
                let sighting = LedgerName(name: holder.name, firstRelease: release, lastRelease: release, firstVersion: version,
                                          lastVersion: version, status: holder.status, marker: holder.marker)
                guard var entry = entries[number] else {
                    entries[number] = LedgerEntry(number: number, name: holder.name, status: holder.status, firstSeen: version,
                                                  lastSeen: version, marker: holder.marker, history: [sighting])
                    continue
                }
                var names = entry.history ?? []
                if entry.name != holder.name, holder.status != .retired,
                   let change = changes.first(where: { $0.number == number && ($0.kind == .renamed || $0.kind == .reused) }),
                   !names.contains(where: { $0.name == holder.name }) {
                    let acknowledgement = ledger.acknowledgements.covering(family: family.name, number: number, from: entry.name, to: holder.name)
                    events.append(HistoryEvent(
                        release: release, family: family.name, number: number, kind: change.kind, from: entry.name,
                        fromRange: names.last(where: { $0.name == entry.name })?.range ?? "?", to: holder.name,
                        acknowledged: acknowledgement?.reason
                    ))
                }
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
