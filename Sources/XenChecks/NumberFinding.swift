import XenIR

/// What a number-ownership rule finds in a family's ``NumberClaims``; ``diagnostic`` is the one
/// place its messages are written.
public struct NumberFinding: Sendable, Equatable {
    /// What was found.
    public enum Kind: Sendable, Equatable {
        /// `claim` takes a number an `earlier` claim gives to another name.
        case reuse
        /// The same, covered by an acknowledgement with this reason.
        case acknowledged(reason: String)
        /// A header tombstone (`claim`) retires another name than the ledger's (`earlier`) on the number.
        case tombstoneDisagrees
        /// The ledger's name (`claim`) vanished from the headers without a tombstone.
        case vanished
    }

    /// What was found.
    public var kind: Kind
    /// The family.
    public var family: String
    /// The family's header, relative to the tree.
    public var file: String
    /// The number.
    public var number: UInt64
    /// The claim the finding is about.
    public var claim: NumberClaim
    /// The claim it conflicts with, if any.
    public var earlier: NumberClaim?
    /// Every record of the past on the number (a history's names), for the note.
    public var record: [NumberClaim]

    /// Creates a finding.
    public init(
        _ kind: Kind, family: String, file: String, number: UInt64, claim: NumberClaim, earlier: NumberClaim? = nil,
        record: [NumberClaim] = []
    ) {
        self.kind = kind
        self.family = family
        self.file = file
        self.number = number
        self.claim = claim
        self.earlier = earlier
        self.record = record
    }

    /// The finding as the user reads it: one line naming the file and line, with notes pointing at the other claim.
    public var diagnostic: GeneratorDiagnostic {
        let name = claim.holder
        let other = earlier?.holder ?? "?"
        switch kind {
        case .acknowledged(let reason):
            let retired = earlier?.kind == .retired && earlier?.isHeader == true ? "retired " : ""
            return GeneratorDiagnostic(
                .note, at: claim.location, "\(name) takes \(number) from \(retired)\(other), as acknowledged: \(reason)")
        case .tombstoneDisagrees:
            return GeneratorDiagnostic(
                .warning, at: claim.location,
                "the tombstone retires \(name) on \(number), but \(ledgerPath) records \(other) there; \(number) stays reserved under \(other)"
            )
        case .vanished:
            return GeneratorDiagnostic(
                .warning, at: SourcePosition(file: file, line: 1),
                "\(name) (\(number)) vanished from \(file) without a tombstone; the ledger keeps \(number) reserved")
        case .reuse:
            return reuse
        }
    }

    /// The finding as a history fold reports it, naming the release where the number passes to the new name: a note
    /// when an acknowledgement covers it, else an error that spells the acknowledgement to add.
    /// - Parameters:
    ///   - release: The release that first shows the new name.
    ///   - change: How the number passed (`renamed` or `reused`).
    public func passing(in release: String, as change: OpChange.Kind) -> GeneratorDiagnostic {
        let from = earlier?.holder ?? "?"
        let range = earlier?.releases ?? "?"
        let name = claim.holder
        if case .acknowledged(let reason) = kind {
            return GeneratorDiagnostic(
                .note, at: nil,
                "\(release): \(family) \(number): \(from) (\(range)) -> \(name) (\(change.rawValue)), acknowledged: \(reason)")
        }
        return GeneratorDiagnostic(
            .error, at: nil,
            "\(release): \(family) \(number) passes from \(from) (\(range)) to \(name) (\(change.rawValue)) without an acknowledgement; add "
                + "{\"family\": \"\(family)\", \"number\": \(number), \"from\": \"\(from)\", \"to\": \"\(name)\", \"reason\": \"…\"}")
    }

    /// The error for a reuse, worded after the earlier claim's kind.
    private var reuse: GeneratorDiagnostic {
        let name = claim.holder
        guard let earlier else { return GeneratorDiagnostic(.error, at: claim.location, "\(name) reuses \(number)") }
        let marker = earlier.marker.map { " (\"\($0)\")" } ?? ""
        switch earlier.provenance {
        case .header(let location):
            if earlier.kind == .retired {
                return GeneratorDiagnostic(
                    .error, at: claim.location, "\(name) reuses \(number), retired from \(earlier.holder)\(marker)",
                    notes: [GeneratorDiagnostic(.note, at: location, "\(earlier.holder) was retired here")])
            }
            return GeneratorDiagnostic(
                .error, at: claim.location, "\(name) reuses \(number), already used by \(earlier.holder)",
                notes: [GeneratorDiagnostic(.note, at: location, "\(earlier.holder) is defined here")])
        case .ledger(let path, let lastSeen):
            let message =
                earlier.status == .retired
                ? "\(name) reuses \(number), retired from \(earlier.holder)\(marker)"
                : "\(name) takes \(number), which the ledger records for \(earlier.holder) (\(earlier.status.rawValue))"
            let seen = lastSeen.map { ", last seen in interface version \($0)" } ?? ""
            return GeneratorDiagnostic(
                .error, at: claim.location, message,
                notes: [
                    GeneratorDiagnostic(
                        .note, at: nil,
                        "\(path) records \(earlier.holder) on \(number)\(seen); "
                            + "if this is an intended rename, add an acknowledgement (family \(family), number \(number), "
                            + "from \(earlier.holder), to \(name), reason)")
                ])
        case .release(let source, _, _):
            let names = record.compactMap { claim in claim.kind == .history ? claim.releases.map { "\(claim.holder) (\($0))" } : nil }
            return GeneratorDiagnostic(
                .error, at: claim.location,
                "\(name) reuses \(number), which Xen gave to \(earlier.holder) in \(earlier.releases ?? "?")\(marker)",
                notes: [
                    GeneratorDiagnostic(
                        .note, at: nil,
                        "\(source) records \(names.joined(separator: ", ")) on \(family) \(number); "
                            + "a number once used is never given to another op (add an acknowledgement if this is a reviewed rename, "
                            + "or pass --no-history)")
                ]
            )
        case .acknowledgement:
            return GeneratorDiagnostic(.error, at: claim.location, "\(name) reuses \(number), acknowledged for \(earlier.holder)")
        }
    }

    /// The ledger the earlier claim comes from, as the user named it.
    private var ledgerPath: String {
        if case .ledger(let path, _) = earlier?.provenance { return path }
        return "the ledger"
    }
}
