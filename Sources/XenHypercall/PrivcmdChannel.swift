#if canImport(Glibc)
import Glibc
#endif

/// The Linux privcmd device (`/dev/xen/privcmd`): one ioctl issues one hypercall.
///
/// The descriptor is opened once and closed when the channel goes away; `ioctl` on it is safe from
/// several threads at once, so the channel is `Sendable`.
public final class PrivcmdChannel: Sendable {
    /// `_IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))` from `xen/sys/privcmd.h`.
    static let hypercallRequest: UInt = 0x30_5000

    /// The device path.
    public let path: String
    /// The open descriptor.
    let descriptor: Int32

    /// Opens the privcmd device.
    /// - Parameter path: The device, `/dev/xen/privcmd` unless a test says otherwise.
    /// - Throws: ``XenHypercallError/privcmdUnavailable(path:errno:)`` saying why and how to fix it.
    public init(path: String = "/dev/xen/privcmd") throws(XenHypercallError) {
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw .privcmdUnavailable(path: path, errno: XenErrno(rawValue: errno)) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Issues hypercall `number` with up to five arguments.
    /// - Parameters:
    ///   - number: The `__HYPERVISOR_*` number.
    ///   - arguments: The arguments, at most five; missing ones are 0.
    ///   - operation: The op's C name, for the error.
    /// - Returns: The hypercall's non-negative result.
    /// - Throws: ``XenHypercallError/hypercallFailed(operation:errno:)`` with Xen's errno.
    public func hypercall(_ number: UInt64, _ arguments: [UInt64], operation: String) throws(XenHypercallError) -> Int {
        precondition(arguments.count <= 5, "a hypercall takes at most five arguments")
        // struct privcmd_hypercall { __u64 op; __u64 arg[5]; }
        var call = InlineArray<6, UInt64>(repeating: 0)
        call[0] = number
        for (index, argument) in arguments.enumerated() { call[index + 1] = argument }
        let result = withUnsafeMutableBytes(of: &call) { bytes in
            bytes.baseAddress.map { ioctl(descriptor, Self.hypercallRequest, $0) } ?? -1
        }
        guard result >= 0 else { throw .hypercallFailed(operation: operation, errno: XenErrno(rawValue: errno)) }
        return Int(result)
    }
}
