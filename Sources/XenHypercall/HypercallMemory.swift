#if canImport(Glibc)
import Glibc
#endif

/// Where memory that Xen may read and write during a hypercall comes from: pages of
/// `/dev/xen/hypercall` when the kernel offers it (as libxencall does), else anonymous pages mapped
/// with `MAP_LOCKED`, which cannot be paged out while Xen uses them.
///
/// A class that owns its descriptor and closes it when the last reference goes: a copy of
/// ``XenHypervisor/memory`` kept after the hypervisor connection is gone still maps from an open
/// descriptor, never from a closed one or one the process has since reused. (Mappings already made
/// stay valid on their own after the close.)
public final class HypercallMemory: Sendable {
    /// The open `/dev/xen/hypercall`, or `nil` for locked anonymous memory.
    let device: Int32?

    /// Memory from `device`, or locked anonymous memory when it is `nil`.
    /// - Parameter device: An open `/dev/xen/hypercall` descriptor, which this value now owns and closes.
    init(device: Int32?) {
        self.device = device
    }

    deinit {
        if let device { close(device) }
    }

    /// Locked anonymous memory, which needs no Xen device (for tests and tools off Xen).
    public static let lockedAnonymous = HypercallMemory(device: nil)

    /// The page size.
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Whether the pages come from `/dev/xen/hypercall`.
    public var usesHypercallDevice: Bool { device != nil }

    /// Maps whole pages covering `bytes` bytes, zero-filled.
    /// - Parameter bytes: The size needed.
    /// - Returns: The mapping and its length.
    /// - Throws: ``XenHypercallError/hypercallMemoryUnavailable(bytes:errno:)``.
    func map(bytes: Int) throws(XenHypercallError) -> (base: UnsafeMutableRawPointer, length: Int) {
        let length = max(1, (bytes + Self.pageSize - 1) / Self.pageSize) * Self.pageSize
        let protection = PROT_READ | PROT_WRITE
        let mapped =
            if let device {
                mmap(nil, length, protection, MAP_SHARED, device, 0)
            } else {
                mmap(nil, length, protection, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0)
            }
        guard let mapped, mapped != MAP_FAILED else {
            throw .hypercallMemoryUnavailable(bytes: length, errno: XenErrno(rawValue: errno))
        }
        // A child process must not share (or copy-on-write) pages Xen writes to.
        _ = madvise(mapped, length, Int32(MADV_DONTFORK))
        // Written once here, as libxencall does: on arm64 Xen's write into /dev/xen/hypercall pages that dom0
        // has not yet written fails with EFAULT, and succeeds once dom0 has written them (measured: sysctl
        // getdomaininfolist on Xen 4.22.0 arm64; likely a page table entry kept read-only until the first write).
        _ = memset(mapped, 0, length)
        return (mapped, length)
    }
}
