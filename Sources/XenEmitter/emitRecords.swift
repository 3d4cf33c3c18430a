import XenIR

extension SwiftEmitter {
    /// Emits the record mirrors (one file per header), the typed commands (one file per request
    /// family), the support types and the layout checks.
    /// - Parameter interface: The IR.
    /// - Returns: The files to render; empty when the interface has no records.
    /// - Throws: ``GeneratorDiagnostic`` when a record cannot be mirrored or two names collide.
    func recordJobs(_ interface: XenInterface) throws -> [RenderJob] {
        guard !interface.records.isEmpty else { return [] }
        let naming = RecordNaming(interface)
        let records = Dictionary(interface.records.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var jobs: [RenderJob] = []

        var byHeader: [String: [RecordContext]] = [:]
        var headerOrder: [String] = []
        for record in interface.records {
            var root = record
            while let parent = root.parent, let parentRecord = records[parent] { root = parentRecord }
            if byHeader[root.file] == nil { headerOrder.append(root.file) }
            byHeader[root.file, default: []].append(try makeRecordContext(record, records: records, naming: naming))
        }
        for header in headerOrder {
            let context = RecordFileContext(header: header, records: byHeader[header] ?? [])
            jobs.append(RenderJob(path: Self.recordFileName(header), template: "records", context: context,
                                  weight: context.records.reduce(0) { $0 + $1.members.count * 4 }))
        }

        jobs.append(RenderJob(path: "XenRecordSupport.swift", template: "record-support",
                              context: try makeSupportContext(interface, naming: naming)))
        let layout = makeLayoutContext(interface, naming: naming)
        jobs.append(RenderJob(path: "XenRecordLayout.swift", template: "layout", context: layout,
                              weight: layout.fieldCount + layout.recordCount * 8))
        for request in interface.requests {
            guard let family = interface.family(named: request.family) else { continue }
            let context = try makeCommandContext(request, family: family, records: records, naming: naming)
            jobs.append(RenderJob(path: context.commandType + ".swift", template: "commands", context: context))
        }
        return jobs
    }

    /// `arch-x86/xen-x86_64.h` → `ArchX86XenX8664Records.swift`.
    static func recordFileName(_ header: String) -> String {
        let stem = header.hasSuffix(".h") ? String(header.dropLast(2)) : header
        let words = stem.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + "Records.swift"
    }

    /// Typedefs and enums used by the records.
    private func makeSupportContext(_ interface: XenInterface, naming: RecordNaming) throws -> RecordSupportContext {
        let mapper = SwiftTypeMapper(naming: naming)
        var typedefs: [String: RecordSupportContext.Typedef] = [:]
        func collect(_ type: TypeRef) {
            switch type {
            case .typedef(let name, let underlying):
                typedefs[name] = .init(name: RecordNaming.typedefName(name), cName: name,
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
                docLines: ((cEnum.doc.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [""] } ?? [])
                    + ["`enum \(cEnum.name)` (\(cEnum.file):\(cEnum.line))."]).map { " " + $0 },
                constants: cEnum.constants.map { constant in
                    .init(name: SwiftNaming.caseName(constant.name, prefix: prefix), cName: constant.name, value: String(constant.value),
                          doc: constant.doc.map { " " + $0.replacingOccurrences(of: "\n", with: " ") } ?? "")
                }
            )
        }
        return RecordSupportContext(accessLevel: accessLevel, typedefs: typedefs.keys.sorted().compactMap { typedefs[$0] }, enums: enums)
    }

    /// The expected layout of every record, from clang.
    private func makeLayoutContext(_ interface: XenInterface, naming: RecordNaming) -> LayoutContext {
        var used = Set<String>()
        let entries = interface.records.map { record in
            let type = naming.typeName(record.name)
            var function = "check" + type.filter { $0 != "." }
            while !used.insert(function).inserted { function += "_" }
            let names = naming.fieldNames[record.name] ?? RecordNaming.storedNames(of: record)
            let fields = record.kind == .union ? [] : zip(record.fields, names).compactMap { field, name -> LayoutContext.Entry.Field? in
                guard !field.isBitField, field.size > 0 else { return nil }
                return .init(name: name, offset: field.offset, label: SwiftNaming.stringLiteral("\(record.name).\(field.name ?? name)"))
            }
            return LayoutContext.Entry(
                cName: record.name, cNameLiteral: SwiftNaming.stringLiteral(record.name), function: function, type: type,
                size: record.size, alignment: record.alignment, fields: fields
            )
        }
        return LayoutContext(
            accessLevel: accessLevel, target: interface.defines.joined(separator: " "), recordCount: entries.count,
            fieldCount: entries.reduce(0) { $0 + $1.fields.count }, records: entries
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
