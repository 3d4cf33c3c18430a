/// One row of the constant table: which `#define`s of a header form one Swift type, and which record
/// fields carry it.
///
/// Like the family table, this is data: the built-in rows live in `BuiltinFamilies.json`
/// (`constantGroups`), and a config file can add rows or replace one by name.
public struct ConstantGroup: Codable, Sendable, Equatable {
    /// What the group's values are.
    public enum Kind: String, Codable, Sendable {
        /// Bits that combine: an `OptionSet`.
        case flags
        /// Values of which a field holds one (codes, special ids, sentinels): a `RawRepresentable` struct
        /// with a static member per value, which still holds values the headers do not name.
        case values
    }

    /// A bit field inside a flag word, named by a shift and a mask macro, read as its own type.
    public struct Part: Codable, Sendable, Equatable {
        /// The Swift property name on the records, such as `shutdownReason`.
        public var name: String
        /// The macro giving the shift.
        public var shift: String
        /// The macro giving the mask (applied after the shift).
        public var mask: String
        /// The ``ConstantGroup/swiftName`` of the part's type: a `values` group of the same raw type.
        public var type: String

        /// Creates a part. See the properties for the meaning of each parameter.
        public init(name: String, shift: String, mask: String, type: String) {
            self.name = name
            self.shift = shift
            self.mask = mask
            self.type = type
        }
    }

    /// Short unique name, such as `domain-info-flags`.
    public var name: String
    /// Header declaring the macros, relative to the tree.
    public var header: String
    /// Macros with this prefix (and not in ``exclude``) belong to the group; the member name is the rest.
    public var prefix: String?
    /// Macros that belong to the group under an explicit member name (`XEN_INVALID_MAX_VCPU_ID` → `invalid`).
    public var members: [String: String]?
    /// Macro names (or prefixes of names) that share ``prefix`` but are not members.
    public var exclude: [String]?
    /// Flags or values.
    public var kind: Kind
    /// The emitted Swift type.
    public var swiftName: String
    /// The Swift integer type of the values (the C type of the fields that carry them).
    public var rawType: String
    /// Record fields that carry the values, as `record.field` (`xen_domctl_getdomaininfo.flags`): they
    /// are emitted with the group's type.
    public var fields: [String]?
    /// Bit fields inside the flag word, emitted as properties of the records in ``fields``.
    public var parts: [Part]?
    /// One-line description for the docs.
    public var summary: String?

    /// Creates a row. See the properties for the meaning of each parameter.
    public init(
        name: String, header: String, prefix: String? = nil, members: [String: String]? = nil, exclude: [String]? = nil,
        kind: Kind, swiftName: String, rawType: String, fields: [String]? = nil, parts: [Part]? = nil, summary: String? = nil
    ) {
        self.name = name
        self.header = header
        self.prefix = prefix
        self.members = members
        self.exclude = exclude
        self.kind = kind
        self.swiftName = swiftName
        self.rawType = rawType
        self.fields = fields
        self.parts = parts
        self.summary = summary
    }

    /// The member name `macro` has in this group, or `nil` when it is no member.
    /// - Parameter macro: A macro name of ``header``.
    /// - Returns: The member name as the header spells it (`paused`, `SELF`), before Swift naming.
    public func memberName(of macro: String) -> String? {
        if let explicit = members?[macro] { return explicit }
        guard let prefix, macro.hasPrefix(prefix), macro.count > prefix.count,
            !(exclude ?? []).contains(where: { macro.hasPrefix($0) })
        else { return nil }
        return String(macro.dropFirst(prefix.count))
    }

    /// Whether `macro` is one of the group's ``parts`` macros (a shift or a mask).
    /// - Parameter macro: A macro name.
    /// - Returns: `true` for a shift or mask of a part.
    public func isPartMacro(_ macro: String) -> Bool {
        (parts ?? []).contains { $0.shift == macro || $0.mask == macro }
    }
}
