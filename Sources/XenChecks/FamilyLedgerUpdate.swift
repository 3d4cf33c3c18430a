import XenIR

/// Updates one family's ledger entries with its ops (see ``LedgerUpdate``).
struct FamilyLedgerUpdate {
    /// What updating one family produced.
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
        var claims = NumberClaims(family, acknowledgements: acknowledgements)
        if let previous { claims.record(ledger: previous, path: ledgerPath) }
        var entries = Dictionary((previous?.numbers ?? []).map { ($0.number, $0) }) { first, _ in first }
        var findings: [NumberFinding] = []
        var newlyRetired: [String] = []
        var defined: [UInt64: Op] = [:]
        for op in family.definedOps where defined[op.number] == nil { defined[op.number] = op }
        var tombstones: [UInt64: [Op]] = [:]
        for op in family.retiredOps { tombstones[op.number, default: []].append(op) }

        for number in claims.numbers {
            let old = entries[number]
            let recorded = claims.on(number).first { if case .ledger = $0.provenance { true } else { false } }
            func finding(_ kind: NumberFinding.Kind, _ claim: NumberClaim) -> NumberFinding {
                NumberFinding(kind, family: family.name, file: family.file, number: number, claim: claim, earlier: recorded)
            }
            if let op = defined[number] {
                guard let old else {
                    entries[number] = newEntry(op)
                    continue
                }
                if old.name == op.name {
                    entries[number] = updated(old, with: op)
                } else if let acknowledgement = claims.acknowledgement(number: number, from: old.name, to: op.name) {
                    findings.append(finding(.acknowledged(reason: acknowledgement.reason), NumberClaim(op)))
                    var entry = newEntry(op)
                    entry.firstSeen = old.firstSeen
                    entry.formerNames = (old.formerNames ?? []) + [old.name]
                    entries[number] = entry
                } else if claims.on(number).contains(where: { $0.isHeader && $0.kind == .retired && $0.holder == old.name }) {
                    // The header still shows the tombstone: the header findings report this with both places.
                    continue
                } else {
                    findings.append(finding(.reuse, NumberClaim(op)))
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
                    findings.append(finding(.tombstoneDisagrees, NumberClaim(tombstone)))
                    var entry = old
                    entry.status = .retired
                    entry.marker = tombstone.marker
                    entry.lastSeen = version
                    entries[number] = entry
                }
            } else if let old, let recorded, old.status != .retired {
                newlyRetired.append(old.name)
                findings.append(finding(.vanished, recorded))
                var entry = old
                entry.status = .retired
                entry.marker = Defaults.vanishedMarker
                entries[number] = entry
            }
        }

        let heldByHeaders = Set(defined.keys).union(tombstones.keys)
        let reserved = entries.values.filter { !heldByHeaders.contains($0.number) }.sorted { $0.number < $1.number }
            .map { ReservedNumber(name: $0.name, number: $0.number, marker: $0.marker) }
        let ledgerFamily = LedgerFamily(
            name: family.name, prefix: family.prefix, interfaceVersion: version ?? previous?.interfaceVersion,
            numbers: entries.values.sorted { $0.number < $1.number }
        )
        return Result(family: ledgerFamily, diagnostics: findings.map(\.diagnostic), reserved: reserved, newlyRetired: newlyRetired)
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
}
