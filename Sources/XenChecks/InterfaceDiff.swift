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
        /// An incompatible change (retirement, renumbering, reuse, removal, payload layout) came without a version increase.
        public var missingBump: Bool
    }

    /// How the old version was named.
    public var old: String
    /// How the new version was named.
    public var new: String
    /// Families with changes, in table order.
    public var families: [FamilyDiff]
    /// Layout changes of every mirrored record both versions have.
    public var records: [RecordChange]

    /// Whether any family misses an interface version bump.
    public var missesBump: Bool { families.contains { $0.missingBump } }

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
            let changes = OpComparison.compare(before.map(OpSnapshot.init) ?? OpSnapshot(), after.map(OpSnapshot.init) ?? OpSnapshot())
            let payloads = payloadRecords(of: name, in: new, records: newRecords)
            let payloadChanges = records.filter { payloads.contains($0.record) }
            guard !changes.isEmpty || !payloadChanges.isEmpty || before?.interfaceVersion?.value != after?.interfaceVersion?.value else { continue }
            let incompatible = changes.contains { $0.kind.isIncompatible } || payloadChanges.contains(where: RecordComparison.isIncompatible)
            var missingBump = false
            if incompatible, let was = before?.interfaceVersion?.value, let now = after?.interfaceVersion?.value, now <= was { missingBump = true }
            families.append(FamilyDiff(
                family: name, versionName: (after ?? before)?.interfaceVersion?.name, versionBefore: before?.interfaceVersion?.spelling,
                versionAfter: after?.interfaceVersion?.spelling, versionLocation: after?.interfaceVersion?.location, changes: changes,
                payloadChanges: payloadChanges, missingBump: missingBump
            ))
        }
        return InterfaceDiff(old: oldLabel, new: newLabel, families: families, records: records)
    }

    /// The records a family's ops carry (request record, bound payloads) and every record they contain.
    static func payloadRecords(of family: String, in interface: XenInterface, records: [String: Record]) -> Set<String> {
        guard let request = interface.requests.first(where: { $0.family == family }) else { return [] }
        var pending = request.bindings.compactMap(\.record) + (request.record.map { [$0] } ?? [])
        var result = Set<String>()
        while let name = pending.popLast() {
            guard result.insert(name).inserted, let record = records[name] else { continue }
            for field in record.fields { pending += recordNames(in: field.type) }
            pending += interface.records.filter { $0.parent == name }.map(\.name)
        }
        return result
    }

    /// Records a type refers to directly.
    private static func recordNames(in type: TypeRef) -> [String] {
        switch type {
        case .record(let name): [name]
        case .typedef(_, let underlying), .array(let underlying, _): recordNames(in: underlying)
        default: []
        }
    }

    /// Compiler-format findings: warnings for incompatible changes, notes for the rest, and a warning
    /// (an error under `strict`) for each family that misses its interface version bump. Locations
    /// start with the version's label, so both trees can be named in one report.
    /// - Parameter strict: Report missing bumps as errors.
    /// - Returns: The findings in family order, then the other record changes.
    public func diagnostics(strict: Bool) -> [GeneratorDiagnostic] {
        func place(_ position: SourcePosition?, old inOld: Bool = false) -> SourcePosition? {
            position.map { SourcePosition(file: "\(inOld ? old : new)/\($0.file)", line: $0.line, column: $0.column) }
        }
        var result: [GeneratorDiagnostic] = []
        var reported = Set<String>()
        for family in families {
            let version = "\(family.versionName ?? "interface version") \(family.versionBefore ?? "none") -> \(family.versionAfter ?? "none")"
            for change in family.changes {
                result.append(GeneratorDiagnostic(change.kind.isIncompatible ? .warning : .note,
                    at: place(change.location, old: change.inOldVersion), "\(family.family): \(change.kind.rawValue): \(change.summary)"))
            }
            for change in family.payloadChanges {
                reported.insert(change.summary)
                result.append(GeneratorDiagnostic(RecordComparison.isIncompatible(change) ? .warning : .note, at: place(change.location),
                    "\(family.family): payload layout: \(change.summary)"))
            }
            if family.missingBump {
                result.append(GeneratorDiagnostic(strict ? .error : .warning, at: place(family.versionLocation),
                    "\(family.family): incompatible changes without an interface version bump (\(version))"))
            } else if family.versionBefore != family.versionAfter {
                result.append(GeneratorDiagnostic(.note, at: place(family.versionLocation), "\(family.family): \(version)"))
            }
        }
        for change in records where !reported.contains(change.summary) {
            result.append(GeneratorDiagnostic(.note, at: place(change.location), "record layout: \(change.summary)"))
        }
        return result
    }
}
