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
        let values = try Self.values("""
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
        for name in ["A_sum", "A_macro", "A_parens", "A_plus", "A_suffix", "A_octal", "A_cast", "A_sizeof", "A_shift", "A_char", "A_inactive"] {
            #expect(values[name] == .number(6), "\(name): \(String(describing: values[name]))")
        }
        #expect(values["A_max"] == .number(UInt64.max))
    }

    @Test("values that are no number: negative, too large, floating, strings, empty, or tokens that would end the declaration")
    func refusals() throws {
        let values = try Self.values("""
            #define B_negative (-5)
            #define B_huge 18446744073709551616
            #define B_float 1.5
            #define B_string "six"
            #define B_empty
            #define B_escape 6 }; enum { x = 7
            #define B_undeclared NOT_DEFINED_ANYWHERE
            """)
        #expect(values["B_negative"] == .negative(-5))
        for name in ["B_huge", "B_float", "B_string", "B_empty", "B_escape", "B_undeclared"] {
            guard case .invalid(let reason) = values[name] else {
                Issue.record("\(name) should be invalid, is \(String(describing: values[name]))")
                continue
            }
            #expect(!reason.isEmpty && !reason.contains("\n"), "\(name): \(reason)")
        }
    }
}
