import XenIR
@testable import Mustache

/// A list element of ``SampleContext``.
struct SampleItem: Codable {
    var name: String
    var flag: Bool
    var note: String?
}

/// A context with one field of every shape a template can meet.
struct SampleContext: TemplateContext {
    var title = "T"
    var count = 0
    var on = true
    var off = false
    var items: [SampleItem] = [SampleItem(name: "a", flag: true, note: nil), SampleItem(name: "b", flag: false, note: "own")]
    var none: [SampleItem] = []
    var words = ["x", "y", "z"]
    var note: String? = "root"
    var missing: String?
    var inner = SampleItem(name: "in", flag: true, note: nil)
}

/// Compiles and renders template text the way ``TemplateSet`` does, from memory.
/// - Parameters:
///   - text: The template, as file `t.mustache`.
///   - context: The values.
///   - partials: Other templates by name, as files `<name>.mustache`.
/// - Returns: The rendered text.
/// - Throws: ``GeneratorDiagnostic`` as `generate` would print it.
func render(_ text: String, _ context: SampleContext = SampleContext(), partials: [String: String] = [:]) throws -> String {
    var templates: [String: TemplateCompiler.ParsedTemplate] = [:]
    for (name, body) in partials.merging(["t": text], uniquingKeysWith: { $1 }) {
        do {
            templates[name] = .init(path: name + ".mustache", syntax: try TemplateParser.parse(body))
        } catch {
            let place = error.place ?? TemplatePlace(line: 1, column: 1)
            throw GeneratorDiagnostic(
                .error, at: SourcePosition(file: name + ".mustache", line: place.line, column: place.column), error.message)
        }
    }
    let plan = try TemplateCompiler(templates: templates).compile("t", for: SampleContext.self)
    return plan.render(try TemplateValueEncoder.encode(context))
}

/// The one-line diagnostic `render` throws for `text`, as `generate` prints it, or `nil` when it renders.
/// - Parameters:
///   - text: The template.
///   - partials: Other templates by name.
/// - Returns: `file:line:col: error: message`.
func failure(_ text: String, partials: [String: String] = [:]) -> String? {
    do {
        _ = try render(text, partials: partials)
        return nil
    } catch let diagnostic as GeneratorDiagnostic {
        return diagnostic.rendered(root: "")
    } catch {
        return "\(error)"
    }
}
