import XenIR

/// Merges one family's ops into its ledger entries (see ``LedgerMerge``).
struct FamilyMerge {
    /// What merging one family produced.
    struct Result {
        var family: LedgerFamily
        var diagnostics: [GeneratorDiagnostic]
        var reserved: [ReservedNumber]
        /// C names retired (by tombstone or by vanishing) since the previous run.
        var newlyRetired: [String]
    }

    let family: OpFamily
    let previous: LedgerFamily?
    let version: String?
    let acknowledgements: [Acknowledgement]
    let ledgerPath: String

    func run() -> Result {
        var entries = Dictionary((previous?.numbers ?? []).map { ($0.number, $0) }) { first, _ in first }
        var diagnostics: [GeneratorDiagnostic] = []
        var newlyRetired: [String] = []
        var defined: [UInt64: Op] = [:]
        for op in family.definedOps where defined[op.number] == nil { defined[op.number] = op }
        var tombstones: [UInt64: [Op]] = [:]
        for op in family.retiredOps { tombstones[op.number, default: []].append(op) }
        let numbers = Set(entries.keys).union(defined.keys).union(tombstones.keys).sorted()

        for number in numbers {
            let old = entries[number]
            if let op = defined[number] {
                guard let old else {
                    entries[number] = newEntry(op)
                    continue
                }
                if old.name == op.name {
                    entries[number] = updated(old, with: op)
                } else if let acknowledgement = acknowledgements.covering(family: family.name, number: number, from: old.name, to: op.name) {
                    diagnostics.append(GeneratorDiagnostic(.note, at: op.location,
                        "\(op.name) takes \(number) from \(old.name), as acknowledged: \(acknowledgement.reason)"))
                    var entry = newEntry(op)
                    entry.firstSeen = old.firstSeen
                    entry.formerNames = (old.formerNames ?? []) + [old.name]
                    entries[number] = entry
                } else if tombstones[number]?.contains(where: { $0.name == old.name }) == true {
                    // The header still shows the tombstone: ReuseCheck reports this with both places.
                    continue
                } else {
                    diagnostics.append(conflict(op, old: old))
                }
            } else if let tombstone = tombstones[number]?.first(where: { $0.name == old?.name }) ?? tombstones[number]?.first {
                guard let old else {
                    entries[number] = newEntry(tombstone)
                    continue
                }
                if old.status != .retired { newlyRetired.append(old.name) }
                if old.name == tombstone.name {
                    entries[number] = updated(old, with: tombstone)
                } else {
                    // The header's history names another op than the ledger's: say so, keep the ledger's name.
                    diagnostics.append(GeneratorDiagnostic(.warning, at: tombstone.location,
                        "the tombstone retires \(tombstone.name) on \(number), but \(ledgerPath) records \(old.name) there; "
                            + "\(number) stays reserved under \(old.name)"))
                    var entry = old
                    entry.status = .retired
                    entry.marker = tombstone.marker
                    entry.lastSeen = version
                    entries[number] = entry
                }
            } else if let old {
                if old.status != .retired {
                    newlyRetired.append(old.name)
                    diagnostics.append(GeneratorDiagnostic(.warning, at: SourcePosition(file: family.file, line: 1),
                        "\(old.name) (\(number)) vanished from \(family.file) without a tombstone; the ledger keeps \(number) reserved"))
                    var entry = old
                    entry.status = .retired
                    entry.marker = "vanished"
                    entries[number] = entry
                }
            }
        }

        let heldByHeaders = Set(defined.keys).union(tombstones.keys)
        let reserved = entries.values.filter { !heldByHeaders.contains($0.number) }.sorted { $0.number < $1.number }
            .map { ReservedNumber(name: $0.name, number: $0.number, marker: $0.marker) }
        let ledgerFamily = LedgerFamily(
            name: family.name, prefix: family.prefix, interfaceVersion: version ?? previous?.interfaceVersion,
            numbers: entries.values.sorted { $0.number < $1.number }
        )
        return Result(family: ledgerFamily, diagnostics: diagnostics, reserved: reserved, newlyRetired: newlyRetired)
    }

    /// A first sighting.
    private func newEntry(_ op: Op) -> LedgerEntry {
        LedgerEntry(number: op.number, name: op.name, status: op.status, firstSeen: version, lastSeen: version, marker: op.marker)
    }

    /// A later sighting of the same name.
    private func updated(_ entry: LedgerEntry, with op: Op) -> LedgerEntry {
        var result = entry
        result.status = op.status
        result.marker = op.marker
        result.lastSeen = version
        return result
    }

    /// The error for `op` taking a number the ledger gives to another name.
    private func conflict(_ op: Op, old: LedgerEntry) -> GeneratorDiagnostic {
        let marker = old.marker.map { " (\"\($0)\")" } ?? ""
        let message = old.status == .retired
            ? "\(op.name) reuses \(op.number), retired from \(old.name)\(marker)"
            : "\(op.name) takes \(op.number), which the ledger records for \(old.name) (\(old.status.rawValue))"
        let seen = old.lastSeen.map { ", last seen in interface version \($0)" } ?? ""
        return GeneratorDiagnostic(.error, at: op.location, message, notes: [
            GeneratorDiagnostic(.note, at: nil, "\(ledgerPath) records \(old.name) on \(op.number)\(seen); "
                + "if this is an intended rename, add an acknowledgement (family \(family.name), number \(op.number), "
                + "from \(old.name), to \(op.name), reason)"),
        ])
    }
}
