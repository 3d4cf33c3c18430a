/// The Swift integer types a family's ops can have as raw values (the C field that carries the op),
/// with the largest number each holds. A family table row names one of these in `rawType`.
public enum OpRawType: String, Codable, Sendable, CaseIterable {
    case uint8 = "UInt8", uint16 = "UInt16", uint32 = "UInt32", uint64 = "UInt64"

    /// The largest number of the type.
    public var maximum: UInt64 {
        switch self {
        case .uint8: return UInt64(UInt8.max)
        case .uint16: return UInt64(UInt16.max)
        case .uint32: return UInt64(UInt32.max)
        case .uint64: return UInt64.max
        }
    }
}
