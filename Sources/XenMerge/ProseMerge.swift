import XenIR

/// The rule "share on code, merge docs as prose": declarations of several variants that differ only
/// in their documentation are one declaration, and its documentation keeps what every variant says,
/// with what only some say marked with the variants that say it.
///
/// Two marks, both decided here: a sentence of a doc comment reads `On x86_64: …`, a row of a table
/// (an op table of a command type) reads `… (x86_64 only)`. The lines and rows align by
/// ``MemberFold``, so the merged text keeps every variant's order.
public enum ProseMerge {
    /// The variant names of a mark, such as `x86_64` or `x86_64, arm64`.
    /// - Parameter names: The names of the variants that have the text, in variant order.
    /// - Returns: The names, comma separated.
    public static func names(_ names: [String]) -> String {
        names.joined(separator: ", ")
    }

    /// A doc comment line that only the named variants have: `On x86_64: …`, after the line's leading
    /// spaces (a doc line is written after `///`). An empty line is left as it is.
    /// - Parameters:
    ///   - line: The line.
    ///   - variantNames: The variants that have it.
    /// - Returns: The marked line.
    public static func markSentence(_ line: String, on variantNames: [String]) -> String {
        let text = line.drop { $0 == " " }
        guard !text.isEmpty else { return line }
        return String(line.prefix(line.count - text.count)) + "On \(names(variantNames)): " + text
    }

    /// A table cell of a row that only the named variants have: `… (x86_64 only)`.
    /// - Parameters:
    ///   - cell: The cell (the row's first column).
    ///   - variantNames: The variants that have the row.
    /// - Returns: The marked cell.
    public static func markRow(_ cell: String, on variantNames: [String]) -> String {
        cell + " (\(names(variantNames)) only)"
    }

    /// Merges one list of text items (doc lines or table rows) per variant: an item every variant has
    /// is kept once; one only some have is kept once and marked with their names.
    /// - Parameters:
    ///   - lists: Each variant's items, with its name, in variant order.
    ///   - mark: Marks an item with the names of the variants that have it (``markSentence(_:on:)``, or a
    ///     row's ``markRow(_:on:)``).
    /// - Returns: The merged items, in every variant's order.
    public static func merge<Item: Equatable>(
        _ lists: [(name: String, items: [Item])], mark: (Item, [String]) -> Item
    ) -> [Item] {
        guard let first = lists.first, !lists.allSatisfy({ $0.items == first.items }) else { return lists.first?.items ?? [] }
        return MemberFold.fold(lists.map(\.items)).map { member in
            member.availability.isEverywhere(of: lists.count)
                ? member.value : mark(member.value, member.availability.variants.map { lists[$0].name })
        }
    }

    /// Merges the doc comment lines of several variants (``merge(_:mark:)`` with sentence marks).
    /// - Parameter docs: Each variant's doc lines, with its name, in variant order.
    /// - Returns: The merged lines.
    public static func mergeDoc(_ docs: [(name: String, items: [String])]) -> [String] {
        merge(docs, mark: markSentence)
    }
}
