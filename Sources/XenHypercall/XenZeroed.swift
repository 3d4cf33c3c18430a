/// A value whose bytes are all zero, as after `memset(&value, 0, sizeof value)` in C.
///
/// The generated records' `init()` is `self = xenZeroed()`: one call instead of a default value on
/// every stored property, each of which the compiler turns into a function of its own (a debug build
/// of the vendored module compiles hundreds of them). Padding bytes are zero too.
/// - Returns: The zero value of `Value`.
@inlinable
public func xenZeroed<Value: BitwiseCopyable>() -> Value {
    withUnsafeTemporaryAllocation(byteCount: MemoryLayout<Value>.size, alignment: MemoryLayout<Value>.alignment) { bytes in
        bytes.initializeMemory(as: UInt8.self, repeating: 0)
        return bytes.load(as: Value.self)
    }
}
