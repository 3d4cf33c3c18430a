import Foundation

/// A macro definition for the parse (`--define`, the config's `defines`): `NAME` or `NAME=VALUE`.
public enum MacroDefinition {
    /// Why `text` is not a macro definition, or `nil` when it is one.
    ///
    /// Clang takes `-D` followed by an empty word as "define the next argument", so `--define ''`
    /// swallowed the target option and the error blamed the target triple.
    /// - Parameter text: The definition as the user gave it.
    /// - Returns: One clause ("is not a macro: …"), or `nil`.
    public static func problem(_ text: String) -> String? {
        let name = text.prefix { $0 != "=" }
        let value = text.dropFirst(name.count)
        let validName =
            name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
            && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        let validValue = !value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        guard !validName || !validValue else { return nil }
        return "'\(text)' is not a macro definition: give NAME or NAME=VALUE (a C identifier, then an optional value on one line)"
    }
}
