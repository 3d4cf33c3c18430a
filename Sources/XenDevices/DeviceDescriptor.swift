#if canImport(Glibc)
import Glibc
#endif
import XenHypercall

/// An open device file: the one owner of its descriptor, closed when the value ends.
///
/// Noncopyable, so no copy can use the number after the close; the device types hold it as their only
/// stored descriptor.
struct DeviceDescriptor: ~Copyable, Sendable {
    /// The descriptor.
    let raw: Int32
    /// The path, for messages.
    let path: String

    /// Opens `path` read-write, close-on-exec.
    /// - Parameter path: The device.
    /// - Throws: ``XenDeviceError/unavailable(path:errno:)``.
    init(opening path: String) throws(XenDeviceError) {
        let raw = open(path, O_RDWR | O_CLOEXEC)
        guard raw >= 0 else { throw .unavailable(path: path, errno: XenErrno(rawValue: errno)) }
        self.raw = raw
        self.path = path
    }

    /// Takes ownership of an open descriptor.
    /// - Parameters:
    ///   - raw: The descriptor.
    ///   - path: What it is, for messages.
    init(owning raw: Int32, path: String) {
        self.raw = raw
        self.path = path
    }

    deinit {
        close(raw)
    }

    /// `ioctl(raw, request, &argument)`.
    /// - Parameters:
    ///   - request: The request: a case of a generated `IOCTL_*` enum, whose C name the error carries.
    ///   - argument: The argument record, which the kernel may write back.
    /// - Returns: The ioctl's non-negative result.
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)``.
    @discardableResult
    func control<Request: XenOperation, Argument: BitwiseCopyable>(
        _ request: Request, _ argument: inout Argument
    ) throws(XenDeviceError) -> Int32 {
        let number = UInt(request.rawValue)
        let result = withUnsafeMutableBytes(of: &argument) { bytes in
            bytes.baseAddress.map { ioctl(raw, number, $0) } ?? ioctl(raw, number)
        }
        guard result >= 0 else { throw .callFailed(operation: request.cName, errno: XenErrno(rawValue: errno)) }
        return result
    }

    /// `ioctl(raw, request, pointer)` for an argument of variable size, or none.
    /// - Parameters:
    ///   - request: The request: a case of a generated `IOCTL_*` enum.
    ///   - pointer: The argument, or `nil`.
    /// - Returns: The ioctl's non-negative result.
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)``.
    @discardableResult
    func control<Request: XenOperation>(_ request: Request, pointer: UnsafeMutableRawPointer?) throws(XenDeviceError) -> Int32 {
        let number = UInt(request.rawValue)
        let result = pointer.map { ioctl(raw, number, $0) } ?? ioctl(raw, number)
        guard result >= 0 else { throw .callFailed(operation: request.cName, errno: XenErrno(rawValue: errno)) }
        return result
    }

    /// Waits until the descriptor is readable.
    /// - Parameter timeout: How long at most; `nil` waits for ever.
    /// - Returns: Whether it became readable in time.
    /// - Throws: ``XenDeviceError/callFailed(operation:errno:)`` when `poll` fails.
    func waitReadable(timeout: Duration?) throws(XenDeviceError) -> Bool {
        var entry = pollfd(fd: raw, events: Int16(POLLIN), revents: 0)
        let milliseconds =
            timeout.map { duration -> Int32 in
                let (seconds, attoseconds) = duration.components
                return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
            } ?? -1
        while true {
            let result = poll(&entry, 1, milliseconds)
            if result >= 0 { return result > 0 }
            if errno != EINTR { throw .callFailed(operation: "poll \(path)", errno: XenErrno(rawValue: errno)) }
        }
    }
}

/// The page size.
let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

/// Maps `length` bytes of `descriptor` at `offset`, shared.
/// - Parameters:
///   - descriptor: The device.
///   - length: Whole pages.
///   - offset: The offset the driver gave (gntalloc and gntdev's `index`), 0 for privcmd.
///   - writable: Whether the mapping is writable.
///   - operation: For the error.
/// - Returns: The mapping.
/// - Throws: ``XenDeviceError/callFailed(operation:errno:)``.
func mapShared(
    _ descriptor: borrowing DeviceDescriptor, length: Int, offset: UInt64, writable: Bool, operation: String
) throws(XenDeviceError) -> UnsafeMutableRawPointer {
    let protection = writable ? PROT_READ | PROT_WRITE : PROT_READ
    let mapped = mmap(nil, length, protection, MAP_SHARED, descriptor.raw, off_t(Int64(bitPattern: offset)))
    guard let mapped, mapped != MAP_FAILED else {
        throw .callFailed(operation: operation, errno: XenErrno(rawValue: errno))
    }
    return mapped
}
