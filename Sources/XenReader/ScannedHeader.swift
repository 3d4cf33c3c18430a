import LibClang

/// One header as the directive scanner sees it: its `#define` lines and its comments, each with the
/// preprocessor condition around it and whether that condition holds in the parsed configuration.
struct ScannedHeader {
    /// A `#define` line.
    struct Define {
        /// The macro name.
        var name: String
        /// Where the name is.
        var location: SourceLocation
        /// Tokens of the replacement list, comments excluded.
        var value: [Token]
        /// The comment on the same line, after the value.
        var trailingComment: Token?
        /// Whether the macro takes parameters.
        var isFunctionLike: Bool
        /// The preprocessor condition, or `nil` at top level.
        var condition: String?
        /// Whether the line is compiled in under this configuration.
        var isActive: Bool
        /// The value clang gave the replacement list (``ValueEvaluator``), for the defines the reader
        /// takes numbers from; `nil` for the others.
        var evaluated: ValueEvaluator.Value? = nil
        /// The C type of ``evaluated`` as clang spells it, when it is a number or a string.
        var evaluatedType: String? = nil

        /// The name a one-identifier value names (`#define XENMEM_maximum_gpfn XENMEM_maximum_pfn`): the
        /// define may be an alias of that op.
        var aliasTarget: String? { value.count == 1 && value[0].kind == .identifier ? value[0].spelling : nil }
    }

    /// A comment token that is not the trailing comment of a directive.
    struct Comment {
        /// The token.
        var token: Token
        /// Whether code precedes it on its first line.
        var isTrailing: Bool
        /// The preprocessor condition.
        var condition: String?
        /// Whether it lies in a compiled-in region.
        var isActive: Bool
    }

    /// The header, relative to the tree.
    var file: String
    /// The `#define` lines in order.
    var defines: [Define]
    /// The comments in order.
    var comments: [Comment]
}
