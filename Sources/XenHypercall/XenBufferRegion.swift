/// One entry of the buffer array that `HYPERVISOR_dm_op(domid, nr_bufs, bufs)` takes:
/// `xen_dm_op_buf_t`, `{ XEN_GUEST_HANDLE(void) h; xen_ulong_t size; }`, 16 bytes on every 64-bit
/// target Xen supports (the handle is 8 bytes, `xen_ulong_t` is 64 bits on x86_64 and arm64).
///
/// The request itself is `bufs[0]`, which ``XenHypervisor/issue(_:arguments:buffers:payloadEncoded:)`` fills in;
/// ops that point Xen at more memory (a dirty bitmap, a list of extents) pass regions of a
/// ``XenBuffer`` as `bufs[1…]`. Get one from ``XenBuffer/region(elements:)``.
public struct XenBufferRegion: Sendable, BitwiseCopyable, Hashable {
    /// The guest virtual address of the region.
    public var address: UInt64
    /// Its size in bytes.
    public var size: UInt64

    /// A region of `size` bytes at `address` (the caller keeps the memory alive and locked).
    /// - Parameters:
    ///   - address: A guest virtual address in hypercall-safe memory.
    ///   - size: The size in bytes.
    public init(address: UInt64, size: UInt64) {
        self.address = address
        self.size = size
    }
}

extension XenBuffer {
    /// The first `elements` elements of the buffer as one `bufs[n]` of a buffer-array hypercall (in the
    /// running release's layout of them, as the buffer holds them).
    /// - Parameter elements: How many elements Xen may read or write.
    /// - Returns: The region.
    /// - Throws: ``XenHypercallError/bufferTooSmall(element:capacity:requested:)`` when they do not fit,
    ///   before anything reaches Xen.
    public func region(elements: Int) throws(XenHypercallError) -> XenBufferRegion {
        let handle = try handle(elements: elements)
        return XenBufferRegion(address: handle.address, size: UInt64(elements * stride))
    }
}
