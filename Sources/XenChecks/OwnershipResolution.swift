import XenIR

/// What the number-ownership rules leave for the emitter, written into the IR: each family gets the
/// numbers its ledger and history keep reserved (`OpFamily.reserved`), and each acknowledged old
/// name its successor as replacement, so its fix-it renames to it.
public enum OwnershipResolution {
    /// The IR the emitter reads.
    /// - Parameters:
    ///   - interface: One target's IR, as checked.
    ///   - reserved: Reserved numbers by family name (from ``LedgerUpdate`` and ``HistoryGuard``).
    ///   - acknowledgements: Reviewed renames and reuses.
    /// - Returns: The IR with reservations and renames applied.
    public static func resolve(
        _ interface: XenInterface, reserved: [String: [ReservedNumber]], acknowledgements: [Acknowledgement]
    ) -> XenInterface {
        var result = interface
        for index in result.families.indices {
            let family = result.families[index]
            result.families[index] = applying(acknowledgements.filter { $0.family == family.name }, to: family)
            if let numbers = reserved[family.name], !numbers.isEmpty { result.families[index].reserved = numbers }
        }
        return result
    }

    /// Gives each acknowledged old name its successor as replacement.
    ///
    /// When the headers still hold the old name's tombstone, that retired op gets the replacement.
    /// When they no longer mention it (the tombstone was deleted, or the rename left none), the old
    /// name becomes a retired op of its own, placed at its successor's definition, so code written
    /// against the old name still gets the unavailable member and its fix-it.
    static func applying(_ acknowledgements: [Acknowledgement], to family: OpFamily) -> OpFamily {
        var result = family
        for acknowledgement in acknowledgements {
            let ops = result.ops
            if let index = ops.firstIndex(where: { $0.name == acknowledgement.from }) {
                if ops[index].status == .retired, ops[index].replacement == nil {
                    result.ops[index].replacement = acknowledgement.to
                }
            } else if let successor = ops.first(where: {
                $0.name == acknowledgement.to && $0.number == acknowledgement.number && $0.status != .retired
            }) {
                result.ops.append(
                    Op(
                        name: acknowledgement.from, number: acknowledgement.number, status: .retired,
                        marker: "renamed to \(acknowledgement.to) (acknowledged: \(acknowledgement.reason))",
                        replacement: acknowledgement.to,
                        condition: successor.condition, isActive: successor.isActive,
                        file: successor.file, line: successor.line, column: successor.column
                    ))
            }
        }
        return result
    }
}
