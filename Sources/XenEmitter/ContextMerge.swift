import XenIR
import XenMerge

// How the context of each template merges across targets: the parts outside the member lists and the
// documentation must be equal (else each target renders its own copy, under its `#if`), each member
// list folds by ``MemberFold``, so a case, field, command, layout entry or typedef identical on every
// target is written once and only what differs sits under `#if arch(…)`, and documentation that
// differs is merged as prose by ``ProseMerge`` (share on code, merge docs as prose).

extension FamilyContext {
    /// The family file of several targets as one.
    static func merged(_ parts: [(variant: Int, context: Self)], within file: Availability, by conditions: TargetConditions) -> Self? {
        conditions.merge(parts, prose: [\.summaryLines, \.stableLayoutLines]) { context, all in
            context.cases = conditions.members(all.map { ($0.variant, $0.context.cases) }, within: file)
            context.retired = conditions.members(all.map { ($0.variant, $0.context.retired) }, within: file)
            context.hasRetired = !context.retired.isEmpty
            context.aliases = conditions.members(all.map { ($0.variant, $0.context.aliases) }, within: file)
            context.guardEntries = conditions.members(all.map { ($0.variant, $0.context.guardEntries) }, within: file)
            context.guardLinks = conditions.members(all.map { ($0.variant, $0.context.guardLinks) }, within: file)
            context.releaseGroups = conditions.members(all.map { ($0.variant, $0.context.releaseGroups) }, within: file)
            context.recordGroups = conditions.members(all.map { ($0.variant, $0.context.recordGroups) }, within: file)
            context.hasRecordGroups = !context.recordGroups.isEmpty
            context.interfaceVersions = conditions.members(all.map { ($0.variant, $0.context.interfaceVersions) }, within: file)
            context.hasInterfaceVersions = !context.interfaceVersions.isEmpty
            context.stableCases = conditions.members(all.map { ($0.variant, $0.context.stableCases) }, within: file)
            context.hasStableCases = !context.stableCases.isEmpty
        }
    }
}

extension CommandContext {
    /// The typed commands of several targets as one.
    static func merged(_ parts: [(variant: Int, context: Self)], within file: Availability, by conditions: TargetConditions) -> Self? {
        conditions.merge(parts, prose: [\.summaryLines]) { context, all in
            context.groups = conditions.members(
                all.map { ($0.variant, $0.context.groups) }, within: file, sameWhen: { $0.payloadType == $1.payloadType },
                folding: \.commands
            )
            context.unmapped = conditions.members(all.map { ($0.variant, $0.context.unmapped) }, within: file)
            // The op table is prose, outside any `#if`: it lists the rows of every target, each once, in
            // number order; a row that only some targets have says which (`(x86_64 only)`).
            context.opRows = ProseMerge.merge(all.map { (conditions.architectures[$0.variant], $0.context.opRows) }) { row, names in
                var row = row
                row.op = ProseMerge.markRow(row.op, on: names)
                return row
            }.sorted { (Int($0.number) ?? 0, $0.op) < (Int($1.number) ?? 0, $1.op) }
        }
    }
}

extension RecordFileContext {
    /// The records of one header on several targets as one file: a record whose declaration is the
    /// same everywhere is written once, with only its differing members under `#if`.
    static func merged(_ parts: [(variant: Int, context: Self)], within file: Availability, by conditions: TargetConditions) -> Self? {
        conditions.merge(parts) { context, all in
            context.records = conditions.members(
                all.map { ($0.variant, $0.context.records) }, within: file, sameWhen: { $0.withoutMembers == $1.withoutMembers },
                folding: \.members
            )
        }
    }
}

extension RecordContext {
    /// The declaration without its members: two targets declare the same record when these are equal.
    var withoutMembers: Self {
        var shell = self
        shell.members = []
        return shell
    }
}

extension LayoutContext {
    /// The layout table of several targets as one.
    static func merged(_ parts: [(variant: Int, context: Self)], within file: Availability, by conditions: TargetConditions) -> Self? {
        conditions.merge(parts) { context, all in
            context.counts = conditions.members(all.map { ($0.variant, $0.context.counts) }, within: file)
            context.records = conditions.members(all.map { ($0.variant, $0.context.records) }, within: file)
        }
    }
}

extension RecordSupportContext {
    /// The typedefs and enums of several targets as one file.
    static func merged(_ parts: [(variant: Int, context: Self)], within file: Availability, by conditions: TargetConditions) -> Self? {
        conditions.merge(parts) { context, all in
            context.typedefs = conditions.members(all.map { ($0.variant, $0.context.typedefs) }, within: file)
            context.enums = conditions.members(all.map { ($0.variant, $0.context.enums) }, within: file)
        }
    }
}

extension ConstantGroupContext {
    /// A constant group of several targets as one file.
    static func merged(_ parts: [(variant: Int, context: Self)], within file: Availability, by conditions: TargetConditions) -> Self? {
        conditions.merge(parts, prose: [\.summaryLines, \.fieldLines]) { context, all in
            context.members = conditions.members(all.map { ($0.variant, $0.context.members) }, within: file)
            context.partConstants = conditions.members(all.map { ($0.variant, $0.context.partConstants) }, within: file)
            context.records = conditions.members(
                all.map { ($0.variant, $0.context.records) }, within: file, sameWhen: { $0.typeName == $1.typeName }, folding: \.parts
            )
        }
    }
}

extension HeaderConstantsContext {
    /// A header's constants of several targets as one file: a constant with one value everywhere is
    /// written once, one whose value or type differs per architecture sits under `#if`.
    static func merged(_ parts: [(variant: Int, context: Self)], within file: Availability, by conditions: TargetConditions) -> Self? {
        conditions.merge(parts) { context, all in
            context.members = conditions.members(all.map { ($0.variant, $0.context.members) }, within: file)
        }
    }
}
