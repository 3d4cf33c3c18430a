/// The one rule for which characters of untrusted text (headers, ledgers, configs, paths, revisions)
/// must never appear as themselves where they could end a line or hide what follows: in generated
/// Swift (the emitter's `SwiftText`) and in the messages a user reads (``GeneratorDiagnostic``).
public enum UnsafeScalar {
    /// Whether `scalar` ends a line for Swift or for an editor or terminal: LF, VT, FF, CR, NEL, LS, PS.
    /// - Parameter scalar: A Unicode scalar.
    /// - Returns: `true` for a line terminator.
    public static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Whether `scalar` must be shown as an escape rather than as itself: the C0 controls (tab
    /// excepted), DEL, the C1 controls, and the bidirectional controls of the Trojan Source pattern
    /// (U+202A–U+202E, U+2066–U+2069) with the implicit marks (U+200E, U+200F, U+061C).
    /// - Parameter scalar: A Unicode scalar.
    /// - Returns: `true` when hidden.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
