/// A compiler diagnostic from parsing a translation unit.
public struct ClangDiagnostic: Sendable, Hashable {
    /// Severity, in clang's order.
    public enum Severity: Int, Sendable, Comparable {
        case ignored = 0, note, warning, error, fatal

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// How bad it is.
    public var severity: Severity
    /// Where clang points, when it points anywhere.
    public var location: SourceLocation?
    /// Clang's message.
    public var message: String
}
