#if canImport(Glibc)
import Glibc
#endif
import XenDeviceABI
import XenHypercall

/// Foreign memory through the privcmd device (libxenforeignmemory): map pages of another domain by
/// frame number, or a resource of it (its grant table, an ioreq server, a vmtrace buffer).
public struct ForeignMemory: ~Copyable, Sendable {
    /// The device (its own descriptor, apart from any `XenHypervisor`'s).
    let device: DeviceDescriptor

    /// `DOMID_SELF` of `xen.h`: a PV dom0 maps its own frames with it (its own domid is refused, ESRCH).
    public static let selfDomain: UInt16 = XenDomid.`self`.rawValue

    /// Opens the privcmd device.
    /// - Parameter path: The device, `/dev/xen/privcmd` unless a test says otherwise.
    /// - Throws: ``XenDeviceError/unavailable(path:errno:)``.
    public init(path: String = "/dev/xen/privcmd") throws(XenDeviceError) {
        device = try DeviceDescriptor(opening: path)
    }

    /// Maps `frames` of `domain` (`IOCTL_PRIVCMD_MMAPBATCH_V2`). The frames are guest frame numbers
    /// (machine frames for a PV domain). A frame Xen refuses does not fail the call: its error is in
    /// ``ForeignMapping/errors`` and touching its page faults, as with `xenforeignmemory_map`.
    /// - Parameters:
    ///   - frames: The frames, one page each.
    ///   - domain: The domain, or ``selfDomain``.
    ///   - writable: Whether to map them writable.
    /// - Returns: The mapping; unmapped when the value ends.
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)`` when the call as a whole fails.
    public func map(frames: [UInt64], of domain: UInt16, writable: Bool = false) throws(XenDeviceError) -> ForeignMapping {
        precondition(!frames.isEmpty, "map at least one frame")
        let length = frames.count * pageSize
        let base = try mapShared(device, length: length, offset: 0, writable: writable, operation: "mmap /dev/xen/privcmd")
        var frameArray = frames
        var errors = [Int32](repeating: 0, count: frames.count)
        let result = frameArray.withUnsafeMutableBufferPointer { frameBuffer in
            errors.withUnsafeMutableBufferPointer { errorBuffer in
                var batch = PrivcmdMmapbatchV2()
                batch.num = UInt32(frames.count)
                batch.dom = domain
                batch.addr = UInt64(UInt(bitPattern: base))
                batch.arr = UInt64(UInt(bitPattern: frameBuffer.baseAddress))
                batch.err = UInt64(UInt(bitPattern: errorBuffer.baseAddress))
                return Result { () throws(XenDeviceError) in
                    try device.control(PrivcmdIoctl.mmapbatchV2, &batch)
                }
            }
        }
        // ENOENT: some frames are paged out; their errors say which. Anything else fails the call.
        if case .failure(let error) = result, error.errno?.name != "ENOENT" {
            munmap(base, length)
            throw error
        }
        return ForeignMapping(base: base, length: length, errors: errors.map { $0 == 0 ? nil : XenErrno(rawValue: -$0) })
    }

    /// The size in pages of a resource of `domain` (`IOCTL_PRIVCMD_MMAP_RESOURCE` with no address).
    /// - Parameters:
    ///   - type: `XENMEM_resource_*` of `memory.h` (grant table 1, ioreq server 0, vmtrace buffer 2).
    ///   - id: The resource id (`XENMEM_resource_grant_table_id_shared` 0, the ioreq server id, the vcpu).
    ///   - domain: The domain (not the caller's own: Xen refuses it, EPERM).
    /// - Returns: The number of frames.
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)``.
    public func resourceFrames(type: UInt32, id: UInt32, of domain: UInt16) throws(XenDeviceError) -> Int {
        var resource = PrivcmdMmapResource()
        resource.dom = domain
        resource.type = type
        resource.id = id
        try device.control(PrivcmdIoctl.mmapResource, &resource)
        return Int(resource.num)
    }

    /// Maps `count` frames of a resource of `domain` from `frame` on (`IOCTL_PRIVCMD_MMAP_RESOURCE`).
    /// - Parameters:
    ///   - type: `XENMEM_resource_*`.
    ///   - id: The resource id.
    ///   - frame: The first frame.
    ///   - count: How many.
    ///   - domain: The domain.
    ///   - writable: Whether to map them writable.
    /// - Returns: The mapping; unmapped when the value ends.
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)``; ENOTTY from a kernel without the ioctl.
    public func mapResource(
        type: UInt32, id: UInt32, frame: UInt32 = 0, count: Int, of domain: UInt16, writable: Bool = true
    ) throws(XenDeviceError) -> ForeignMapping {
        let length = count * pageSize
        let base = try mapShared(device, length: length, offset: 0, writable: writable, operation: "mmap /dev/xen/privcmd")
        var resource = PrivcmdMmapResource()
        resource.dom = domain
        resource.type = type
        resource.id = id
        resource.idx = frame
        resource.num = UInt64(count)
        resource.addr = UInt64(UInt(bitPattern: base))
        do {
            try device.control(PrivcmdIoctl.mmapResource, &resource)
        } catch {
            munmap(base, length)
            throw error
        }
        return ForeignMapping(base: base, length: length, errors: Array(repeating: nil, count: count))
    }
}

/// Pages of a domain mapped here. Noncopyable: the one owner unmaps them when it ends; the bytes are
/// reached only inside ``withBytes(_:)``.
public struct ForeignMapping: ~Copyable, @unchecked Sendable {
    /// The mapping.
    let base: UnsafeMutableRawPointer
    /// Its length.
    public let length: Int
    /// Per page: `nil` when mapped, else Xen's error for that frame (its page must not be touched).
    public let errors: [XenErrno?]

    init(base: UnsafeMutableRawPointer, length: Int, errors: [XenErrno?]) {
        self.base = base
        self.length = length
        self.errors = errors
    }

    deinit {
        munmap(base, length)
    }

    /// Calls `body` with the pages' bytes.
    /// - Parameter body: Reads (or, when writable, writes) them; the pointer must not escape. Pages with
    ///   an error fault when touched.
    /// - Returns: What `body` returns.
    public func withBytes<Result, Failure: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeMutableRawBufferPointer(start: base, count: length))
    }
}
