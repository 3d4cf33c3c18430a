extension Array where Element == FamilySpec {
    /// The rows sorted so that the first row that ``FamilySpec/matches(_:)`` a name owns it: longest
    /// prefix first, table order among equals (a nested list such as `XENMEM_access_op_` before `XENMEM_`).
    public var byPrefixLength: [FamilySpec] {
        enumerated().sorted { lhs, rhs in
            lhs.element.prefix.count != rhs.element.prefix.count
                ? lhs.element.prefix.count > rhs.element.prefix.count : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// The family a macro name belongs to, when these rows are sorted by ``byPrefixLength``.
    /// - Parameter name: A macro name.
    /// - Returns: The owning row, or `nil`.
    public func owner(of name: String) -> FamilySpec? { first { $0.matches(name) } }
}
