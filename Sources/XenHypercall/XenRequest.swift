/// A request record that one hypercall carries by address, such as `struct xen_domctl` for
/// `__HYPERVISOR_domctl`: the op number, then the payload union.
///
/// The generated code conforms the request records (the templates emit this glue), so
/// ``XenHypervisor/issue(_:payloadEncoded:)`` serves `XenPublic` and plugin-generated bindings alike.
public protocol XenRequest: BitwiseCopyable, Sendable {
    /// The op family of the request's op field.
    associatedtype Operation: XenOperation
    /// The `__HYPERVISOR_*` number of the hypercall that carries the request.
    static var hypercall: UInt64 { get }
    /// The op number the request carries.
    var operationNumber: Operation.RawValue { get set }
    /// The interface version the request carries, or `nil` for a family that has none; setting it
    /// on such a request does nothing. ``XenVersionedRequest`` provides it, so the runtime reaches the
    /// version through the request's own conformance, with no dynamic cast (which Embedded Swift lacks).
    var carriedInterfaceVersion: UInt32? { get set }
}

/// A request whose family has an interface version that Xen checks (domctl, sysctl, platform_op):
/// Xen refuses a request whose version differs from its own with `EACCES`.
public protocol XenVersionedRequest: XenRequest {
    /// The version these bindings speak (`XEN_DOMCTL_INTERFACE_VERSION` of the headers they came from).
    static var bindingsInterfaceVersion: UInt32 { get }
    /// The version the request carries.
    var requestInterfaceVersion: UInt32 { get set }
}

extension XenRequest {
    /// The C name of the op the request carries, for messages.
    public var operationName: String { Operation.cName(of: operationNumber) }

    /// `nil`: a request of a family without an interface version carries none.
    public var carriedInterfaceVersion: UInt32? {
        get { nil }
        set {}
    }
}

extension XenVersionedRequest {
    /// ``requestInterfaceVersion``; setting `nil` leaves it as it is.
    public var carriedInterfaceVersion: UInt32? {
        get { requestInterfaceVersion }
        set { if let newValue { requestInterfaceVersion = newValue } }
    }
}
