import XenIR

/// The one model of number ownership: for one family, every number with the claims on it, oldest
/// first (release history, then a ledger, then the headers in source order).
///
/// The rule "a number once used never passes to another name" is read from it by ``ReuseCheck``
/// (one header tree), ``LedgerUpdate`` (a tree against the consumer's ledger), ``HistoryGuard``
/// (a tree against every Xen release) and ``HistoryFold`` (each release against the releases before
/// it, building that history); each reports ``NumberFinding``s. Claims from several
/// releases of one family (``record(release:_:source:)``) feed the same model, so a multi-release
/// merge asks the same questions. Acknowledgements live here too: ``acknowledgement(number:from:to:)``.
public struct NumberClaims: Sendable {
    /// The family's name.
    public let family: String
    /// The family's header, relative to the tree.
    public let file: String
    /// The claims on each number, oldest first.
    public private(set) var claims: [UInt64: [NumberClaim]] = [:]
    /// The header claims that take a number now (active defines), in source order.
    public private(set) var takers: [(number: UInt64, claim: NumberClaim)] = []
    /// Reviewed renames and reuses.
    public var acknowledgements: [Acknowledgement]

    /// The claims a header tree makes: its active defines and its tombstones, in source order.
    /// - Parameters:
    ///   - family: The family as the headers show it.
    ///   - acknowledgements: Reviewed renames and reuses.
    public init(_ family: OpFamily, acknowledgements: [Acknowledgement] = []) {
        self.family = family.name
        file = family.file
        self.acknowledgements = acknowledgements
        for op in family.ops where op.status == .retired || op.isActive {
            let claim = NumberClaim(op)
            claims[op.number, default: []].append(claim)
            if claim.takes { takers.append((op.number, claim)) }
        }
    }

    /// The claims on `number`, oldest first.
    public func on(_ number: UInt64) -> [NumberClaim] { claims[number] ?? [] }

    /// The numbers with a claim, ascending.
    public var numbers: [UInt64] { claims.keys.sorted() }

    /// Whether the headers claim `number` (a define or a tombstone).
    public func headersClaim(_ number: UInt64) -> Bool { on(number).contains(where: \.isHeader) }

    /// The acknowledgement that lets `to` take `number` from `from`, if any.
    public func acknowledgement(number: UInt64, from: String, to: String) -> Acknowledgement? {
        acknowledgements.covering(family: family, number: number, from: from, to: to)
    }

    /// Adds a ledger's record of the family: one claim per number, before the headers' claims.
    /// - Parameters:
    ///   - ledger: The ledger's family.
    ///   - path: The ledger as the user named it.
    public mutating func record(ledger: LedgerFamily, path: String) {
        for entry in ledger.numbers {
            let kind: NumberClaim.Kind = entry.status == .retired && entry.marker == Defaults.vanishedMarker ? .vanished : .ledger
            insert(
                NumberClaim(
                    holder: entry.name, kind: kind, status: entry.status, marker: entry.marker,
                    provenance: .ledger(path: path, lastSeen: entry.lastSeen)), on: entry.number)
        }
    }

    /// Adds a release history's record of the family: every name each number had, oldest first, before the headers' claims;
    /// names that held a number before an acknowledged rename are `acknowledged` claims.
    /// - Parameters:
    ///   - history: The history ledger's family.
    ///   - source: How messages name the history.
    public mutating func record(history: LedgerFamily, source: String) {
        for entry in history.numbers {
            let names =
                entry.history ?? [
                    LedgerName(
                        name: entry.name, firstRelease: "?", lastRelease: "?", firstVersion: entry.firstSeen,
                        lastVersion: entry.lastSeen, status: entry.status, marker: entry.marker)
                ]
            for name in names {
                insert(
                    NumberClaim(
                        holder: name.name, kind: .history, status: name.status, marker: name.marker,
                        provenance: .release(source: source, first: name.firstRelease, last: name.lastRelease)), on: entry.number)
            }
            for former in entry.formerNames ?? [] where !names.contains(where: { $0.name == former }) {
                insert(
                    NumberClaim(
                        holder: former, kind: .acknowledged, status: .retired, marker: nil,
                        provenance: .release(source: source, first: "?", last: "?")), on: entry.number)
            }
        }
    }

    /// Adds one release's headers as history: each define and tombstone is a claim of that release, so a set of trees
    /// (each a release, oldest first) folds into one model of the family.
    /// - Parameters:
    ///   - release: The release (a tag).
    ///   - family: The family as that release's headers show it.
    ///   - source: How messages name the set of releases.
    public mutating func record(release: String, _ family: OpFamily, source: String) {
        for op in family.ops where op.status == .retired || op.isActive {
            let known = on(op.number).firstIndex { $0.kind == .history && $0.holder == op.name }
            if let known, case .release(_, let first, _) = claims[op.number]![known].provenance {
                claims[op.number]![known].provenance = .release(source: source, first: first, last: release)
                claims[op.number]![known].status = op.status
                claims[op.number]![known].marker = op.marker
            } else {
                insert(
                    NumberClaim(
                        holder: op.name, kind: .history, status: op.status, marker: op.marker,
                        provenance: .release(source: source, first: release, last: release)), on: op.number)
            }
        }
    }

    /// Inserts a record of the past after the other records and before the headers' claims.
    private mutating func insert(_ claim: NumberClaim, on number: UInt64) {
        var list = claims[number] ?? []
        let rank = Self.rank(claim)
        let index = list.firstIndex { Self.rank($0) > rank } ?? list.endIndex
        list.insert(claim, at: index)
        claims[number] = list
    }

    /// The order of claims on a number: history, ledger, headers.
    private static func rank(_ claim: NumberClaim) -> Int {
        switch claim.provenance {
        case .release, .acknowledgement: 0
        case .ledger: 1
        case .header: 2
        }
    }

    /// What one header tree's claims break: each active define against the tombstones on its number and against the
    /// first define of another name, in source order.
    public var headerFindings: [NumberFinding] {
        var findings: [NumberFinding] = []
        for (number, claim) in takers {
            let headers = on(number).filter(\.isHeader)
            for tombstone in headers where tombstone.kind == .retired && tombstone.holder != claim.holder {
                let kind: NumberFinding.Kind =
                    acknowledgement(number: number, from: tombstone.holder, to: claim.holder)
                    .map { .acknowledged(reason: $0.reason) } ?? .reuse
                findings.append(NumberFinding(kind, family: family, file: file, number: number, claim: claim, earlier: tombstone))
            }
            if let first = headers.first(where: \.takes), first.holder != claim.holder {
                findings.append(NumberFinding(.reuse, family: family, file: file, number: number, claim: claim, earlier: first))
            }
        }
        return findings
    }

    /// What a tree's claims break against a release history: each active define on a number the history gave to other
    /// names only (the last of them named), unless an acknowledgement covers one of them.
    public var historyFindings: [NumberFinding] {
        var findings: [NumberFinding] = []
        for (number, claim) in takers {
            let past = on(number).filter { if case .release = $0.provenance { true } else { false } }
            let history = past.filter { $0.kind == .history }
            guard let holder = history.last, !past.contains(where: { $0.holder == claim.holder }) else { continue }
            if let acknowledgement = history.lazy.compactMap({ self.acknowledgement(number: number, from: $0.holder, to: claim.holder) })
                .first
            {
                let from = history.first { $0.holder == acknowledgement.from }
                findings.append(
                    NumberFinding(
                        .acknowledged(reason: acknowledgement.reason), family: family, file: file, number: number,
                        claim: claim, earlier: from))
                continue
            }
            findings.append(
                NumberFinding(.reuse, family: family, file: file, number: number, claim: claim, earlier: holder, record: history))
        }
        return findings
    }
}
