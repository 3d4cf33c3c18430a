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
        pairing(of: layout, records: records, naming: naming)?.conversion
    }

    /// A storage layout's conversions, and the fields of the record it stores that the layout lacks
    /// (those its conversion may send only as zero and reads back as zero).
    /// - Parameters:
    ///   - layout: A record of the output.
    ///   - records: The IR's records, by name.
    ///   - naming: Swift names.
    /// - Returns: The conversions and the lacking fields, or `nil` when `layout` is no storage layout of a struct the output has.
    private func pairing(of layout: Record, records: [String: Record], naming: RecordNaming)
        -> (conversion: RecordContext.Conversion, lacking: [PartialField])?
    {
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
        var lacking: [PartialField] = []
        func lack(_ field: RecordField, _ payloadName: String) {
            guard let cName = field.name else { return }
            lacking.append(
                PartialField(cName: cName, name: payloadName, type: swiftType(field, of: payload), releases: stored.releases))
        }
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
                lack(field, payloadName)
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
                lack(field, payloadName)
            }
        }
        let conversion = RecordContext.Conversion(
            payloadType: naming.typeName(payload.name), releases: stored.releases.map(\.description).joined(separator: ", "),
            storeLines: store, loadLines: load
        )
        return (conversion, lacking)
    }

    /// The fields that some releases of the output lay out without, per record of the output: a field
    /// of record X is lacking on the releases of every storage layout of X whose conversion has no
    /// place for it (the per-release availability of the record's members, read off its layouts).
    /// - Parameters:
    ///   - records: The IR's records, by name.
    ///   - naming: Swift names.
    /// - Returns: By record C name, its partial fields in declaration order, each with the releases lacking it.
    func partialFields(records: [String: Record], naming: RecordNaming) -> [String: [PartialField]] {
        var result: [String: [PartialField]] = [:]
        for layout in records.values.sorted(by: { $0.name < $1.name }) {
            guard let stores = layout.releaseLayout?.stores, let lacking = pairing(of: layout, records: records, naming: naming)?.lacking
            else { continue }
            var fields = result[stores] ?? []
            for field in lacking {
                if let index = fields.firstIndex(where: { $0.cName == field.cName }) {
                    fields[index].releases = Array(Set(fields[index].releases + field.releases)).sorted()
                } else {
                    fields.append(field)
                }
            }
            result[stores] = fields
        }
        for (name, fields) in result {
            let order = records[name]?.fields.compactMap(\.name) ?? []
            result[name] = fields.sorted { (order.firstIndex(of: $0.cName) ?? 0) < (order.firstIndex(of: $1.cName) ?? 0) }
        }
        return result
    }

    /// The accessors of `XenReleased<Record>` for one record: its partial fields as optionals, and its
    /// nested records that have partial fields (or nest some) as views; `nil` when it has neither.
    /// - Parameters:
    ///   - record: A record of the output (not a storage layout).
    ///   - partial: ``partialFields(records:naming:)``.
    ///   - records: The IR's records, by name.
    ///   - naming: Swift names.
    /// - Returns: The context (a record entry whose members are the accessors).
    /// - Throws: ``GeneratorDiagnostic`` when a partial field's name is one of the view's own members.
    func releasedViewContext(for record: Record, partial: [String: [PartialField]], records: [String: Record], naming: RecordNaming)
        throws -> RecordContext?
    {
        guard record.releaseLayout == nil, record.kind == .struct else { return nil }
        let names = naming.fieldNames[record.name] ?? RecordNaming.storedNames(of: record)
        var members: [RecordContext.Member] = []
        let own = Dictionary((partial[record.name] ?? []).map { ($0.cName, $0) }) { first, _ in first }
        for (field, name) in zip(record.fields, names) where field.name?.isEmpty == false && field.size > 0 {
            if let lacking = own[field.name ?? ""] {
                guard !Self.releasedViewMembers.contains(SwiftNaming.bare(name)) else {
                    throw GeneratorDiagnostic(
                        .error, at: SourcePosition(file: record.file, line: field.line),
                        "field '\(field.name ?? "")' of '\(record.name)' is lacking on some releases, and its Swift name '\(name)' is a member of XenReleased; rename it in the config's names"
                    )
                }
                let list = lacking.releases.map(\.description)
                members.append(
                    .init(
                        docLines: SwiftText.docCommentLines([
                            "`\(field.name ?? "")`, or `nil` on Xen \(Self.phrase(list)), whose layout of `\(record.name)` lacks it."
                        ]).map { " " + $0 },
                        name: name, type: lacking.type, zero: "",
                        patterns: lacking.releases.map { "XenRelease(\($0.major), \($0.minor))" }.joined(separator: ", "),
                        isOptionalField: true))
            } else if let nested = Self.embeddedRecord(field.type), let nestedRecord = records[nested],
                hasReleasedView(nestedRecord, partial: partial, records: records)
            {
                guard !Self.releasedViewMembers.contains(SwiftNaming.bare(name)) else { continue }
                members.append(
                    .init(
                        docLines: SwiftText.docCommentLines(["`\(field.name ?? "")` as a view on the same release."]).map { " " + $0 },
                        name: name,
                        type: naming.typeName(nested), zero: "", isNestedView: true))
            }
        }
        guard !members.isEmpty else { return nil }
        return RecordContext(
            docLines: [], accessLevel: accessLevel, declName: naming.typeName(record.name), parentTypeName: "", isNested: false,
            indent: "", members: members.everywhere(), isReleasedView: true
        )
    }

    /// The members `XenReleased` declares itself, which a generated accessor must not redeclare.
    private static let releasedViewMembers: Set<String> = ["record", "release", "field", "nested"]

    /// Whether `record` gets a `XenReleased` view: it has partial fields or embeds a record that does.
    private func hasReleasedView(_ record: Record, partial: [String: [PartialField]], records: [String: Record]) -> Bool {
        guard record.releaseLayout == nil, record.kind == .struct else { return false }
        if partial[record.name]?.isEmpty == false { return true }
        return record.fields.contains { field in
            guard field.name?.isEmpty == false, let nested = Self.embeddedRecord(field.type), let nestedRecord = records[nested] else {
                return false
            }
            return hasReleasedView(nestedRecord, partial: partial, records: records)
        }
    }

    /// The record a field's type is (through typedefs), not an array of.
    private static func embeddedRecord(_ type: TypeRef) -> String? {
        switch type {
        case .record(let name): name
        case .typedef(_, let underlying): embeddedRecord(underlying)
        default: nil
        }
    }

    /// `4.16`, `4.16 and 4.17`, `4.16, 4.17 and 4.18`.
    static func phrase(_ items: [String]) -> String {
        items.count > 1 ? items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "") : items.joined()
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

/// A field of a record that the layouts of some releases of the output lack.
struct PartialField: Equatable {
    /// The field's C name.
    var cName: String
    /// Its Swift name in the record.
    var name: String
    /// Its Swift type in the record.
    var type: String
    /// The releases whose layout lacks it, oldest first.
    var releases: [ReleaseVersion]
}
