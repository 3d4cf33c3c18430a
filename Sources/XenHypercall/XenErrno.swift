#if canImport(Glibc)
import Glibc
#endif

/// An error number returned by Xen (`xen/errno.h`; on x86 and Arm the values are Linux's).
public struct XenErrno: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The positive error number.
    public var rawValue: Int32

    /// Wraps a positive error number.
    /// - Parameter rawValue: The number, such as 3 for `ESRCH`.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The symbolic name, such as `ESRCH`, or `errno 300` for a number `xen/errno.h` does not list.
    public var name: String { Self.names[rawValue] ?? "errno \(rawValue)" }

    /// What the number means, as the C library words it (`No such process`).
    public var meaning: String { String(cString: strerror(rawValue)) }

    /// `ESRCH (No such process)`.
    public var description: String { "\(name) (\(meaning))" }

    /// The names of `xen/errno.h` (`XEN_ERRNO(name, value)`), by value.
    static let names: [Int32: String] = [
        1: "EPERM", 2: "ENOENT", 3: "ESRCH", 4: "EINTR", 5: "EIO", 6: "ENXIO", 7: "E2BIG", 8: "ENOEXEC",
        9: "EBADF", 10: "ECHILD", 11: "EAGAIN", 12: "ENOMEM", 13: "EACCES", 14: "EFAULT", 16: "EBUSY",
        17: "EEXIST", 18: "EXDEV", 19: "ENODEV", 20: "ENOTDIR", 21: "EISDIR", 22: "EINVAL", 23: "ENFILE",
        24: "EMFILE", 25: "ENOTTY", 28: "ENOSPC", 30: "EROFS", 31: "EMLINK", 33: "EDOM", 34: "ERANGE",
        35: "EDEADLK", 36: "ENAMETOOLONG", 37: "ENOLCK", 38: "ENOSYS", 39: "ENOTEMPTY", 61: "ENODATA",
        62: "ETIME", 74: "EBADMSG", 75: "EOVERFLOW", 84: "EILSEQ", 85: "ERESTART", 88: "ENOTSOCK",
        90: "EMSGSIZE", 95: "EOPNOTSUPP", 98: "EADDRINUSE", 99: "EADDRNOTAVAIL", 105: "ENOBUFS",
        106: "EISCONN", 107: "ENOTCONN", 110: "ETIMEDOUT", 111: "ECONNREFUSED",
    ]

    /// `EPERM`.
    public static let EPERM = Self(rawValue: 1)
    /// `ENOENT`.
    public static let ENOENT = Self(rawValue: 2)
    /// `ESRCH`: no such domain.
    public static let ESRCH = Self(rawValue: 3)
    /// `EACCES`: refused, for domctl and sysctl also a wrong interface version.
    public static let EACCES = Self(rawValue: 13)
    /// `EINVAL`.
    public static let EINVAL = Self(rawValue: 22)
    /// `ENOSYS`: no such op.
    public static let ENOSYS = Self(rawValue: 38)
    /// `EOPNOTSUPP`.
    public static let EOPNOTSUPP = Self(rawValue: 95)
}
