/// One storage layout of `Record` as a value: its size, stride and alignment, and its conversions of a
/// record to and from bytes in that layout.
///
/// A record with storage layouts picks one by release (``XenReleaseLayouts/storageLayout(on:)``); the
/// payload union of a typed command and the elements of a ``XenBuffer`` are stored through it. Made
/// from the layout's type, so the conversions are the generated ones, with no cast at run time.
public struct XenLayoutConversion<Record: BitwiseCopyable>: Sendable {
    /// `MemoryLayout<Layout>.size`: the bytes one record occupies in this layout.
    public let size: Int
    /// `MemoryLayout<Layout>.stride`: the distance between two elements of an array in this layout.
    public let stride: Int
    /// `MemoryLayout<Layout>.alignment`.
    public let alignment: Int
    /// Stores a record in this layout at an address.
    private let storeBytes: @Sendable (Record, UnsafeMutableRawPointer, String, XenRelease) throws(XenHypercallError) -> Void
    /// Reads a record stored in this layout at an address.
    private let loadBytes: @Sendable (UnsafeRawPointer) -> Record

    /// The conversions of `Layout`.
    /// - Parameter _: A storage layout of `Record`.
    public init<Layout: XenStorageLayout>(_: Layout.Type) where Layout.Stored == Record {
        size = MemoryLayout<Layout>.size
        stride = MemoryLayout<Layout>.stride
        alignment = MemoryLayout<Layout>.alignment
        storeBytes = { record, address, operation, release throws(XenHypercallError) in
            address.storeBytes(of: try Layout(record, operation: operation, release: release), as: Layout.self)
        }
        loadBytes = { address in address.load(as: Layout.self).payload }
    }

    /// Stores `record` in this layout at `address` (`size` bytes; the bytes after them stay as they were).
    /// - Parameters:
    ///   - record: The record.
    ///   - address: Memory of at least `size` bytes, aligned to `alignment`.
    ///   - operation: What the record is sent for, for errors.
    ///   - release: The running release, for errors.
    /// - Throws: ``XenHypercallError/fieldUnavailableOnRelease(field:operation:running:)`` when `record`
    ///   sets a field this layout lacks; nothing is stored then.
    public func store(_ record: Record, at address: UnsafeMutableRawPointer, operation: String, release: XenRelease)
        throws(XenHypercallError)
    {
        try storeBytes(record, address, operation, release)
    }

    /// The record stored in this layout at `address`.
    /// - Parameter address: Memory of at least `size` bytes, aligned to `alignment`.
    /// - Returns: The record (fields this layout lacks are zero).
    public func load(from address: UnsafeRawPointer) -> Record {
        loadBytes(address)
    }
}
