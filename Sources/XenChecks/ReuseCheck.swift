import XenIR

/// Finds op numbers given to more than one name within a family of one header version:
/// a live op on a retired number, and two live ops on one number. A read of ``NumberClaims``.
public enum ReuseCheck {
    /// Checks every family.
    /// - Parameters:
    ///   - interface: The IR.
    ///   - acknowledgements: Reviewed reuses, reported as notes instead of errors.
    /// - Returns: Errors with notes pointing at the earlier user of the number.
    public static func check(_ interface: XenInterface, acknowledgements: [Acknowledgement] = []) -> [GeneratorDiagnostic] {
        interface.families.flatMap { check($0, acknowledgements: acknowledgements) }
    }

    /// Checks one family.
    /// - Parameters:
    ///   - family: The family.
    ///   - acknowledgements: Reviewed reuses.
    /// - Returns: The findings, in source order.
    public static func check(_ family: OpFamily, acknowledgements: [Acknowledgement] = []) -> [GeneratorDiagnostic] {
        NumberClaims(family, acknowledgements: acknowledgements).headerFindings.map(\.diagnostic)
    }
}
