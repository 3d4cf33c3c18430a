/// A number a family's hypercall takes besides the op and the payload, such as the vcpu of
/// `HYPERVISOR_vcpu_op(cmd, vcpuid, arg)` or the domain of `HYPERVISOR_dm_op(domid, nr_bufs, bufs)`.
/// The family table names them in order, and the runtime glue takes each as a labelled parameter.
public struct HypercallArgument: Codable, Sendable, Equatable {
    /// The Swift argument label, such as `vcpu`.
    public var label: String
    /// The Swift type, such as `UInt32` or `Domid`: a fixed-width unsigned integer (or a typealias
    /// of one) that the glue widens to the 64-bit hypercall argument.
    public var type: String
    /// The C parameter as Xen's comment declares it, such as `unsigned int vcpuid`, for the docs.
    public var c: String

    /// Creates an argument. See the properties for the meaning of each parameter.
    public init(label: String, type: String, c: String) {
        self.label = label
        self.type = type
        self.c = c
    }
}
