/// A memory region a hypercall takes as two arguments, its address and its size in bytes, such as
/// the path of `HYPERVISOR_hypfs_op(cmd, arg1 = path, arg2 = path length, …)`.
public struct RegionArgument: Codable, Sendable, Equatable {
    /// The Swift argument label, such as `path`.
    public var label: String
    /// What Xen's comment says the two arguments are, for the docs.
    public var c: String

    /// Creates a region argument. See the properties for the meaning of each parameter.
    public init(label: String, c: String) {
        self.label = label
        self.c = c
    }
}
