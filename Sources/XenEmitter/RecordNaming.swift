import XenIR

/// Swift names for the records, enums and typedefs of an interface, and for their stored properties.
///
/// Public so that tests can find the Swift side of a C record without guessing the naming rule.
/// Tags become UpperCamelCase (`xen_domctl_getdomaininfo` → `XenDomctlGetdomaininfo`), an untagged
/// record is nested in its parent under its member's name (`xen_domctl.u` → `XenDomctl.U`) or as
/// `AnonymousN`, typedefs lose their `_t` (`domid_t` → `Domid`), fields become lowerCamelCase.
public struct RecordNaming: Sendable {
    /// Swift type name (qualified for nested records) by record name.
    public private(set) var typeNames: [String: String] = [:]
    /// Stored-property names by record name, one per field (anonymous members get `_anonymousN`).
    public private(set) var fieldNames: [String: [String]] = [:]
    /// Swift type name by enum name.
    public private(set) var enumNames: [String: String] = [:]
    /// The constant group type of a field that the constant table types (`XenDomainInfoFlags`), by
    /// `record.field` (C names).
    public private(set) var constantFieldTypes: [String: String] = [:]
    /// Unqualified names of top-level records, after collisions are resolved.
    private var topLevelNames: [String: String] = [:]
    /// C field names by record name, in the order of ``fieldNames``.
    private var cFieldNames: [String: [String?]] = [:]

    /// Types of the generated support files, which records must not shadow.
    static let supportTypeNames = ["XenOperation", "XenGuestHandle64", "XenNoPayload", "XenRecordLayout"]

    /// The typed-command type of a family, such as `DomctlCommand` for `domctl` and `VCPUCommand` for `vcpu`.
    /// - Parameter family: The family name.
    /// - Returns: The Swift type name.
    public static func commandTypeName(family: String) -> String {
        upperCamel(family) + "Command"
    }

    /// Names every record and enum of `interface`.
    /// - Parameters:
    ///   - interface: The IR.
    ///   - module: Every IR whose declarations share the Swift module (one per target of a merged
    ///     output, `interface` among them); top-level names are resolved over all of them, so a record
    ///     has the same Swift name on every target. Empty for `interface` alone.
    public init(_ interface: XenInterface, module: [XenInterface] = []) {
        let byName = Dictionary(interface.records.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let all = module.isEmpty ? [interface] : module
        // Top-level names share the module with the op enums and the support types: a record whose
        // name is taken gets a `Record` suffix (`struct physdev_op` → `PhysdevOpRecord`).
        var taken = Set(Self.supportTypeNames + all.flatMap(\.constantGroups).map(\.swiftName))
        for family in all.flatMap(\.families) {
            taken.formUnion([family.swiftName, family.swiftName + "NumberGuard", Self.commandTypeName(family: family.name)])
        }
        var seen = Set<String>()
        for record in all.flatMap(\.records) where !record.isNested && seen.insert(record.name).inserted {
            var name = Self.upperCamel(record.name)
            if taken.contains(name) { name += "Record" }
            while taken.contains(name) { name += "_" }
            taken.insert(name)
            topLevelNames[record.name] = name
        }
        for record in interface.records {
            typeNames[record.name] = typeName(of: record, records: byName)
            fieldNames[record.name] = Self.storedNames(of: record)
            cFieldNames[record.name] = record.fields.map(\.name)
        }
        for group in interface.constantGroups {
            for field in group.fields ?? [] { constantFieldTypes[field] = group.swiftName }
        }
        for cEnum in interface.enums { enumNames[cEnum.name] = Self.upperCamel(cEnum.name) }
    }

    /// The Swift name of the record `name`, or the tag in UpperCamelCase when it is unknown.
    /// - Parameter name: A ``Record/name``.
    /// - Returns: The qualified Swift type name.
    public func typeName(_ name: String) -> String {
        typeNames[name] ?? Self.upperCamel(name)
    }

    /// The Swift property of a record's field.
    /// - Parameters:
    ///   - record: A ``Record/name``.
    ///   - field: The field's C name.
    /// - Returns: The stored property's name, or `nil` when the record or field is unknown.
    public func fieldName(record: String, field: String) -> String? {
        guard let index = cFieldNames[record]?.firstIndex(of: field) else { return nil }
        return fieldNames[record]?[index]
    }

    /// The name a nested record is declared under inside its parent (`U`, `Anonymous0`).
    /// - Parameter record: A nested record.
    /// - Returns: The unqualified name.
    public static func nestedName(of record: Record) -> String {
        // A payload's storage layout is named after the oldest release that has it: `Layout4_16`.
        if let layout = record.releaseLayout, layout.isPayload, let oldest = layout.releases.first {
            return "Layout\(oldest.major)_\(oldest.minor)"
        }
        if let member = record.member { return upperCamel(member) }
        let index = record.name.split(separator: " ").last.map { $0.filter(\.isNumber) } ?? "0"
        return "Anonymous" + index
    }

    /// The Swift name of a typedef such as `domid_t` (`Domid`).
    /// - Parameter name: The C typedef name.
    /// - Returns: The Swift type name.
    public static func typedefName(_ name: String) -> String {
        upperCamel(name.hasSuffix("_t") ? String(name.dropLast(2)) : name)
    }

    /// `snake_case` → `UpperCamelCase` by ``AcronymCasing``; a name that cannot start a Swift
    /// identifier gets a leading `X_`.
    /// - Parameter name: A C identifier.
    /// - Returns: The Swift type name.
    public static func upperCamel(_ name: String) -> String {
        var result = AcronymCasing.typeName(name)
        if result.first?.isNumber ?? true { result = "X_" + result }
        // `Outer.Type` and `Outer.Protocol` would name a metatype, not a nested record.
        return ["Type", "Protocol", "Self", "Any"].contains(result) ? result + "Record" : result
    }

    /// Stored-property names of a record's fields: lowerCamelCase, the C name when that collides,
    /// `_anonymousN` for anonymous members.
    /// - Parameter record: The record.
    /// - Returns: One name per field, in order.
    public static func storedNames(of record: Record) -> [String] {
        var used = Set<String>()
        var anonymous = 0
        return record.fields.map { field in
            guard let cName = field.name else {
                defer { anonymous += 1 }
                return "_anonymous\(anonymous)"
            }
            var name = SwiftNaming.caseName(cName, prefix: "")
            if used.contains(SwiftNaming.bare(name)) { name = cName }
            while used.contains(SwiftNaming.bare(name)) { name += "_" }
            used.insert(SwiftNaming.bare(name))
            return name
        }
    }

    /// The qualified name of a record: nested records are qualified by their parent's name.
    private func typeName(of record: Record, records: [String: Record]) -> String {
        guard let parent = record.parent, let parentRecord = records[parent] else {
            return topLevelNames[record.name] ?? Self.upperCamel(record.name)
        }
        return typeName(of: parentRecord, records: records) + "." + Self.nestedName(of: record)
    }
}
