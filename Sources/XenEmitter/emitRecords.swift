import XenIR

extension SwiftEmitter {
    /// Emits the record mirrors (one file per header), the typed commands (one file per request
    /// family), the support types and the layout checks of one target.
    /// - Parameters:
    ///   - interface: The target's IR.
    ///   - naming: Swift names, resolved over every target of the output.
    ///   - slot: Where a declaration's text goes: `.some(nil)` shared, `.some(i)` target `i`'s branch,
    ///     `nil` not rendered from this target (another target renders the shared text).
    /// - Returns: The files to render; empty when the interface has no records.
    /// - Throws: ``GeneratorDiagnostic`` when a record cannot be mirrored or two names collide.
    func recordJobs(
        _ interface: XenInterface, naming: RecordNaming, slot: (MergedInterface.Declaration) -> Int??
    ) throws -> [RenderJob] {
        guard !interface.records.isEmpty else { return [] }
        let records = Dictionary(interface.records.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var jobs: [RenderJob] = []

        struct Part: Hashable {
            var header: String
            var variant: Int?
        }
        var byPart: [Part: [RecordContext]] = [:]
        var partOrder: [Part] = []
        for record in interface.records {
            let root = record.root(in: records)
            guard let variant = slot(.record(root.name)) else { continue }
            let part = Part(header: root.file, variant: variant)
            if byPart[part] == nil { partOrder.append(part) }
            byPart[part, default: []].append(try makeRecordContext(record, records: records, naming: naming))
        }
        for part in partOrder {
            let context = RecordFileContext(header: part.header, records: byPart[part] ?? [])
            jobs.append(RenderJob(path: Self.recordFileName(part.header), template: "records", context: context,
                                  weight: context.records.reduce(0) { $0 + $1.members.count * 4 }, variant: part.variant))
        }

        if let variant = slot(.recordSupport) {
            jobs.append(RenderJob(path: "XenRecordSupport.swift", template: "record-support",
                                  context: try makeSupportContext(interface, naming: naming), variant: variant))
        }
        if let variant = slot(.recordLayout) {
            let layout = makeLayoutContext(interface, naming: naming)
            jobs.append(RenderJob(path: "XenRecordLayout.swift", template: "layout", context: layout,
                                  weight: layout.fieldCount + layout.recordCount * 8, variant: variant))
        }
        let hypercalls = Dictionary(interface.families.flatMap(\.definedOps).map { ($0.name, $0.number) }, uniquingKeysWith: { first, _ in first })
        for request in interface.requests {
            guard let family = interface.family(named: request.family), let variant = slot(.commands(request.family)) else { continue }
            let context = try makeCommandContext(request, family: family, records: records, naming: naming, hypercalls: hypercalls)
            jobs.append(RenderJob(path: context.commandType + ".swift", template: "commands", context: context, variant: variant))
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
                docLines: SwiftText.docCommentLines((cEnum.doc.map { [$0, ""] } ?? []) + ["`enum \(cEnum.name)` (\(cEnum.file):\(cEnum.line))."])
                    .map { " " + $0 },
                constants: cEnum.constants.map { constant in
                    .init(name: SwiftNaming.caseName(constant.name, prefix: prefix), cName: constant.name, value: String(constant.value),
                          doc: constant.doc.map { " " + SwiftText.lineComment($0) } ?? "")
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
                return .init(name: name, offset: field.offset, label: SwiftText.stringLiteral("\(record.name).\(field.name ?? name)"))
            }
            return LayoutContext.Entry(
                cName: record.name, cNameLiteral: SwiftText.stringLiteral(record.name), function: function, type: type,
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
