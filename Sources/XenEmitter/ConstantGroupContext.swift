import Mustache

/// Everything the constants template needs for one group of the constant table: a flag set
/// (`OptionSet`) or a set of named values, and the bit fields read from the records that carry it.
struct ConstantGroupContext: TemplateContext, Equatable {
    /// One named value.
    struct Member: Codable, Equatable, Sendable {
        var docLines: [String]
        var name: String
        var cName: String
        var literal: String
    }

    /// A bit field of a flag word, read from a record through the group's shift and mask members.
    struct Part: Codable, Equatable, Sendable {
        var name: String
        var type: String
        var field: String
        var shift: String
        var mask: String
    }

    /// A shift or mask of a part: an integer member of the group's type.
    struct PartConstant: Codable, Equatable, Sendable {
        var docLines: [String]
        var name: String
        var literal: String
    }

    /// The records whose fields carry the group, with the parts read from them.
    struct RecordParts: Codable, Equatable, Sendable {
        var typeName: String
        var parts: [Conditional<Part>]
    }

    var accessLevel: String
    var header: String
    var typeName: String
    var rawType: String
    var summaryLines: [String]
    var hasSummary: Bool
    var isFlags: Bool
    var isValues: Bool
    /// Where the members come from, for the doc comment (`XEN_DOMINF_*`).
    var source: String
    /// The doc lines that name the record fields typed with the group (a blank line, then
    /// `The type of …`), each as written after `///`; empty when no field is.
    var fieldLines: [String]
    var members: [Conditional<Member>]
    var partConstants: [Conditional<PartConstant>]
    var records: [Conditional<RecordParts>]
}
