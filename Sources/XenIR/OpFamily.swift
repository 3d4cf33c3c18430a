/// A set of operation numbers that select what one hypercall (or one sub-op field) does,
/// such as the `XEN_DOMCTL_*` commands in `struct xen_domctl`.
public struct OpFamily: Codable, Sendable, Equatable {
    /// The family's short name from the family table, such as `domctl`.
    public var name: String
    /// The C macro prefix, such as `XEN_DOMCTL_`.
    public var prefix: String
    /// The Swift type name of the emitted op enum, such as `DomctlOp`.
    public var swiftName: String
    /// The Swift integer type matching the C field that carries the op.
    public var rawType: String
    /// The header that declares the family, relative to the header tree.
    public var file: String
    /// The record whose body holds the op list, when the family table names one.
    public var within: String?
    /// The family table's one-line description.
    public var summary: String?
    /// The interface version macro attached to the family, when it has one.
    public var interfaceVersion: InterfaceVersion?
    /// Every op ever seen in the header: live, obsolete and retired, in source order.
    public var ops: [Op]
    /// `#define A B` where `B` is an op of this family.
    public var aliases: [OpAlias]
    /// The `__HYPERVISOR_*` macro of the hypercall that carries the family as `(cmd, arg)`, from the family table.
    public var hypercall: String?
    /// Numbers the hypercall takes besides the op and the payload, from the family table.
    public var hypercallArguments: [HypercallArgument]?
    /// Whether the hypercall takes an array of buffers whose first is the request, from the family table.
    public var bufferArray: Bool?
    /// Whether the hypercall takes `(op, payloads, count)`, an array of payloads and their number, from the family table.
    public var payloadCount: Bool?
    /// Whether the ops are the hypercall numbers themselves, from the family table.
    public var hypercallNumbers: Bool?
    /// In an output that spans several releases: the interface version of each release that has one.
    public var interfaceVersions: [ReleaseInterfaceVersion]?
    /// Whether the family table marks the family part of Xen's stable ABI.
    public var stableABI: Bool? = nil
    /// The payload field that carries the op, for a hypercall that takes records and no op number, from the family table.
    public var opInPayload: String? = nil
    /// Memory regions the hypercall takes after the op instead of a payload, from the family table.
    public var regionArguments: [RegionArgument]? = nil
    /// For a stable-ABI family in an output that spans several releases: the check that each op's payload
    /// has one layout in every release that defines the op.
    public var stableLayout: StableLayoutCheck? = nil
    /// Numbers the ledger or the release history keeps reserved that the headers no longer show, with the names that held
    /// them; set by the checks (`NumberClaims` in XenChecks), `nil` as the reader leaves it.
    public var reserved: [ReservedNumber]?

    /// Creates a family. See the properties for the meaning of each parameter.
    public init(
        name: String, prefix: String, swiftName: String, rawType: String, file: String, within: String? = nil,
        summary: String? = nil, interfaceVersion: InterfaceVersion? = nil, ops: [Op] = [], aliases: [OpAlias] = [],
        hypercall: String? = nil, hypercallArguments: [HypercallArgument]? = nil, bufferArray: Bool? = nil,
        payloadCount: Bool? = nil, hypercallNumbers: Bool? = nil, reserved: [ReservedNumber]? = nil
    ) {
        self.name = name
        self.prefix = prefix
        self.swiftName = swiftName
        self.rawType = rawType
        self.file = file
        self.within = within
        self.summary = summary
        self.interfaceVersion = interfaceVersion
        self.ops = ops
        self.aliases = aliases
        self.hypercall = hypercall
        self.hypercallArguments = hypercallArguments
        self.bufferArray = bufferArray
        self.payloadCount = payloadCount
        self.hypercallNumbers = hypercallNumbers
        self.reserved = reserved
    }

    /// Ops that are defined in this configuration (live or obsolete), in source order.
    public var definedOps: [Op] { ops.filter { $0.status != .retired && $0.isActive } }
    /// Ops that exist only as tombstones.
    public var retiredOps: [Op] { ops.filter { $0.status == .retired } }
}

/// An interface version macro such as `XEN_DOMCTL_INTERFACE_VERSION`.
public struct InterfaceVersion: Codable, Sendable, Equatable {
    /// The macro name.
    public var name: String
    /// Its value.
    public var value: UInt64
    /// The value as written, such as `0x00000015`.
    public var spelling: String
    /// Where it is defined.
    public var location: SourcePosition

    /// Creates a version record.
    public init(name: String, value: UInt64, spelling: String, location: SourcePosition) {
        self.name = name
        self.value = value
        self.spelling = spelling
        self.location = location
    }
}
