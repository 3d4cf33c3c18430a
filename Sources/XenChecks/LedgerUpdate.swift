import XenIR

/// Updates the ledger with one run's IR and reports what the history forbids.
///
/// ("Merge" in this project means one thing: several targets' or releases' interfaces becoming one,
/// in `XenMerge`. The ledger is updated, not merged.)
///
/// - A number held in the ledger by one name and defined in the headers under another is an error
///   (unless acknowledged), whether the old op was retired, obsolete or live.
/// - A number that vanished from the headers without a tombstone becomes retired ("vanished") and
///   stays reserved in the number guard.
/// - Ops retired since the previous run without an interface version increase give a warning
///   (an error with `strict`).
public struct LedgerUpdate {
    /// The outcome of an update.
    public struct Result: Sendable {
        /// The updated, canonical ledger (write it only when `diagnostics` has no errors).
        public var ledger: Ledger
        /// Errors, warnings and notes, in family order.
        public var diagnostics: [GeneratorDiagnostic]
        /// Numbers the headers no longer show but the ledger keeps, by family, for the number guard.
        public var reserved: [String: [ReservedNumber]]

        /// Whether any diagnostic is an error.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// The ledger as read (empty for a new one).
    public var previous: Ledger
    /// Acknowledgements from the config, added to the ledger's own.
    public var acknowledgements: [Acknowledgement]
    /// The ledger's path as the user named it, for messages.
    public var ledgerPath: String
    /// Turn the version-bump warning into an error.
    public var strict: Bool

    /// Creates an update.
    public init(previous: Ledger, acknowledgements: [Acknowledgement], ledgerPath: String, strict: Bool) {
        self.previous = previous
        self.acknowledgements = acknowledgements
        self.ledgerPath = ledgerPath
        self.strict = strict
    }

    /// The previous ledger updated with `interface`.
    /// - Parameter interface: This run's IR.
    /// - Returns: The updated ledger and the findings.
    public func update(with interface: XenInterface) -> Result {
        var ledger = previous
        var allAcknowledgements = previous.acknowledgements
        for acknowledgement in acknowledgements where !allAcknowledgements.contains(acknowledgement) {
            allAcknowledgements.append(acknowledgement)
        }
        ledger.acknowledgements = allAcknowledgements
        // A family without a version of its own is versioned with the whole interface.
        let interfaceVersion = interface.family(named: Defaults.sharedVersionFamily)?.interfaceVersion
        var diagnostics: [GeneratorDiagnostic] = []
        var reserved: [String: [ReservedNumber]] = [:]
        for family in interface.families {
            let old = previous.family(named: family.name)
            let version = family.interfaceVersion ?? interfaceVersion
            var updated = FamilyLedgerUpdate(
                family: family, previous: old, version: version?.spelling, acknowledgements: allAcknowledgements, ledgerPath: ledgerPath
            ).run()
            if let bump = versionBumpFinding(family, previous: old, retired: updated.newlyRetired, now: version) {
                updated.diagnostics.append(bump)
            }
            diagnostics += updated.diagnostics
            if !updated.reserved.isEmpty { reserved[family.name] = updated.reserved }
            if let index = ledger.families.firstIndex(where: { $0.name == family.name }) {
                ledger.families[index] = updated.family
            } else {
                ledger.families.append(updated.family)
            }
        }
        ledger.canonicalize()
        return Result(ledger: ledger, diagnostics: diagnostics, reserved: reserved)
    }

    /// The warning (or error) for retirements without an interface version increase.
    private func versionBumpFinding(_ family: OpFamily, previous: LedgerFamily?, retired: [String], now: InterfaceVersion?)
        -> GeneratorDiagnostic?
    {
        guard !retired.isEmpty, let before = previous?.interfaceVersion.flatMap(Self.parseVersion), let now, now.value <= before
        else { return nil }
        let name = family.interfaceVersion?.name ?? "the interface version"
        let place = family.interfaceVersion?.location ?? SourcePosition(file: family.file, line: 1)
        return GeneratorDiagnostic(
            strict ? .error : .warning, at: place,
            "\(retired.joined(separator: ", ")) retired since the last run, but \(name) is still \(now.spelling); bump it so old callers are refused"
        )
    }

    /// Parses a version as the ledger stores it (`0x00000015` or `21`).
    static func parseVersion(_ text: String) -> UInt64? {
        let lower = text.lowercased()
        if lower.hasPrefix("0x") { return UInt64(lower.dropFirst(2), radix: 16) }
        return UInt64(lower)
    }
}
