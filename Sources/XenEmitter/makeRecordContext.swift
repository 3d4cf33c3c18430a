import XenIR

extension SwiftEmitter {
    /// Builds the mirror of one record: stored fields at clang's offsets with explicit padding (tail
    /// padding too, since a Swift struct's size stops at its last field), unions as aligned storage with
    /// typed accessors, bitfields as bytes with accessors, and anonymous members with forwarding properties.
    /// - Parameters:
    ///   - record: The record.
    ///   - interface: The IR, to look up nested records.
    ///   - naming: Swift names.
    ///   - partial: The record's fields that some releases of the output lay out without (their docs say so).
    /// - Returns: The context.
    /// - Throws: ``GeneratorDiagnostic`` when the record cannot be mirrored exactly.
    func makeRecordContext(_ record: Record, records: [String: Record], naming: RecordNaming, partial: [PartialField] = [])
        throws -> RecordContext
    {
        let mapper = SwiftTypeMapper(naming: naming)
        let names = naming.fieldNames[record.name] ?? RecordNaming.storedNames(of: record)
        var members: [RecordContext.Member] = []
        for field in record.fields {
            if case .opaque(let spelling) = field.type {
                throw GeneratorDiagnostic(
                    .error, at: SourcePosition(file: record.file, line: field.line),
                    "field '\(field.name ?? "")' of '\(record.name)' has type '\(spelling)', which xen-swiftgen cannot mirror")
            }
        }
        if record.kind == .union {
            guard [1, 2, 4, 8].contains(record.alignment), record.size % record.alignment == 0 else {
                throw GeneratorDiagnostic(
                    .error, at: record.location,
                    "union '\(record.name)' has alignment \(record.alignment), which xen-swiftgen cannot mirror")
            }
            members.append(
                .init(
                    docLines: [" The union's bytes: \(record.size) bytes, aligned to \(record.alignment) like the C union."],
                    name: "_storage", type: "InlineArray<\(record.size / record.alignment), UInt\(record.alignment * 8)>",
                    zero: ".init(repeating: 0)", isPrivateStorage: true
                ))
            for (field, name) in zip(record.fields, names) where field.name != "" {
                members.append(
                    .init(docLines: fieldDoc(field), name: name, type: mapper.swiftType(field.type), zero: "", isUnionMember: true))
            }
        } else {
            let lacking = Dictionary(partial.map { ($0.cName, $0) }) { first, _ in first }
            members += try structMembers(record, names: names, mapper: mapper, records: records, lacking: lacking)
        }
        members += forwards(record, names: names, records: records, naming: naming, mapper: mapper)
        let typeName = naming.typeName(record.name)
        let parentTypeName = record.parent.map(naming.typeName) ?? ""
        return RecordContext(
            docLines: recordDoc(record), accessLevel: accessLevel,
            declName: record.isNested ? RecordNaming.nestedName(of: record) : typeName, parentTypeName: parentTypeName,
            isNested: record.isNested, indent: record.isNested ? "    " : "", members: members.everywhere(),
            conversion: conversion(of: record, records: records, naming: naming).map { [$0] } ?? []
        )
    }

    /// The stored members of a struct, with padding wherever clang leaves a gap.
    private func structMembers(
        _ record: Record, names: [String], mapper: SwiftTypeMapper, records: [String: Record], lacking: [String: PartialField]
    ) throws -> [RecordContext.Member] {
        var members: [RecordContext.Member] = []
        // The largest alignment among the stored members, which is the Swift struct's alignment.
        var alignment = 1
        var end = 0
        var paddingCount = 0
        var bitsCount = 0
        func pad(to offset: Int, line: Int) throws {
            guard offset >= end else {
                throw GeneratorDiagnostic(
                    .error, at: SourcePosition(file: record.file, line: line),
                    "'\(record.name)' has overlapping fields at offset \(offset); xen-swiftgen cannot mirror it")
            }
            guard offset > end else { return }
            members.append(
                .init(
                    docLines: [" \(offset - end) bytes of padding that C leaves here."], name: "_padding\(paddingCount)",
                    type: "InlineArray<\(offset - end), UInt8>", zero: ".init(repeating: 0)", isPrivateStorage: true
                ))
            paddingCount += 1
            end = offset
        }
        var index = 0
        while index < record.fields.count {
            let field = record.fields[index]
            guard field.isBitField else {
                // A flexible array member (`uint32_t optarr[]`) has no bytes in the record; Swift would
                // put a zero-sized property at offset 0, so it is described in the doc instead.
                guard field.size > 0 else {
                    index += 1
                    continue
                }
                try pad(to: field.offset, line: field.line)
                let typed = field.name.flatMap {
                    mapper.naming.constantFieldTypes[(record.releaseLayout?.stores ?? record.name) + "." + $0]
                }
                members.append(
                    .init(
                        docLines: fieldDoc(field, lacking: field.name.flatMap { lacking[$0] }), name: names[index],
                        type: typed ?? mapper.swiftType(field.type),
                        zero: mapper.zeroValue(field.type), isStored: true))
                alignment = max(alignment, Self.alignment(of: field, records: records))
                end = field.offset + field.size
                index += 1
                continue
            }
            var run = index
            while run < record.fields.count, record.fields[run].isBitField { run += 1 }
            let fields = record.fields[index..<run]
            let firstBit = fields.compactMap(\.bitOffset).min() ?? 0
            let endBit = fields.map { ($0.bitOffset ?? 0) + ($0.bitWidth ?? 0) }.max() ?? 0
            // Store the bits in units of the widest declared type of the run (so the record keeps C's
            // alignment: `uint8_t a:8; uint32_t b:19;` aligns to 4) when those units fit before the next
            // field; otherwise in bytes.
            let limit = run < record.fields.count ? record.fields[run].offset : record.size
            var unit = fields.map(\.size).max() ?? field.size
            var start = firstBit / 8
            if [1, 2, 4, 8].contains(unit), (firstBit / 8) % unit == 0 {
                let units = ((endBit + 7) / 8 - start + unit - 1) / unit
                if start + units * unit > limit { unit = 1 }
            } else {
                unit = 1
            }
            start = firstBit / 8 / unit * unit
            try pad(to: start, line: field.line)
            let storage = "_bits\(bitsCount)"
            bitsCount += 1
            let count = ((endBit + 7) / 8 - start + unit - 1) / unit
            let bytes = count * unit
            alignment = max(alignment, unit)
            members.append(
                .init(
                    docLines: [" Storage of the bitfields that follow, \(bytes) bytes."], name: storage,
                    type: "InlineArray<\(count), UInt\(unit * 8)>", zero: ".init(repeating: 0)", isPrivateStorage: true))
            for position in index..<run where record.fields[position].name?.isEmpty == false {
                let bitField = record.fields[position]
                var isSigned = false
                if case .integer(_, let signed) = bitField.type { isSigned = signed }
                members.append(
                    .init(
                        docLines: fieldDoc(bitField, lacking: bitField.name.flatMap { lacking[$0] }), name: names[position],
                        type: mapper.swiftType(bitField.type), zero: "",
                        isBitField: true, storage: storage, bitOffset: (bitField.bitOffset ?? 0) - start * 8,
                        bitWidth: bitField.bitWidth ?? 0, isSigned: isSigned
                    ))
            }
            end = start + bytes
            index = run
        }
        try pad(to: record.size, line: record.line)
        if alignment < record.alignment {
            // C's alignment comes from something Swift does not store (a flexible array member, an
            // alignment attribute), and a Swift struct cannot be given an alignment of its own.
            throw GeneratorDiagnostic(
                .error, at: record.location,
                "'\(record.name)' is aligned to \(record.alignment) by no field Swift can store (its widest stored field is aligned to \(alignment)); xen-swiftgen cannot mirror it exactly"
            )
        }
        return members
    }

    /// The alignment of a stored field's Swift type, which is C's alignment of the field's type.
    static func alignment(of field: RecordField, records: [String: Record]) -> Int {
        var type = field.type
        var count = 1
        while case .array(let element, let elements) = type {
            type = element
            count *= max(elements, 1)
        }
        while case .typedef(_, let underlying) = type { type = underlying }
        switch type {
        case .record(let name): return records[name]?.alignment ?? 1
        case .guestHandle, .pointer: return 8
        default: return max(field.size / count, 1)
        }
    }

    /// Properties that reach the fields of anonymous members from the parent, as C allows.
    private func forwards(
        _ record: Record, names: [String], records: [String: Record], naming: RecordNaming, mapper: SwiftTypeMapper
    ) -> [RecordContext.Member] {
        var taken = Set(names.map(SwiftNaming.bare))
        var result: [RecordContext.Member] = []
        for (field, name) in zip(record.fields, names) where field.name == nil {
            guard case .record(let nested) = field.type, let anonymous = records[nested] else { continue }
            for (forwarded, type) in visibleFields(of: anonymous, records: records, naming: naming, mapper: mapper)
            where taken.insert(SwiftNaming.bare(forwarded)).inserted {
                result.append(
                    .init(
                        docLines: [" `\(SwiftNaming.bare(forwarded))` of the anonymous member `\(name)`."],
                        name: forwarded, type: type, zero: "", isForward: true, via: name))
            }
        }
        return result
    }

    /// The names a C program can use on a record: its named fields and, through anonymous members, theirs.
    private func visibleFields(of record: Record, records: [String: Record], naming: RecordNaming, mapper: SwiftTypeMapper)
        -> [(String, String)]
    {
        let names = naming.fieldNames[record.name] ?? RecordNaming.storedNames(of: record)
        var result: [(String, String)] = []
        for (field, name) in zip(record.fields, names) {
            if field.name == nil {
                if case .record(let nested) = field.type, let anonymous = records[nested] {
                    result += visibleFields(of: anonymous, records: records, naming: naming, mapper: mapper)
                }
            } else if field.name?.isEmpty == false {
                result.append((name, mapper.swiftType(field.type)))
            }
        }
        return result
    }

    /// Doc lines of a record: the header's text, then the C declaration and its layout.
    private func recordDoc(_ record: Record) -> [String] {
        var lines = record.doc.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [""] } ?? []
        let what =
            record.isNested
            ? (record.member.map { "The \(record.kind.rawValue) of `\(record.parent ?? "").\($0)`" }
                ?? "An anonymous \(record.kind.rawValue) member of `\(record.parent ?? "")`")
            : "`\(record.kind.rawValue) \(record.name)`"
        lines.append("\(what) (\(record.file):\(record.line)): \(record.size) bytes, aligned to \(record.alignment).")
        for field in record.fields where field.size == 0 && record.kind == .struct {
            lines += [
                "",
                "The flexible array member `\(field.cType) \(field.name ?? "")` follows the record in memory; it is not part of the Swift value.",
            ]
        }
        return SwiftText.docCommentLines(lines).map { $0.isEmpty ? "" : " " + $0 }
    }

    /// Doc lines of a field: the header's text, then the C type and offset, then, for a field some
    /// releases lack, which ones and how to read it as an optional.
    private func fieldDoc(_ field: RecordField, lacking: PartialField? = nil) -> [String] {
        var lines = field.doc.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [""] } ?? []
        let bits = field.bitWidth.map { ", bits \(field.bitOffset ?? 0)..<\((field.bitOffset ?? 0) + $0)" } ?? ""
        lines.append("C: `\(field.cType) \(field.name ?? "")` at offset \(field.offset)\(bits).")
        if let lacking {
            let releases = lacking.releases.map(\.description)
            lines += [
                "",
                "Not in Xen \(Self.phrase(releases))'s layout of this record, where it reads as zero: read it as an optional through `XenReleased.\(lacking.name)` (a reply's `available`), `nil` on \(releases.count > 1 ? "those releases" : "that release").",
            ]
        }
        return SwiftText.docCommentLines(lines).map { $0.isEmpty ? "" : " " + $0 }
    }
}
