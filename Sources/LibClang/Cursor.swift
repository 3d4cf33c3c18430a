import CLibClang

/// A libclang cursor: one node of the syntax tree (a declaration, a macro definition, …).
public struct Cursor {
    let raw: CXCursor
    let unit: TranslationUnit

    /// The cursor kinds the reader uses, by their stable `CXCursorKind` values.
    public enum Kind: Int32, Sendable {
        case structDecl = 2, unionDecl = 3, enumDecl = 5, fieldDecl = 6, enumConstantDecl = 7, varDecl = 9
        case typedefDecl = 20, macroDefinition = 501, macroExpansion = 502, inclusionDirective = 503
    }

    private var api: XSGLibClang { unit.clang.api }

    /// The kind, or `nil` for kinds the reader does not name.
    public var kind: Kind? { Kind(rawValue: api.getCursorKind(raw)) }
    /// The declared name (empty for anonymous declarations).
    public var spelling: String { unit.clang.string(api.getCursorSpelling(raw)) }
    /// Where the declaration's name is.
    public var location: SourceLocation? { unit.location(api.getCursorLocation(raw)) }
    /// The whole declaration's source span.
    public var extent: SourceSpan? {
        let range = api.getCursorExtent(raw)
        guard let start = unit.location(api.getRangeStart(range)), let end = unit.location(api.getRangeEnd(range)) else { return nil }
        return SourceSpan(file: start.file, start: start, end: end)
    }
    /// The declaration's type.
    public var type: ClangType { ClangType(raw: api.getCursorType(raw), unit: unit) }
    /// Whether this is an anonymous struct, union or enum.
    public var isAnonymous: Bool { api.Cursor_isAnonymous(raw) != 0 }
    /// Whether this field is a bitfield.
    public var isBitField: Bool { api.Cursor_isBitField(raw) != 0 }
    /// A bitfield's width in bits.
    public var bitWidth: Int { Int(api.getFieldDeclBitWidth(raw)) }
    /// A field's offset in bits within its record, or a negative error code.
    public var offsetOfField: Int { Int(api.Cursor_getOffsetOfField(raw)) }
    /// Whether this cursor is a definition (not a forward declaration).
    public var isDefinition: Bool { api.isCursorDefinition(raw) != 0 }
    /// A typedef's underlying type.
    public var typedefUnderlyingType: ClangType { ClangType(raw: api.getTypedefDeclUnderlyingType(raw), unit: unit) }
    /// An enumerator's value.
    public var enumConstantValue: Int64 { api.getEnumConstantDeclValue(raw) }
    /// An enumerator's value, zero-extended (for enums whose integer type is unsigned).
    public var enumConstantUnsignedValue: UInt64 { api.getEnumConstantDeclUnsignedValue(raw) }
    /// An enum's integer type.
    public var enumIntegerType: ClangType { ClangType(raw: api.getEnumDeclIntegerType(raw), unit: unit) }
    /// Whether this record is a C11 anonymous member (`union { … };` with no field name).
    public var isAnonymousRecordDecl: Bool { api.Cursor_isAnonymousRecordDecl(raw) != 0 }

    /// The direct children, in source order.
    public var children: [Cursor] {
        final class Collector { var items: [CXCursor] = [] }
        let collector = Collector()
        _ = api.visitChildren(
            raw,
            { cursor, _, data in
                guard let data else { return 0 }
                Unmanaged<Collector>.fromOpaque(data).takeUnretainedValue().items.append(cursor)
                return 1
            }, Unmanaged.passUnretained(collector).toOpaque())
        return collector.items.map { Cursor(raw: $0, unit: unit) }
    }
}

/// A libclang type.
public struct ClangType {
    let raw: CXType
    let unit: TranslationUnit

    private var api: XSGLibClang { unit.clang.api }

    /// The raw `CXTypeKind` value.
    public var kind: Int32 { raw.kind }
    /// The type as C spells it.
    public var spelling: String { unit.clang.string(api.getTypeSpelling(raw)) }
    /// `sizeof`, or a negative error code.
    public var size: Int { Int(api.Type_getSizeOf(raw)) }
    /// `_Alignof`, or a negative error code.
    public var alignment: Int { Int(api.Type_getAlignOf(raw)) }
    /// The type with typedefs and elaboration removed.
    public var canonical: ClangType { ClangType(raw: api.getCanonicalType(raw), unit: unit) }
    /// The declaration of a record, enum or typedef type.
    public var declaration: Cursor { Cursor(raw: api.getTypeDeclaration(raw), unit: unit) }
    /// A constant array's element type.
    public var arrayElementType: ClangType { ClangType(raw: api.getArrayElementType(raw), unit: unit) }
    /// A constant array's element count, or -1.
    public var arraySize: Int { Int(api.getArraySize(raw)) }
    /// A pointer's pointee.
    public var pointee: ClangType { ClangType(raw: api.getPointeeType(raw), unit: unit) }
    /// An elaborated type's named type.
    public var namedType: ClangType { ClangType(raw: api.Type_getNamedType(raw), unit: unit) }
    /// A typedef type's name.
    public var typedefName: String { unit.clang.string(api.getTypedefName(raw)) }
    /// The offset in bits of the field `name` (also found inside anonymous members), or a negative error code.
    /// - Parameter name: A field name.
    /// - Returns: The offset in bits.
    public func offsetInBits(ofField name: String) -> Int {
        Int(name.withCString { api.Type_getOffsetOf(raw, $0) })
    }
}
