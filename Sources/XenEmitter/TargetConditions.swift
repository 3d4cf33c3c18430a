import XenIR
import XenMerge

/// Turns availability into Swift's compile-time conditions: a member that only some targets have sits
/// under `#if arch(…)`, and any other architecture gets an `#error`.
///
/// The one place that writes a `#if` line of the output.
struct TargetConditions {
    /// The Swift architecture of each variant, by variant index.
    let architectures: [String]

    /// - Parameter targets: The targets, in variant order.
    init(targets: [TargetArchitecture]) {
        architectures = targets.map(\.swiftArchitecture)
    }

    /// The condition that holds on exactly `availability`'s targets, such as `arch(x86_64)`.
    func condition(_ availability: Availability) -> String {
        availability.variants.map { "arch(\(architectures[$0]))" }.joined(separator: " || ")
    }

    /// The `#if` line for a member available on `availability`, inside something available on `enclosing`.
    /// - Returns: `nil` when the member is everywhere its enclosing declaration is.
    func ifLine(_ availability: Availability, within enclosing: Availability) -> String? {
        availability == enclosing ? nil : "#if " + condition(availability)
    }

    /// The availability of every variant.
    var everywhere: Availability { Availability(architectures.indices) }

    /// The lines that stop a build for an architecture the output was not generated for.
    var unsupportedArchitectureGuard: [String] {
        let names =
            architectures.count > 1
            ? architectures.dropLast().joined(separator: ", ") + " and " + (architectures.last ?? "") : architectures.joined()
        return [
            "#if !(\(condition(everywhere)))",
            "#error(\(SwiftText.stringLiteral("xen-swiftgen generated these declarations for \(names) only; generate for this architecture with --target")))",
            "#endif",
        ]
    }

    /// The member that the matching members of several variants make: the first, with the doc lines
    /// of all merged as prose (``ProseMerge``).
    /// - Parameter parts: The members, each with its variant index, in variant order.
    /// - Returns: The merged member.
    func sharingDoc<Member: ProseMember>(_ parts: [(variant: Int, value: Member)]) -> Member {
        var member = parts[0].value
        member.proseLines = ProseMerge.mergeDoc(parts.map { (architectures[$0.variant], $0.value.proseLines) })
        return member
    }

    /// Folds one member list per variant (each given with its variant index) into one list whose
    /// members carry their `#if` lines, relative to `enclosing`.
    /// - Parameters:
    ///   - lists: Each variant's members.
    ///   - enclosing: Where the declaration holding the list is available.
    ///   - matching: Whether two members are the same member (by default, equal but for their
    ///     documentation, ``ProseMember/withoutProse``).
    ///   - combine: The merged member from the matching members of several variants (by default, the
    ///     first with their documentation merged, ``sharingDoc(_:)``).
    func members<Member: ProseMember>(
        _ lists: [(variant: Int, members: [Conditional<Member>])], within enclosing: Availability,
        matching: (Member, Member) -> Bool = { $0.withoutProse == $1.withoutProse },
        combine: (([(variant: Int, value: Member)]) -> Member)? = nil
    ) -> [Conditional<Member>] {
        let combine = combine ?? sharingDoc
        let variants = lists.map(\.variant)
        // The fold counts variants from 0 within `lists`; map back to the output's variant indices.
        let folded = MemberFold.fold(lists.map { $0.members.map(\.member) }, matching: matching) { parts in
            combine(parts.map { (variants[$0.variant], $0.value) })
        }.map { MemberFold.Member(value: $0.value, availability: Availability($0.availability.variants.map { variants[$0] })) }
        // A run of members with one availability opens with `#if`, or with `#elseif` right after a run
        // whose targets it shares none of (then one chain covers both), and the chain ends with `#endif`.
        var result: [Conditional<Member>] = []
        var chain: [Availability] = []
        for (index, member) in folded.enumerated() {
            guard let line = ifLine(member.availability, within: enclosing) else {
                result.append(Conditional(member.value))
                continue
            }
            let startsRun = index == 0 || folded[index - 1].availability != member.availability
            var opening: String?
            if startsRun {
                let continues = !chain.isEmpty && chain.allSatisfy { Set($0.variants).isDisjoint(with: member.availability.variants) }
                opening = continues ? "#elseif " + condition(member.availability) : line
                chain = continues ? chain + [member.availability] : [member.availability]
            }
            let next = index + 1 < folded.count ? folded[index + 1].availability : nil
            let endsRun = next != member.availability
            // The chain goes on when the next run has its own `#if` line and shares no target with it.
            let chainGoesOn =
                endsRun
                && next.map { next in
                    ifLine(next, within: enclosing) != nil && (chain).allSatisfy { Set($0.variants).isDisjoint(with: next.variants) }
                } ?? false
            result.append(Conditional(ifLine: opening, member: member.value, endifLine: endsRun && !chainGoesOn ? "#endif" : nil))
            if endsRun && !chainGoesOn { chain = [] }
        }
        return result
    }

    /// Folds member lists whose members hold member lists of their own (command groups, records, a
    /// constant group's record parts): members that `same` pairs become one, their documentation merged
    /// as prose and their inner lists folded within the variants that have them.
    /// - Parameters:
    ///   - lists: Each variant's members.
    ///   - enclosing: Where the declaration holding the list is available.
    ///   - same: Whether two members are the same member (their inner lists may differ; their
    ///     documentation is left out before they are compared).
    ///   - inner: The inner member list.
    func members<Member: ProseMember, Inner: ProseMember>(
        _ lists: [(variant: Int, members: [Conditional<Member>])], within enclosing: Availability,
        sameWhen same: (Member, Member) -> Bool, folding inner: WritableKeyPath<Member, [Conditional<Inner>]>
    ) -> [Conditional<Member>] {
        members(lists, within: enclosing, matching: { same($0.withoutProse, $1.withoutProse) }) { parts in
            var member = sharingDoc(parts)
            member[keyPath: inner] = members(
                parts.map { ($0.variant, $0.value[keyPath: inner]) }, within: Availability(parts.map(\.variant)))
            return member
        }
    }

    /// Merges one context per variant whose parts outside their member lists and documentation are equal.
    /// - Parameters:
    ///   - contexts: Each variant's context, with its variant index.
    ///   - prose: The context's own doc lines (outside its lists), merged as prose (``ProseMerge``).
    ///   - lists: Sets the member lists of a context from those of the given contexts (empty lists for
    ///     none), and anything derived from them; it must not depend on anything else.
    /// - Returns: The merged context, or `nil` when the contexts differ outside their lists and documentation.
    func merge<Context: Equatable>(
        _ contexts: [(variant: Int, context: Context)], prose: [WritableKeyPath<Context, [String]>] = [],
        lists: (inout Context, [(variant: Int, context: Context)]) -> Void
    ) -> Context? {
        let shells = contexts.map { part in
            var shell = part.context
            for lines in prose { shell[keyPath: lines] = [] }
            lists(&shell, [])
            return shell
        }
        guard let first = shells.first, shells.allSatisfy({ $0 == first }) else { return nil }
        var merged = contexts[0].context
        for lines in prose {
            merged[keyPath: lines] = ProseMerge.mergeDoc(contexts.map { (architectures[$0.variant], $0.context[keyPath: lines]) })
        }
        lists(&merged, contexts)
        return merged
    }
}
