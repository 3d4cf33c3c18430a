/// One token of a source file, as `clang_tokenize` lexes it (raw: inactive `#if` branches included).
public struct Token: Sendable, Hashable {
    /// The token's category.
    public enum Kind: Int, Sendable {
        case punctuation = 0, keyword = 1, identifier = 2, literal = 3, comment = 4
    }

    /// The category.
    public var kind: Kind
    /// The exact source text.
    public var spelling: String
    /// Where the token starts.
    public var start: SourceLocation
    /// Line on which the token ends (comments can span lines).
    public var endLine: Int
}
