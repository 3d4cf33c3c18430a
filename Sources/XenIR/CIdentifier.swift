/// The one spelling of a name the generator takes from headers, ledgers or configs and writes as
/// code: an ASCII C identifier, `[A-Za-z_][A-Za-z0-9_]*`.
public enum CIdentifier {
    /// Whether `name` is an ASCII C identifier.
    /// - Parameter name: A name.
    /// - Returns: `true` when it is one.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, !isDigit(first) else { return false }
        return name.utf8.allSatisfy(isIdentifierByte)
    }

    /// Whether `byte` may appear in an ASCII C identifier.
    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || isDigit(byte) || byte == UInt8(ascii: "_")
    }

    /// Whether `byte` is an ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
