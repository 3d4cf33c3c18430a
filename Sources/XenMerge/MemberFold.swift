import XenIR

/// The one rule that decides sharing: members equal in several variants are one member, available on
/// the union of those variants; a member that differs stays one member per distinct value.
///
/// Each variant gives its members in its own order (header order). The fold aligns the lists by their
/// longest common subsequence, so the merged order is every variant's order, and a member present in
/// only some variants sits where those variants have it.
public enum MemberFold {
    /// One member of the merged list.
    public struct Member<Value> {
        /// The member, as the first variant that has it gives it (or as `combine` made it).
        public var value: Value
        /// The variants that have it.
        public var availability: Availability

        /// - Parameters:
        ///   - value: The member.
        ///   - availability: The variants that have it.
        public init(value: Value, availability: Availability) {
            self.value = value
            self.availability = availability
        }
    }

    /// Folds one member list per variant into one list.
    /// - Parameter lists: The members of each variant, in variant order.
    /// - Returns: The merged members, in header order, each with its availability.
    public static func fold<Value: Equatable>(_ lists: [[Value]]) -> [Member<Value>] {
        fold(lists, matching: ==, combine: { $0[0].value })
    }

    /// Folds one member list per variant, with members that correspond (`matching`) made into one by
    /// `combine` (which may fold the members' own members).
    /// - Parameters:
    ///   - lists: The members of each variant, in variant order.
    ///   - matching: Whether two members are the same member.
    ///   - combine: The merged member from the matching members of several variants (each with its
    ///     variant index), in variant order; never called with an empty list.
    /// - Returns: The merged members, in header order, each with its availability.
    public static func fold<Value>(
        _ lists: [[Value]], matching: (Value, Value) -> Bool, combine: ([(variant: Int, value: Value)]) -> Value
    ) -> [Member<Value>] {
        // Each merged slot collects the matching members of every variant that has it.
        var slots: [[(variant: Int, value: Value)]] = []
        for (variant, list) in lists.enumerated() {
            let aligned = align(slots.map { $0[0].value }, list, matching: matching)
            var next: [[(variant: Int, value: Value)]] = []
            for step in aligned {
                switch step {
                case .both(let slot, let index): next.append(slots[slot] + [(variant, list[index])])
                case .onlyMerged(let slot): next.append(slots[slot])
                case .onlyNew(let index): next.append([(variant, list[index])])
                }
            }
            slots = next
        }
        return slots.map { parts in
            Member(value: combine(parts), availability: Availability(parts.map(\.variant)))
        }
    }

    /// One step of an alignment.
    private enum Step {
        case both(Int, Int)
        case onlyMerged(Int)
        case onlyNew(Int)
    }

    /// Aligns two lists by their longest common subsequence; unmatched members of the merged list come
    /// before the new list's at each gap, so earlier variants keep their place.
    private static func align<Value>(_ merged: [Value], _ new: [Value], matching: (Value, Value) -> Bool) -> [Step] {
        let m = merged.count, n = new.count
        // lengths[i][j]: the longest common subsequence of merged[i...] and new[j...].
        var lengths = [[Int32]](repeating: [Int32](repeating: 0, count: n + 1), count: m + 1)
        for i in stride(from: m - 1, through: 0, by: -1) {
            for j in stride(from: n - 1, through: 0, by: -1) {
                lengths[i][j] = matching(merged[i], new[j]) ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var steps: [Step] = []
        var i = 0, j = 0
        while i < m || j < n {
            if i < m, j < n, matching(merged[i], new[j]), lengths[i][j] == lengths[i + 1][j + 1] + 1 {
                steps.append(.both(i, j))
                i += 1
                j += 1
            } else if i < m, j == n || lengths[i + 1][j] >= lengths[i][j + 1] {
                steps.append(.onlyMerged(i))
                i += 1
            } else {
                steps.append(.onlyNew(j))
                j += 1
            }
        }
        return steps
    }
}
