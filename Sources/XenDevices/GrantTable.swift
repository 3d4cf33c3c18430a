#if canImport(Glibc)
import Glibc
#endif
import XenDeviceABI
import XenHypercall

/// The grant-mapping device, `/dev/xen/gntdev` (libxengnttab's `xengnttab`): maps pages that other
/// domains granted to this one.
///
/// A class: every ``GrantMapping`` keeps it (and so its descriptor) alive, because unmapping needs the
/// descriptor; the descriptor closes when the device and its last mapping are gone.
public final class GrantTable: Sendable {
    /// The device.
    let device: DeviceDescriptor

    /// Opens the grant-mapping device.
    /// - Parameter path: The device, `/dev/xen/gntdev` unless a test says otherwise.
    /// - Throws: ``XenDeviceError/unavailable(path:errno:)``.
    public init(path: String = "/dev/xen/gntdev") throws(XenDeviceError) {
        device = try DeviceDescriptor(opening: path)
    }

    /// Maps the pages `domain` granted under `references` (`IOCTL_GNTDEV_MAP_GRANT_REF`, then `mmap`).
    /// - Parameters:
    ///   - references: The grant references, one per page.
    ///   - domain: The granting domain.
    ///   - writable: Whether to map them writable (the grant must allow it).
    /// - Returns: The mapping; unmapped when the value ends.
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)``.
    public func map(_ references: [UInt32], from domain: UInt32, writable: Bool = true) throws(XenDeviceError) -> GrantMapping {
        precondition(!references.isEmpty, "map at least one grant")
        // struct ioctl_gntdev_map_grant_ref ends in refs[1], variable size: one grant_ref per page.
        let refsOffset = MemoryLayout<IoctlGntdevMapGrantRef>.offset(of: \.refs) ?? 16
        let refStride = MemoryLayout<IoctlGntdevGrantRef>.stride
        let size = max(MemoryLayout<IoctlGntdevMapGrantRef>.stride, refsOffset + refStride * references.count)
        let argument = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { argument.deallocate() }
        argument.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        var header = IoctlGntdevMapGrantRef()
        header.count = UInt32(references.count)
        argument.storeBytes(of: header, as: IoctlGntdevMapGrantRef.self)
        for (position, reference) in references.enumerated() {
            var grant = IoctlGntdevGrantRef()
            grant.domid = domain
            grant.ref = reference
            argument.storeBytes(of: grant, toByteOffset: refsOffset + refStride * position, as: IoctlGntdevGrantRef.self)
        }
        try device.control(GntdevIoctl.mapGrantRef, pointer: argument)
        let index = argument.load(as: IoctlGntdevMapGrantRef.self).index
        let length = references.count * pageSize
        do {
            let base = try mapShared(device, length: length, offset: index, writable: writable, operation: "mmap /dev/xen/gntdev")
            return GrantMapping(table: self, base: base, length: length, index: index, count: references.count)
        } catch {
            release(index: index, count: references.count)
            throw error
        }
    }

    /// `IOCTL_GNTDEV_UNMAP_GRANT_REF`: gives the kernel's slots back (the pages go with the `munmap`).
    func release(index: UInt64, count: Int) {
        var argument = IoctlGntdevUnmapGrantRef()
        argument.index = index
        argument.count = UInt32(count)
        _ = try? device.control(GntdevIoctl.unmapGrantRef, &argument)
    }
}

/// Pages of another domain, mapped here through their grants.
///
/// Noncopyable: the one owner unmaps them when it ends; it keeps its ``GrantTable`` alive for that.
/// The bytes are reached only inside ``withBytes(_:)``.
public struct GrantMapping: ~Copyable, @unchecked Sendable {
    /// The device the unmap goes through.
    let table: GrantTable
    /// The mapping.
    let base: UnsafeMutableRawPointer
    /// Its length.
    public let length: Int
    /// The driver's offset for the grants.
    let index: UInt64
    /// How many pages.
    let count: Int

    init(table: GrantTable, base: UnsafeMutableRawPointer, length: Int, index: UInt64, count: Int) {
        self.table = table
        self.base = base
        self.length = length
        self.index = index
        self.count = count
    }

    deinit {
        munmap(base, length)
        table.release(index: index, count: count)
    }

    /// Calls `body` with the pages' bytes.
    /// - Parameter body: Reads (or, when mapped writable, writes) them; the pointer must not escape.
    /// - Returns: What `body` returns.
    public func withBytes<Result, Failure: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeMutableRawBufferPointer(start: base, count: length))
    }
}
