import LibClang
import XenIR

/// The one value evaluator: clang decides the integer value of every macro the reader takes a number
/// from (ops, interface versions, constants), whatever its spelling: `6`, `(3 + 3)`, `+6`, `SIX`,
/// `0x6ULL`, a value placed after the struct, or an ioctl number built by `_IOC(…, sizeof(struct …))`.
///
/// The values come from a second parse of the same headers whose main file adds, after the
/// includes, one enumeration per expression, each on a line of its own:
/// `enum __xsg_eN { __xsg_vN = (tokens) };`. clang evaluates the enumerator; an error on that line
/// is that expression's. A macro in an inactive branch is evaluated from its own tokens, so its value
/// is the one it would have if its branch were taken with the active macros around it.
struct ValueEvaluator {
    /// What clang made of one expression.
    enum Value: Equatable, Sendable {
        /// A non-negative integer that fits 64 bits.
        case number(UInt64)
        /// A negative integer.
        case negative(Int64)
        /// A string literal (clang types it `char[N]`), with its text (``CStringLiteral``).
        case string(String)
        /// Not an integer constant expression in this configuration; clang's reason.
        case invalid(String)

        /// The number, when the value is one.
        var number: UInt64? {
            if case .number(let value) = self { return value }
            return nil
        }

        /// Whether the value is a negative integer.
        var isNegative: Bool {
            if case .negative = self { return true }
            return false
        }
    }

    /// How the headers are parsed: the same inputs as the reader's own parse.
    struct Parse {
        /// The clang library.
        var clang: LibClang
        /// The virtual main file's path.
        var mainPath: String
        /// The main file's text (the includes).
        var source: String
        /// Arguments to the clang driver.
        var arguments: [String]
        /// In-memory files by path.
        var virtualFiles: [String: String]
    }

    /// Prefix of the synthesized names; no Xen macro starts with it.
    private static let tag = "__xen_swiftgen_value_"

    /// Evaluates each replacement list.
    /// - Parameters:
    ///   - expressions: Replacement lists, as raw tokens (comments excluded).
    ///   - parse: How to parse the headers.
    /// - Returns: One value per expression, in order.
    /// - Throws: ``GeneratorDiagnostic`` when libclang cannot parse at all.
    static func evaluate(_ expressions: [[Token]], parse: Parse) throws -> [Value] {
        try evaluateWithTypes(expressions, parse: parse).map(\.value)
    }

    /// Evaluates each replacement list and names the C type of its value: beside the enumerator, each
    /// line declares `__typeof__((tokens)) tN;`, whose type clang spells (`unsigned int`). A plain
    /// literal needs no parse; its type is the one C's rules give it (``literalType(_:value:)``).
    /// - Parameters:
    ///   - expressions: Replacement lists, as raw tokens (comments excluded).
    ///   - parse: How to parse the headers.
    /// - Returns: One value and type spelling (`nil` when clang gave none) per expression, in order.
    /// - Throws: ``GeneratorDiagnostic`` when libclang cannot parse at all.
    static func evaluateWithTypes(_ expressions: [[Token]], parse: Parse) throws -> [(value: Value, type: String?)] {
        guard !expressions.isEmpty else { return [] }
        var values = [Value?](repeating: nil, count: expressions.count)
        var types = [String?](repeating: nil, count: expressions.count)
        var lines: [String] = []
        var lineOfExpression: [Int: Int] = [:]
        let firstLine = parse.source.split(separator: "\n", omittingEmptySubsequences: false).count
        for (index, tokens) in expressions.enumerated() {
            if let value = integerLiteral(tokens) {
                values[index] = .number(value)
                types[index] = literalType(tokens[0].spelling, value: value)
                continue
            }
            if let reason = refusal(tokens) {
                values[index] = .invalid(reason)
                continue
            }
            lineOfExpression[firstLine + lines.count] = index
            let text = tokens.map(\.spelling).joined(separator: " ")
            lines.append("enum \(tag)e\(index) { \(tag)v\(index) = (\(text)) }; __typeof__((\(text))) \(tag)t\(index);")
        }
        if !lines.isEmpty {
            let contents = parse.source + lines.joined(separator: "\n") + "\n"
            let unit: TranslationUnit
            do {
                // No error limit: past clang's default (20) the errors go unreported, and an enumerator
                // whose expression failed reads as 0, a wrong value taken for a right one.
                unit = try TranslationUnit(
                    clang: parse.clang, path: parse.mainPath, contents: contents, arguments: parse.arguments + ["-ferror-limit=0"],
                    virtualFiles: parse.virtualFiles
                )
            } catch let error as TranslationUnitError {
                throw GeneratorDiagnostic(.error, at: nil, "evaluating macro values: \(error.description)")
            }
            var unattributed: String?
            for diagnostic in unit.diagnostics where diagnostic.severity >= .error {
                let message = diagnostic.message.split(whereSeparator: \.isNewline).joined(separator: " ")
                if let location = diagnostic.location, location.file == parse.mainPath, let index = lineOfExpression[location.line] {
                    if values[index] == nil { values[index] = .invalid(message) }
                } else if unattributed == nil {
                    unattributed = message
                }
            }
            for cursor in unit.cursor.children where cursor.kind == .varDecl {
                let name = cursor.spelling
                guard name.hasPrefix(tag + "t"), let index = Int(name.dropFirst(tag.count + 1)), index < types.count else { continue }
                types[index] = cursor.type.canonical.spelling
                // A string literal is no enumerator value, but its type says what it is.
                if let type = types[index], type.hasPrefix("char["), type.hasSuffix("]") {
                    values[index] =
                        CStringLiteral.text(of: expressions[index]).map(Value.string)
                        ?? .invalid("a string built from other macros, or with a tab or an escape other than \\\\, \\\" and \\'")
                }
            }
            for cursor in unit.cursor.children where cursor.kind == .enumDecl {
                let name = cursor.spelling
                guard name.hasPrefix(tag + "e"), let index = Int(name.dropFirst(tag.count + 1)), index < values.count,
                    values[index] == nil, let constant = cursor.children.first(where: { $0.kind == .enumConstantDecl })
                else { continue }
                values[index] =
                    isUnsigned(cursor.enumIntegerType.canonical.kind)
                    ? .number(constant.enumConstantUnsignedValue)
                    : constant.enumConstantValue < 0 ? .negative(constant.enumConstantValue) : .number(UInt64(constant.enumConstantValue))
            }
            // An error clang placed in a header (inside a macro body) cannot say which line it came from;
            // the expressions it may belong to are the ones left without a value.
            if let unattributed {
                for index in values.indices where values[index] == nil { values[index] = .invalid(unattributed) }
            }
        }
        return zip(values, types).map { value, type in
            let value = value ?? .invalid("clang gave it no value")
            if case .invalid = value { return (value, nil) }
            return (value, type)
        }
    }

    /// The C type of an integer literal (ISO C 6.4.4.1), for the LP64 targets the generator reads
    /// for: the first of `int`, `unsigned int`, `long`, `unsigned long`, `long long`, `unsigned long long`
    /// that holds the value, starting from the one the suffix names (`u` keeps the unsigned ones; a
    /// decimal without it keeps the signed ones).
    /// - Parameters:
    ///   - spelling: The literal as written.
    ///   - value: Its value.
    /// - Returns: The type's spelling.
    static func literalType(_ spelling: String, value: UInt64) -> String {
        let suffix = spelling.reversed().prefix { "uUlL".contains($0) }
        let isUnsigned = suffix.contains { $0 == "u" || $0 == "U" }
        let longs = suffix.filter { $0 == "l" || $0 == "L" }.count
        let digits = spelling.dropLast(suffix.count)
        let isDecimal = !digits.hasPrefix("0") || digits == "0"
        var candidates: [(String, UInt64, Bool)] = [
            ("int", UInt64(Int32.max), false), ("unsigned int", UInt64(UInt32.max), true),
            ("long", UInt64(Int64.max), false), ("unsigned long", UInt64.max, true),
            ("long long", UInt64(Int64.max), false), ("unsigned long long", UInt64.max, true),
        ]
        candidates.removeFirst(min(longs, 2) * 2)
        if isUnsigned { candidates.removeAll { !$0.2 } }
        if isDecimal && !isUnsigned { candidates.removeAll { $0.2 } }
        // A decimal beyond every signed type is taken as unsigned, as clang does (with a warning).
        return candidates.first { value <= $0.1 }?.0 ?? "unsigned long long"
    }

    /// The value of a replacement list that is one C integer literal (`5`, `0x15U`, `017`, `6ull`),
    /// read by C's own grammar for it (ISO C 6.4.4.1: a decimal, octal or hexadecimal constant, then
    /// at most one `u`/`U` and one `l`/`L`/`ll`/`LL` in either order), so that headers whose numbers
    /// are all plain literals need no second parse. Any other spelling, a malformed literal or one
    /// beyond 64 bits goes to clang, which then decides or refuses it.
    /// - Parameter tokens: A replacement list.
    /// - Returns: The value, or `nil` when clang must decide.
    static func integerLiteral(_ tokens: [Token]) -> UInt64? {
        guard tokens.count == 1, let token = tokens.first, token.kind == .literal else { return nil }
        var digits = Substring(token.spelling)
        // The suffix: at most one unsigned and one long part, in either order.
        var sawUnsigned = false, sawLong = false
        while let last = digits.last, "uUlL".contains(last) {
            if last == "u" || last == "U" {
                guard !sawUnsigned else { return nil }
                sawUnsigned = true
                digits = digits.dropLast()
            } else {
                guard !sawLong else { return nil }
                sawLong = true
                let long = digits.hasSuffix("ll") || digits.hasSuffix("LL") ? 2 : 1
                digits = digits.dropLast(long)
            }
        }
        let radix: Int
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            digits = digits.dropFirst(2)
            radix = 16
        } else if digits.hasPrefix("0") {
            radix = 8
        } else {
            radix = 10
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        return UInt64(digits, radix: radix)
    }

    /// Why a replacement list is no expression at all, before clang sees it: empty, or holding tokens
    /// that would end the synthesized declaration (`;`, braces) or a directive.
    private static func refusal(_ tokens: [Token]) -> String? {
        if tokens.isEmpty { return "the macro has no value" }
        if let token = tokens.first(where: { [";", "{", "}", "#", "##"].contains($0.spelling) }) {
            return "'\(token.spelling)' cannot appear in an integer constant expression"
        }
        // Unbalanced brackets would reach into the next line's declaration.
        var depth = 0
        for token in tokens where token.kind == .punctuation {
            switch token.spelling {
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            default: continue
            }
            if depth < 0 { break }
        }
        return depth == 0 ? nil : "unbalanced parentheses"
    }

    /// Whether a `CXTypeKind` is an unsigned integer type (`CXType_Bool` … `CXType_UInt128`).
    private static func isUnsigned(_ kind: Int32) -> Bool { (3...12).contains(kind) }
}
