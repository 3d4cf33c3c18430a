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

    /// Emits every file for `interface`.
    /// - Parameters:
    ///   - interface: The IR.
    ///   - reserved: Ledger-reserved numbers by family name.
    /// - Returns: The files, sorted by path.
    /// - Throws: ``GeneratorDiagnostic`` on naming collisions or template failures.
    public func emit(_ interface: XenInterface, reserved: [String: [ReservedNumber]] = [:]) throws -> [GeneratedFile] {
        var jobs = [RenderJob(path: "XenOperation.swift", template: "support", context: SupportContext(accessLevel: accessLevel))]
        for family in interface.families {
            let context = try makeFamilyContext(
                family, reserved: reserved[family.name] ?? [], binding: interface.requests.first { $0.family == family.name }
            )
            jobs.append(RenderJob(path: family.swiftName + ".swift", template: "family", context: context))
        }
        jobs += try recordJobs(interface)
        let files = try templates.render(jobs)
        let families = Dictionary(jobs.compactMap { job in (job.context as? FamilyContext).map { (job.path, $0) } }) { first, _ in first }
        for file in files {
            if let context = families[file.path] { try NumberGuardCheck.verify(file.contents, path: file.path, context: context) }
        }
        return files
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
