/// The spelling rule for names a config may give to emitted types (and so to file names).
enum SwiftIdentifier {
    /// Whether `name` is a plain ASCII Swift identifier: a letter or `_`, then letters, digits or `_`.
    /// - Parameter name: The proposed name.
    /// - Returns: `true` when it is safe as a type name and as a file name.
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
