/// Reads `width` bits starting at bit `first` of `units` (x86_64 order: bit 0 is the low bit of the first unit).
/// - Parameters:
///   - units: The storage units the bit-fields share.
///   - first: The first bit.
///   - width: The number of bits.
///   - signed: Whether to sign-extend.
/// - Returns: The field's value.
@inlinable
public func xenBits<let count: Int, Unit: FixedWidthInteger & UnsignedInteger>(
    _ units: InlineArray<count, Unit>, at first: Int, width: Int, signed: Bool
) -> UInt64 {
    var value: UInt64 = 0
    for bit in 0..<width where (units[(first + bit) / Unit.bitWidth] >> ((first + bit) % Unit.bitWidth)) & 1 != 0 {
        value |= 1 << UInt64(bit)
    }
    if signed, width < 64, value & (1 << UInt64(width - 1)) != 0 { value |= ~0 << UInt64(width) }
    return value
}

/// Writes the low `width` bits of `value` at bit `first` of `units`.
/// - Parameters:
///   - units: The storage units the bit-fields share.
///   - first: The first bit.
///   - width: The number of bits.
///   - value: The new value.
@inlinable
public func xenSetBits<let count: Int, Unit: FixedWidthInteger & UnsignedInteger>(
    _ units: inout InlineArray<count, Unit>, at first: Int, width: Int, to value: UInt64
) {
    for bit in 0..<width {
        let mask: Unit = 1 << ((first + bit) % Unit.bitWidth)
        if value & (1 << UInt64(bit)) != 0 {
            units[(first + bit) / Unit.bitWidth] |= mask
        } else {
            units[(first + bit) / Unit.bitWidth] &= ~mask
        }
    }
}
