/// The type of a record field, reduced to what a C-exact mirror needs.
public indirect enum TypeRef: Codable, Sendable, Equatable, Hashable {
    /// A fixed-width integer (`uint32_t`, `char`, `unsigned long`, …).
    case integer(bits: Int, signed: Bool)
    /// C `_Bool`.
    case bool
    /// `void`, only as a pointee.
    case void
    /// A struct or union, by ``Record/name``.
    case record(name: String)
    /// A C enum, by ``CEnum/name``.
    case enumeration(name: String)
    /// A typedef declared in the header tree for an integer or enum type, such as `domid_t`.
    case typedef(name: String, underlying: TypeRef)
    /// `T name[count]`.
    case array(element: TypeRef, count: Int)
    /// `XEN_GUEST_HANDLE_64(T)` (or `XEN_GUEST_HANDLE(T)`): a guest address of a `T`, 8 bytes on x86_64.
    case guestHandle(pointee: TypeRef)
    /// A plain C pointer.
    case pointer(pointee: TypeRef)
    /// A type the reader has no mirror for (floating point, function pointers), kept as bytes.
    case opaque(spelling: String)
}
