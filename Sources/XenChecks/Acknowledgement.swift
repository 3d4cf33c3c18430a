import XenIR

/// A reviewed exception: in `family`, `number` passed from op `from` to op `to`, for `reason`.
///
/// Xen has real renames on one number (`mem_event_op` → `vm_event_op`) and reserved placeholders
/// that a new op later claimed. An acknowledgement turns that one reuse error into a note; the
/// number guard then keeps only `to`. Nothing else is ever allowed silently.
public struct Acknowledgement: Codable, Sendable, Equatable, Hashable {
    /// The family name, such as `domctl`.
    public var family: String
    /// The op number.
    public var number: UInt64
    /// The C name that held the number before.
    public var from: String
    /// The C name that holds it now.
    public var to: String
    /// Why this is acceptable (a commit, a mailing-list thread).
    public var reason: String

    /// Creates an acknowledgement.
    public init(family: String, number: UInt64, from: String, to: String, reason: String) {
        self.family = family
        self.number = number
        self.from = from
        self.to = to
        self.reason = reason
    }

    /// Whether this acknowledgement covers `to` taking `number` from `from` in `family`.
    func covers(family: String, number: UInt64, from: String, to: String) -> Bool {
        self.family == family && self.number == number && self.from == from && self.to == to
    }
}

extension Array where Element == Acknowledgement {
    /// The acknowledgement covering a reuse, if any.
    func covering(family: String, number: UInt64, from: String, to: String) -> Acknowledgement? {
        first { $0.covers(family: family, number: number, from: from, to: to) }
    }
}
