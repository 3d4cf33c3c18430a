/// Everything that can go wrong on the way to Xen and back, each with a one-line description that
/// names the op (its C name) and Xen's answer.
public enum XenHypercallError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The privcmd device could not be opened: `path`, and the `errno` of `open(2)`.
    case privcmdUnavailable(path: String, errno: XenErrno)
    /// Xen (or the privcmd driver) refused `operation` with `errno`.
    case hypercallFailed(operation: String, errno: XenErrno)
    /// Xen refused `operation` because its family's interface version differs: the request carried
    /// `bindings`, the hypervisor speaks `hypervisor`.
    case interfaceVersionMismatch(operation: String, bindings: UInt32, hypervisor: UInt32)
    /// A guest-handle buffer holds `capacity` elements of `element`, but the request lets Xen write `requested`.
    case bufferTooSmall(element: String, capacity: Int, requested: Int)
    /// No hypercall-safe memory of `bytes` bytes could be mapped.
    case hypercallMemoryUnavailable(bytes: Int, errno: XenErrno)
    /// The running release (`running`) lacks `operation`, or lays its payload out otherwise than these
    /// bindings do; `releases` can take it. Nothing was sent.
    case unavailableOnRelease(operation: String, running: XenRelease, releases: [XenRelease])
    /// These bindings were generated for `releases`, and the hypervisor runs `running`, which is not
    /// among them. Nothing was sent.
    case releaseNotCovered(operation: String, running: XenRelease, releases: [XenRelease])
    /// The payload of `operation` sets `field`, which the running release (`running`) does not have in
    /// its layout of the payload. Nothing was sent.
    case fieldUnavailableOnRelease(field: String, operation: String, running: XenRelease)

    /// The errno of a failed hypercall or device, if the error has one.
    public var errno: XenErrno? {
        switch self {
        case .privcmdUnavailable(_, let errno), .hypercallFailed(_, let errno), .hypercallMemoryUnavailable(_, let errno): errno
        case .interfaceVersionMismatch: .EACCES
        case .bufferTooSmall, .unavailableOnRelease, .releaseNotCovered, .fieldUnavailableOnRelease: nil
        }
    }

    /// One line saying what failed, why, and (where there is one) how to fix it.
    public var description: String {
        switch self {
        case .privcmdUnavailable(let path, let errno):
            "cannot open \(path): \(errno): " + Self.privcmdAdvice(errno)
        case .hypercallFailed(let operation, let errno):
            "\(operation) failed: Xen answered \(errno)"
        case .interfaceVersionMismatch(let operation, let bindings, let hypervisor):
            "\(operation) refused: these bindings speak interface version \(hex(bindings)), the hypervisor \(hex(hypervisor));"
                + " regenerate the bindings from the hypervisor's headers"
        case .bufferTooSmall(let element, let capacity, let requested):
            "guest-handle buffer too small: it holds \(capacity) × \(element), but the request lets Xen write \(requested)"
        case .hypercallMemoryUnavailable(let bytes, let errno):
            "cannot map \(bytes) bytes of hypercall-safe memory: \(errno); raise RLIMIT_MEMLOCK (ulimit -l) or use /dev/xen/hypercall"
        case .unavailableOnRelease(let operation, let running, let releases):
            "\(operation) is not available on Xen \(running): "
                + (releases.isEmpty
                    ? "no release of these bindings has it as they lay it out"
                    : "these bindings have it for Xen \(XenRelease.list(releases))")
                + "; nothing was sent"
        case .releaseNotCovered(let operation, let running, let releases):
            "\(operation) not sent: the hypervisor runs Xen \(running), and these bindings were generated for Xen \(XenRelease.list(releases)); "
                + "regenerate them with that release among --release"
        case .fieldUnavailableOnRelease(let field, let operation, let running):
            "\(operation) not sent: its payload sets \(field), which Xen \(running) does not have; leave it zero on that release"
        }
    }

    /// What a failed `open` of the privcmd device means and what to do about it.
    static func privcmdAdvice(_ errno: XenErrno) -> String {
        switch errno.name {
        case "ENOENT", "ENXIO", "ENODEV":
            "not running in a Xen domain, or the privcmd driver is not loaded (load it: modprobe xen-privcmd)"
        case "EACCES", "EPERM":
            "permission denied (run as root in dom0 or in a domain allowed to issue hypercalls)"
        default:
            "the privcmd device is not usable"
        }
    }
}

/// `0x15`.
private func hex(_ value: UInt32) -> String {
    "0x" + String(value, radix: 16)
}
