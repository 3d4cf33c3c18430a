import Foundation
import XenIR

/// Checks the file names of a user template folder, so a misnamed override (`suport.mustache`) is
/// reported instead of silently ignored while the built-in template renders in its place.
enum TemplateNames {
    /// Throws for a `.mustache` file of the user folder that is neither a template the generator
    /// renders nor a partial that some template includes (`{{> name}}`).
    /// - Parameters:
    ///   - userFiles: The user folder's template names, without extension.
    ///   - texts: The text of every template that will be loaded, built-in and user, by name.
    ///   - folder: The user folder, for the message.
    /// - Throws: ``GeneratorDiagnostic`` naming the file, the known names and the closest one.
    static func check(userFiles: [String], texts: [String: String], folder: URL) throws {
        let partials = Set(texts.values.flatMap(partialNames(in:)))
        let rendered = TemplateSet.contexts.keys.sorted()
        for name in userFiles.sorted() where !rendered.contains(name) && !partials.contains(name) {
            let closest = rendered.min { EditDistance.between(name, $0) < EditDistance.between(name, $1) }
            let hint = closest.flatMap { EditDistance.between(name, $0) <= 2 ? "; did you mean '\($0).mustache'?" : nil } ?? ""
            throw GeneratorDiagnostic(
                .error, at: SourcePosition(file: folder.appendingPathComponent(name + ".mustache").path, line: 1),
                "'\(name).mustache' is not a template xen-swiftgen renders (\(rendered.joined(separator: ", "))) "
                    + "and no template includes it as a partial\(hint)")
        }
    }

    /// The names in `{{> name}}` tags of a template.
    static func partialNames(in text: String) -> [String] {
        text.components(separatedBy: "{{>").dropFirst().compactMap { rest in
            rest.components(separatedBy: "}}").first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }
}
