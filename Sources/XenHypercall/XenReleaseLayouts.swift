/// A record whose C layout differs between the Xen releases its bindings were generated for: a payload,
/// or the element of an array that a payload's guest handle points at.
///
/// The record is the layout of the newest release; the generated code nests one C-exact storage
/// layout per other layout (`XenSysctlPhysinfo.Layout4_16`) with conversions both ways, and conforms
/// the record with a switch over the releases, so a typed command encodes its payload in the running
/// release's layout and decodes Xen's answer back (through its ``XenPayloadEncoding``), and a
/// guest-handle buffer of such records converts each element (`XenHypervisor.buffer(of:capacity:)`).
public protocol XenReleaseLayouts: BitwiseCopyable, SendableMetatype {
    /// The storage layout `release` lays the record out in.
    /// - Parameter release: The running release.
    /// - Returns: That layout's conversions, or `nil` when `release` lays the record out as the record itself.
    static func storageLayout(on release: XenRelease) -> XenLayoutConversion<Self>?
}

extension XenReleaseLayouts {
    /// Stores the payload at the start of `bytes` (a request's payload union) in `release`'s layout.
    /// - Parameters:
    ///   - bytes: The request's payload union.
    ///   - release: The running release.
    ///   - operation: The op's C name, for errors.
    /// - Returns: `false` when `release` lays the payload out as the record itself (nothing was stored).
    /// - Throws: ``XenHypercallError/fieldUnavailableOnRelease(field:operation:running:)`` when the
    ///   payload sets a field that `release`'s layout lacks; the conversion throws before it writes
    ///   anything, so a refused payload leaves `bytes` as they were.
    public func store(into bytes: UnsafeMutableRawBufferPointer, on release: XenRelease, operation: String)
        throws(XenHypercallError) -> Bool
    {
        guard let layout = Self.storageLayout(on: release) else { return false }
        precondition(layout.size <= bytes.count)
        try layout.store(self, at: bytes.baseAddress.unsafelyUnwrapped, operation: operation, release: release)
        return true
    }

    /// The payload at the start of `bytes` (a request's payload union) read in `release`'s layout.
    /// - Parameters:
    ///   - bytes: The request's payload union, as Xen wrote it back.
    ///   - release: The running release.
    /// - Returns: The payload, or `nil` when `release` lays it out as the record itself.
    public static func load(from bytes: UnsafeRawBufferPointer, on release: XenRelease) -> Self? {
        guard let layout = storageLayout(on: release) else { return nil }
        precondition(layout.size <= bytes.count)
        return layout.load(from: bytes.baseAddress.unsafelyUnwrapped)
    }
}

/// Whether every byte of `value` is zero: a field a release lacks may be sent only unset.
/// - Parameter value: A field's value.
/// - Returns: `true` when all its bytes are zero.
@inlinable
public func xenIsZero<Value: BitwiseCopyable>(_ value: Value) -> Bool {
    withUnsafeBytes(of: value) { bytes in bytes.allSatisfy { $0 == 0 } }
}

/// `value`'s bytes as a `Target` of the same size: a field whose C type is laid out alike in two
/// releases but spelled as two Swift types (a typed constant group in one, a plain integer in the other).
/// - Parameters:
///   - value: The value.
///   - _: The type of the same size.
/// - Returns: The same bytes.
@inlinable
public func xenBitCast<Value: BitwiseCopyable, Target: BitwiseCopyable>(_ value: Value, to _: Target.Type) -> Target {
    precondition(MemoryLayout<Value>.size == MemoryLayout<Target>.size)
    return withUnsafeBytes(of: value) { $0.loadUnaligned(as: Target.self) }
}

extension XenHypervisor {
    /// Stores `payload` into a request's payload union as `encoding` says, in the running release's
    /// layout: its own when the payload has one for that release, else the record's bytes as they are.
    /// - Parameters:
    ///   - payload: The typed command's payload.
    ///   - union: The request's payload union.
    ///   - encoding: The command's ``XenPayloadEncoding``.
    ///   - operation: The op's C name, for errors.
    /// - Throws: ``XenHypercallError/fieldUnavailableOnRelease(field:operation:running:)``.
    public func encodePayload<Payload: BitwiseCopyable, Union: BitwiseCopyable>(
        _ payload: Payload, into union: inout Union, encoding: XenPayloadEncoding<Payload>, operation: String
    ) throws(XenHypercallError) {
        try Self.encodePayload(payload, into: &union, encoding: encoding, on: release, operation: operation)
    }

    /// The payload in a request's payload union, read as `encoding` says in the running release's layout.
    /// - Parameters:
    ///   - union: The request's payload union, as Xen wrote it back.
    ///   - encoding: The command's ``XenPayloadEncoding``.
    /// - Returns: The payload.
    public func decodePayload<Payload: BitwiseCopyable, Union: BitwiseCopyable>(
        _ union: Union, encoding: XenPayloadEncoding<Payload>
    ) -> Payload {
        Self.decodePayload(union, encoding: encoding, on: release)
    }

    /// Stores `payload` into `union` in `release`'s layout (see ``encodePayload(_:into:encoding:operation:)``).
    /// - Parameters:
    ///   - payload: The payload.
    ///   - union: The request's payload union.
    ///   - encoding: How the payload is laid out per release.
    ///   - release: The release, or `nil` when unknown (then the record's own layout).
    ///   - operation: The op's C name, for errors.
    /// - Throws: ``XenHypercallError/fieldUnavailableOnRelease(field:operation:running:)``.
    public static func encodePayload<Payload: BitwiseCopyable, Union: BitwiseCopyable>(
        _ payload: Payload, into union: inout Union, encoding: XenPayloadEncoding<Payload>, on release: XenRelease?,
        operation: String
    ) throws(XenHypercallError) {
        if let release, let store = encoding.store {
            precondition(MemoryLayout<Payload>.alignment <= MemoryLayout<Union>.alignment)
            let stored = try withUnsafeMutableBytes(of: &union) { bytes throws(XenHypercallError) in
                try store(payload, bytes, release, operation)
            }
            if stored { return }
        }
        xenUnionStore(payload, into: &union)
    }

    /// The payload in `union` read in `release`'s layout (see ``decodePayload(_:encoding:)``).
    /// - Parameters:
    ///   - union: The request's payload union.
    ///   - encoding: How the payload is laid out per release.
    ///   - release: The release, or `nil` when unknown (then the record's own layout).
    /// - Returns: The payload.
    public static func decodePayload<Payload: BitwiseCopyable, Union: BitwiseCopyable>(
        _ union: Union, encoding: XenPayloadEncoding<Payload>, on release: XenRelease?
    ) -> Payload {
        if let release, let load = encoding.load, let decoded = withUnsafeBytes(of: union, { load($0, release) }) {
            return decoded
        }
        return xenUnionLoad(union, as: Payload.self)
    }
}
