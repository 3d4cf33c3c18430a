import Mustache

/// Everything the layout-check template needs.
struct LayoutContext: TemplateContext, Equatable {
    /// One record's expected layout.
    struct Entry: Codable, Equatable, Sendable {
        /// One stored field's expected offset.
        struct Field: Codable, Equatable, Sendable {
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

    /// The record and field counts of one target.
    struct Counts: Codable, Equatable, Sendable {
        var recordCount: Int
        var fieldCount: Int
    }

    var accessLevel: String
    var target: String
    /// How many records and field offsets the check covers (they differ between targets).
    var counts: [Conditional<Counts>]
    var records: [Conditional<Entry>]
}

/// Context of the record support file: guest handles, typedefs and enums.
struct RecordSupportContext: TemplateContext, Equatable {
    /// A typedef of an integer or enum, as a type alias.
    struct Typedef: Codable, Equatable, Sendable {
        var name: String
        var cName: String
        var cType: String
        var type: String
    }

    /// A C enum, as a struct of named values (the hypervisor may return values the header lacks).
    struct Enum: Codable, Equatable, Sendable {
        /// One enumerator.
        struct Constant: Codable, Equatable, Sendable {
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
    var typedefs: [Conditional<Typedef>]
    var enums: [Conditional<Enum>]
}
