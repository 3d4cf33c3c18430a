/// Which variants of a merged output have a member: a case, a field, a record, a command, a constant.
///
/// A variant is one read of the headers (``MergedInterface/variants``). Today the variants are the
/// targets, a compile-time axis: the emitter writes a member available on some targets only under
/// `#if arch(…)`. The releases of a multi-release set are meant to join as variants of this same model
/// (a run-time axis), so one rule decides what is shared, whatever the axis.
public struct Availability: Codable, Sendable, Hashable {
    /// The variants that have the member, as indices into the merged interface's variants, ascending.
    public private(set) var variants: [Int]

    /// - Parameter variants: Variant indices, in any order, repeats allowed.
    public init<Indices: Sequence<Int>>(_ variants: Indices) {
        self.variants = Set(variants).sorted()
    }

    /// Whether every one of `count` variants has the member.
    /// - Parameter count: How many variants the output has.
    /// - Returns: `true` when the member is everywhere.
    public func isEverywhere(of count: Int) -> Bool {
        variants == Array(0..<count)
    }

    /// The availability of a member that these and `other`'s variants have.
    /// - Parameter other: Another availability.
    /// - Returns: The union.
    public func union(_ other: Availability) -> Availability {
        Availability(variants + other.variants)
    }
}
