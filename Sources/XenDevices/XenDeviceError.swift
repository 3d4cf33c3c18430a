import XenHypercall

/// Everything that can go wrong with a Xen device, each naming the operation and the kernel's (or
/// xenstored's) answer.
public enum XenDeviceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The device (or xenstored's socket) at `path` could not be opened: the `errno` of `open(2)`/`connect(2)`.
    case unavailable(path: String, errno: XenErrno)
    /// `operation` (an ioctl by its C name, or `mmap`, `read`, `write`, `poll`) failed with `errno`.
    case callFailed(operation: String, errno: XenErrno)
    /// xenstored refused `operation` on `path` with the error it names (`ENOENT`, `EACCES`, `EAGAIN`, …).
    case xenstore(operation: String, path: String, error: String)
    /// The peer broke the protocol: a reply that cannot be parsed, or the connection closed.
    case protocolViolation(operation: String, detail: String)

    /// The errno, if the error has one (xenstored's names are mapped to their numbers).
    public var errno: XenErrno? {
        switch self {
        case .unavailable(_, let errno), .callFailed(_, let errno): errno
        case .xenstore(_, _, let name): XenErrno.named(name)
        case .protocolViolation: nil
        }
    }

    /// One line saying what failed and why.
    public var description: String {
        switch self {
        case .unavailable(let path, let errno):
            "cannot open \(path): \(errno)"
                + (errno.name == "ENOENT"
                    ? ": not in a Xen domain, or the driver is not loaded (modprobe xen-evtchn, xen-gntalloc, xen-gntdev, xen-privcmd), or xenstored is not running"
                    : "")
        case .callFailed(let operation, let errno):
            "\(operation) failed: \(errno)"
        case .xenstore(let operation, let path, let error):
            "\(operation) \(path) failed: xenstored answered \(error)"
        case .protocolViolation(let operation, let detail):
            "\(operation): \(detail)"
        }
    }
}

extension XenErrno {
    /// The errno called `name` (`ENOENT`), if it is one Xen's `errno.h` names.
    /// - Parameter name: An errno name.
    /// - Returns: The errno, or `nil`.
    static func named(_ name: String) -> XenErrno? {
        (1...200).lazy.map { XenErrno(rawValue: Int32($0)) }.first { $0.name == name }
    }
}
