/// A parsed template: Mustache syntax, before names are resolved.
indirect enum TemplateSyntax: Sendable, Equatable {
    /// Literal text.
    case text(String)
    /// `{{name}}`, `{{{name}}}` or `{{&name}}`: the same thing here, since nothing is escaped (the output is Swift, not HTML).
    case variable(TemplateName, TemplatePlace)
    /// `{{#name}}…{{/name}}`, or with `inverted` `{{^name}}…{{/name}}`.
    case section(TemplateName, inverted: Bool, body: [TemplateSyntax], TemplatePlace)
    /// `{{> name}}`; `indentation` is the whitespace before a standalone partial tag, put before each of its lines.
    case partial(String, indentation: String, TemplatePlace)
}

/// Where a tag starts in its template file.
struct TemplatePlace: Sendable, Equatable {
    /// 1-based line.
    var line: Int
    /// 1-based column, in bytes as compilers count.
    var column: Int
}

/// A name inside a tag: a dotted path, `.`, or a sequence function such as `first()`.
struct TemplateName: Sendable, Equatable, CustomStringConvertible {
    /// The dotted parts; empty for `.` (the current value).
    var path: [String]
    /// Whether the name starts with `.`, so only the current value is searched (no climbing).
    var anchored: Bool
    /// `first`, `last`, `index`, `even` or `odd` for `first()` …: facts about the current list element.
    var function: String?
    /// The name as written.
    var description: String

    /// The sequence functions swift-mustache offered inside a list section.
    static let functions = ["first", "last", "index", "even", "odd"]

    /// Parses the text inside a tag.
    /// - Parameter text: The trimmed tag content.
    /// - Returns: The name, or `nil` with the reason it is not one.
    static func parse(_ text: String) -> Result<TemplateName, TemplateSyntaxError> {
        if text == "." { return .success(TemplateName(path: [], anchored: true, description: text)) }
        if text.hasSuffix(")"), let open = text.firstIndex(of: "(") {
            let function = String(text[..<open])
            let argument = text[text.index(after: open)..<text.index(before: text.endIndex)]
            guard argument.isEmpty, functions.contains(function) else {
                return .failure(
                    .init(
                        "'\(text)': the renderer knows the list functions \(functions.map { $0 + "()" }.joined(separator: ", ")), and no transforms"
                    ))
            }
            return .success(TemplateName(path: [], anchored: false, function: function, description: text))
        }
        let anchored = text.hasPrefix(".")
        let parts = (anchored ? String(text.dropFirst()) : text).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !text.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isNameCharacter) }) else {
            return .failure(.init(text.isEmpty ? "empty tag" : "'\(text)' is not a name (letters, digits, '_' and '-', joined by '.')"))
        }
        return .success(TemplateName(path: parts, anchored: anchored, description: text))
    }

    /// Whether `character` may appear in a name part.
    /// - Parameter character: A character.
    /// - Returns: `true` for letters, digits, `_` and `-`.
    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-"
    }
}

/// Why a template does not parse, with the place to point at.
struct TemplateSyntaxError: Error, Sendable, Equatable {
    /// One sentence.
    var message: String
    /// Where, when known at the point of failure (the parser adds it otherwise).
    var place: TemplatePlace?

    /// An error.
    /// - Parameters:
    ///   - message: One sentence.
    ///   - place: Where.
    init(_ message: String, at place: TemplatePlace? = nil) {
        self.message = message
        self.place = place
    }
}
