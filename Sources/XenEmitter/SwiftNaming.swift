/// The naming rule from C macro names to Swift identifiers.
///
/// The family prefix is dropped and the rest becomes lowerCamelCase: `XEN_DOMCTL_max_mem` → `maxMem`,
/// `XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN` → `movedomain`, `__HYPERVISOR_arch_0` → `arch0`. Words written
/// all in capitals are lowercased; a name that would start with a digit gets a leading `_`; Swift
/// keywords are wrapped in backticks. The C name always stays visible in the doc comment.
public enum SwiftNaming {
    /// Swift keywords that cannot be used as case names without backticks.
    static let keywords: Set<String> = [
        "as", "associatedtype", "break", "case", "catch", "class", "continue", "default", "defer", "deinit", "do",
        "else", "enum", "extension", "fallthrough", "false", "fileprivate", "for", "func", "guard", "if", "import",
        "in", "init", "inout", "internal", "is", "let", "nil", "open", "operator", "private", "protocol", "public",
        "repeat", "rethrows", "return", "self", "Self", "static", "struct", "subscript", "super", "switch", "throw",
        "throws", "true", "try", "typealias", "var", "where", "while", "Type", "Protocol", "any", "some",
    ]

    /// The Swift case name for a C op name.
    /// - Parameters:
    ///   - cName: The macro name, such as `XEN_DOMCTL_max_mem`.
    ///   - prefix: The family prefix, such as `XEN_DOMCTL_`.
    /// - Returns: The identifier, escaped when it is a keyword.
    public static func caseName(_ cName: String, prefix: String) -> String {
        if let name = asciiCaseName(cName, prefix: prefix) { return name }
        let stem = cName.hasPrefix(prefix) ? String(cName.dropFirst(prefix.count)) : cName
        let words = stem.split(separator: "_").map { word -> String in
            word.allSatisfy { !$0.isLowercase } ? word.lowercased() : String(word)
        }
        guard let first = words.first else { return "_" }
        var name = first.prefix(1).lowercased() + first.dropFirst()
        for word in words.dropFirst() {
            name += word.prefix(1).uppercased() + word.dropFirst()
        }
        if let head = name.first, head.isNumber { name = "_" + name }
        return keywords.contains(name) ? "`\(name)`" : name
    }

    /// ``caseName(_:prefix:)`` for ASCII names (every C identifier), on bytes: the same rule without
    /// the Unicode case tables and grapheme breaking, which made naming a noticeable part of a run.
    /// - Parameters:
    ///   - cName: The macro name.
    ///   - prefix: The family prefix.
    /// - Returns: The identifier, or `nil` when either is not ASCII.
    private static func asciiCaseName(_ cName: String, prefix: String) -> String? {
        let bytes = Array(cName.utf8), prefixBytes = Array(prefix.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }), prefixBytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let stem = bytes.starts(with: prefixBytes) ? bytes[prefixBytes.count...] : bytes[...]
        func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        func lower(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte + 32 : byte }
        func upper(_ byte: UInt8) -> UInt8 { isLower(byte) ? byte - 32 : byte }
        var name: [UInt8] = []
        name.reserveCapacity(stem.count + 3)
        for (index, word) in stem.split(separator: UInt8(ascii: "_")).enumerated() {
            // A word with no lowercase letter is written in capitals: lowercase all of it.
            let allCaps = !word.contains(where: isLower)
            for (offset, byte) in zip(word.indices, word) {
                if offset == word.startIndex {
                    name.append(index == 0 ? lower(byte) : upper(allCaps ? lower(byte) : byte))
                } else {
                    name.append(allCaps ? lower(byte) : byte)
                }
            }
        }
        guard let head = name.first else { return "_" }
        if head >= UInt8(ascii: "0") && head <= UInt8(ascii: "9") { name.insert(UInt8(ascii: "_"), at: 0) }
        let text = String(decoding: name, as: UTF8.self)
        return keywords.contains(text) ? "`\(text)`" : text
    }

    /// `name` without backticks, for use inside strings such as `renamed:`.
    /// - Parameter name: A possibly escaped identifier.
    /// - Returns: The bare identifier.
    public static func bare(_ name: String) -> String {
        name.utf8.contains(UInt8(ascii: "`")) ? name.filter { $0 != "`" } : name
    }

    /// An integer literal in the style of the header (hex for values written in hex).
    /// - Parameters:
    ///   - value: The number.
    ///   - hex: Whether to write it in hexadecimal.
    /// - Returns: The literal.
    public static func integerLiteral(_ value: UInt64, hex: Bool = false) -> String {
        hex ? "0x" + String(value, radix: 16) : String(value)
    }
}
