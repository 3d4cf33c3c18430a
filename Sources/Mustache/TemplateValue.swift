/// A template context as the renderer walks it: the context struct encoded once, fields in
/// declaration order so a compiled lookup reaches a field by its index.
enum TemplateValue: Sendable {
    /// A `String`.
    case text(String)
    /// A `Bool`: a section shows or hides, a variable prints `true` or `false`.
    case bool(Bool)
    /// An integer, printed in decimal.
    case int(Int)
    /// An array: a section repeats for each element.
    case list([TemplateValue])
    /// A struct: its stored properties in declaration order (the ``TemplateSchema/record(_:_:)`` names).
    case record([TemplateValue])
    /// A `nil` optional: prints nothing, hides a section, and lets a lookup climb the context stack.
    case null

    /// Whether a section over this value shows (Mustache's truthiness, as swift-mustache had it:
    /// `false`, `nil` and an empty list hide; text and numbers, even empty or zero, show).
    var isTruthy: Bool {
        switch self {
        case .bool(let value): value
        case .list(let elements): !elements.isEmpty
        case .null: false
        case .text, .int, .record: true
        }
    }
}

/// A context type the templates can render: its stored properties are what a template may name.
///
/// The conformance is synthesized by the compiler (`Codable`), so the names a template sees are the
/// struct's own: ``TemplateSchema`` reads them from `init(from:)`, ``TemplateValueEncoder`` the values
/// from `encode(to:)`. Nothing restates the fields.
public protocol TemplateContext: Codable, Sendable {}
