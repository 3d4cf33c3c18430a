import XenIR

extension SwiftEmitter {
    /// Builds the template context of one family: names, literals and doc text.
    /// - Parameters:
    ///   - family: The family from the IR, with the numbers its ledger and history reserve (`OpFamily.reserved`).
    ///   - binding: The family's op → payload binding, when it has typed commands.
    ///   - releases: The releases the output spans, oldest first; `nil` for one header tree.
    /// - Returns: The context.
    /// - Throws: ``GeneratorDiagnostic`` when two ops map to one Swift name.
    func makeFamilyContext(
        _ family: OpFamily, binding: RequestBinding? = nil, releases: [ReleaseVersion]? = nil
    ) throws -> FamilyContext {
        let unmapped = Dictionary((binding?.unmapped ?? []).map { ($0.op, $0) }, uniquingKeysWith: { first, _ in first })
        let defined = family.definedOps
        var caseNames: [String: Op] = [:]
        var cases: [FamilyContext.Case] = []
        for op in defined {
            let name = SwiftNaming.caseName(op.name, prefix: family.prefix)
            if let other = caseNames[name] {
                throw GeneratorDiagnostic(
                    .error, at: op.location,
                    "\(op.name) and \(other.name) both become Swift case '\(name)'; rename one in the family table or exclude it")
            }
            caseNames[name] = op
            let message = [op.marker, op.replacement.map { "use \($0)" }].compactMap { $0 }.joined(separator: "; ")
            cases.append(
                FamilyContext.Case(
                    name: name, bareName: SwiftNaming.bare(name), cName: op.name, literal: SwiftNaming.integerLiteral(op.number),
                    docLines: docLines(for: op, unmapped: unmapped[op.name], releases: releases),
                    isDeprecated: op.status == .obsolete,
                    deprecationMessage: SwiftText.stringLiteral(message.isEmpty ? "\(op.name) is obsolete" : message)
                ))
        }

        var retired: [FamilyContext.Retired] = []
        var retiredNames = Set<String>()
        for op in family.retiredOps {
            let name = SwiftNaming.caseName(op.name, prefix: family.prefix)
            guard caseNames[name] == nil, retiredNames.insert(name).inserted else { continue }
            let renamed = op.replacement.flatMap { replacement in
                defined.first { $0.name == replacement }.map { SwiftNaming.bare(SwiftNaming.caseName($0.name, prefix: family.prefix)) }
            }
            let reason = op.marker.map { ": \($0)" } ?? ""
            retired.append(
                FamilyContext.Retired(
                    name: name, cName: op.name, literal: SwiftNaming.integerLiteral(op.number), docLines: docLines(for: op),
                    message: SwiftText.stringLiteral("\(op.name) (\(op.number)) was retired\(reason)"),
                    renamed: renamed.map { SwiftText.stringLiteral($0) }, hasRenamed: renamed != nil
                ))
        }

        let aliases = makeAliases(family, caseNames: caseNames)
        let (guardEntries, guardLinks) = makeGuard(family, cases: cases)
        let version = family.interfaceVersion
        var context = FamilyContext(
            typeName: family.swiftName, guardName: family.swiftName + "NumberGuard", rawType: family.rawType,
            prefix: family.prefix, header: family.file, summaryLines: family.summary.map { SwiftText.docCommentLines($0) } ?? [],
            hasSummary: !(family.summary ?? "").isEmpty,
            accessLevel: accessLevel, hasInterfaceVersion: version != nil, interfaceVersionName: version?.name ?? "",
            interfaceVersionLiteral: version.map { SwiftNaming.integerLiteral($0.value, hex: $0.spelling.lowercased().hasPrefix("0x")) }
                ?? "",
            interfaceVersionLocation: version.map { SwiftText.lineComment("\($0.location.file):\($0.location.line)") } ?? "",
            cases: cases.everywhere(), retired: retired.everywhere(), hasRetired: !retired.isEmpty,
            aliases: aliases.everywhere(), guardEntries: guardEntries.everywhere(), guardLinks: guardLinks.everywhere(),
            hypercallNumbers: family.hypercallNumbers ?? false
        )
        context.stableCases = defined.filter(\.isStableInterface).map {
            FamilyContext.StableCase(literal: SwiftNaming.integerLiteral($0.number), cName: $0.name)
        }.everywhere()
        context.hasStableCases = !context.stableCases.isEmpty
        if let releases {
            context.hasReleases = true
            context.releaseSetLiteral = Self.releaseLiteral(releases)
            // Ops grouped by the releases that can take them, in the order they first occur.
            var groups: [(releases: [ReleaseVersion], literals: [String])] = []
            for op in defined where (op.releases ?? releases) != releases {
                let taken = op.releases ?? []
                if let index = groups.firstIndex(where: { $0.releases == taken }) {
                    groups[index].literals.append(SwiftNaming.integerLiteral(op.number))
                } else {
                    groups.append((taken, [SwiftNaming.integerLiteral(op.number)]))
                }
            }
            context.releaseGroups = groups.map {
                FamilyContext.ReleaseGroup(literals: $0.literals.joined(separator: ", "), releases: Self.releaseLiteral($0.releases))
            }.everywhere()
            var recordGroups: [(releases: [ReleaseVersion], literals: [String])] = []
            for op in defined {
                guard let same = op.recordReleases else { continue }
                if let index = recordGroups.firstIndex(where: { $0.releases == same }) {
                    recordGroups[index].literals.append(SwiftNaming.integerLiteral(op.number))
                } else {
                    recordGroups.append((same, [SwiftNaming.integerLiteral(op.number)]))
                }
            }
            context.recordGroups = recordGroups.map {
                FamilyContext.ReleaseGroup(literals: $0.literals.joined(separator: ", "), releases: Self.releaseLiteral($0.releases))
            }.everywhere()
            context.hasRecordGroups = !context.recordGroups.isEmpty
            if let check = family.stableLayout {
                let covered = check.releases.map(\.description).joined(separator: ", ")
                let text =
                    check.differing.isEmpty
                    ? "Stable ABI: every op's payload has one layout in Xen \(covered), checked against each release's headers when generated."
                    : "Stable ABI, yet some payloads differ between Xen \(covered): "
                        + check.differing.map { "\($0.op) in \($0.releases.map(\.description).joined(separator: ", "))" }.joined(
                            separator: "; ")
                        + " (refused there)."
                context.stableLayoutLines = SwiftText.docCommentLines(text)
            }
            context.interfaceVersions = (family.interfaceVersions ?? []).map { entry in
                FamilyContext.VersionEntry(
                    major: entry.release.major, minor: entry.release.minor,
                    literal: SwiftNaming.integerLiteral(entry.value, hex: version?.spelling.lowercased().hasPrefix("0x") ?? true)
                )
            }.everywhere()
            context.hasInterfaceVersions = !context.interfaceVersions.isEmpty
        }
        return context
    }

    /// `[XenRelease(4, 16), XenRelease(4, 17)]`.
    static func releaseLiteral(_ releases: [ReleaseVersion]) -> String {
        "[" + releases.map { "XenRelease(\($0.major), \($0.minor))" }.joined(separator: ", ") + "]"
    }

    /// Alias members: names that are not ops; when a name has several definitions, the active one.
    private func makeAliases(_ family: OpFamily, caseNames: [String: Op]) -> [FamilyContext.Alias] {
        var result: [FamilyContext.Alias] = []
        var seen = Set<String>()
        let opNames = Set(family.ops.map(\.name))
        for alias in family.aliases where !opNames.contains(alias.name) {
            let candidates = family.aliases.filter { $0.name == alias.name }
            let chosen = candidates.count == 1 ? alias : candidates.first { $0.isActive }
            guard let chosen, chosen == alias, seen.insert(alias.name).inserted else { continue }
            let name = SwiftNaming.caseName(alias.name, prefix: family.prefix)
            let target = SwiftNaming.caseName(alias.target, prefix: family.prefix)
            guard caseNames[name] == nil, caseNames[target] != nil else { continue }
            var doc = ["`\(alias.name)`, an alias of `\(alias.target)` (\(alias.file):\(alias.line))."]
            if let condition = alias.condition { doc += ["", "Defined in C only when `\(condition)`."] }
            result.append(
                FamilyContext.Alias(name: name, target: target, docLines: SwiftText.docCommentLines(doc).map { $0.isEmpty ? "" : " " + $0 })
            )
        }
        return result
    }

    /// The guard enum's entries (every number once) and the switch arms tying each case to its entry.
    private func makeGuard(_ family: OpFamily, cases: [FamilyContext.Case])
        -> ([FamilyContext.GuardEntry], [FamilyContext.GuardLink])
    {
        var entries: [UInt64: FamilyContext.GuardEntry] = [:]
        for op in family.definedOps where entries[op.number] == nil {
            entries[op.number] = .init(
                cName: op.name, literal: SwiftNaming.integerLiteral(op.number), comment: SwiftText.lineComment(op.status.rawValue))
        }
        for op in family.retiredOps where entries[op.number] == nil {
            entries[op.number] = .init(
                cName: op.name, literal: SwiftNaming.integerLiteral(op.number),
                comment: SwiftText.lineComment("retired" + (op.marker.map { ": \($0)" } ?? "")))
        }
        for number in family.reserved ?? [] where entries[number.number] == nil {
            entries[number.number] = .init(
                cName: number.name, literal: SwiftNaming.integerLiteral(number.number),
                comment: SwiftText.lineComment("reserved by the ledger" + (number.marker.map { ": \($0)" } ?? "")))
        }
        let links = cases.map { FamilyContext.GuardLink(caseName: $0.name, cName: $0.cName) }
        return (entries.keys.sorted().compactMap { entries[$0] }, links)
    }

    /// Doc comment lines for an op: C name, number and place, then the header's own text.
    private func docLines(for op: Op, unmapped: RequestBinding.Unmapped? = nil, releases: [ReleaseVersion]? = nil) -> [String] {
        var lines = ["`\(op.name)` (\(op.number)), \(op.file):\(op.line)."]
        if let releases, let own = op.releases, own != releases {
            lines += [
                "",
                own.isEmpty
                    ? "No release of the set can take it as these bindings lay it out: issuing it throws `unavailableOnRelease`."
                    : "Xen \(own.map(\.description).joined(separator: ", ")) only (of \(releases.map(\.description).joined(separator: ", "))): "
                        + "on another release issuing it throws `unavailableOnRelease` and sends nothing.",
            ]
        }
        if op.isStableInterface { lines += ["", "A stable interface: it is sent with interface version 0."] }
        if let unmapped {
            lines += [
                "",
                "No payload mapping: the generator could not bind this op to a payload (\(unmapped.reason)), "
                    + "so it has no typed command; \(unmapped.remedy ?? "add it to the family's `payloadMembers` in the config").",
            ]
        }
        if let doc = op.doc { lines += [""] + doc.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        if let marker = op.marker { lines += ["", "Header note: \(marker)"] }
        if let condition = op.condition { lines += ["", "Defined in C only when `\(condition)`."] }
        return SwiftText.docCommentLines(lines).map { $0.isEmpty ? "" : " " + $0 }
    }
}
