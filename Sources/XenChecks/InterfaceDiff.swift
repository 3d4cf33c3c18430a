import XenIR

/// The interface diff of two header versions: per family the op changes, the interface version
/// before and after and a verdict; per mirrored record the layout changes.
public struct InterfaceDiff: Codable, Sendable, Equatable {
    /// One family's part.
    public struct FamilyDiff: Codable, Sendable, Equatable {
        /// The family name.
        public var family: String
        /// The interface version macro, if the family has one.
        public var versionName: String?
        /// Its value in the old version (as spelled).
        public var versionBefore: String?
        /// Its value in the new version.
        public var versionAfter: String?
        /// Where the new version defines it.
        public var versionLocation: SourcePosition?
        /// Op changes, by number.
        public var changes: [OpChange]
        /// Layout changes of the records this family's ops carry.
        public var payloadChanges: [RecordChange]
        /// An incompatible change (retirement, renumbering, reuse, removal, payload layout) came without a version
        /// increase, and (when ``bumpedInCycle`` could be learnt) without one earlier in the development cycle either.
        public var missingBump: Bool
        /// An incompatible change came without a bump of its own, but the version was already bumped in this
        /// development cycle (Xen's rule since 2024: once per cycle): where the cycle starts and the value there,
        /// such as `RELEASE-4.10.0 (0x0000000e)`. A backport of the change to that release's branch needs a bump of its own.
        public var bumpedInCycle: String?
        /// Ops marked `/* stable interface */` (called with interface version 0, so no bump protects their callers).
        public var stableOps: [String]?
        /// Layout changes of records only stable ops carry: incompatible ones break callers whatever the version.
        public var stablePayloadChanges: [RecordChange]?

        /// Whether the family has an incompatible change of its own (ops or the payloads of its versioned ops).
        public var isIncompatible: Bool {
            changes.contains { $0.kind.needsBump } || payloadChanges.contains(where: RecordComparison.isIncompatible)
        }

        /// Changes no version bump can make right: a number given to another name while retired or still
        /// held, and a number left without a tombstone (nothing reserves it any more).
        public var forbidden: [OpChange] { changes.filter { [.reused, .removed, .tombstoneDropped].contains($0.kind) } }

        /// Incompatible layout changes of stable ops' payloads.
        public var stableBreaks: [RecordChange] { (stablePayloadChanges ?? []).filter(RecordComparison.isIncompatible) }
    }

    /// How the old version was named.
    public var old: String
    /// How the new version was named.
    public var new: String
    /// Where the old version keeps the headers in its repository (`xen/include/public`), when it comes from one.
    public var oldFolder: String?
    /// Where the new version keeps them.
    public var newFolder: String?
    /// Families with changes, in table order.
    public var families: [FamilyDiff]
    /// Layout changes of every mirrored record both versions have.
    public var records: [RecordChange]

    /// Creates a diff. See the properties for the meaning of each parameter.
    public init(old: String, new: String, oldFolder: String?, newFolder: String?, families: [FamilyDiff], records: [RecordChange]) {
        self.old = old
        self.new = new
        self.oldFolder = oldFolder
        self.newFolder = newFolder
        self.families = families
        self.records = records
    }

    /// Whether any family misses an interface version bump.
    public var missesBump: Bool { families.contains { $0.missingBump } }

    /// Whether the patch check fails: a missing bump, a forbidden change (reuse, a number left without a
    /// tombstone), or an incompatible layout change of a stable op's payload.
    public var fails: Bool { families.contains { $0.missingBump || !$0.forbidden.isEmpty || !$0.stableBreaks.isEmpty } }

    /// Applies Xen's rule of 2024 (xen.git 3f6ee3db2e: bump "if the version hasn't been incremented in the
    /// current development cycle already"): a family that misses a bump of its own is covered when its
    /// version before the change is already above the value where the cycle started.
    /// - Parameter cycleStart: For a family, where its development cycle starts (a label such as
    ///   `RELEASE-4.10.0`) and its interface version there; families without an entry are left as they are.
    public mutating func applyDevelopmentCycle(_ cycleStart: (_ family: String) -> (label: String, value: UInt64, spelling: String)?) {
        for index in families.indices where families[index].missingBump {
            guard let before = families[index].versionBefore.flatMap(Self.parseVersion), let start = cycleStart(families[index].family),
                before > start.value
            else { continue }
            families[index].missingBump = false
            families[index].bumpedInCycle = "\(start.label) (\(start.spelling))"
        }
    }

    /// A version as headers spell it (`0x00000015` or `21`).
    public static func parseVersion(_ text: String) -> UInt64? {
        let lower = text.lowercased()
        if lower.hasPrefix("0x") { return UInt64(lower.dropFirst(2), radix: 16) }
        return UInt64(lower)
    }

    /// Compares two versions.
    /// - Parameters:
    ///   - old: The earlier IR.
    ///   - new: The later IR.
    ///   - oldLabel: How to name it.
    ///   - newLabel: How to name it.
    /// - Returns: The diff.
    public static func compare(_ old: XenInterface, _ new: XenInterface, oldLabel: String, newLabel: String) -> InterfaceDiff {
        let records = RecordComparison.compare(old.records, new.records)
        let newRecords = Dictionary(new.records.map { ($0.name, $0) }) { first, _ in first }
        var names = new.families.map(\.name)
        for family in old.families where !names.contains(family.name) { names.append(family.name) }
        var families: [FamilyDiff] = []
        for name in names {
            let before = old.family(named: name)
            let after = new.family(named: name)
            // An op moved under a condition the parse leaves out (`#if __XEN_INTERFACE_VERSION__ < 0x00040900`, 2017's
            // HVMOPs that became dm_ops) is still defined there and still holds its number: not removed.
            let inactive = Set((after?.ops ?? []).filter { !$0.isActive && $0.status != .retired }.map { "\($0.number) \($0.name)" })
            let changes = OpComparison.compare(before.map(OpSnapshot.init) ?? OpSnapshot(), after.map(OpSnapshot.init) ?? OpSnapshot())
                .filter { $0.kind != .removed || !inactive.contains("\($0.number) \($0.from ?? "")") }
            let stable = Set(((after?.definedOps ?? []) + (before?.definedOps ?? [])).filter(isStable).map(\.name))
            let payloads = payloadRecords(of: name, in: new, records: newRecords, excluding: stable)
            let stablePayloads = payloadRecords(of: name, in: new, records: newRecords, only: stable).subtracting(payloads)
            let stableMembers = Set(
                new.requests.first { $0.family == name }?.bindings.filter { stable.contains($0.op) }.compactMap(\.member) ?? [])
            // A change of the request union's member that carries a stable op is that op's, not the family's.
            func isStableMember(_ change: RecordChange) -> Bool {
                change.field.map(stableMembers.contains) ?? false && newRecords[change.record]?.parent != nil
            }
            let payloadChanges = records.filter { payloads.contains($0.record) && !isStableMember($0) }
            let stableChanges = records.filter {
                stablePayloads.contains($0.record) || (payloads.contains($0.record) && isStableMember($0))
            }
            // Stable ops are called with version 0: adding or retiring one says nothing about the versioned interface.
            let versionedChanges = changes.filter {
                !stable.contains($0.from ?? $0.to ?? "") || [.reused, .removed, .tombstoneDropped].contains($0.kind)
            }
            guard
                !changes.isEmpty || !payloadChanges.isEmpty || !stableChanges.isEmpty
                    || before?.interfaceVersion?.value != after?.interfaceVersion?.value
            else { continue }
            let incompatible =
                versionedChanges.contains { $0.kind.needsBump } || payloadChanges.contains(where: RecordComparison.isIncompatible)
            var missingBump = false
            if incompatible, let was = before?.interfaceVersion?.value, let now = after?.interfaceVersion?.value, now <= was {
                missingBump = true
            }
            families.append(
                FamilyDiff(
                    family: name, versionName: (after ?? before)?.interfaceVersion?.name, versionBefore: before?.interfaceVersion?.spelling,
                    versionAfter: after?.interfaceVersion?.spelling, versionLocation: after?.interfaceVersion?.location, changes: changes,
                    payloadChanges: payloadChanges, missingBump: missingBump, bumpedInCycle: nil,
                    stableOps: stable.isEmpty ? nil : stable.sorted(), stablePayloadChanges: stableChanges.isEmpty ? nil : stableChanges
                ))
        }
        return InterfaceDiff(old: oldLabel, new: newLabel, oldFolder: nil, newFolder: nil, families: families, records: records)
    }

    /// Whether an op's marker says it is a stable interface (`/* stable interface */`, Xen 4.21 on):
    /// its callers pass interface version 0.
    public static func isStable(_ op: Op) -> Bool {
        op.isStableInterface
    }

    /// The records a family's ops carry (request record, bound payloads) and every record they reach:
    /// fields, nested records, and the records behind guest handles and pointers (an array a caller
    /// passes by handle is as much a part of the op's interface as its payload).
    /// - Parameters:
    ///   - family: The family's name.
    ///   - interface: The IR.
    ///   - records: Its records by name.
    ///   - excluding: Ops whose payloads are left out (with the request union's members that carry them).
    ///   - only: When given, start from these ops' payloads alone (not from the request record).
    /// - Returns: The record names.
    public static func payloadRecords(
        of family: String, in interface: XenInterface, records: [String: Record],
        excluding: Set<String> = [], only: Set<String>? = nil
    ) -> Set<String> {
        guard let request = interface.requests.first(where: { $0.family == family }) else { return [] }
        let bindings = request.bindings.filter { only?.contains($0.op) ?? !excluding.contains($0.op) }
        let skippedMembers = Set(request.bindings.filter { excluding.contains($0.op) }.compactMap(\.member))
        var pending = bindings.compactMap(\.record) + (only == nil ? (request.record.map { [$0] } ?? []) : [])
        var result = Set<String>()
        while let name = pending.popLast() {
            guard result.insert(name).inserted, let record = records[name] else { continue }
            let isUnion = record.parent != nil && request.record.map { name.hasPrefix($0 + ".") } == true
            for field in record.fields where !(isUnion && field.name.map(skippedMembers.contains) == true) {
                pending += recordNames(in: field.type)
            }
            // Lazily: a filtered array copied every record of the interface per record reached.
            pending += interface.records.lazy.filter { $0.parent == name }.map(\.name)
        }
        return result
    }

    /// Records a type refers to directly.
    private static func recordNames(in type: TypeRef) -> [String] {
        switch type {
        case .record(let name): [name]
        case .typedef(_, let underlying), .array(let underlying, _), .guestHandle(let underlying), .pointer(let underlying):
            recordNames(in: underlying)
        default: []
        }
    }

    /// Compiler-format findings: warnings for incompatible changes, notes for the rest; errors under
    /// `strict` for what fails the patch check (a missing bump, a reuse, a number left without a tombstone,
    /// an incompatible change of a stable op's payload). Locations start with the version's label, so both
    /// trees can be named in one report.
    /// - Parameter strict: Report what fails the patch check as errors.
    /// - Returns: The findings in family order, then the other record changes.
    public func diagnostics(strict: Bool) -> [GeneratorDiagnostic] {
        findings(strict: strict, withRevision: true).map(\.diagnostic)
    }

    /// The findings with a rule id each (`op-retired`, `missing-bump`, …), for machine formats.
    /// - Parameters:
    ///   - strict: Report what fails the patch check as errors.
    ///   - withRevision: Start locations with the version's label (`REV/xen/include/public/domctl.h`); without,
    ///     they are paths in the repository (`xen/include/public/domctl.h`).
    /// - Returns: The findings in family order, then the other record changes.
    public func findings(strict: Bool, withRevision: Bool) -> [(rule: String, diagnostic: GeneratorDiagnostic)] {
        func place(_ position: SourcePosition?, old inOld: Bool = false) -> SourcePosition? {
            let folder = (inOld ? oldFolder : newFolder).flatMap { $0.isEmpty ? nil : $0 }
            let parts = (withRevision ? [inOld ? old : new] : []) + (folder.map { [$0] } ?? [])
            return position.map { SourcePosition(file: (parts + [$0.file]).joined(separator: "/"), line: $0.line, column: $0.column) }
        }
        var rules: [String] = []
        let failing: GeneratorDiagnostic.Severity = strict ? .error : .warning
        var result: [GeneratorDiagnostic] = []
        var reported = Set<String>()
        for family in families {
            let version =
                "\(family.versionName ?? "interface version") \(family.versionBefore ?? "none") -> \(family.versionAfter ?? "none")"
            let forbidden = family.forbidden
            for change in family.changes {
                let severity: GeneratorDiagnostic.Severity =
                    forbidden.contains(change) ? failing : change.kind.isIncompatible ? .warning : .note
                let stable = family.stableOps?.contains(change.from ?? change.to ?? "") == true ? " (stable interface)" : ""
                rules.append("op-\(change.kind.rawValue)")
                result.append(
                    GeneratorDiagnostic(
                        severity, at: place(change.location, old: change.inOldVersion),
                        "\(family.family): \(change.kind.rawValue): \(change.summary)\(stable)"))
            }
            for change in family.payloadChanges {
                reported.insert(change.summary)
                rules.append("payload-layout")
                result.append(
                    GeneratorDiagnostic(
                        RecordComparison.isIncompatible(change) ? .warning : .note, at: place(change.location),
                        "\(family.family): payload layout: \(change.summary)"))
            }
            for change in family.stablePayloadChanges ?? [] {
                reported.insert(change.summary)
                let breaks = RecordComparison.isIncompatible(change)
                rules.append("stable-payload-layout")
                result.append(
                    GeneratorDiagnostic(
                        breaks ? failing : .note, at: place(change.location),
                        "\(family.family): stable interface payload layout: \(change.summary)"
                            + (breaks ? " (stable ops are called with interface version 0: no bump protects their callers)" : "")))
            }
            if family.missingBump {
                rules.append("missing-bump")
                result.append(
                    GeneratorDiagnostic(
                        failing, at: place(family.versionLocation),
                        "\(family.family): incompatible changes without an interface version bump (\(version))"))
            } else if let cycle = family.bumpedInCycle {
                rules.append("bump-of-cycle")
                result.append(
                    GeneratorDiagnostic(
                        .warning, at: place(family.versionLocation),
                        "\(family.family): incompatible changes without an interface version bump of their own (\(version)); "
                            + "covered by the bump of this development cycle (from \(cycle)), so a backport to that release needs a bump of its own"
                    ))
            } else if family.versionBefore != family.versionAfter {
                rules.append("version-changed")
                result.append(GeneratorDiagnostic(.note, at: place(family.versionLocation), "\(family.family): \(version)"))
            }
        }
        for change in records where !reported.contains(change.summary) {
            rules.append("record-layout")
            result.append(GeneratorDiagnostic(.note, at: place(change.location), "record layout: \(change.summary)"))
        }
        return Array(zip(rules, result)).map { (rule: $0.0, diagnostic: $0.1) }
    }

    /// The one-line summary that closes the text report.
    public var summary: String {
        var text = "\(old) -> \(new): \(families.count) families changed, \(records.count) record layout changes"
        let missing = families.filter(\.missingBump).map(\.family)
        if !missing.isEmpty { text += ", interface version bump missing in \(missing.joined(separator: ", "))" }
        let covered = families.filter { $0.bumpedInCycle != nil }.map(\.family)
        if !covered.isEmpty { text += ", no bump of its own in \(covered.joined(separator: ", ")) (covered by this development cycle's)" }
        let forbidden = families.flatMap(\.forbidden).count
        if forbidden > 0 { text += ", \(forbidden) numbers reused or left without a tombstone" }
        let stable = families.flatMap(\.stableBreaks).count
        if stable > 0 { text += ", \(stable) incompatible changes of stable interfaces" }
        return text
    }
}
