/// One row of the family table: how to find an op family in the headers.
///
/// The table is data, not code: the built-in default covers the Xen families, and a config file can
/// add rows or replace rows by name.
public struct FamilySpec: Codable, Sendable, Equatable {
    /// Short unique name, such as `domctl`.
    public var name: String
    /// Macro prefix of the ops, such as `XEN_DOMCTL_`. When several families match a macro, the
    /// longest prefix wins, so nested sub-op lists (`XENMEM_access_op_`) can share a parent's prefix.
    public var prefix: String
    /// Header declaring the family, relative to the tree, such as `domctl.h`.
    public var header: String
    /// A record whose body holds the op list (`xen_domctl`); other macros with the prefix are ignored.
    /// A header whose record holds none of the family's numbers (Xen 4.0's `sysctl.h` lists them before
    /// `struct xen_sysctl`) is read as if the family had no `within`.
    public var within: String?
    /// The emitted Swift enum name.
    public var swiftName: String
    /// The Swift integer type matching the C field that carries the op.
    public var rawType: String
    /// The interface version macro to attach, if any.
    public var interfaceVersion: String?
    /// Macro name prefixes that share `prefix` but are not ops (flags, limits).
    public var exclude: [String]?
    /// Which names with the prefix are ops; `nil` means ``OpNameRule/lowercase``.
    public var opNames: OpNameRule?
    /// One-line description for the docs.
    public var summary: String?
    /// The request record that carries the ops and their payloads, such as `xen_domctl`.
    public var request: RequestSpec?
    /// More records to mirror (the payload structs of families without a request record).
    public var payloads: [String]?
    /// Explicit op → union member bindings, for ops the header comments and member names do not
    /// bind; an empty member means the op takes no payload. For a family with `payloadArgument`,
    /// the value is the payload struct's tag instead.
    public var payloadMembers: [String: String]?
    /// Whether the family's hypercall takes its payload as a separate argument, named by comments
    /// such as `@arg == pointer to physdev_eoi structure` on each op.
    public var payloadArgument: Bool?
    /// The `__HYPERVISOR_*` macro of the hypercall that carries the family's request record or
    /// payload argument as `(cmd, arg)`, such as `__HYPERVISOR_domctl`; the runtime glue needs it.
    public var hypercall: String?
    /// Numbers the hypercall takes between the op and the payload (`vcpu_op`'s vcpu), or before the
    /// buffers (`dm_op`'s domain), in order.
    public var hypercallArguments: [HypercallArgument]?
    /// Whether the hypercall takes `(arguments…, nr_bufs, bufs)`, an array of buffers whose first
    /// is the request record (`dm_op`), instead of the request's address.
    public var bufferArray: Bool?
    /// Whether the hypercall takes `(op, payloads, count)`: the payload argument points at an array of
    /// payloads that Xen works through, and the number after it counts them
    /// (`HYPERVISOR_grant_table_op(cmd, uop, count)`). The runtime glue passes the count itself.
    public var payloadCount: Bool?
    /// Whether the ops are the hypercall numbers themselves (`__HYPERVISOR_*`): the enum then conforms to
    /// `XenHypercallNumber`, the only op type `XenHypervisor.hypercall(_:_:)` accepts.
    public var hypercallNumbers: Bool?
    /// A C `enum` of the header whose enumerators are the ops (`xsd_sockmsg_type`: `XS_*`), instead of
    /// `#define`s. A comment between two enumerators that names a removed member of the family, where the
    /// values skip exactly one number, is that member's tombstone with the skipped number.
    public var enumeration: String?
    /// Headers whose every named struct and union the family also mirrors (and everything they reach),
    /// besides its request and `payloads`: the records of a protocol header, usually the row's own
    /// `header`, or headers it includes (`hvm/save.h` includes `arch-x86/hvm/save.h` on x86 only). Such
    /// a row is read wherever its header is, even when its prefix names no op there (records only).
    public var recordHeaders: [String]?
    /// Headers the parse includes before `header`, for a header that is not self-contained
    /// (`arch-x86/xen-mca.h` uses `xen.h`'s types without including it).
    public var includes: [String]?
    /// Further prefixes that names of the family carry in its header: `trace.h` retires
    /// `XEN_SCHEDULER_SEDF 2` among its `TRC_SCHED_*` scheduler ids. The longest-prefix rule still
    /// orders rows by `prefix`.
    public var otherPrefixes: [String]?
    /// Whether the family is part of Xen's stable ABI (memory, sched, event channel, grant table, vcpu,
    /// version): an output for several releases then checks that every op's payload has one layout in
    /// all of them, and says so in the family's documentation.
    public var stableABI: Bool?
    /// The field of the payload record that carries the op, for a hypercall that takes records and no
    /// op number: `HYPERVISOR_mmuext_op(struct mmuext_op *ops, count, pdone, foreigndom)` reads each op
    /// from `struct mmuext_op.cmd`. Every op then takes that one record, the only entry of `payloads`,
    /// and the call glue writes the op into it. Needs `payloadArgument` and `payloadCount`.
    public var opInPayload: String?
    /// Memory regions the hypercall takes after the op instead of a payload, each as two arguments
    /// (address, size): `HYPERVISOR_hypfs_op(cmd, arg1, arg2, arg3, arg4)` takes a path and a data buffer.
    public var regionArguments: [RegionArgument]?
    /// Ops whose argument points to a C scalar rather than a struct, with that scalar's C type, as Xen's
    /// handler reads it (`XENOPROF_set_active` copies a `domid_t`): a typed command takes a struct
    /// payload, so these stay unbound and say why.
    public var scalarArguments: [String: String]?

    /// Creates a table row. See the properties for the meaning of each parameter.
    public init(
        name: String, prefix: String, header: String, within: String? = nil, swiftName: String,
        rawType: String = "UInt32", interfaceVersion: String? = nil, exclude: [String]? = nil, opNames: OpNameRule? = nil,
        summary: String? = nil,
        request: RequestSpec? = nil, payloads: [String]? = nil, payloadMembers: [String: String]? = nil,
        payloadArgument: Bool? = nil, hypercall: String? = nil, hypercallArguments: [HypercallArgument]? = nil,
        bufferArray: Bool? = nil, payloadCount: Bool? = nil, hypercallNumbers: Bool? = nil, enumeration: String? = nil,
        recordHeaders: [String]? = nil, includes: [String]? = nil, otherPrefixes: [String]? = nil, stableABI: Bool? = nil,
        opInPayload: String? = nil, regionArguments: [RegionArgument]? = nil, scalarArguments: [String: String]? = nil
    ) {
        self.name = name
        self.prefix = prefix
        self.header = header
        self.within = within
        self.swiftName = swiftName
        self.rawType = rawType
        self.interfaceVersion = interfaceVersion
        self.exclude = exclude
        self.opNames = opNames
        self.summary = summary
        self.request = request
        self.payloads = payloads
        self.payloadMembers = payloadMembers
        self.payloadArgument = payloadArgument
        self.hypercall = hypercall
        self.hypercallArguments = hypercallArguments
        self.bufferArray = bufferArray
        self.payloadCount = payloadCount
        self.hypercallNumbers = hypercallNumbers
        self.enumeration = enumeration
        self.recordHeaders = recordHeaders
        self.includes = includes
        self.otherPrefixes = otherPrefixes
        self.stableABI = stableABI
        self.opInPayload = opInPayload
        self.regionArguments = regionArguments
        self.scalarArguments = scalarArguments
    }

    /// Whether `macro` is an op name of this family: it belongs to it by name and its ``opNames`` rule admits it.
    /// - Parameter macro: A macro name.
    /// - Returns: `true` for an op name.
    public func takesAsOp(_ macro: String) -> Bool {
        guard let matched = matchedPrefix(of: macro) else { return false }
        return (opNames ?? .lowercase).admits(macro, prefix: matched)
    }

    /// Whether `macro` belongs to this family by name (a prefix matched, longer than it, not excluded).
    /// - Parameter macro: A macro name.
    /// - Returns: `true` when the name fits.
    public func matches(_ macro: String) -> Bool { matchedPrefix(of: macro) != nil }

    /// The prefix (`prefix`, else one of ``otherPrefixes``) that `macro` belongs to this family by.
    /// - Parameter macro: A macro name.
    /// - Returns: The prefix, or `nil` when the name does not fit.
    public func matchedPrefix(of macro: String) -> String? {
        guard !(exclude ?? []).contains(where: { macro.hasPrefix($0) }) else { return nil }
        return ([prefix] + (otherPrefixes ?? [])).first { macro.hasPrefix($0) && macro.count > $0.count }
    }
}

/// The request record of a family: `struct xen_domctl { uint32_t cmd; uint32_t interface_version; …; union { … } u; }`.
public struct RequestSpec: Codable, Sendable, Equatable {
    /// The record's tag, such as `xen_domctl`.
    public var record: String
    /// The field that carries the op number.
    public var opField: String
    /// The field that carries the interface version, if any.
    public var versionField: String?
    /// The union of payloads.
    public var unionField: String

    /// - Parameters:
    ///   - record: The record's tag.
    ///   - opField: The op field.
    ///   - versionField: The interface version field.
    ///   - unionField: The payload union.
    public init(record: String, opField: String = "cmd", versionField: String? = "interface_version", unionField: String = "u") {
        self.record = record
        self.opField = opField
        self.versionField = versionField
        self.unionField = unionField
    }
}
