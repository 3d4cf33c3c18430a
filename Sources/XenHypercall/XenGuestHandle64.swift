/// `XEN_GUEST_HANDLE_64(T)`: the guest address of a `T` (or of an array of them), 8 bytes like C's.
///
/// The pointee type is kept, so a handle to `xen_domctl_getdomaininfo_t` cannot be put where a
/// handle to `uint8` belongs. Get one that Xen may use from ``XenBuffer/handle(elements:)``.
public struct XenGuestHandle64<Pointee>: Sendable, BitwiseCopyable, Hashable {
    /// The guest virtual address; 0 is the null handle.
    public var address: UInt64

    /// The null handle.
    public init() {
        address = 0
    }

    /// A handle to the memory at `address`.
    /// - Parameter address: A guest virtual address.
    public init(address: UInt64) {
        self.address = address
    }

    /// A handle to `pointer` (the caller keeps the memory alive and locked for the hypercall).
    /// - Parameter pointer: The buffer, or `nil` for the null handle.
    public init(_ pointer: UnsafeMutablePointer<Pointee>?) {
        address = UInt64(UInt(bitPattern: pointer))
    }

    /// Whether this is the null handle.
    public var isNull: Bool { address == 0 }
}
