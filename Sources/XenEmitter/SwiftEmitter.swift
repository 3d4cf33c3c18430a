import Foundation
import Mustache
import XenIR

/// Turns the IR into Swift source files through the templates.
public struct SwiftEmitter {
    /// Emission settings.
    public struct Options: Sendable {
        /// The access level of the emitted API.
        public var accessLevel: AccessLevel
        /// A user template folder; built-in templates fill the gaps.
        public var templatesDirectory: URL?

        /// - Parameters:
        ///   - accessLevel: The access level of the emitted API.
        ///   - templatesDirectory: A user template folder, or `nil`.
        public init(accessLevel: AccessLevel = .public, templatesDirectory: URL? = nil) {
            self.accessLevel = accessLevel
            self.templatesDirectory = templatesDirectory
        }
    }

    let templates: TemplateSet
    let accessLevel: String

    /// Loads the templates.
    /// - Parameter options: Emission settings.
    /// - Throws: ``GeneratorDiagnostic`` when the templates cannot be loaded.
    public init(options: Options) throws {
        templates = try TemplateSet(directory: options.templatesDirectory)
        accessLevel = options.accessLevel.rawValue
    }

    /// Where each template was loaded from, by name.
    public var templateSources: [String: String] { templates.sources }

    /// Emits every file for a merged interface: each target's contexts are merged member by member,
    /// so what every target has is written once and only what differs sits under `#if arch(…)`; any
    /// other architecture gets an `#error`.
    /// - Parameter merged: The targets' IRs, each family with the numbers its ledger and history reserve (`OpFamily.reserved`).
    /// - Returns: The files, sorted by path.
    /// - Throws: ``GeneratorDiagnostic`` on naming collisions or template failures.
    public func emit(_ merged: MergedInterface) throws -> [GeneratedFile] {
        let module = merged.variants.map(\.interface)
        var outputs: [TargetOutput] = []
        for variant in merged.variants {
            let interface = variant.interface
            var output = TargetOutput()
            for family in interface.families {
                try CodeInputCheck.check(family)
                output.families[OutputFiles.family(family)] = try makeFamilyContext(
                    family, binding: interface.requests.first { $0.family == family.name }, releases: interface.releases
                )
            }
            let naming = RecordNaming(interface, module: module)
            try addRecords(interface, naming: naming, to: &output)
            for group in interface.constantGroups {
                output.constants[OutputFiles.constantGroup(group.swiftName)] = try makeConstantGroupContext(
                    group, interface: interface, naming: naming)
            }
            try addHeaderConstants(interface, to: &output)
            outputs.append(output)
        }
        let conditions = TargetConditions(targets: merged.variants.map(\.target))
        var jobs = [RenderJob(path: OutputFiles.support, template: "support", context: SupportContext(accessLevel: accessLevel))]
        jobs += mergedJobs(
            outputs.map(\.families), template: "family", conditions, merge: FamilyContext.merged, written: NumberGuard.declarations
        ) { context in
            (context.header, context.cases.count)
        }
        jobs += mergedJobs(outputs.map(\.records), template: "records", conditions, merge: RecordFileContext.merged) { context in
            (context.header, context.records.reduce(0) { $0 + $1.member.members.count * 4 })
        }
        jobs += mergedJobs(outputs.map(\.commands), template: "commands", conditions, merge: CommandContext.merged) { context in
            (context.header, context.groups.count)
        }
        jobs += mergedJobs(outputs.map(\.constants), template: "constants", conditions, merge: ConstantGroupContext.merged) { context in
            (context.header, context.members.count)
        }
        jobs += mergedJobs(outputs.map(\.headerConstants), template: "header-constants", conditions, merge: HeaderConstantsContext.merged) {
            context in (context.header, context.members.count)
        }
        jobs += mergedJobs(
            outputs.map { $0.recordSupport.map { [OutputFiles.recordSupport: $0] } ?? [:] }, template: "record-support",
            conditions, merge: RecordSupportContext.merged
        ) { _ in (nil, 1) }
        jobs += mergedJobs(
            outputs.map { $0.layout.map { [OutputFiles.layout: $0] } ?? [:] }, template: "layout",
            conditions, merge: LayoutContext.merged
        ) { context in
            (nil, context.records.reduce(0) { $0 + $1.member.fields.count + 8 })
        }
        let texts = try templates.render(jobs)
        var files: [String: OutputFile] = [:]
        for (job, text) in zip(jobs, texts) {
            files[job.path, default: OutputFile(path: job.path, header: job.header, imports: OutputFiles.imports(template: job.template))]
                .sections.append(.init(ifLine: job.ifLine, text: text))
        }
        files[OutputFiles.support]?.trailer = conditions.unsupportedArchitectureGuard
        return files.keys.sorted().compactMap { files[$0]?.generated }
    }

    /// Adds one container per header for the value macros that no constant group takes.
    /// - Throws: ``GeneratorDiagnostic`` when a header's name makes no Swift type name.
    private func addHeaderConstants(_ interface: XenInterface, to output: inout TargetOutput) throws {
        var byHeader: [String: [XenConstant]] = [:]
        for constant in HeaderConstantNames.ungrouped(interface.constants) { byHeader[constant.file, default: []].append(constant) }
        for (header, constants) in byHeader {
            let typeName = OutputFiles.headerConstantsType(header: header)
            guard SwiftText.isASCIIIdentifier(typeName) else {
                throw GeneratorDiagnostic(
                    .error, at: SourcePosition(file: header, line: 1),
                    "the header's name gives its constants the container '\(SwiftText.lineComment(typeName))', which is no ASCII identifier"
                )
            }
            output.headerConstants[OutputFiles.headerConstants(header: header)] = makeHeaderConstantsContext(
                header: header, constants: constants)
        }
    }

    /// The render jobs of one template's files: for each path, the contexts of the targets that have
    /// it merged into one job, or, when they differ outside their member lists, one job per target
    /// under its `#if`.
    /// - Parameters:
    ///   - perTarget: Each target's contexts by path.
    ///   - template: The template that renders them.
    ///   - conditions: The targets' conditions.
    ///   - merge: The context's merge.
    ///   - written: The declarations the generator writes itself after the template's text, if any.
    ///   - describe: The header a context's file is generated from (for the banner) and its rough size.
    private func mergedJobs<Context: TemplateContext & Equatable>(
        _ perTarget: [[String: Context]], template: String, _ conditions: TargetConditions,
        merge: ([(variant: Int, context: Context)], Availability, TargetConditions) -> Context?,
        written: (Context) -> String? = { _ in nil },
        describe: (Context) -> (header: String?, weight: Int)
    ) -> [RenderJob] {
        var jobs: [RenderJob] = []
        for path in Set(perTarget.flatMap(\.keys)).sorted() {
            let parts = perTarget.enumerated().compactMap { variant, contexts in contexts[path].map { (variant: variant, context: $0) } }
            let availability = Availability(parts.map(\.variant))
            let pieces: [(ifLine: String?, context: Context)]
            if let context = merge(parts, availability, conditions) {
                pieces = [(conditions.ifLine(availability, within: conditions.everywhere), context)]
            } else {
                pieces = parts.map { (conditions.ifLine(Availability([$0.variant]), within: conditions.everywhere), $0.context) }
            }
            for piece in pieces {
                let (header, weight) = describe(piece.context)
                jobs.append(
                    RenderJob(
                        path: path, template: template, context: piece.context, weight: weight, header: header, ifLine: piece.ifLine,
                        written: written(piece.context)))
            }
        }
        return jobs
    }
}

/// One target's output before the targets merge: each file's template context, by path.
struct TargetOutput {
    /// The op enums.
    var families: [String: FamilyContext] = [:]
    /// The record mirrors, one file per header.
    var records: [String: RecordFileContext] = [:]
    /// The typed commands.
    var commands: [String: CommandContext] = [:]
    /// The groups of the constant table.
    var constants: [String: ConstantGroupContext] = [:]
    /// The value macros no group takes, one container per header.
    var headerConstants: [String: HeaderConstantsContext] = [:]
    /// The typedefs and enums the records use.
    var recordSupport: RecordSupportContext?
    /// The layout table.
    var layout: LayoutContext?
}

/// Context of the support file shared by all families.
struct SupportContext: TemplateContext {
    var accessLevel: String
}
