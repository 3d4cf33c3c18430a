import XenIR

extension SwiftEmitter {
    /// Adds one target's record mirrors (one file per header), typed commands (one file per request
    /// family), support types and layout table to its output.
    /// - Parameters:
    ///   - interface: The target's IR.
    ///   - naming: Swift names, resolved over every target of the output.
    ///   - output: The target's output so far.
    /// - Throws: ``GeneratorDiagnostic`` when a record cannot be mirrored or two names collide.
    func addRecords(_ interface: XenInterface, naming: RecordNaming, to output: inout TargetOutput) throws {
        guard !interface.records.isEmpty else { return }
        let records = Dictionary(interface.records.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        // Fields some releases lay out without: documented in the record, optional through `XenReleased`.
        let partial = partialFields(records: records, naming: naming)
        for record in interface.records {
            let header = record.root(in: records).file
            let context = try makeRecordContext(
                record, records: records, naming: naming, partial: record.releaseLayout == nil ? partial[record.name] ?? [] : [])
            output.records[OutputFiles.records(header: header), default: RecordFileContext(header: header, records: [])]
                .records.append(Conditional(context))
        }
        // A payload with storage layouts for other releases picks one by the running release.
        let layouts = Dictionary(grouping: interface.records.filter { $0.releaseLayout?.isPayload == true }) { $0.parent ?? "" }
        for record in interface.records {
            guard let own = layouts[record.name] else { continue }
            let header = record.root(in: records).file
            output.records[OutputFiles.records(header: header), default: RecordFileContext(header: header, records: [])]
                .records.append(Conditional(releaseSwitchContext(for: record, layouts: own, naming: naming)))
        }
        for record in interface.records {
            guard let view = try releasedViewContext(for: record, partial: partial, records: records, naming: naming) else { continue }
            let header = record.root(in: records).file
            output.records[OutputFiles.records(header: header), default: RecordFileContext(header: header, records: [])]
                .records.append(Conditional(view))
        }
        output.recordSupport = try makeSupportContext(interface, naming: naming)
        output.layout = makeLayoutContext(interface, naming: naming)
        let hypercalls = Dictionary(
            interface.families.flatMap(\.definedOps).map { ($0.name, $0.number) }, uniquingKeysWith: { first, _ in first })
        for request in interface.requests {
            guard let family = interface.family(named: request.family) else { continue }
            let context = try makeCommandContext(request, family: family, records: records, naming: naming, hypercalls: hypercalls)
            output.commands[OutputFiles.commands(context.commandType)] = context
        }
    }

    /// Typedefs and enums used by the records.
    private func makeSupportContext(_ interface: XenInterface, naming: RecordNaming) throws -> RecordSupportContext {
        let mapper = SwiftTypeMapper(naming: naming)
        var typedefs: [String: RecordSupportContext.Typedef] = [:]
        func collect(_ type: TypeRef) {
            switch type {
            case .typedef(let name, let underlying):
                typedefs[name] = .init(
                    name: RecordNaming.typedefName(name), cName: name,
                    cType: Self.cDescription(underlying), type: mapper.swiftType(underlying))
                collect(underlying)
            case .array(let element, _): collect(element)
            case .guestHandle(let pointee), .pointer(let pointee): collect(pointee)
            default: break
            }
        }
        for record in interface.records { record.fields.forEach { collect($0.type) } }
        let recordNames = Set(naming.typeNames.values)
        for typedef in typedefs.values where recordNames.contains(typedef.name) {
            throw GeneratorDiagnostic(.error, at: nil, "typedef '\(typedef.cName)' and a record both become Swift type '\(typedef.name)'")
        }
        let enums = interface.enums.map { cEnum in
            let prefix = Self.commonPrefix(cEnum.constants.map(\.name))
            return RecordSupportContext.Enum(
                name: naming.enumNames[cEnum.name] ?? RecordNaming.upperCamel(cEnum.name), rawType: mapper.swiftType(cEnum.integerType),
                docLines: SwiftText.docCommentLines(
                    (cEnum.doc.map { [$0, ""] } ?? []) + ["`enum \(cEnum.name)` (\(cEnum.file):\(cEnum.line))."]
                )
                .map { " " + $0 },
                constants: cEnum.constants.map { constant in
                    .init(
                        name: SwiftNaming.caseName(constant.name, prefix: prefix), cName: constant.name, value: String(constant.value),
                        doc: constant.doc.map { " " + SwiftText.lineComment($0) } ?? "")
                }
            )
        }
        return RecordSupportContext(
            accessLevel: accessLevel, typedefs: typedefs.keys.sorted().compactMap { typedefs[$0] }.everywhere(),
            enums: enums.everywhere())
    }

    /// The expected layout of every record, from clang.
    private func makeLayoutContext(_ interface: XenInterface, naming: RecordNaming) -> LayoutContext {
        var used = Set<String>()
        let entries = interface.records.map { record in
            let type = naming.typeName(record.name)
            var function = "check" + type.filter { $0 != "." }
            while !used.insert(function).inserted { function += "_" }
            let names = naming.fieldNames[record.name] ?? RecordNaming.storedNames(of: record)
            let fields =
                record.kind == .union
                ? []
                : zip(record.fields, names).compactMap { field, name -> LayoutContext.Entry.Field? in
                    guard !field.isBitField, field.size > 0 else { return nil }
                    return .init(name: name, offset: field.offset, label: SwiftText.stringLiteral("\(record.name).\(field.name ?? name)"))
                }
            return LayoutContext.Entry(
                cName: record.name, cNameLiteral: SwiftText.stringLiteral(record.name), function: function, type: type,
                size: record.size, alignment: record.alignment, fields: fields
            )
        }
        return LayoutContext(
            accessLevel: accessLevel, target: interface.defines.joined(separator: " "),
            counts: [Conditional(LayoutContext.Counts(recordCount: entries.count, fieldCount: entries.reduce(0) { $0 + $1.fields.count }))],
            records: entries.everywhere()
        )
    }

    /// A short C description of a typedef's underlying type.
    private static func cDescription(_ type: TypeRef) -> String {
        switch type {
        case .integer(let bits, let signed): return "\(signed ? "" : "u")int\(bits)_t"
        case .typedef(let name, _): return name
        case .enumeration(let name): return "enum \(name)"
        case .bool: return "_Bool"
        default: return "\(type)"
        }
    }

    /// The longest common prefix of enumerator names, cut after an underscore.
    private static func commonPrefix(_ names: [String]) -> String {
        guard var prefix = names.first, names.count > 1 else { return "" }
        for name in names.dropFirst() {
            while !name.hasPrefix(prefix) { prefix.removeLast() }
        }
        while let last = prefix.last, last != "_" { prefix.removeLast() }
        return prefix
    }
}
