import Testing
import XenIR
@testable import XenReader

/// The one value evaluator, on the spellings a hostile or careless header uses to hide a number.
@Suite struct ValueEvaluatorTests {
    /// The values of every object-like define of `text`, by name.
    static func values(_ text: String, defines: [String] = ["__XEN_TOOLS__"]) throws -> [String: ValueEvaluator.Value] {
        let scanned = try ReaderStageTests.scan(text, defines: defines)
        return Dictionary(scanned.defines.compactMap { define in define.evaluated.map { (define.name, $0) } }) { first, _ in first }
    }

    @Test("clang gives the number whatever the spelling: expressions, other macros, casts, suffixes, sizeof, inactive branches")
    func spellings() throws {
        let values = try Self.values(
            """
            #define SIX 6
            #define A_sum (3 + 3)
            #define A_macro SIX
            #define A_parens ((6))
            #define A_plus +6
            #define A_suffix 0x6ULL
            #define A_octal 06
            #define A_cast ((unsigned int)6)
            #define A_sizeof (sizeof(struct s) - 2)
            #define A_shift (1U << 2 | 2)
            #define A_char ('\\6')
            #define A_max 0xffffffffffffffffULL
            struct s { unsigned long long a; };
            #ifdef __XEN__
            #define A_inactive (2 * 3)
            #endif
            """)
        for name in [
            "A_sum", "A_macro", "A_parens", "A_plus", "A_suffix", "A_octal", "A_cast", "A_sizeof", "A_shift", "A_char", "A_inactive",
        ] {
            #expect(values[name] == .number(6), "\(name): \(String(describing: values[name]))")
        }
        #expect(values["A_max"] == .number(UInt64.max))
    }

    @Test("values that are no number: negative, too large, floating, empty, or tokens that would end the declaration; a string is a string")
    func refusals() throws {
        let values = try Self.values(
            """
            #define B_negative (-5)
            #define B_huge 18446744073709551616
            #define B_float 1.5
            #define B_string "six"
            #define B_empty
            #define B_escape 6 }; enum { x = 7
            #define B_undeclared NOT_DEFINED_ANYWHERE
            """)
        #expect(values["B_negative"] == .negative(-5))
        #expect(values["B_string"] == .string("six"))
        for name in ["B_huge", "B_float", "B_empty", "B_escape", "B_undeclared"] {
            guard case .invalid(let reason) = values[name] else {
                Issue.record("\(name) should be invalid, is \(String(describing: values[name]))")
                continue
            }
            #expect(!reason.isEmpty && !reason.contains("\n"), "\(name): \(reason)")
        }
    }
}

extension ValueEvaluatorTests {
    @Test("a lone integer literal is read by C's grammar, and gives what clang gives for the same spelling in parentheses")
    func literalFastPathEqualsClang() throws {
        let spellings = [
            "0", "5", "0x15U", "017", "6ull", "6LLU", "0XffUL", "4294967296", "18446744073709551615ULL", "5uu", "08", "6lL", "0x",
        ]
        let text = spellings.enumerated().map { "#define A_\($0.offset) \($0.element)\n#define B_\($0.offset) (\($0.element))" }
            .joined(separator: "\n")
        let values = try Self.values(text)
        for (index, spelling) in spellings.enumerated() {
            let literal = values["A_\(index)"], clang = values["B_\(index)"]
            switch (literal, clang) {
            case (.number(let a), .number(let b)): #expect(a == b, "\(spelling): \(a) vs clang's \(b)")
            case (.invalid, .invalid): break
            default: Issue.record("\(spelling): \(String(describing: literal)) vs clang's \(String(describing: clang))")
            }
        }
        #expect(values["A_2"] == .number(0x15) && values["A_3"] == .number(15) && values["A_8"] == .number(UInt64.max))
    }
}

extension ValueEvaluatorTests {
    @Test("a value's C type: C's rules for a lone literal give what clang gives for the same spelling in parentheses")
    func literalTypeEqualsClang() throws {
        let spellings = [
            "0", "5", "0x15U", "017", "6ull", "6L", "0XffUL", "4294967296", "0xffffffff", "4294967295", "2147483648",
            "0x8000000000000000", "18446744073709551615ULL",
        ]
        let text = spellings.enumerated().map { "#define A_\($0.offset) \($0.element)\n#define B_\($0.offset) (\($0.element))" }
            .joined(separator: "\n")
        let header = try ReaderStageTests.scan(text)
        let arguments = ["-x", "c", "-std=gnu11", "-ffreestanding", "-D__XEN_TOOLS__"]
        let results = try ValueEvaluator.evaluateWithTypes(
            header.defines.map(\.value),
            parse: .init(
                clang: try ReaderStageTests.clang(), mainPath: "/fixture/domctl.h", source: text + "\n", arguments: arguments,
                virtualFiles: [:]))
        let types = Dictionary(zip(header.defines.map(\.name), results.map(\.type)), uniquingKeysWith: { first, _ in first })
        for index in spellings.indices {
            #expect(
                types["A_\(index)"] != nil && types["A_\(index)"] == types["B_\(index)"],
                "\(spellings[index]): \(String(describing: types["A_\(index)"])) vs clang's \(String(describing: types["B_\(index)"]))")
        }
        #expect(types["A_2"] == "unsigned int" && types["A_4"] == "unsigned long long" && types["A_10"] == "long")
    }
}
