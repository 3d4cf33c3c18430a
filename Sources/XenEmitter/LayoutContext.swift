/// Everything the layout-check template needs.
struct LayoutContext {
    /// One record's expected layout.
    struct Entry {
        /// One stored field's expected offset.
        struct Field {
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
struct RecordSupportContext {
    /// A typedef of an integer or enum, as a type alias.
    struct Typedef {
        var name: String
        var cName: String
        var cType: String
        var type: String
    }

    /// A C enum, as a struct of named values (the hypervisor may return values the header lacks).
    struct Enum {
        /// One enumerator.
        struct Constant {
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
