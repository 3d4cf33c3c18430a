/// A member of a template context's list whose documentation is prose: members of several targets
/// that differ only in it are one member, its doc lines merged by ``ProseMerge``.
///
/// A member without documentation has no prose lines (the default).
protocol ProseMember: Codable, Equatable, Sendable {
    /// The member's doc comment lines, each as written after `///`.
    var proseLines: [String] { get set }
}

extension ProseMember {
    var proseLines: [String] {
        get { [] }
        set {}
    }

    /// The member with its documentation left out: what decides whether two targets' members are one.
    var withoutProse: Self {
        var member = self
        member.proseLines = []
        return member
    }
}

/// A member documented by its `docLines`.
protocol DocumentedMember: ProseMember {
    /// The doc comment lines.
    var docLines: [String] { get set }
}

extension DocumentedMember {
    var proseLines: [String] {
        get { docLines }
        set { docLines = newValue }
    }
}

extension FamilyContext.Case: DocumentedMember {}
extension FamilyContext.Retired: DocumentedMember {}
extension FamilyContext.Alias: DocumentedMember {}
extension FamilyContext.GuardEntry: ProseMember {}
extension FamilyContext.GuardLink: ProseMember {}
extension FamilyContext.ReleaseGroup: ProseMember {}
extension FamilyContext.VersionEntry: ProseMember {}
extension FamilyContext.StableCase: ProseMember {}
extension CommandContext.Group: ProseMember {}
extension CommandContext.Command: DocumentedMember {}
extension CommandContext.Unmapped: DocumentedMember {}
extension ConstantGroupContext.Member: DocumentedMember {}
extension ConstantGroupContext.PartConstant: DocumentedMember {}
extension ConstantGroupContext.RecordParts: ProseMember {}
extension ConstantGroupContext.Part: ProseMember {}
extension HeaderConstantsContext.Member: DocumentedMember {}
extension RecordContext: DocumentedMember {}
extension RecordContext.Member: DocumentedMember {}
extension LayoutContext.Counts: ProseMember {}
extension LayoutContext.Entry: ProseMember {}
extension RecordSupportContext.Typedef: ProseMember {}
extension RecordSupportContext.Enum: DocumentedMember {}
