import XenIR

/// Merges the IRs of one header tree read for several targets: a declaration that is present and
/// equal (layouts, ops, doc text, source lines) in every target's IR is shared; any other is
/// emitted once per target that has it.
///
/// Runs after the checks (which see each target's IR on its own) and before the emitter.
public enum InterfaceMerge {
    /// Merges `variants`.
    /// - Parameter variants: The targets' IRs, in target order.
    /// - Returns: The merged interface.
    public static func merge(_ variants: [MergedInterface.Variant]) -> MergedInterface {
        let interfaces = variants.map(\.interface)
        guard let first = interfaces.first else { return MergedInterface(variants: [], shared: []) }
        var shared = Set<MergedInterface.Declaration>()
        // The op enum documents each op's payload binding, so a family is shared only with its binding.
        for family in first.families {
            let binding = first.requests.first { $0.family == family.name }
            guard interfaces.allSatisfy({ $0.family(named: family.name) == family && $0.requests.first { $0.family == family.name } == binding })
            else { continue }
            shared.insert(.family(family.name))
            if binding != nil { shared.insert(.commands(family.name)) }
        }
        let groups = interfaces.map(recordGroups)
        for (root, records) in groups[0] where groups.allSatisfy({ $0[root] == records }) {
            shared.insert(.record(root))
        }
        if interfaces.allSatisfy({ $0.enums == first.enums && typedefs(of: $0) == typedefs(of: first) }) {
            shared.insert(.recordSupport)
        }
        if interfaces.allSatisfy({ $0.records == first.records }) {
            shared.insert(.recordLayout)
        }
        // A group's text holds its members and the records its fields and parts name.
        for group in first.constantGroups {
            func members(_ interface: XenInterface) -> [XenConstant] { interface.constants.filter { $0.group == group.name } }
            let records = Set((group.fields ?? []).compactMap { $0.split(separator: ".").first.map(String.init) })
            // The group's text names only the carrying records and their fields, not their layout.
            func carriers(_ interface: XenInterface) -> [[String?]] {
                interface.records.filter { records.contains($0.name) }.map { [$0.name] + $0.fields.map(\.name) }
            }
            if interfaces.allSatisfy({ $0.constantGroups.contains(group) && members($0) == members(first) && carriers($0) == carriers(first) }) {
                shared.insert(.constants(group.name))
            }
        }
        return MergedInterface(variants: variants, shared: shared)
    }

    /// The records of an interface grouped under their top-level record, in IR order.
    /// - Parameter interface: An IR.
    /// - Returns: The records of each group by the top-level record's name.
    public static func recordGroups(_ interface: XenInterface) -> [String: [Record]] {
        let byName = Dictionary(interface.records.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var groups: [String: [Record]] = [:]
        for record in interface.records { groups[record.root(in: byName).name, default: []].append(record) }
        return groups
    }

    /// Every typedef the records' fields use, with its underlying type.
    private static func typedefs(of interface: XenInterface) -> Set<TypeRef> {
        var result = Set<TypeRef>()
        func collect(_ type: TypeRef) {
            switch type {
            case .typedef(_, let underlying):
                result.insert(type)
                collect(underlying)
            case .array(let element, _): collect(element)
            case .guestHandle(let pointee), .pointer(let pointee): collect(pointee)
            default: break
            }
        }
        for record in interface.records { record.fields.forEach { collect($0.type) } }
        return result
    }
}
