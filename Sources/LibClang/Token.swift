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
    /// Whether the source bytes were valid UTF-8. When not, `spelling` reads them as Latin-1, which maps
    /// every byte to one character, so no byte is lost and the result does not depend on the locale.
    public var isValidUTF8 = true
    /// Whether a backslash-newline lies between the previous token and this one, so that this token
    /// continues the previous token's logical line (a `#define` written over several lines).
    public var continuesLine = false
}
