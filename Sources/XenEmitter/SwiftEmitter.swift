import Foundation
import XenIR

/// Turns the IR into Swift source files through the templates.
public struct SwiftEmitter {
    /// Emission settings.
    public struct Options: Sendable {
        /// `public` or `internal` for the emitted API.
        public var accessLevel: String
        /// A user template folder; built-in templates fill the gaps.
        public var templatesDirectory: URL?

        /// - Parameters:
        ///   - accessLevel: `public` or `internal`.
        ///   - templatesDirectory: A user template folder, or `nil`.
        public init(accessLevel: String = "public", templatesDirectory: URL? = nil) {
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
        accessLevel = options.accessLevel
    }

    /// Where each template was loaded from, by name.
    public var templateSources: [String: String] { templates.sources }

    /// Emits every file for a merged interface: shared declarations once, every other one in its
    /// target's `#if arch(…)` branch, and an `#error` for any other architecture.
    /// - Parameters:
    ///   - merged: The targets' IRs and what they share.
    ///   - reserved: Ledger-reserved numbers by family name, one dictionary per target (or none).
    /// - Returns: The files, sorted by path.
    /// - Throws: ``GeneratorDiagnostic`` on naming collisions or template failures.
    public func emit(_ merged: MergedInterface, reserved: [[String: [ReservedNumber]]] = []) throws -> [GeneratedFile] {
        var jobs = [RenderJob(path: "XenOperation.swift", template: "support", context: SupportContext(accessLevel: accessLevel))]
        let module = merged.variants.map(\.interface)
        for (index, variant) in merged.variants.enumerated() {
            let interface = variant.interface
            // A shared declaration is rendered from the first target only; the others skip it.
            let slot: (MergedInterface.Declaration) -> Int?? = { declaration in
                merged.isShared(declaration) ? (index == 0 ? .some(nil) : nil) : .some(index)
            }
            let reservedHere = index < reserved.count ? reserved[index] : [:]
            for family in interface.families {
                try CodeInputCheck.check(family, reserved: reservedHere[family.name] ?? [])
                // The number guard also holds the ledger's reserved numbers, which are per target.
                let sameReserved = reserved.allSatisfy { $0[family.name] == reserved.first?[family.name] }
                guard let variant = sameReserved ? slot(.family(family.name)) : .some(index) else { continue }
                let context = try makeFamilyContext(
                    family, reserved: reservedHere[family.name] ?? [], binding: interface.requests.first { $0.family == family.name }
                )
                jobs.append(RenderJob(path: family.swiftName + ".swift", template: "family", context: context, variant: variant))
            }
            let naming = RecordNaming(interface, module: module)
            jobs += try recordJobs(interface, naming: naming, slot: slot)
            for group in interface.constantGroups {
                guard let variant = slot(.constants(group.name)) else { continue }
                let context = try makeConstantGroupContext(group, interface: interface, naming: naming)
                jobs.append(RenderJob(path: group.swiftName + ".swift", template: "constants", context: context, variant: variant))
            }
        }
        let texts = try templates.render(jobs)
        // In file order, so the first file reported does not depend on the order the jobs were made in.
        for (job, text) in zip(jobs, texts).sorted(by: { $0.0.path < $1.0.path }) {
            if let context = job.context as? FamilyContext { try NumberGuardCheck.verify(text, path: job.path, context: context) }
        }
        return try assemble(jobs, texts: texts, targets: merged.variants.map(\.target))
    }
}

/// Context of the support file shared by all families.
struct SupportContext: TemplateContext {
    var accessLevel: String
}

/// One emitted file.
public struct GeneratedFile: Sendable, Equatable {
    /// Path relative to the output folder.
    public var path: String
    /// The file's text.
    public var contents: String

    /// Creates a file.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
