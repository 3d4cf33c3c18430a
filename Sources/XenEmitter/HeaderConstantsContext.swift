import Mustache

/// Everything the header-constants template needs for one header: its value macros that no group of
/// the constant table takes, as typed static members of a caseless enum named after the header.
struct HeaderConstantsContext: TemplateContext, Equatable {
    /// One constant.
    struct Member: Codable, Equatable, Sendable {
        var docLines: [String]
        /// The Swift name (``HeaderConstantNames``).
        var name: String
        /// The Swift type: the C type the value evaluator gives, or `String` for a string literal.
        var type: String
        var literal: String
        /// Its value per release of the set, when the releases differ: the cases of `name(on:)`.
        var releaseValues: [ReleaseValue]
        var hasReleaseValues: Bool
    }

    /// The releases that give a constant one value, as `case` patterns of `(major, minor)`.
    struct ReleaseValue: Codable, Equatable, Sendable {
        /// `(4, 16), (4, 17)`.
        var patterns: String
        var literal: String
    }

    var accessLevel: String
    var header: String
    /// The container: the header's name cased by the records' file rule, then `Constants`.
    var typeName: String
    var members: [Conditional<Member>]
}
