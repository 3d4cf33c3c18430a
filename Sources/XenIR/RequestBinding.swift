/// Which payload each op of a family takes: for a family with a request record (`xen_domctl`),
/// which field carries the op number, which the interface version, and which union member is each
/// op's payload; for a family whose hypercall takes the payload as a separate argument
/// (`HYPERVISOR_memory_op(cmd, arg)`), which struct `arg` points to.
public struct RequestBinding: Codable, Sendable, Equatable {
    /// Why an op is bound the way it is.
    public enum Source: String, Codable, Sendable, Equatable {
        /// A `/* XEN_DOMCTL_xxx */` comment above the payload struct.
        case comment
        /// A union member named like the op.
        case memberName
        /// The comment and the member name agree.
        case commentAndMemberName
        /// The family table or config (`payloadMembers`).
        case override
        /// An `arg == pointer to X` comment on the op (families without a request record).
        case argumentComment
        /// The family table's `opInPayload`: the op travels inside the family's one payload record.
        case opInPayload
    }

    /// One op bound to a payload, or to none.
    public struct Binding: Codable, Sendable, Equatable {
        /// The op's C name.
        public var op: String
        /// The union member, or `nil` when the op takes no payload or the family has no request record.
        public var member: String?
        /// The payload's record, or `nil` when the op takes no payload.
        public var record: String?
        /// Where the binding comes from.
        public var source: Source

        /// Creates a binding.
        public init(op: String, member: String?, record: String?, source: Source) {
            self.op = op
            self.member = member
            self.record = record
            self.source = source
        }
    }

    /// A live op the generator could not bind.
    public struct Unmapped: Codable, Sendable, Equatable {
        /// The op's C name.
        public var op: String
        /// One sentence.
        public var reason: String
        /// What a user can do instead, or `nil` for the usual remedy: name the payload in the family's `payloadMembers`.
        public var remedy: String?

        /// Creates an entry.
        /// - Parameters:
        ///   - op: The op's C name.
        ///   - reason: Why it is not bound.
        ///   - remedy: What to do instead, when naming a payload in `payloadMembers` would not help.
        public init(op: String, reason: String, remedy: String? = nil) {
            self.op = op
            self.reason = reason
            self.remedy = remedy
        }
    }

    /// The family name, such as `domctl`.
    public var family: String
    /// The request record, such as `xen_domctl`; `nil` when the payload is a separate argument.
    public var record: String?
    /// The field that carries the op number, such as `cmd`.
    public var opField: String?
    /// The field that carries the interface version, when the request has one.
    public var versionField: String?
    /// The union of payloads, such as `u`.
    public var unionField: String?
    /// Bound ops, in op order.
    public var bindings: [Binding]
    /// Live ops left unbound, in op order.
    public var unmapped: [Unmapped]

    /// Creates a request binding. See the properties for the meaning of each parameter.
    public init(
        family: String, record: String?, opField: String?, versionField: String?, unionField: String?,
        bindings: [Binding], unmapped: [Unmapped]
    ) {
        self.family = family
        self.record = record
        self.opField = opField
        self.versionField = versionField
        self.unionField = unionField
        self.bindings = bindings
        self.unmapped = unmapped
    }
}
