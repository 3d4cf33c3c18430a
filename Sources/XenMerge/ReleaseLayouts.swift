import XenChecks
import XenIR

/// The storage layouts of a multi-release output: for a payload record, or the element record of an
/// array a payload's guest handle points at, that some releases lay out otherwise than the output (the
/// newest release), one C-exact record per distinct older layout, nested in that record and named after
/// the oldest release that has it (`Layout4_16`).
///
/// A layout holds that release's own records: the payload, the records it embeds that differ from the
/// output's (nested in the layout under their own names), and the nested records of those; records it
/// embeds that are laid out as the output's are the output's. Two releases share a layout when the
/// record comparison finds no change at all between their records.
struct ReleaseLayouts {
    /// One distinct layout of one payload: its releases and the records of the oldest of them.
    private struct Layout {
        var releases: [ReleaseVersion]
        var records: [Record]
    }

    /// The output's records, by name.
    private let output: [String: Record]
    /// Layouts by payload record, in the order payloads were first seen.
    private var layouts: [(payload: String, layouts: [Layout])] = []

    /// - Parameter output: The output's IR (the newest release).
    init(output: XenInterface) {
        self.output = Dictionary(output.records.map { ($0.name, $0) }) { first, _ in first }
    }

    /// Records that `release` lays `payload` out otherwise than the output.
    /// - Parameters:
    ///   - payload: The payload record's C name.
    ///   - release: The release.
    ///   - interface: The release's IR.
    mutating func add(payload: String, release: ReleaseVersion, in interface: XenInterface) {
        let own = Dictionary(interface.records.map { ($0.name, $0) }) { first, _ in first }
        let reached = Self.reached(from: payload, records: own, nested: interface.records)
        if !layouts.contains(where: { $0.payload == payload }) { layouts.append((payload, [])) }
        guard let index = layouts.firstIndex(where: { $0.payload == payload }) else { return }
        if let known = layouts[index].layouts.firstIndex(where: { Self.same($0.records, reached) }) {
            if !layouts[index].layouts[known].releases.contains(release) { layouts[index].layouts[known].releases.append(release) }
            return
        }
        layouts[index].layouts.append(Layout(releases: [release], records: reached))
    }

    /// The storage records of every layout, to add to the output's records.
    /// - Returns: The records, each with its ``ReleaseLayout``.
    func records() -> [Record] {
        layouts.flatMap { entry in
            entry.layouts.flatMap { layout in storage(of: entry.payload, layout) }
        }
    }

    /// The records of one layout, renamed into the payload record.
    private func storage(of payload: String, _ layout: Layout) -> [Record] {
        let releases = layout.releases.sorted()
        guard let oldest = releases.first else { return [] }
        let prefix = "layout \(oldest) "
        let own = Dictionary(layout.records.map { ($0.name, $0) }) { first, _ in first }
        // The payload, and every record it reaches that the output lays out otherwise (or lacks), and
        // every record nested in one of those.
        var cloned: Set<String> = [payload]
        for record in layout.records where record.name != payload && differs(record, own: own) { cloned.insert(record.name) }
        var grew = true
        while grew {
            grew = false
            for record in layout.records where !cloned.contains(record.name) {
                if let parent = record.parent, cloned.contains(parent) { grew = cloned.insert(record.name).inserted || grew }
            }
        }
        func renamed(_ type: TypeRef) -> TypeRef {
            switch type {
            case .record(let name): cloned.contains(name) ? .record(name: prefix + name) : type
            case .typedef(let name, let underlying): .typedef(name: name, underlying: renamed(underlying))
            case .array(let element, let count): .array(element: renamed(element), count: count)
            default: type
            }
        }
        return layout.records.filter { cloned.contains($0.name) }.map { record in
            var copy = record
            copy.name = prefix + record.name
            copy.fields = record.fields.map { field in
                var field = field
                field.type = renamed(field.type)
                return field
            }
            if record.name == payload {
                copy.parent = payload
                copy.member = "layout\(oldest.major)_\(oldest.minor)"
                copy.doc = "The C layout of `struct \(payload)` in Xen \(releases.map(\.description).joined(separator: ", "))."
            } else if let parent = record.parent, cloned.contains(parent) {
                copy.parent = prefix + parent
            } else {
                copy.parent = prefix + payload
                copy.member = record.name
            }
            copy.releaseLayout = ReleaseLayout(
                releases: releases, stores: output[record.name] == nil ? nil : record.name,
                isPayload: record.name == payload)
            return copy
        }
    }

    /// Whether the output lacks `record` or lays it out otherwise, by the record comparison.
    private func differs(_ record: Record, own: [String: Record]) -> Bool {
        guard let theirs = output[record.name] else { return true }
        let closure = Self.reached(from: record.name, records: own, nested: Array(own.values))
        let outputClosure = Self.reached(from: record.name, records: output, nested: Array(output.values))
        return !RecordComparison.compare(closure, outputClosure).filter(RecordComparison.isIncompatible).isEmpty
            || theirs.size != record.size
    }

    /// `name` and the records it embeds (not those it points at), with the records nested in them.
    static func reached(from name: String, records: [String: Record], nested: [Record]) -> [Record] {
        var children: [String: [String]] = [:]
        for record in nested { if let parent = record.parent { children[parent, default: []].append(record.name) } }
        var pending = [name]
        var seen = Set<String>()
        var result: [Record] = []
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, let record = records[next] else { continue }
            result.append(record)
            for field in record.fields { pending += embedded(in: field.type) }
            pending += children[next] ?? []
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The element records of the arrays that `name` and the records it embeds point at through guest
    /// handles (`XEN_GUEST_HANDLE_64(xen_domctl_getdomaininfo_t) buffer`): what a guest-handle buffer holds.
    static func elements(of name: String, records: [String: Record], nested: [Record]) -> [String] {
        var result: [String] = []
        for record in reached(from: name, records: records, nested: nested) {
            for field in record.fields {
                guard case .guestHandle(let pointee) = field.type else { continue }
                result += embedded(in: pointee).filter { !result.contains($0) }
            }
        }
        return result
    }

    /// Records a field's type embeds (arrays and typedefs of records; not guest handles or pointers).
    private static func embedded(in type: TypeRef) -> [String] {
        switch type {
        case .record(let name): [name]
        case .typedef(_, let underlying), .array(let underlying, _): embedded(in: underlying)
        default: []
        }
    }

    /// Whether two releases' records of one payload are laid out alike, field for field.
    private static func same(_ one: [Record], _ other: [Record]) -> Bool {
        one.map(\.name) == other.map(\.name) && one.map(\.size) == other.map(\.size)
            && RecordComparison.compare(one, other).isEmpty && RecordComparison.compare(other, one).isEmpty
    }
}
