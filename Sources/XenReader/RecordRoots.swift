import LibClang

/// The named top-level struct and union definitions of a tree's headers, found in one walk of the
/// translation unit, from which each row with ``FamilySpec/recordHeaders`` takes the roots of its
/// headers (a walk per row cost more than clang's parse of the headers).
struct RecordRoots {
    /// Every candidate in parse order, with its tree-relative header and declared name.
    var candidates: [(header: String, name: String, cursor: Cursor)]

    /// The candidates of `headers`, in parse order, the first of each name only.
    /// - Parameter headers: Tree-relative headers, or `nil` for every header of the tree.
    /// - Returns: The record definitions.
    func roots(in headers: Set<String>?) -> [Cursor] {
        var seen: Set<String> = []
        return candidates.filter { candidate in
            (headers?.contains(candidate.header) ?? true) && seen.insert(candidate.name).inserted
        }.map(\.cursor)
    }
}
