import XenIR

/// The Swift type of a value macro: the C type the value evaluator gives it (`unsigned int` →
/// `UInt32`, `long` → `Int`, as Swift imports C's types), `String` for a string literal, and for a
/// type clang did not spell as a plain integer type, the first of `Int32`, `UInt32`, `Int64`, `UInt64`
/// that holds the value (C's rule for an unsuffixed literal).
enum ConstantValueType {
    /// The Swift type of each C integer type.
    static let byCType: [String: String] = [
        "int": "Int32", "unsigned int": "UInt32", "long": "Int", "unsigned long": "UInt", "long long": "Int64",
        "unsigned long long": "UInt64",
    ]

    /// The range of each Swift type a constant can have.
    static let ranges: [String: (minimum: Int64, maximum: UInt64)] = [
        "Int32": (Int64(Int32.min), UInt64(Int32.max)), "UInt32": (0, UInt64(UInt32.max)),
        "Int": (Int64.min, UInt64(Int64.max)), "UInt": (0, UInt64.max), "Int64": (Int64.min, UInt64(Int64.max)), "UInt64": (0, UInt64.max),
    ]

    /// The type of `constant`'s value.
    static func swiftType(_ constant: XenConstant) -> String {
        swiftType(of: constant.value, cType: constant.cType)
    }

    /// The type of `value`, whose C type clang spells `cType`.
    static func swiftType(of value: XenConstant.Value, cType: String?) -> String {
        if case .string = value { return "String" }
        if let type = cType.flatMap({ byCType[$0] }), fits(value, type) { return type }
        return ["Int32", "UInt32", "Int64", "UInt64"].first { fits(value, $0) } ?? "UInt64"
    }

    /// Whether `value` is an integer `type` holds.
    static func fits(_ value: XenConstant.Value, _ type: String) -> Bool {
        guard let range = ranges[type] else { return false }
        switch value {
        case .unsigned(let number): return number <= range.maximum
        case .negative(let number): return number >= range.minimum
        case .string: return false
        }
    }
}
