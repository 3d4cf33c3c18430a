import XenIR

/// Spells a ``TypeRef`` as a Swift type with the same size and alignment, and its all-zero value.
struct SwiftTypeMapper {
    /// The names of records and enums.
    var naming: RecordNaming

    /// The Swift type for `type`.
    /// - Parameter type: A field's type.
    /// - Returns: The Swift spelling.
    func swiftType(_ type: TypeRef) -> String {
        switch type {
        case .integer(let bits, let signed):
            return [8, 16, 32, 64].contains(bits) ? (signed ? "Int" : "UInt") + String(bits) : "InlineArray<\(bits / 8), UInt8>"
        case .bool: return "Bool"
        case .void: return "Void"
        case .record(let name): return naming.typeName(name)
        case .enumeration(let name): return naming.enumNames[name] ?? RecordNaming.upperCamel(name)
        case .typedef(let name, _): return RecordNaming.typedefName(name)
        case .array(let element, let count): return "InlineArray<\(count), \(swiftType(element))>"
        case .guestHandle(let pointee): return "XenGuestHandle64<\(swiftType(pointee))>"
        // A C pointer is 8 bytes on every supported (LP64) target; a fixed-width integer, not pointer-sized `UInt`.
        case .pointer: return "UInt64"
        case .opaque: return "UInt8"
        }
    }

    /// The all-zero value of `type`, as an initializer expression.
    /// - Parameter type: A field's type.
    /// - Returns: The expression.
    func zeroValue(_ type: TypeRef) -> String {
        switch type {
        case .integer(let bits, _): return [8, 16, 32, 64].contains(bits) ? "0" : ".init(repeating: 0)"
        case .bool: return "false"
        case .void: return "()"
        case .typedef(_, let underlying): return zeroValue(underlying)
        case .array(let element, _): return ".init(repeating: \(zeroValue(element)))"
        case .pointer, .opaque: return "0"
        case .record, .enumeration, .guestHandle: return ".init()"
        }
    }
}
