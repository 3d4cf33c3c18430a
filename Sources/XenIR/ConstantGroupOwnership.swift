extension ConstantGroup {
    /// The family row that would take this group's macros as its ops, leaving the group empty: the
    /// row owning a name of the group's prefix in the group's header (``FamilySpec/byPrefixLength``),
    /// when it takes such a name as an op whether the member is spelled in lower or upper case after
    /// the prefix. The reader gives every op name to its family first, so such a group would be
    /// emitted without members, silently.
    /// - Parameter table: The resolved family table.
    /// - Returns: The row, or `nil` when the group's macros stay constants.
    public func owningFamily(in table: [FamilySpec]) -> FamilySpec? {
        guard let prefix else { return nil }
        let rows = table.filter { $0.header == header }.byPrefixLength
        for probe in [prefix + "a", prefix + "A"] {
            if let owner = rows.owner(of: probe), owner.takesAsOp(probe) { return owner }
        }
        return nil
    }
}
