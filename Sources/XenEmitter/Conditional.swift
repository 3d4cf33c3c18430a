/// A member of a template context's list, with the `#if` lines around it when only some targets have it.
///
/// A template renders `{{#ifLine}}…{{/ifLine}}`, the member through `{{#member}}…{{/member}}`, then
/// `{{#endifLine}}…{{/endifLine}}`. A run of members with the same targets shares one `#if` … `#endif`.
struct Conditional<Member: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
    /// `#if arch(x86_64)` before the first member of a run that only some targets have; else `nil`.
    var ifLine: String?
    /// The member.
    var member: Member
    /// `#endif` after the last member of such a run; else `nil`.
    var endifLine: String?

    /// A member every target of its list has.
    /// - Parameter member: The member.
    init(_ member: Member) {
        self.member = member
    }

    /// - Parameters:
    ///   - ifLine: The opening line, or `nil`.
    ///   - member: The member.
    ///   - endifLine: The closing line, or `nil`.
    init(ifLine: String?, member: Member, endifLine: String?) {
        self.ifLine = ifLine
        self.member = member
        self.endifLine = endifLine
    }
}

extension Array where Element: Codable & Equatable & Sendable {
    /// The members of one target's context, none under a condition.
    func everywhere() -> [Conditional<Element>] {
        map(Conditional.init)
    }
}
