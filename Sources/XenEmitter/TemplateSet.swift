import Foundation
import Mustache
import XenIR
import XenTemplates

/// The Mustache templates, from a user folder (`--templates DIR`) with the built-in ones as fallback.
///
/// Every template is rendered as plain text: the `CONTENT_TYPE: TEXT` pragma is added on load, so
/// Mustache's HTML escaping never touches Swift source (`<`, `&`, `"`).
struct TemplateSet {
    /// Templates every emission needs.
    static let required = ["family", "support", "records", "record-support", "commands", "layout", "architectures"]

    private let library: MustacheLibrary
    /// Where each template came from, for `--verbose`.
    let sources: [String: String]

    /// Loads the templates.
    /// - Parameter directory: A user template folder, or `nil` for the built-in set.
    /// - Throws: ``GeneratorDiagnostic`` when a folder or template cannot be read or parsed.
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
        var library = MustacheLibrary()
        var sources: [String: String] = [:]
        var names = Set(Self.required)
        for folder in [builtin, directory].compactMap({ $0 }) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            names.formUnion(files.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) })
        }
        for name in names.sorted() {
            let candidates = [directory, builtin].compactMap { $0?.appendingPathComponent(name + ".mustache") }
            guard let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
                throw GeneratorDiagnostic(.error, at: nil, "template '\(name).mustache' not found")
            }
            if let directory, file.deletingLastPathComponent() == directory { try Self.checkInside(file, directory) }
            guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
                throw GeneratorDiagnostic(.error, at: SourcePosition(file: file.path, line: 1), "cannot read template")
            }
            do {
                try library.register("{{% CONTENT_TYPE: TEXT}}\n" + text, named: name)
            } catch {
                throw GeneratorDiagnostic(.error, at: SourcePosition(file: file.path, line: 1), "template does not parse: \(error)")
            }
            sources[name] = file.path
        }
        self.library = library
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
            throw GeneratorDiagnostic(.error, at: nil,
                "refusing template '\(file.path)': it is a symbolic link to '\(target)', outside the template folder")
        }
    }

    /// Renders `name` with `context`.
    /// - Parameters:
    ///   - name: A template name without extension.
    ///   - context: The values: a context that answers its own lookups (see TemplateFields.swift).
    /// - Returns: The text.
    /// - Throws: ``GeneratorDiagnostic`` when the template is unknown.
    func render(_ name: String, _ context: any MustacheParent) throws -> String {
        guard let text = library.render(context, withTemplate: name) else {
            throw GeneratorDiagnostic(.error, at: nil, "template '\(name)' is not loaded")
        }
        return text
    }
}
