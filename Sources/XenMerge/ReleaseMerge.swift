import XenChecks
import XenIR

/// Folds the IRs of several Xen releases, read for one target, into one IR that serves all of them:
/// the declarations are the newest release's, every op any release defines is an op of the output,
/// and each op records the releases that can take it, as the output lays it out or in a storage
/// layout of its payload (``ReleaseLayouts``, added to the records).
///
/// The rule for the ops is ``MemberFold``'s (an op is the same op in every release that names it); the
/// rule for "can take it" is the checks' record comparison: the release defines the op, binds it to
/// the payload of the same name, and either nothing that payload reaches nor the request record around
/// it differs from the output's in a way that breaks callers, or only the payload struct and the records
/// it embeds differ (then the release gets a storage layout, if it fits the request's union), or the
/// element records of the arrays the payload's guest handles point at (then each such record gets a
/// storage layout, which the runtime's guest-handle buffers convert to and from).
public enum ReleaseMerge {
    /// One release's IR.
    public struct Release: Sendable {
        /// The release.
        public var version: ReleaseVersion
        /// Its IR.
        public var interface: XenInterface

        /// - Parameters:
        ///   - version: The release.
        ///   - interface: Its IR.
        public init(version: ReleaseVersion, interface: XenInterface) {
            self.version = version
            self.interface = interface
        }
    }

    /// Folds `releases`.
    /// - Parameter releases: The releases' IRs for one target, in any order (two of one series are refused).
    /// - Returns: The folded IR, with ``XenInterface/releases``, ``Op/releases`` and
    ///   ``OpFamily/interfaceVersions`` set.
    /// - Throws: ``GeneratorDiagnostic`` for an empty set or a series given twice.
    public static func merge(_ releases: [Release]) throws -> XenInterface {
        let ordered = releases.sorted { $0.version < $1.version }
        for (earlier, later) in zip(ordered, ordered.dropFirst()) where earlier.version == later.version {
            throw GeneratorDiagnostic(.error, at: nil, "two releases of series \(later.version) in the set; name one revision per series")
        }
        guard let newest = ordered.last else { throw GeneratorDiagnostic(.error, at: nil, "no release to read: name at least one") }
        var result = newest.interface
        result.releases = ordered.map(\.version)
        let familyNames = MemberFold.fold(ordered.map { $0.interface.families.map(\.name) }).map(\.value)
        var layouts = ReleaseLayouts(output: newest.interface)
        // Each release's records by name, made once: `fit` asks for them per op and release.
        let records = Dictionary(
            uniqueKeysWithValues: ordered.map { release in
                (release.version, Dictionary(release.interface.records.map { ($0.name, $0) }) { first, _ in first })
            })
        result.families = familyNames.compactMap { name in
            family(named: name, in: ordered, output: newest, records: records, layouts: &layouts)
        }
        result.records += layouts.records()
        (result.constants, result.constantGroups) = ConstantFold.fold(
            ordered.map { ($0.version, $0.interface.constants, $0.interface.constantGroups) })
        return result
    }

    /// One family over the releases that have it.
    private static func family(
        named name: String, in releases: [Release], output: Release, records: [ReleaseVersion: [String: Record]],
        layouts: inout ReleaseLayouts
    ) -> OpFamily? {
        let having = releases.filter { $0.interface.family(named: name) != nil }
        guard var family = having.last?.interface.family(named: name) else { return nil }
        // Every op any release has, in header order; an op defined in some release is taken as the
        // newest release that defines it wrote it, else as the newest tombstone.
        let folded = MemberFold.fold(having.map { $0.interface.family(named: name)?.ops ?? [] }, matching: { $0.name == $1.name }) {
            parts in
            (parts.last { isDefined($0.value) } ?? parts[parts.count - 1]).value
        }
        var ops: [Op] = []
        var numbers: [UInt64: String] = [:]
        var differing: [StableLayoutCheck.Difference] = []
        // Newest first, so that a number two releases define under two names keeps the newest name.
        for member in folded.reversed() {
            var op = member.value
            if isDefined(op) {
                if let newer = numbers[op.number], newer != op.name {
                    let retiring = having.filter {
                        $0.interface.family(named: name)?.ops.contains { $0.name == op.name && $0.status == .retired } == true
                    }
                    op.status = .retired
                    if let first = retiring.first {
                        // Retired in a release of the set, then its number given to another name: the number stays
                        // retired whatever release runs, so the reuse check refuses the newer name as a live case.
                        op.marker = "retired in \(first.version); its number is reused by \(newer) in a later release"
                    } else {
                        // Renamed between the releases: the old name becomes a retired member whose fix-it is the new one.
                        op.replacement = newer
                        op.marker = op.marker ?? "renamed \(newer) in a later release"
                    }
                } else {
                    numbers[op.number] = op.name
                    // A release takes the op as the output lays it out, or in a storage layout of its own
                    // payload when only the payload (with the records it embeds) differs.
                    var same: [ReleaseVersion] = []
                    var otherLayout: [ReleaseVersion] = []
                    op.releases = having.filter { release in
                        switch fit(op, family: name, in: release, output: output, records: records) {
                        case .same:
                            same.append(release.version)
                            return true
                        case .storage(let payload, let elements):
                            for record in (payload.map { [$0] } ?? []) + elements {
                                layouts.add(payload: record, release: release.version, in: release.interface)
                            }
                            // A request whose payload is laid out as the record's, and only the arrays its
                            // guest handles point at differ, is the record's layout: the buffers convert.
                            if payload == nil { same.append(release.version) }
                            otherLayout.append(release.version)
                            return true
                        case .none(let layoutDiffers):
                            if layoutDiffers { otherLayout.append(release.version) }
                            return false
                        }
                    }.map(\.version)
                    op.recordReleases = same == op.releases ? nil : same
                    if !otherLayout.isEmpty { differing.insert(.init(op: op.name, releases: otherLayout), at: 0) }
                }
            }
            ops.insert(op, at: 0)
        }
        family.ops = ops
        if family.stableABI == true {
            family.stableLayout = StableLayoutCheck(releases: releases.map(\.version), differing: differing)
        }
        let versions = having.compactMap { release in
            release.interface.family(named: name)?.interfaceVersion.map {
                ReleaseInterfaceVersion(release: release.version, value: $0.value)
            }
        }
        family.interfaceVersions = versions.isEmpty ? nil : versions
        return family
    }

    /// Whether an op is a case of the output (live or obsolete, compiled in).
    private static func isDefined(_ op: Op) -> Bool {
        op.status != .retired && op.isActive
    }

    /// How one release can take an op of the output.
    private enum Fit {
        /// As the output lays it out.
        case same
        /// Only the payload record (and records it embeds) and the element records of the arrays its
        /// guest handles point at (with the records they embed) differ: each in storage layouts of its
        /// own. `payload` is the payload record when it differs, `elements` the element records that do.
        case storage(payload: String?, elements: [String])
        /// Not at all: the release lacks the op or binds it otherwise (`false`), or its payload or
        /// request record differs in a way no storage layout serves (`true`).
        case none(layoutDiffers: Bool)
    }

    /// How `release` defines `op`, against the payload layout `output` (the newest release) gives it.
    /// `records` holds every release's records by name.
    private static func fit(
        _ op: Op, family: String, in release: Release, output newest: Release, records: [ReleaseVersion: [String: Record]]
    ) -> Fit {
        let interface = release.interface
        let output = newest.interface
        guard let own = interface.family(named: family)?.ops.first(where: { $0.name == op.name }), isDefined(own), own.number == op.number
        else { return .none(layoutDiffers: false) }
        guard let request = output.requests.first(where: { $0.family == family }),
            let binding = request.bindings.first(where: { $0.op == op.name })
        else { return .same }
        guard let theirs = interface.requests.first(where: { $0.family == family }),
            let theirBinding = theirs.bindings.first(where: { $0.op == op.name }),
            theirBinding.record == binding.record, theirs.record == request.record
        else { return .none(layoutDiffers: false) }
        let outputRecords = records[newest.version] ?? [:]
        let theirRecords = records[release.version] ?? [:]
        // The payload with every record it reaches, and the request record around it (its other union members left out).
        let otherOps = Set(request.bindings.map(\.op)).subtracting([op.name])
        var reached = InterfaceDiff.payloadRecords(of: family, in: output, records: outputRecords, excluding: otherOps)
        reached.formUnion(InterfaceDiff.payloadRecords(of: family, in: interface, records: theirRecords, excluding: otherOps))
        let changes = RecordComparison.compare(
            reached.sorted().compactMap { theirRecords[$0] }, reached.sorted().compactMap { outputRecords[$0] }
        )
        // Of the request's payload union only its size, alignment and this op's member matter: the other
        // members are other ops' payloads.
        // (An argument family has no request record, so no union: every change of its payload counts.)
        let unions =
            request.record == nil
            ? [] : Set(output.records.filter { $0.parent == request.record && $0.member == request.unionField }.map(\.name))
        let blocking = changes.filter { change in
            RecordComparison.isIncompatible(change)
                && !(unions.contains(change.record) && change.field != nil && change.field != binding.member)
        }
        guard !blocking.isEmpty else { return .same }
        // Only the payload and what it embeds differ (the union's member of this op changes with it), or
        // the element records of the arrays its guest handles point at (with what they embed): the op is
        // served in storage layouts of those records, the payload's if it fits the output's union.
        guard let payload = binding.record, let theirPayload = theirRecords[payload], theirPayload.kind == .struct,
            outputRecords[payload]?.kind == .struct
        else { return .none(layoutDiffers: true) }
        let embedded = Set(ReleaseLayouts.reached(from: payload, records: theirRecords, nested: interface.records).map(\.name))
            .union(ReleaseLayouts.reached(from: payload, records: outputRecords, nested: output.records).map(\.name))
        // Each struct element record the payload's handles point at in both releases, with the records it embeds in either.
        let elements = Set(ReleaseLayouts.elements(of: payload, records: theirRecords, nested: interface.records))
            .intersection(ReleaseLayouts.elements(of: payload, records: outputRecords, nested: output.records))
            .filter { theirRecords[$0]?.kind == .struct && outputRecords[$0]?.kind == .struct }
            .sorted()
            .map { element in
                (
                    element,
                    Set(ReleaseLayouts.reached(from: element, records: theirRecords, nested: interface.records).map(\.name))
                        .union(ReleaseLayouts.reached(from: element, records: outputRecords, nested: output.records).map(\.name))
                )
            }
        func inPayload(_ change: RecordChange) -> Bool {
            embedded.contains(change.record) || (unions.contains(change.record) && change.field == binding.member && change.kind != .size)
        }
        guard blocking.allSatisfy({ change in inPayload(change) || elements.contains { $0.1.contains(change.record) } }) else {
            return .none(layoutDiffers: true)
        }
        let payloadDiffers = blocking.contains(where: inPayload)
        if payloadDiffers {
            guard let union = unions.first.flatMap({ outputRecords[$0] }), theirPayload.size <= union.size,
                theirPayload.alignment <= union.alignment
            else { return .none(layoutDiffers: true) }
        }
        let differing = elements.filter { element in blocking.contains { element.1.contains($0.record) } }.map(\.0)
        return .storage(payload: payloadDiffers ? payload : nil, elements: differing)
    }
}
