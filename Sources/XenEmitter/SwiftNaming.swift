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

    /// `name` without backticks, for use inside strings such as `renamed:`.
    /// - Parameter name: A possibly escaped identifier.
    /// - Returns: The bare identifier.
    public static func bare(_ name: String) -> String {
        name.filter { $0 != "`" }
    }

    /// A Swift string literal (with quotes) holding `text` on one line.
    /// - Parameter text: Any text.
    /// - Returns: The escaped literal.
    public static func stringLiteral(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n", "\r", "\t": result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
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
