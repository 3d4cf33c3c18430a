import XenIR

extension SwiftEmitter {
    /// Builds the typed commands of one family: static members binding each op to its payload type,
    /// and either request initializers (a family with a request record) or an argument funnel.
    /// - Parameters:
    ///   - request: The op → payload bindings.
    ///   - family: The op family.
    ///   - records: Every record by name.
    ///   - naming: Swift names.
    ///   - hypercalls: The numbers of the `__HYPERVISOR_*` ops, by C name, for the runtime glue.
    /// - Returns: The context.
    /// - Throws: ``GeneratorDiagnostic`` when the request record is missing.
    func makeCommandContext(
        _ request: RequestBinding, family: OpFamily, records: [String: Record], naming: RecordNaming, hypercalls: [String: UInt64]
    ) throws -> CommandContext {
        let opsByName = Dictionary(family.ops.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var groups: [CommandContext.Group] = []
        for binding in request.bindings {
            let payloadType = binding.record.map(naming.typeName) ?? "XenNoPayload"
            let command = CommandContext.Command(
                name: SwiftNaming.caseName(binding.op, prefix: family.prefix),
                docLines: commandDoc(binding, op: opsByName[binding.op], request: request)
            )
            if let index = groups.firstIndex(where: { $0.payloadType == payloadType }) {
                groups[index].commands.append(Conditional(command))
            } else {
                groups.append(.init(payloadType: payloadType, commands: [Conditional(command)]))
            }
        }
        let unmapped = request.unmapped.map { entry in
            let text =
                "xen-swiftgen cannot bind \(entry.op) to a payload: \(entry.reason); \(entry.remedy ?? "add it to the family's payloadMembers")"
            return CommandContext.Unmapped(
                name: SwiftNaming.caseName(entry.op, prefix: family.prefix),
                docLines: SwiftText.docCommentLines([" `\(entry.op)`: \(text)."]), message: SwiftText.stringLiteral(text)
            )
        }
        var rows = request.bindings.map { binding in
            CommandContext.OpRow(
                op: SwiftText.markdownCode(binding.op), number: opsByName[binding.op].map { String($0.number) } ?? "",
                payload: SwiftText.markdownCode(binding.record.map(naming.typeName) ?? "XenNoPayload"),
                errors: errors(named: opsByName[binding.op]?.doc)
            )
        }
        rows += request.unmapped.map { entry in
            CommandContext.OpRow(
                op: SwiftText.markdownCode(entry.op), number: opsByName[entry.op].map { String($0.number) } ?? "",
                payload: "not bound: " + SwiftText.markdownText(entry.reason), errors: errors(named: opsByName[entry.op]?.doc)
            )
        }
        rows.sort { (Int($0.number) ?? 0, $0.op) < (Int($1.number) ?? 0, $1.op) }
        let example = request.bindings.first { $0.record != nil } ?? request.bindings.first
        var context = CommandContext(
            header: family.file, accessLevel: accessLevel, prefix: family.prefix,
            commandType: RecordNaming.commandTypeName(family: family.name), opType: family.swiftName,
            hasRequest: false, requestType: "", requestCName: "", unionField: "", opField: "", opProperty: "",
            hasVersion: false, versionFieldDoc: "", versionProperty: "", unionProperty: "",
            exampleOp: example.map { SwiftNaming.caseName($0.op, prefix: family.prefix) } ?? "",
            examplePayload: example?.record.map(naming.typeName) ?? "XenNoPayload",
            groups: groups.everywhere(), unmapped: unmapped.everywhere(), extraFields: []
        )
        context.opRows = rows
        // A blank doc line first, so the summary is a paragraph of its own.
        context.summaryLines = family.summary.map { [""] + SwiftText.docCommentLines($0).map { $0.isEmpty ? "" : " " + $0 } } ?? []
        if let hypercall = family.hypercall, let number = hypercalls[hypercall] {
            context.hasHypercall = true
            context.hypercallCName = hypercall
            context.hypercallNumber = SwiftNaming.integerLiteral(number)
            context.callMethod = SwiftNaming.caseName(family.name.replacingOccurrences(of: "-", with: "_"), prefix: "")
            let arguments = family.hypercallArguments ?? []
            context.hypercallArguments = arguments.enumerated().map { index, argument in
                .init(label: argument.label, type: argument.type, c: argument.c, last: index == arguments.count - 1)
            }
            context.hasHypercallArguments = !arguments.isEmpty
            context.bufferArray = family.bufferArray ?? false
            context.payloadCount = family.payloadCount ?? false
            let regions = family.regionArguments ?? []
            context.regionArguments = regions.enumerated().map { index, region in
                .init(
                    label: region.label, c: SwiftText.docCommentLines(region.c).joined(separator: " "),
                    last: index == regions.count - 1)
            }
            context.hasRegionArguments = !regions.isEmpty
            // The runtime has two shapes for a request: its address alone (domctl), or `bufs[0]` of a
            // buffer array after some numbers (dm_op). An argument family has no buffer array.
            let hasRecord = request.record != nil
            if context.bufferArray, !hasRecord {
                throw GeneratorDiagnostic(
                    .error, at: nil,
                    "family '\(family.name)': bufferArray needs a request record, the buffer the array starts with")
            }
            if let field = family.opInPayload {
                guard context.payloadCount, !hasRecord, let payload = request.bindings.first?.record, let record = records[payload],
                    let name = zip(record.fields, naming.fieldNames[record.name] ?? RecordNaming.storedNames(of: record))
                        .first(where: { $0.0.name == field })?.1
                else {
                    throw GeneratorDiagnostic(
                        .error, at: nil,
                        "family '\(family.name)': opInPayload needs payloadArgument, payloadCount and a payload record with the field '\(field)': the hypercall takes (payloads, count, done, arguments…)"
                    )
                }
                context.opInPayload = name
                context.hasOpInPayload = true
            }
            if context.hasRegionArguments, hasRecord || context.payloadCount || context.hasHypercallArguments || regions.count > 2 {
                throw GeneratorDiagnostic(
                    .error, at: nil,
                    "family '\(family.name)': regionArguments take the place of the payload: at most two, with no request record, payloadCount or hypercallArguments (the hypercall takes op, address, size, address, size)"
                )
            }
            if context.payloadCount, !context.hasOpInPayload, hasRecord || context.hasHypercallArguments {
                throw GeneratorDiagnostic(
                    .error, at: nil,
                    "family '\(family.name)': payloadCount needs a payload argument and no hypercallArguments: the hypercall takes (op, payloads, count)"
                )
            }
            if context.hasHypercallArguments, hasRecord, !context.bufferArray {
                throw GeneratorDiagnostic(
                    .error, at: nil,
                    "family '\(family.name)': hypercallArguments with a request record need bufferArray: the hypercall takes the request's address alone"
                )
            }
        }
        guard let recordName = request.record, let opField = request.opField, let unionField = request.unionField else { return context }
        guard let record = records[recordName] else {
            throw GeneratorDiagnostic(.error, at: nil, "request record '\(recordName)' of family '\(family.name)' was not read")
        }
        let mapper = SwiftTypeMapper(naming: naming)
        let names = naming.fieldNames[record.name] ?? RecordNaming.storedNames(of: record)
        func property(_ cName: String) -> String {
            zip(record.fields, names).first { $0.0.name == cName }.map(\.1) ?? cName
        }
        let skipped = Set([opField, unionField] + (request.versionField.map { [$0] } ?? []))
        context.extraFields = zip(record.fields, names).compactMap { field, name -> CommandContext.ExtraField? in
            guard let cName = field.name, !skipped.contains(cName), !cName.hasPrefix("_pad"), !cName.hasPrefix("pad") else { return nil }
            return .init(name: name, cName: cName, type: mapper.swiftType(field.type))
        }
        // Each request field is also a property of the call's `XenReply`, beside its own.
        if let taken = context.extraFields.first(where: { Self.replyProperties.contains($0.name) }) {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "family '\(family.name)': request field '\(taken.cName)' would be named '\(taken.name)', which XenReply already has")
        }
        context.hasRequest = true
        context.requestType = naming.typeName(record.name)
        context.requestCName = "struct \(record.name)"
        context.unionField = unionField
        context.opField = opField
        context.opProperty = property(opField)
        context.hasVersion = request.versionField != nil && family.interfaceVersion != nil
        context.versionFieldDoc = request.versionField ?? ""
        context.versionProperty = request.versionField.map(property) ?? ""
        context.unionProperty = property(unionField)
        return context
    }

    /// The properties of the runtime's `XenReply`, which the request fields' accessors must not shadow.
    static let replyProperties: Set<String> = ["value", "payload", "request"]

    /// The errors an op's header comment names as Xen writes them (`-EINVAL`), for the op table.
    /// - Parameter doc: The op's comment.
    /// - Returns: The names, each once, in the comment's order, as Markdown; `-` when there are none.
    private func errors(named doc: String?) -> String {
        guard let doc else { return "-" }
        var names: [String] = []
        var rest = Substring(doc)
        while let minus = rest.firstIndex(of: "-") {
            rest = rest[rest.index(after: minus)...]
            let word = rest.prefix { $0.isASCII && ($0.isUppercase || $0.isNumber) }
            if word.count >= 3, word.first == "E", !names.contains(String(word)) { names.append(String(word)) }
        }
        return names.isEmpty ? "-" : names.map { SwiftText.markdownCode($0) }.joined(separator: ", ")
    }

    /// Doc lines of a command: the op, its payload, and where the binding comes from.
    private func commandDoc(_ binding: RequestBinding.Binding, op: Op?, request: RequestBinding) -> [String] {
        let number = op.map { " (\($0.number))" } ?? ""
        let payload: String
        if let record = binding.record {
            payload =
                binding.member.map { "payload `\(request.unionField ?? "").\($0)` (`struct \(record)`)" } ?? "payload `struct \(record)`"
        } else {
            payload = "no payload"
        }
        let source: String
        switch binding.source {
        case .comment: source = "the comment above the payload struct"
        case .memberName: source = "the union member's name"
        case .commentAndMemberName: source = "the comment above the payload struct and the union member's name"
        case .override: source = "the family table's payloadMembers"
        case .argumentComment: source = "the op's `arg ==` comment"
        case .opInPayload: source = "the family table's opInPayload: every op travels in the payload"
        }
        var lines = ["`\(binding.op)`\(number) with \(payload); bound by \(source)."]
        if let doc = op?.doc { lines += ["", doc] }
        return SwiftText.docCommentLines(lines).map { $0.isEmpty ? "" : " " + $0 }
    }
}
