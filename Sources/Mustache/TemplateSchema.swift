/// The shape of a context type: which names a template may use where, and what each is.
///
/// Derived from the type's synthesized `Decodable` conformance (``TemplateSchemaDecoder``), so
/// templates compile against exactly the stored properties of the context structs.
indirect enum TemplateSchema: Sendable, Equatable {
    /// A `String`.
    case text
    /// A `Bool`.
    case bool
    /// An integer.
    case int
    /// An array of elements of one shape.
    case list(TemplateSchema)
    /// A struct: its type name and its stored properties in declaration order.
    case record(String, [Field])
    /// An optional.
    case optional(TemplateSchema)

    /// One stored property.
    struct Field: Sendable, Equatable {
        /// The property's name.
        var name: String
        /// Its shape.
        var schema: TemplateSchema
    }

    /// The schema of `type`.
    /// - Parameter type: A context type.
    /// - Returns: Its shape.
    /// - Throws: `DecodingError` when the type's shape is outside what templates can show (a dictionary, a recursive type).
    static func of<T: Decodable>(_ type: T.Type) throws -> TemplateSchema {
        try TemplateSchemaDecoder.schema(of: type, depth: 0)
    }

    /// How a diagnostic names this shape.
    var summary: String {
        switch self {
        case .text: "text"
        case .bool: "a Bool"
        case .int: "a number"
        case .list(let element): "a list of \(element.summary)"
        case .record(let name, _): name
        case .optional(let wrapped): "an optional \(wrapped.summary)"
        }
    }
}
