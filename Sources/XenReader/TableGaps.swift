import XenIR

/// Entries of the family table that a header version lacks: whole families, payload records and
/// payload-member bindings.
///
/// The built-in table serves every Xen release from 4.0 to master, so an older or newer tree
/// missing some of its entries is expected: the reader collects them and reports them in one warning,
/// never as an error.
public struct TableGaps: Sendable, Equatable {
    /// Families the table lists that these headers do not declare.
    public var families: [String] = []
    /// Payload or request records, as `family: struct name`.
    public var records: [String] = []
    /// Ops that `payloadMembers` binds but these headers do not define, as `family: op`.
    public var members: [String] = []

    /// Creates an empty list.
    public init() {}

    /// Whether nothing is missing.
    public var isEmpty: Bool { families.isEmpty && records.isEmpty && members.isEmpty }

    /// The one warning naming every missing entry, or `nil` when nothing is missing.
    public var warning: GeneratorDiagnostic? {
        guard !isEmpty else { return nil }
        var parts: [String] = []
        if !families.isEmpty { parts.append("families \(families.joined(separator: ", "))") }
        if !records.isEmpty { parts.append("records \(records.joined(separator: ", "))") }
        if !members.isEmpty { parts.append("payloadMembers ops \(members.joined(separator: ", "))") }
        let count = families.count + records.count + members.count
        return GeneratorDiagnostic(
            .warning, at: nil,
            "these headers lack \(count) entr\(count == 1 ? "y" : "ies") of the family table, skipped: \(parts.joined(separator: "; "))")
    }
}
