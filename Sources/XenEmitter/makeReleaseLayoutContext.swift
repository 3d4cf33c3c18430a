import XenIR

extension SwiftEmitter {
    /// The conversions of a storage layout (``ReleaseLayout``) to and from the record it stores: a field
    /// both have is copied (through the nested layout's own conversion when it is a storage layout
    /// too); a field of the stored record that the layout lacks must be zero when the payload is sent
    /// on the layout's releases, else the op throws `fieldUnavailableOnRelease` and sends nothing.
    /// - Parameters:
    ///   - layout: A record of the output.
    ///   - records: The IR's records, by name.
    ///   - naming: Swift names.
    /// - Returns: The conversions, or `nil` when `layout` is no storage layout of a struct the output has.
    func conversion(of layout: Record, records: [String: Record], naming: RecordNaming) -> RecordContext.Conversion? {
        guard let stored = layout.releaseLayout, let name = stored.stores, let payload = records[name],
            payload.kind == .struct, layout.kind == .struct
        else { return nil }
        let mapper = SwiftTypeMapper(naming: naming)
        let layoutNames = naming.fieldNames[layout.name] ?? RecordNaming.storedNames(of: layout)
        let payloadNames = naming.fieldNames[payload.name] ?? RecordNaming.storedNames(of: payload)
        func swiftType(_ field: RecordField, of record: Record) -> String {
            field.name.flatMap { naming.constantFieldTypes[(record.releaseLayout?.stores ?? record.name) + "." + $0] }
                ?? mapper.swiftType(field.type)
        }
        // Anonymous members pair up in order; named ones by name.
        let layoutAnonymous = zip(layout.fields, layoutNames).filter { $0.0.name == nil }
        var anonymousIndex = 0
        var store: [String] = []
        var load: [String] = []
        for (field, payloadName) in zip(payload.fields, payloadNames) where field.size > 0 && field.name != "" {
            let match: (RecordField, String)?
            if field.name == nil {
                match = anonymousIndex < layoutAnonymous.count ? layoutAnonymous[anonymousIndex] : nil
                anonymousIndex += 1
            } else {
                match = zip(layout.fields, layoutNames).first { $0.0.name == field.name && $0.0.size > 0 }
            }
            let label = SwiftText.stringLiteral(field.name ?? payloadName)
            guard let match else {
                store.append(
                    "if !xenIsZero(payload.\(payloadName)) { throw .fieldUnavailableOnRelease(field: \(label), operation: operation, running: release) }"
                )
                continue
            }
            let (own, ownName) = match
            let payloadType = swiftType(field, of: payload), ownType = swiftType(own, of: layout)
            if payloadType == ownType {
                store.append("self.\(ownName) = payload.\(payloadName)")
                load.append("value.\(payloadName) = \(ownName)")
            } else if case .record(let nested) = own.type, case .record(let payloadNested) = field.type,
                records[nested]?.releaseLayout?.stores == payloadNested,
                conversion(of: records[nested] ?? layout, records: records, naming: naming) != nil
            {
                store.append("self.\(ownName) = try .init(payload.\(payloadName), operation: operation, release: release)")
                load.append("value.\(payloadName) = \(ownName).payload")
            } else if own.size == field.size, !own.isBitField, !field.isBitField, Self.unprefixed(own.type) == field.type {
                store.append("self.\(ownName) = xenBitCast(payload.\(payloadName), to: \(ownType).self)")
                load.append("value.\(payloadName) = xenBitCast(\(ownName), to: \(payloadType).self)")
            } else {
                store.append(
                    "if !xenIsZero(payload.\(payloadName)) { throw .fieldUnavailableOnRelease(field: \(label), operation: operation, running: release) }"
                )
            }
        }
        return RecordContext.Conversion(
            payloadType: naming.typeName(payload.name), releases: stored.releases.map(\.description).joined(separator: ", "),
            storeLines: store, loadLines: load
        )
    }

    /// The release switch of a payload record with storage layouts: one case per layout, listing its releases.
    /// - Parameters:
    ///   - payload: The payload record.
    ///   - layouts: Its payload storage layouts.
    ///   - naming: Swift names.
    /// - Returns: The context (a record entry whose members are the cases).
    func releaseSwitchContext(for payload: Record, layouts: [Record], naming: RecordNaming) -> RecordContext {
        let cases = layouts.compactMap { layout -> RecordContext.Member? in
            guard let releases = layout.releaseLayout?.releases else { return nil }
            return .init(
                docLines: [], name: "", type: naming.typeName(layout.name), zero: "",
                patterns: releases.map { "(\($0.major), \($0.minor))" }.joined(separator: ", "))
        }
        return RecordContext(
            docLines: [], accessLevel: accessLevel, declName: naming.typeName(payload.name), parentTypeName: "", isNested: false,
            indent: "", members: cases.everywhere(), isLayoutSwitch: true
        )
    }

    /// A type with the storage-layout prefix taken off the record names it refers to.
    private static func unprefixed(_ type: TypeRef) -> TypeRef {
        switch type {
        case .record(let name):
            guard name.hasPrefix("layout "), let space = name.dropFirst("layout ".count).firstIndex(of: " ") else { return type }
            return .record(name: String(name[name.index(after: space)...]))
        case .typedef(let name, let underlying): return .typedef(name: name, underlying: unprefixed(underlying))
        case .array(let element, let count): return .array(element: unprefixed(element), count: count)
        default: return type
        }
    }
}
