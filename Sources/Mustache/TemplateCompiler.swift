import XenIR

/// Compiles parsed templates into ``TemplatePlan``s against their context types, so a name that
/// is not a field (`{{accesLevel}}`) is an error with its place before anything is rendered.
public struct TemplateCompiler {
    /// The parsed templates by name (partials are compiled where they are included).
    var templates: [String: ParsedTemplate]

    /// One parsed template and its file.
    public struct ParsedTemplate: Sendable {
        /// The template file, for diagnostics.
        var path: String
        /// Its nodes.
        var syntax: [TemplateSyntax]

        /// A template already parsed.
        init(path: String, syntax: [TemplateSyntax]) {
            self.path = path
            self.syntax = syntax
        }

        /// Parses the text of template file `path`.
        /// - Parameters:
        ///   - path: The file, as diagnostics name it.
        ///   - text: Its text.
        /// - Throws: ``GeneratorDiagnostic`` at the mistake's line and column (`template does not parse: …`).
        public init(path: String, text: String) throws {
            let syntax: [TemplateSyntax]
            do {
                syntax = try TemplateParser.parse(text)
            } catch {
                let place = error.place ?? TemplatePlace(line: 1, column: 1)
                throw GeneratorDiagnostic(
                    .error, at: SourcePosition(file: path, line: place.line, column: place.column),
                    "template does not parse: \(error.message)")
            }
            self.init(path: path, syntax: syntax)
        }
    }

    /// A compiler for `templates`.
    /// - Parameter templates: The parsed templates by name.
    public init(templates: [String: ParsedTemplate]) {
        self.templates = templates
    }

    /// A context on the stack while compiling: the shape the value there will have.
    private struct Frame {
        var schema: TemplateSchema
    }

    /// Compiles template `name` for context type `context`.
    /// - Parameters:
    ///   - name: A template name.
    ///   - context: The type its renders receive.
    /// - Returns: The plan.
    /// - Throws: ``GeneratorDiagnostic`` naming the template file, line and column of the first name that does not resolve.
    public func compile<Context: TemplateContext>(_ name: String, for context: Context.Type) throws -> TemplatePlan {
        guard let template = templates[name] else {
            throw GeneratorDiagnostic(.error, at: nil, "template '\(name).mustache' not found")
        }
        let schema: TemplateSchema
        do {
            schema = try TemplateSchema.of(context)
        } catch {
            throw GeneratorDiagnostic(.error, at: nil, "'\(Context.self)' cannot be a template context: \(error)")
        }
        let nodes = try compile(template.syntax, file: template.path, frames: [Frame(schema: schema)], lists: 0, partials: [name])
        return TemplatePlan(nodes: nodes, contextType: ObjectIdentifier(context), contextTypeName: _typeName(context, qualified: false))
    }

    /// Compiles nodes.
    /// - Parameters:
    ///   - syntax: The parsed nodes.
    ///   - file: Their template file.
    ///   - frames: The context stack they will see.
    ///   - lists: How many list sections enclose them.
    ///   - partials: The templates being compiled, outermost first (a partial may not include itself).
    /// - Returns: The plan nodes.
    /// - Throws: ``GeneratorDiagnostic`` for a name that does not resolve or is used as what it is not.
    private func compile(
        _ syntax: [TemplateSyntax], file: String, frames: [Frame], lists: Int, partials: [String]
    ) throws -> [TemplatePlan.Node] {
        var nodes: [TemplatePlan.Node] = []
        for node in syntax {
            switch node {
            case .text(let text):
                if case .text(let previous) = nodes.last {
                    nodes[nodes.count - 1] = .text(previous + text)
                } else {
                    nodes.append(.text(text))
                }
            case .variable(let name, let place):
                let (lookup, schema) = try resolve(name, frames: frames, lists: lists, file: file, place)
                switch schema.unwrapped {
                case .text, .int, .bool, .optional: nodes.append(.value(lookup))
                case .list(let element):
                    throw error(file, place, "'\(name)' is a list of \(element.summary): use it as a section, '{{#\(name)}}…{{/\(name)}}'")
                case .record(let type, let fields):
                    throw error(
                        file, place,
                        "'\(name)' is a \(type), not text: name one of its fields (\(fields.map(\.name).joined(separator: ", ")))")
                }
            case .section(let name, let inverted, let body, let place):
                let (lookup, schema) = try resolve(name, frames: frames, lists: lists, file: file, place)
                if inverted {
                    nodes.append(.unless(lookup, try compile(body, file: file, frames: frames, lists: lists, partials: partials)))
                    continue
                }
                switch schema.unwrapped {
                case .list(let element):
                    let inner = frames + [Frame(schema: element.unwrapped)]
                    nodes.append(.each(lookup, try compile(body, file: file, frames: inner, lists: lists + 1, partials: partials)))
                case .bool:
                    nodes.append(.when(lookup, try compile(body, file: file, frames: frames, lists: lists, partials: partials)))
                case let other:
                    let inner = frames + [Frame(schema: other)]
                    nodes.append(.with(lookup, try compile(body, file: file, frames: inner, lists: lists, partials: partials)))
                }
            case .partial(let name, let indentation, let place):
                guard let partial = templates[name] else {
                    throw error(file, place, "partial '\(name)': there is no template '\(name).mustache'")
                }
                guard !partials.contains(name) else {
                    throw error(file, place, "partial '\(name)' includes itself (\((partials + [name]).joined(separator: " → ")))")
                }
                let body = try compile(partial.syntax, file: partial.path, frames: frames, lists: lists, partials: partials + [name])
                nodes += indentation.isEmpty ? body : [.indented(indentation, body)]
            }
        }
        return nodes
    }

    /// Resolves a name against the context stack, as Mustache looks it up: the nearest context that
    /// has the first part, then down the dotted path.
    /// - Parameters:
    ///   - name: The name.
    ///   - frames: The context stack.
    ///   - lists: How many list sections enclose the name.
    ///   - file: The template file.
    ///   - place: The tag's place.
    /// - Returns: The lookup and the shape of the value it finds.
    /// - Throws: ``GeneratorDiagnostic`` when the name is not there.
    private func resolve(
        _ name: TemplateName, frames: [Frame], lists: Int, file: String, _ place: TemplatePlace
    ) throws -> (TemplatePlan.Lookup, TemplateSchema) {
        if let function = name.function {
            guard lists > 0 else { throw error(file, place, "'\(name)' is only defined inside a list section") }
            return (.sequence(function), function == "index" ? .int : .bool)
        }
        guard let first = name.path.first else {
            return (.fields([.init(frame: frames.count - 1, path: [])]), frames[frames.count - 1].schema)
        }
        var candidates: [TemplatePlan.Candidate] = []
        var found: TemplateSchema?
        let searched = name.anchored ? [frames.count - 1] : Array(frames.indices.reversed())
        for frame in searched {
            guard case .record(_, let fields) = frames[frame].schema, let index = fields.firstIndex(where: { $0.name == first }) else {
                continue
            }
            var schema = fields[index].schema
            var path = [index]
            for (depth, part) in name.path.enumerated().dropFirst() {
                guard case .record(_, let inner) = schema.unwrapped, let next = inner.firstIndex(where: { $0.name == part }) else {
                    let parent = name.path[..<depth].joined(separator: ".")
                    throw error(
                        file, place,
                        "'\(name)': '\(parent)' is \(schema.summary), which has no '\(part)'"
                            + (schema.unwrapped.fieldNames.isEmpty ? "" : " (\(schema.unwrapped.fieldNames.joined(separator: ", ")))")
                            + (Self.closest(to: part, in: schema.unwrapped.fieldNames).map { "; did you mean '\($0)'?" } ?? ""))
                }
                schema = inner[next].schema
                path.append(next)
            }
            if let earlier = found, earlier.unwrapped != schema.unwrapped { break }
            found = found ?? schema
            candidates.append(.init(frame: frame, path: path))
            // A `nil` optional lets the lookup climb on; anything else always answers here.
            guard case .optional = fields[index].schema else { break }
        }
        guard let schema = found else {
            let known = searched.flatMap { frames[$0].schema.fieldNames }
            let scope = searched.compactMap { frames[$0].schema.recordName }.joined(separator: ", ")
            let hint =
                Self.closest(to: first, in: known).map { "; did you mean '\($0)'?" }
                ?? " (names here: \(Set(known).sorted().joined(separator: ", ")))"
            throw error(file, place, "unknown name '\(first)': not a field of \(scope.isEmpty ? "the current value" : scope)\(hint)")
        }
        return (.fields(candidates), schema)
    }

    /// A diagnostic at a place in a template file.
    private func error(_ file: String, _ place: TemplatePlace, _ message: String) -> GeneratorDiagnostic {
        GeneratorDiagnostic(.error, at: SourcePosition(file: file, line: place.line, column: place.column), message)
    }

    /// The known name closest to a misspelled one, if it is close (at most two edits, or a third of its length).
    /// - Parameters:
    ///   - name: The misspelled name.
    ///   - known: The names that exist.
    /// - Returns: The closest, or `nil`.
    static func closest(to name: String, in known: [String]) -> String? {
        let limit = max(2, name.count / 3)
        let scored = known.map { ($0, EditDistance.between(name.lowercased(), $0.lowercased())) }.filter { $0.1 <= limit }
        return scored.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }
}

extension TemplateSchema {
    /// The shape without an optional around it.
    var unwrapped: TemplateSchema {
        if case .optional(let wrapped) = self { return wrapped.unwrapped }
        return self
    }

    /// A record's field names; empty for other shapes.
    var fieldNames: [String] {
        if case .record(_, let fields) = self { return fields.map(\.name) }
        return []
    }

    /// A record's type name.
    var recordName: String? {
        if case .record(let name, _) = self { return name }
        return nil
    }
}
