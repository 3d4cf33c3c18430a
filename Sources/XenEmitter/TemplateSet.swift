import Foundation
import Mustache
import XenIR
import XenTemplates

/// The Mustache templates (the engine is the `Mustache` target), from a user folder (`--templates DIR`) with the built-in ones as fallback,
/// each compiled once against the context type it renders (so a misspelled name is an error at load,
/// with its place, not an empty string in the output).
///
/// Rendering is plain text: nothing is HTML-escaped (`{{x}}`, `{{{x}}}` and `{{&x}}` are the same),
/// since the output is Swift source.
struct TemplateSet {
    /// The templates every emission renders, and the context type each receives (documented in Templates/README.md).
    static let contexts: [String: any TemplateContext.Type] = [
        "family": FamilyContext.self,
        "support": SupportContext.self,
        "records": RecordFileContext.self,
        "record-support": RecordSupportContext.self,
        "commands": CommandContext.self,
        "layout": LayoutContext.self,
        "constants": ConstantGroupContext.self,
        "header-constants": HeaderConstantsContext.self,
    ]

    /// The compiled templates by name.
    private let plans: [String: TemplatePlan]
    /// Where each template came from, for `--verbose`.
    let sources: [String: String]

    /// Loads and compiles the templates.
    /// - Parameter directory: A user template folder, or `nil` for the built-in set.
    /// - Throws: ``GeneratorDiagnostic`` when a folder or template cannot be read, parsed or compiled
    ///   (`file:line:col` of the mistake).
    init(directory: URL?) throws {
        guard let builtin = BuiltinTemplates.directory else {
            throw GeneratorDiagnostic(.error, at: nil, "the built-in templates are missing from the xen-swiftgen installation")
        }
        if let directory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw GeneratorDiagnostic(.error, at: nil, "template folder '\(directory.path)' does not exist")
            }
        }
        var parsed: [String: TemplateCompiler.ParsedTemplate] = [:]
        var sources: [String: String] = [:]
        var names = Set(Self.contexts.keys)
        var userFiles: [String] = []
        for folder in [builtin, directory].compactMap({ $0 }) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            let found = files.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
            names.formUnion(found)
            if folder == directory { userFiles = found }
        }
        var texts: [String: String] = [:]
        for name in names.sorted() {
            let candidates = [directory, builtin].compactMap { $0?.appendingPathComponent(name + ".mustache") }
            guard let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
                throw GeneratorDiagnostic(.error, at: nil, "template '\(name).mustache' not found")
            }
            if let directory, file.deletingLastPathComponent() == directory { try Self.checkInside(file, directory) }
            guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
                throw GeneratorDiagnostic(.error, at: SourcePosition(file: file.path, line: 1), "cannot read template")
            }
            texts[name] = text
            parsed[name] = try .init(path: file.path, text: text)
            sources[name] = file.path
        }
        if let directory { try TemplateNames.check(userFiles: userFiles, texts: texts, folder: directory) }
        let compiler = TemplateCompiler(templates: parsed)
        var plans: [String: TemplatePlan] = [:]
        for (name, context) in Self.contexts.sorted(by: { $0.key < $1.key }) {
            plans[name] = try compiler.compile(name, for: context)
        }
        self.plans = plans
        self.sources = sources
    }

    /// Refuses a user template that a symlink (of the file or of a folder on its way) leads outside the folder.
    /// - Parameters:
    ///   - file: A template in the user folder.
    ///   - directory: The user folder.
    /// - Throws: ``GeneratorDiagnostic`` naming where the link leads.
    private static func checkInside(_ file: URL, _ directory: URL) throws {
        let folder = directory.resolvingSymlinksInPath().path
        let target = file.resolvingSymlinksInPath().path
        guard target.hasPrefix(folder + "/") else {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "refusing template '\(file.path)': it is a symbolic link to '\(target)', outside the template folder")
        }
    }

    /// Renders `name` with `context`.
    /// - Parameters:
    ///   - name: A template name without extension.
    ///   - context: The values, of the type the template was compiled for.
    /// - Returns: The text.
    /// - Throws: ``GeneratorDiagnostic`` when the template is unknown or `context` is not its context type.
    func render<Context: TemplateContext>(_ name: String, _ context: Context) throws -> String {
        guard let plan = plans[name] else {
            throw GeneratorDiagnostic(.error, at: nil, "template '\(name)' is not loaded")
        }
        return try plan.render(name, context)
    }
}
