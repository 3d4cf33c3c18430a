import XenIR

/// A macro with a selected family's prefix that the family table does not take as an op, and why:
/// nothing with a family's prefix is dropped in silence (`xen-swiftgen coverage` lists these).
public struct LeftOutMacro: Sendable, Hashable, Codable {
    /// The macro (or tombstone) name.
    public var name: String
    /// The family whose prefix it has.
    public var family: String
    /// Where it is, relative to the tree.
    public var position: SourcePosition
    /// Why it is no op.
    public var reason: String
}

/// A named record of the headers read that is not mirrored, and why (`xen-swiftgen coverage` lists
/// these): one of a row's ``FamilySpec/recordHeaders`` that Swift cannot lay out, or one that no
/// selected row mirrors.
public struct LeftOutRecord: Sendable, Hashable, Codable {
    /// The record's tag.
    public var name: String
    /// The row whose record headers hold it; `nil` when no selected row mirrors its header.
    public var family: String?
    /// Where it is defined, relative to the tree.
    public var position: SourcePosition
    /// Why it is not mirrored.
    public var reason: String
}
