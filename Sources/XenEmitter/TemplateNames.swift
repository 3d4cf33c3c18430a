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
            let closest = rendered.min { distance(name, $0) < distance(name, $1) }
            let hint = closest.flatMap { distance(name, $0) <= 2 ? "; did you mean '\($0).mustache'?" : nil } ?? ""
            throw GeneratorDiagnostic(.error, at: SourcePosition(file: folder.appendingPathComponent(name + ".mustache").path, line: 1),
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

    /// The edit distance between two names (insertions, deletions, substitutions).
    static func distance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
