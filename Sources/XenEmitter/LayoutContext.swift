/// Everything the layout-check template needs.
struct LayoutContext: TemplateContext {
    /// One record's expected layout.
    struct Entry: Codable {
        /// One stored field's expected offset.
        struct Field: Codable {
            var name: String
            var offset: Int
            var label: String
        }

        var cName: String
        var cNameLiteral: String
        var function: String
        var type: String
        var size: Int
        var alignment: Int
        var fields: [Field]
    }

    var accessLevel: String
    var target: String
    var recordCount: Int
    var fieldCount: Int
    var records: [Entry]
}

/// Context of the record support file: guest handles, typedefs and enums.
struct RecordSupportContext: TemplateContext {
    /// A typedef of an integer or enum, as a type alias.
    struct Typedef: Codable {
        var name: String
        var cName: String
        var cType: String
        var type: String
    }

    /// A C enum, as a struct of named values (the hypervisor may return values the header lacks).
    struct Enum: Codable {
        /// One enumerator.
        struct Constant: Codable {
            var name: String
            var cName: String
            var value: String
            var doc: String
        }

        var name: String
        var rawType: String
        var docLines: [String]
        var constants: [Constant]
    }

    var accessLevel: String
    var typedefs: [Typedef]
    var enums: [Enum]
}
