#if canImport(Glibc)
import Glibc
#endif
import XenDeviceABI
import XenHypercall

/// The grant-sharing device, `/dev/xen/gntalloc` (libxengnttab's `xengntshr`): pages of this domain
/// that another domain may map through their grant references.
public struct GrantSharing: ~Copyable, Sendable {
    /// The device.
    let device: DeviceDescriptor

    /// Opens the grant-sharing device.
    /// - Parameter path: The device, `/dev/xen/gntalloc` unless a test says otherwise.
    /// - Throws: ``XenDeviceError/unavailable(path:errno:)``.
    public init(path: String = "/dev/xen/gntalloc") throws(XenDeviceError) {
        device = try DeviceDescriptor(opening: path)
    }

    /// Allocates `count` zeroed pages, grants them to `domain`, and maps them here
    /// (`IOCTL_GNTALLOC_ALLOC_GREF`, `mmap`, then `IOCTL_GNTALLOC_DEALLOC_GREF`, as libxengnttab does:
    /// the grants then last exactly as long as the mapping).
    /// - Parameters:
    ///   - count: How many pages.
    ///   - domain: The domain allowed to map them.
    ///   - writable: Whether it may write them.
    /// - Returns: The pages, with one grant reference each; unshared when the value ends.
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)``.
    public func share(pages count: Int, with domain: UInt16, writable: Bool = true) throws(XenDeviceError) -> SharedPages {
        precondition(count > 0, "share at least one page")
        // struct ioctl_gntalloc_alloc_gref ends in gref_ids[1], variable size: count ids.
        let idsOffset = MemoryLayout<IoctlGntallocAllocGref>.offset(of: \.grefIds) ?? 16
        let size = max(MemoryLayout<IoctlGntallocAllocGref>.stride, idsOffset + 4 * count)
        let argument = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { argument.deallocate() }
        argument.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        var header = IoctlGntallocAllocGref()
        header.domid = domain
        header.flags = writable ? UInt16(GntallocFlag.writable.rawValue) : 0
        header.count = UInt32(count)
        argument.storeBytes(of: header, as: IoctlGntallocAllocGref.self)
        try device.control(GntallocIoctl.allocGref, pointer: argument)
        let index = argument.load(as: IoctlGntallocAllocGref.self).index
        let references = (0..<count).map { argument.load(fromByteOffset: idsOffset + 4 * $0, as: UInt32.self) }
        let mapped: UnsafeMutableRawPointer
        do {
            mapped = try mapShared(device, length: count * pageSize, offset: index, writable: true, operation: "mmap /dev/xen/gntalloc")
        } catch {
            deallocate(index: index, count: count)
            throw error
        }
        deallocate(index: index, count: count)
        return SharedPages(base: mapped, length: count * pageSize, references: references)
    }

    /// `IOCTL_GNTALLOC_DEALLOC_GREF`: the grants go when their mapping goes.
    private func deallocate(index: UInt64, count: Int) {
        var argument = IoctlGntallocDeallocGref()
        argument.index = index
        argument.count = UInt32(count)
        _ = try? device.control(GntallocIoctl.deallocGref, &argument)
    }
}

/// Pages this domain shares, mapped here: the grant references to give the other domain, and the bytes.
///
/// Noncopyable: the one owner unmaps them (and so ends the grants) when it ends; the bytes are reached
/// only inside ``withBytes(_:)``, so no pointer outlives the mapping.
public struct SharedPages: ~Copyable, @unchecked Sendable {
    /// The mapping.
    let base: UnsafeMutableRawPointer
    /// Its length.
    public let length: Int
    /// One grant reference per page, in order.
    public let references: [UInt32]

    init(base: UnsafeMutableRawPointer, length: Int, references: [UInt32]) {
        self.base = base
        self.length = length
        self.references = references
    }

    deinit {
        munmap(base, length)
    }

    /// Calls `body` with the pages' bytes.
    /// - Parameter body: Reads or writes them; the pointer must not escape.
    /// - Returns: What `body` returns.
    public func withBytes<Result, Failure: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeMutableRawBufferPointer(start: base, count: length))
    }
}
