/// One field of a ``Record`` (one member, for a union), with clang's offset.
public struct RecordField: Codable, Sendable, Equatable {
    /// The C name; `nil` for a C11 anonymous member, whose own fields are reached through the parent.
    public var name: String?
    /// The field's type.
    public var type: TypeRef
    /// The type as C spells it after macro expansion (`domid_t`, `uint64_t`, `__guest_handle_uint8`).
    public var cType: String
    /// Offset in bytes from the start of the record (for a bitfield: the byte holding its first bit).
    public var offset: Int
    /// `sizeof` the field's type, in bytes.
    public var size: Int
    /// For a bitfield: its offset in bits from the start of the record.
    public var bitOffset: Int?
    /// For a bitfield: its width in bits.
    public var bitWidth: Int?
    /// 1-based line of the declaration.
    public var line: Int
    /// The comment above the field or after it on the same line, without comment markers.
    public var doc: String?

    /// Creates a field. See the properties for the meaning of each parameter.
    public init(
        name: String?, type: TypeRef, cType: String, offset: Int, size: Int, bitOffset: Int? = nil,
        bitWidth: Int? = nil, line: Int, doc: String? = nil
    ) {
        self.name = name
        self.type = type
        self.cType = cType
        self.offset = offset
        self.size = size
        self.bitOffset = bitOffset
        self.bitWidth = bitWidth
        self.line = line
        self.doc = doc
    }

    /// Whether the field is a bitfield.
    public var isBitField: Bool { bitWidth != nil }
}
