import XenIR

extension SwiftEmitter {
    /// The Swift integer types a constant group can have, with the range of each.
    static let constantRawTypes: [String: (minimum: Int64, maximum: UInt64)] = [
        "UInt8": (0, UInt64(UInt8.max)), "UInt16": (0, UInt64(UInt16.max)), "UInt32": (0, UInt64(UInt32.max)), "UInt64": (0, UInt64.max),
        "Int8": (Int64(Int8.min), UInt64(Int8.max)), "Int16": (Int64(Int16.min), UInt64(Int16.max)),
        "Int32": (Int64(Int32.min), UInt64(Int32.max)), "Int64": (Int64.min, UInt64(Int64.max)),
    ]

    /// Builds the template context of one constant group.
    /// - Parameters:
    ///   - group: The table row.
    ///   - interface: The IR holding the group's constants and the records its fields belong to.
    ///   - naming: The Swift names of the records.
    /// - Returns: The context.
    /// - Throws: ``GeneratorDiagnostic`` when a name is no identifier, the raw type is unknown, a value
    ///   does not fit it, two macros become one Swift name, or a part names a macro the headers lack.
    func makeConstantGroupContext(_ group: ConstantGroup, interface: XenInterface, naming: RecordNaming) throws -> ConstantGroupContext {
        guard let range = Self.constantRawTypes[group.rawType] else {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "constant group '\(SwiftText.lineComment(group.name))' has the raw type "
                    + "'\(SwiftText.lineComment(group.rawType))'; it must be one of \(Self.constantRawTypes.keys.sorted().joined(separator: ", "))"
            )
        }
        let names = [group.swiftName] + (group.parts ?? []).flatMap { [$0.name, $0.type] }
        for name in names where !SwiftText.isASCIIIdentifier(name) {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "constant group '\(SwiftText.lineComment(group.name))' names '\(SwiftText.lineComment(name))', which is no identifier")
        }
        let constants = interface.constants.filter { $0.group == group.name }
        var members: [ConstantGroupContext.Member] = []
        var taken: [String: String] = [:]
        for constant in constants {
            guard let stem = group.memberName(of: constant.name) else { continue }
            let position = SourcePosition(file: constant.file, line: constant.line)
            guard SwiftText.isASCIIIdentifier(constant.name), SwiftText.isASCIIIdentifier(stem) else {
                throw GeneratorDiagnostic(
                    .error, at: position,
                    "'\(SwiftText.lineComment(constant.name))' is not an ASCII C identifier; constants become Swift names")
            }
            let name = SwiftNaming.caseName(stem, prefix: "")
            if let other = taken[name] {
                throw GeneratorDiagnostic(
                    .error, at: position,
                    "\(constant.name) and \(other) both become \(group.swiftName).\(SwiftNaming.bare(name)); name one in the group's 'members'"
                )
            }
            taken[name] = constant.name
            members.append(
                ConstantGroupContext.Member(
                    docLines: constantDocLines(constant), name: name, cName: constant.name,
                    literal: try literal(constant, fitting: range, rawType: group.rawType, at: position)
                ))
        }
        let byName = Dictionary(constants.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        // A part reads into a group of its own; without that group (its header not read: `sched.h` for
        // a domctl-only output) the part is left out and its shift and mask stay plain members.
        let groupTypes = Set(interface.constantGroups.map(\.swiftName))
        let readableParts = (group.parts ?? []).filter { groupTypes.contains($0.type) }
        var partConstants: [ConstantGroupContext.PartConstant] = []
        var partNames: [String: String] = [:]
        for macro in (group.parts ?? []).flatMap({ [$0.shift, $0.mask] }) where partNames[macro] == nil {
            guard let constant = byName[macro] else {
                throw GeneratorDiagnostic(
                    .error, at: nil,
                    "constant group '\(SwiftText.lineComment(group.name))' names \(SwiftText.lineComment(macro)) in a part, "
                        + "which \(SwiftText.lineComment(group.header)) does not define as a value")
            }
            let position = SourcePosition(file: constant.file, line: constant.line)
            guard SwiftText.isASCIIIdentifier(constant.name) else {
                throw GeneratorDiagnostic(
                    .error, at: position,
                    "'\(SwiftText.lineComment(constant.name))' is not an ASCII C identifier; constants become Swift names")
            }
            let name = SwiftNaming.caseName(constant.name, prefix: group.prefix ?? "")
            if let other = taken[name] {
                throw GeneratorDiagnostic(
                    .error, at: position, "\(constant.name) and \(other) both become \(group.swiftName).\(SwiftNaming.bare(name))")
            }
            taken[name] = constant.name
            partNames[macro] = name
            partConstants.append(
                ConstantGroupContext.PartConstant(
                    docLines: constantDocLines(constant), name: name,
                    literal: try literal(constant, fitting: range, rawType: group.rawType, at: position)
                ))
        }
        var records: [ConstantGroupContext.RecordParts] = []
        for field in group.fields ?? [] {
            guard let (record, fieldName) = Self.recordField(field), let swiftField = naming.fieldName(record: record, field: fieldName),
                let typeName = naming.typeNames[record]
            else { continue }
            let parts = readableParts.map { part in
                ConstantGroupContext.Part(
                    name: part.name, type: part.type, field: swiftField,
                    shift: group.swiftName + "." + (partNames[part.shift] ?? ""), mask: group.swiftName + "." + (partNames[part.mask] ?? "")
                )
            }
            records.append(ConstantGroupContext.RecordParts(typeName: typeName, parts: parts.everywhere()))
        }
        let typedFields = (group.fields ?? []).filter { Self.recordField($0).map { naming.typeNames[$0.record] != nil } ?? false }
        let source =
            group.prefix.map { "`\(SwiftText.lineComment($0))*`" }
            ?? members.map { "`\($0.cName)`" }.joined(separator: ", ")
        return ConstantGroupContext(
            accessLevel: accessLevel, header: SwiftText.lineComment(group.header), typeName: group.swiftName, rawType: group.rawType,
            summaryLines: group.summary.map { SwiftText.docCommentLines($0) } ?? [], hasSummary: !(group.summary ?? "").isEmpty,
            isFlags: group.kind == .flags, isValues: group.kind == .values, source: source,
            fieldLines: typedFields.isEmpty
                ? [] : ["", " The type of \(typedFields.map { "`\(SwiftText.lineComment($0))`" }.joined(separator: ", "))."],
            members: members.everywhere(), partConstants: partConstants.everywhere(),
            records: records.filter { !$0.parts.isEmpty }.everywhere()
        )
    }

    /// `record.field` split at its last dot.
    static func recordField(_ text: String) -> (record: String, field: String)? {
        guard let dot = text.lastIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex else { return nil }
        return (String(text[..<dot]), String(text[text.index(after: dot)...]))
    }

    /// A constant's value as a Swift literal of `rawType`.
    private func literal(
        _ constant: XenConstant, fitting range: (minimum: Int64, maximum: UInt64), rawType: String, at position: SourcePosition
    )
        throws -> String
    {
        switch constant.value {
        case .unsigned(let value) where value <= range.maximum: break
        case .negative(let value) where value >= range.minimum: break
        default:
            throw GeneratorDiagnostic(.error, at: position, "\(constant.name) does not fit its group's raw type \(rawType)")
        }
        return Self.constantLiteral(constant.value)
    }

    /// A constant's value as a Swift literal: hexadecimal above 9, a string literal for a string.
    static func constantLiteral(_ value: XenConstant.Value) -> String {
        switch value {
        case .unsigned(let number): SwiftNaming.integerLiteral(number, hex: number > 9)
        case .negative(let number): String(number)
        case .string(let text): SwiftText.stringLiteral(text)
        }
    }

    /// The doc comment of a constant: its C name, value and place, the releases of the set that define
    /// it or give it other values, then the header's comment.
    /// - Parameters:
    ///   - constant: The constant.
    ///   - perRelease: The member that gives its value per release (`name(on:)`), when one is emitted.
    func constantDocLines(_ constant: XenConstant, perRelease: String? = nil) -> [String] {
        let place = "\(SwiftText.lineComment(constant.file)):\(constant.line)"
        var lines: [String]
        switch constant.value {
        case .unsigned(let number): lines = [" `\(constant.name)` (\(number)), \(place)."]
        case .negative(let number): lines = [" `\(constant.name)` (\(number)), \(place)."]
        case .string: lines = [" `\(constant.name)`, \(place)."]
        }
        if let releases = constant.releases {
            lines += ["", " Defined in Xen \(Self.releaseList(releases)) only, of the releases these bindings serve."]
        }
        if let values = constant.releaseValues {
            let text = Self.releaseRuns(values).map {
                "`\(SwiftText.lineComment(Self.constantLiteral($0.value)))` in \(Self.releaseList($0.releases))"
            }
            lines += [
                "",
                " Its value differs between releases: \(text.joined(separator: "; ")). This member has the newest"
                    + (perRelease.map { "; `\($0)` gives a release's." } ?? "."),
            ]
        }
        if let doc = constant.doc {
            lines += [""] + SwiftText.docCommentLines(doc).map { $0.isEmpty ? "" : " " + $0 }
        }
        return lines
    }

    /// The releases of a constant grouped by value, in order of the first release with each value.
    static func releaseRuns(_ values: [ReleaseConstantValue]) -> [(value: XenConstant.Value, releases: [ReleaseVersion])] {
        var runs: [(value: XenConstant.Value, releases: [ReleaseVersion])] = []
        for entry in values {
            if let index = runs.firstIndex(where: { $0.value == entry.value }) {
                runs[index].releases.append(entry.release)
            } else {
                runs.append((entry.value, [entry.release]))
            }
        }
        return runs
    }

    /// `4.16, 4.17 and 4.18`.
    static func releaseList(_ releases: [ReleaseVersion]) -> String {
        let names = releases.map(\.description)
        return names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "") : names.joined()
    }
}
