/// A C struct or union, with the layout clang computed for the parsed target.
///
/// Named records are keyed by their tag (`xen_domctl_getdomaininfo`). A record without a tag is
/// keyed by its parent and the member that holds it (`xen_domctl.u`), or, for a C11 anonymous
/// member that has no field name, by its parent and its position (`cpu_user_regs.(anonymous 0)`).
public struct Record: Codable, Sendable, Equatable {
    /// Whether the record is a `struct` or a `union`.
    public enum Kind: String, Codable, Sendable, Equatable {
        case `struct`, union
    }

    /// The key: the C tag, or a path for records without one (see the type's discussion).
    public var name: String
    /// `struct` or `union`.
    public var kind: Kind
    /// `sizeof`, in bytes.
    public var size: Int
    /// `_Alignof`, in bytes.
    public var alignment: Int
    /// The fields in declaration order (for a union: its members).
    public var fields: [RecordField]
    /// The enclosing record, for a record declared without a tag inside another one.
    public var parent: String?
    /// The parent's field that holds this record; `nil` for an anonymous member (and for top-level records).
    public var member: String?
    /// Header relative to the tree.
    public var file: String
    /// 1-based line of the declaration.
    public var line: Int
    /// The comment above the declaration, without comment markers.
    public var doc: String?
    /// For a storage layout of a multi-release output: which releases lay out which record this way.
    public var releaseLayout: ReleaseLayout? = nil

    /// Creates a record. See the properties for the meaning of each parameter.
    public init(
        name: String, kind: Kind, size: Int, alignment: Int, fields: [RecordField], parent: String? = nil,
        member: String? = nil, file: String, line: Int, doc: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.size = size
        self.alignment = alignment
        self.fields = fields
        self.parent = parent
        self.member = member
        self.file = file
        self.line = line
        self.doc = doc
    }

    /// Whether the record is declared without a tag inside another record.
    public var isNested: Bool { parent != nil }
    /// Where the record is declared.
    public var location: SourcePosition { SourcePosition(file: file, line: line) }

    /// The top-level record this one is nested in (itself when it is top-level).
    /// - Parameter records: Every record of the interface by name.
    /// - Returns: The top-level record.
    public func root(in records: [String: Record]) -> Record {
        var root = self
        while let parent = root.parent, let parentRecord = records[parent] { root = parentRecord }
        return root
    }
}
