import XenIR

/// Refuses every stored field whose Swift type could be laid out differently on two 64-bit
/// little-endian Swift targets.
///
/// The emitter stores only fixed-width integers (`UInt8` … `Int64`), `Bool`, `InlineArray`s of
/// them, enums and guest handles over a fixed-width integer, and structs of those with explicit
/// padding. Swift gives each of these the same size, alignment and stride on every 64-bit
/// little-endian target, which is what makes a host-compiled `MemoryLayout` a proof of the arm64
/// layouts (a C pointer is stored as `UInt64`, never as pointer-sized `UInt`). A 128-bit or odd-sized
/// integer, floating point or any type the reader keeps opaque could differ, so the run stops with
/// the field's place.
/// (A union is stored as `InlineArray`s of fixed-width integers; its members are only read through it.)
public enum PortableLayoutCheck {
    /// Checks every stored field of every record.
    /// - Parameter interface: One target's IR.
    /// - Returns: One error per field that cannot be stored portably.
    public static func check(_ interface: XenInterface) -> [GeneratorDiagnostic] {
        let enums = Dictionary(interface.enums.map { ($0.name, $0.integerType) }, uniquingKeysWith: { first, _ in first })
        var diagnostics: [GeneratorDiagnostic] = []
        // A union is stored as aligned integer storage; its members are accessors, not stored fields.
        for record in interface.records where record.kind == .struct {
            for field in record.fields where !field.isBitField && field.size > 0 {
                guard let reason = problem(field.type, enums: enums) else { continue }
                diagnostics.append(
                    GeneratorDiagnostic(
                        .error, at: SourcePosition(file: record.file, line: field.line),
                        "field '\(field.name ?? "(anonymous)")' of '\(record.name)' (\(field.cType)) \(reason), whose layout is not "
                            + "the same on every 64-bit little-endian Swift target; xen-swiftgen refuses to mirror it"))
            }
        }
        return diagnostics
    }

    /// Why `type` cannot be stored portably, or `nil` when it can.
    private static func problem(_ type: TypeRef, enums: [String: TypeRef]) -> String? {
        switch type {
        case .integer(let bits, _):
            return [8, 16, 32, 64].contains(bits) ? nil : "is a \(bits)-bit integer"
        case .bool, .record, .guestHandle:
            return nil
        case .enumeration(let name):
            return enums[name].flatMap { problem($0, enums: enums) }
        case .typedef(_, let underlying), .array(let underlying, _):
            return problem(underlying, enums: enums)
        case .pointer:
            // Stored as `UInt64`: every supported target is LP64, and the C layout checks see its 8 bytes.
            return nil
        case .void:
            return "is void"
        case .opaque(let spelling):
            return "has type '\(spelling)' (floating point or another type without a fixed-width Swift mirror)"
        }
    }
}
