// `import Glibc` for Embedded Swift (Scripts/build-embedded.sh): the C library through CGlibc, plus the
// few names the full toolchain's Glibc overlay adds in Swift and the runtime uses.
@_exported import CGlibc

/// The calling thread's `errno`.
public var errno: Int32 {
    get { xen_embedded_errno().pointee }
    set { xen_embedded_errno().pointee = newValue }
}

/// `open(path, flags)`: the C function is variadic, which Swift cannot call.
public func open(_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32 { xen_embedded_open(path, flags) }

/// `ioctl(fd, request, argument)`: the C function is variadic, which Swift cannot call.
public func ioctl(_ fd: Int32, _ request: UInt, _ argument: UnsafeMutableRawPointer?) -> Int32 {
    xen_embedded_ioctl(fd, request, argument)
}

/// `MAP_FAILED`, a macro Swift cannot import.
public var MAP_FAILED: UnsafeMutableRawPointer? { xen_embedded_map_failed() }

/// `stderr`, a macro Swift cannot import.
public var stderr: UnsafeMutablePointer<FILE>? { xen_embedded_stderr() }
