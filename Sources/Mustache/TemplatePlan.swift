import XenIR

/// A template compiled against its context type: every name is resolved to where its value is
/// (which context on the stack, which field indices), so rendering does no name lookups.
public struct TemplatePlan: Sendable {
    /// The nodes.
    var nodes: [Node]
    /// The context type the plan was compiled for, for the render-time check.
    var contextType: ObjectIdentifier
    /// That type's name, for the error when another type is passed.
    var contextTypeName: String

    /// One step of the plan.
    indirect enum Node: Sendable {
        /// Literal text.
        case text(String)
        /// Print a value.
        case value(Lookup)
        /// A section over a list: the body once per element, with the element on the stack.
        case each(Lookup, [Node])
        /// A section over a flag: the body once, stack unchanged.
        case when(Lookup, [Node])
        /// A section over any other value: the body once with the value on the stack, if present.
        case with(Lookup, [Node])
        /// An inverted section: the body once, if the value is false, `nil` or an empty list.
        case unless(Lookup, [Node])
        /// A standalone partial: its text with `indentation` before each line.
        case indented(String, [Node])
    }

    /// Where a value is.
    enum Lookup: Sendable {
        /// Fields down from a context on the stack; when the last step of a candidate is a `nil`
        /// optional the next candidate (a context further down) is tried, as Mustache climbs.
        case fields([Candidate])
        /// A fact about the innermost list element being rendered (`first()`, `index()` …).
        case sequence(String)
    }

    /// One place a name can resolve to.
    struct Candidate: Sendable {
        /// The stack slot (0 = the root context).
        var frame: Int
        /// Field indices from that context.
        var path: [Int]
    }

    /// The innermost list iteration.
    private struct Position {
        var index: Int
        var count: Int
    }

    /// Renders template `name`'s plan with `context`.
    /// - Parameters:
    ///   - name: The template's name, for errors.
    ///   - context: The values, of the type the plan was compiled for.
    /// - Returns: The text.
    /// - Throws: ``GeneratorDiagnostic`` when `context` is not the plan's context type or cannot be encoded.
    public func render<Context: TemplateContext>(_ name: String, _ context: Context) throws -> String {
        guard contextType == ObjectIdentifier(Context.self) else {
            throw GeneratorDiagnostic(.error, at: nil, "template '\(name)' renders \(contextTypeName), not \(Context.self)")
        }
        do {
            return render(try TemplateValueEncoder.encode(context))
        } catch {
            throw GeneratorDiagnostic(.error, at: nil, "template '\(name)': cannot encode \(Context.self): \(error)")
        }
    }

    /// Renders the plan.
    /// - Parameter root: The encoded context.
    /// - Returns: The text.
    func render(_ root: TemplateValue) -> String {
        var stack = [root]
        var positions: [Position] = []
        var output = ""
        Self.render(nodes, stack: &stack, positions: &positions, into: &output)
        return output
    }

    /// Renders `nodes` into `output`.
    private static func render(_ nodes: [Node], stack: inout [TemplateValue], positions: inout [Position], into output: inout String) {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .value(let lookup):
                switch resolve(lookup, stack, positions) {
                case .text(let text): output += text
                case .int(let number): output += String(number)
                case .bool(let flag): output += flag ? "true" : "false"
                case .list, .record, .null: break
                }
            case .each(let lookup, let body):
                guard case .list(let elements) = resolve(lookup, stack, positions) else { continue }
                for (index, element) in elements.enumerated() {
                    stack.append(element)
                    positions.append(Position(index: index, count: elements.count))
                    render(body, stack: &stack, positions: &positions, into: &output)
                    positions.removeLast()
                    stack.removeLast()
                }
            case .when(let lookup, let body):
                if resolve(lookup, stack, positions).isTruthy { render(body, stack: &stack, positions: &positions, into: &output) }
            case .with(let lookup, let body):
                let value = resolve(lookup, stack, positions)
                guard value.isTruthy else { continue }
                stack.append(value)
                render(body, stack: &stack, positions: &positions, into: &output)
                stack.removeLast()
            case .unless(let lookup, let body):
                if !resolve(lookup, stack, positions).isTruthy { render(body, stack: &stack, positions: &positions, into: &output) }
            case .indented(let indentation, let body):
                var text = ""
                render(body, stack: &stack, positions: &positions, into: &text)
                output += indent(text, by: indentation)
            }
        }
    }

    /// The value a lookup names.
    private static func resolve(_ lookup: Lookup, _ stack: [TemplateValue], _ positions: [Position]) -> TemplateValue {
        switch lookup {
        case .sequence(let function):
            guard let position = positions.last else { return .null }
            switch function {
            case "first": return .bool(position.index == 0)
            case "last": return .bool(position.index == position.count - 1)
            case "index": return .int(position.index)
            case "even": return .bool(position.index % 2 == 0)
            default: return .bool(position.index % 2 == 1)
            }
        case .fields(let candidates):
            // Only a `nil` first step climbs to the next candidate; past it, `nil` is the answer (as in swift-mustache).
            for candidate in candidates {
                guard case .record(let fields) = stack[candidate.frame], let first = candidate.path.first else {
                    return stack[candidate.frame]
                }
                if case .null = fields[first] { continue }
                var value = fields[first]
                for index in candidate.path.dropFirst() {
                    guard case .record(let fields) = value else { return .null }
                    value = fields[index]
                }
                return value
            }
            return .null
        }
    }

    /// `text` with `indentation` before every line that has content.
    private static func indent(_ text: String, by indentation: String) -> String {
        guard !indentation.isEmpty else { return text }
        var result = ""
        var atLineStart = true
        for character in text {
            if atLineStart, character != "\n" { result += indentation }
            result.append(character)
            atLineStart = character == "\n"
        }
        return result
    }
}
