import Foundation
import LibClang
import XenIR

/// Reads structs and unions with clang's own layout: from root records, the transitive closure of
/// every record, enum and guest-handle pointee their fields refer to.
///
/// Sizes, alignments and offsets come from clang (`clang_Type_getSizeOf`, `clang_Type_getAlignOf`,
/// `clang_Cursor_getOffsetOfField`), never from our own layout rules.
struct RecordReader {
    /// `CXTypeKind` values the reader distinguishes.
    enum TypeKind: Int32 {
        case void = 2, bool = 3, charU = 4, uChar = 5, uShort = 8, uInt = 9, uLong = 10, uLongLong = 11, uInt128 = 12
        case charS = 13, sChar = 14, short = 16, int = 17, long = 18, longLong = 19, int128 = 20
        case pointer = 101, record = 105, enumeration = 106, typedef = 107, constantArray = 112, incompleteArray = 114
        case elaborated = 119, attributed = 163
    }

    /// The typedef name prefix `XEN_GUEST_HANDLE(T)` and `XEN_GUEST_HANDLE_64(T)` expand to.
    static let guestHandlePrefix = "__guest_handle_"

    private let tree: HeaderTree
    private let comments: RecordComments
    private let cTypes: CTypeSpelling
    private(set) var records: [String: Record] = [:]
    /// Record names in the order they were first reached (parents before the records they contain).
    private(set) var order: [String] = []
    /// The names in `order`, for the visited check (`order.contains` made reading quadratic).
    private var reached: Set<String> = []
    private(set) var enums: [String: CEnum] = [:]
    private(set) var enumOrder: [String] = []
    /// The widest alignment among the fields that have bytes in each record (a flexible array member has
    /// none), by record name.
    private var storedAlignment: [String: Int] = [:]

    /// - Parameters:
    ///   - tree: The header tree, to make paths relative and to tell the tree's typedefs from libc's.
    ///   - comments: The scanned comments, for doc text.
    init(tree: HeaderTree, comments: RecordComments) {
        self.tree = tree
        self.comments = comments
        cTypes = CTypeSpelling(tree: tree)
    }

    /// Reads the record declared as `struct tag` or `union tag` and everything it reaches.
    /// - Parameter cursor: The record's definition.
    mutating func readRoot(_ cursor: Cursor) {
        readRecord(cursor, name: cursor.declaredName ?? cursor.spelling, parent: nil, member: nil)
    }

    /// Reads the record like ``readRoot(_:)`` when every record it reaches can be laid out by stored
    /// fields; otherwise reads nothing and says why. A Swift struct takes its alignment from its stored
    /// properties only, so a record that C aligns through a flexible array member alone
    /// (`struct hvm_msr { uint32_t count; struct hvm_one_msr msr[]; }`, aligned to 8) has no exact mirror,
    /// nor has an empty struct (`struct arch_vcpu_info { }` on Arm), whose C stride is 0.
    /// - Parameter cursor: The record's definition.
    /// - Returns: `nil` when read, else the reason it was left out.
    mutating func readRootIfMirrorable(_ cursor: Cursor) -> String? {
        // Read in place and undo on refusal: reading into a copy of the reader copied every record read
        // so far, once per root.
        let (firstNew, firstNewEnum) = (order.count, enumOrder.count)
        readRoot(cursor)
        var reason: String?
        for name in order[firstNew...] {
            guard let record = records[name] else { continue }
            let what = name == order[firstNew] ? "it" : "it reaches '\(name)', which"
            if record.size == 0 {
                reason = "\(what) has no bytes (an empty struct, a GNU C extension): C's stride is 0, a Swift struct's at least 1"
                break
            }
            guard let stored = storedAlignment[name], stored < record.alignment else { continue }
            reason =
                "\(what) is aligned to \(record.alignment) by no field with bytes (its widest is aligned to \(stored)); "
                + "a Swift struct takes its alignment from stored fields only"
            break
        }
        guard let reason else { return nil }
        for name in order[firstNew...] {
            records[name] = nil
            storedAlignment[name] = nil
            reached.remove(name)
        }
        order.removeSubrange(firstNew...)
        for name in enumOrder[firstNewEnum...] { enums[name] = nil }
        enumOrder.removeSubrange(firstNewEnum...)
        return reason
    }

    /// Whether the record named `name` was read.
    func hasRead(_ name: String) -> Bool { records[name] != nil }

    /// The records in reach order.
    var orderedRecords: [Record] { order.compactMap { records[$0] } }
    /// The enums in reach order.
    var orderedEnums: [CEnum] { enumOrder.compactMap { enums[$0] } }

    /// Reads one record definition under `name`.
    private mutating func readRecord(_ cursor: Cursor, name: String, parent: String?, member: String?) {
        guard reached.insert(name).inserted else { return }
        order.append(name)
        let type = cursor.type
        var fields: [RecordField] = []
        var widest = 1
        var anonymousCount = 0
        // Clang qualifies an anonymous member by the named record around it; nested names start with it.
        let scope = String(name.prefix { $0 != "." })
        for child in cursor.children {
            if child.kind == .fieldDecl {
                let fieldName = child.spelling
                let fieldType = resolve(child.type, nestedName: name + "." + fieldName, parent: name, member: fieldName)
                let bits = child.offsetOfField
                let line = child.location?.line ?? 0
                if child.type.size > 0 { widest = max(widest, child.type.alignment) }
                fields.append(
                    RecordField(
                        name: fieldName, type: fieldType, cType: cTypes.spelling(of: child.type, scope: scope), offset: bits / 8,
                        size: max(child.type.size, 0),
                        bitOffset: child.isBitField ? bits : nil, bitWidth: child.isBitField ? child.bitWidth : nil,
                        line: line,
                        doc: child.location.flatMap { comments.doc(file: tree.relative($0.file), line: line, trailingLine: line) }
                    ))
            } else if child.kind == .structDecl || child.kind == .unionDecl, child.isAnonymousRecordDecl {
                let nestedName = "\(name).(anonymous \(anonymousCount))"
                anonymousCount += 1
                readRecord(child, name: nestedName, parent: name, member: nil)
                let offset = anonymousMemberOffset(child, in: type)
                widest = max(widest, child.type.alignment)
                fields.append(
                    RecordField(
                        name: nil, type: .record(name: nestedName), cType: cTypes.spelling(of: child.type, scope: scope), offset: offset,
                        size: max(child.type.size, 0), line: child.location?.line ?? 0
                    ))
            }
        }
        let location = cursor.location
        let file = location.map { tree.relative($0.file) } ?? ""
        let line = location?.line ?? 0
        storedAlignment[name] = widest
        records[name] = Record(
            name: name, kind: cursor.kind == .unionDecl ? .union : .struct, size: type.size, alignment: type.alignment,
            fields: fields, parent: parent, member: member, file: file, line: line,
            doc: parent == nil || member != nil ? comments.doc(file: file, line: line) : nil
        )
    }

    /// The byte offset of an anonymous member: its first named field's offset in the parent minus
    /// that field's offset inside the member (clang looks fields up through anonymous members).
    private func anonymousMemberOffset(_ cursor: Cursor, in parent: ClangType) -> Int {
        guard let first = cursor.children.first(where: { $0.kind == .fieldDecl && !$0.spelling.isEmpty }) else { return 0 }
        let inParent = parent.offsetInBits(ofField: first.spelling)
        let inMember = first.offsetOfField
        guard inParent >= 0, inMember >= 0 else { return 0 }
        return (inParent - inMember) / 8
    }

    /// Reduces a clang type to a ``TypeRef``, reading any record or enum it names.
    /// - Parameters:
    ///   - type: The type.
    ///   - nestedName: The name to give an untagged record declared in place.
    ///   - parent: The enclosing record, for untagged records.
    ///   - member: The field holding an untagged record.
    private mutating func resolve(_ type: ClangType, nestedName: String, parent: String?, member: String?) -> TypeRef {
        guard let kind = TypeKind(rawValue: type.kind) else { return integerOrOpaque(type) }
        switch kind {
        case .elaborated:
            return resolve(type.namedType, nestedName: nestedName, parent: parent, member: member)
        case .attributed:
            return resolve(type.canonical, nestedName: nestedName, parent: parent, member: member)
        case .typedef:
            return resolveTypedef(type, nestedName: nestedName, parent: parent, member: member)
        case .record:
            let declaration = type.declaration
            // An incomplete record (declared, never defined: `struct dt_device_node`, a hypervisor
            // type that domctl.h points to under __XEN__) has no layout; only pointers to it exist.
            if type.size < 0 { return .opaque(spelling: cTypes.portable(type.spelling)) }
            guard let name = declaration.declaredName else {
                readRecord(declaration, name: nestedName, parent: parent, member: member)
                return .record(name: nestedName)
            }
            readRecord(declaration, name: name, parent: nil, member: nil)
            return .record(name: name)
        case .enumeration:
            return .enumeration(name: readEnum(type.declaration, fallbackName: nestedName))
        case .constantArray, .incompleteArray:
            let element = resolve(type.arrayElementType, nestedName: nestedName, parent: parent, member: member)
            return .array(element: element, count: max(type.arraySize, 0))
        case .pointer:
            return .pointer(pointee: resolve(type.pointee, nestedName: nestedName, parent: nil, member: nil))
        case .void:
            return .void
        case .bool:
            return .bool
        default:
            return integerOrOpaque(type)
        }
    }

    /// A typedef: a guest handle, a tree typedef of an integer or enum, or its underlying type.
    private mutating func resolveTypedef(_ type: ClangType, nestedName: String, parent: String?, member: String?) -> TypeRef {
        let name = type.typedefName
        let declaration = type.declaration
        if name.hasPrefix(Self.guestHandlePrefix), let pointee = guestHandlePointee(type) {
            return .guestHandle(pointee: pointee)
        }
        // `typedef struct { … } name_t;` needs no case here: the record's declared name is the typedef's.
        let underlying = resolve(declaration.typedefUnderlyingType, nestedName: nestedName, parent: parent, member: member)
        let inTree = declaration.location.map { tree.relative($0.file) != HeaderTree.normalize($0.file) } ?? false
        switch underlying {
        case .integer, .bool, .enumeration, .typedef:
            return inTree ? .typedef(name: name, underlying: underlying) : underlying
        default:
            return underlying
        }
    }

    /// The `T` of a guest handle typedef (`typedef struct { T *p; } __guest_handle_T`).
    private mutating func guestHandlePointee(_ type: ClangType) -> TypeRef? {
        let record = type.canonical.declaration
        guard let field = record.children.first(where: { $0.kind == .fieldDecl }) else { return nil }
        var pointer = field.type
        if pointer.kind == TypeKind.elaborated.rawValue { pointer = pointer.namedType }
        guard pointer.canonical.kind == TypeKind.pointer.rawValue else { return nil }
        if pointer.kind == TypeKind.typedef.rawValue { pointer = pointer.canonical }
        return resolve(pointer.pointee, nestedName: type.typedefName, parent: nil, member: nil)
    }

    /// A builtin integer by its size and signedness, or an opaque type.
    private func integerOrOpaque(_ type: ClangType) -> TypeRef {
        let canonical = type.canonical
        guard let kind = TypeKind(rawValue: canonical.kind) else { return .opaque(spelling: cTypes.portable(type.spelling)) }
        let bits = canonical.size * 8
        switch kind {
        case .charU, .uChar, .uShort, .uInt, .uLong, .uLongLong, .uInt128: return .integer(bits: bits, signed: false)
        case .charS, .sChar, .short, .int, .long, .longLong, .int128: return .integer(bits: bits, signed: true)
        case .bool: return .bool
        case .void: return .void
        default: return .opaque(spelling: cTypes.portable(type.spelling))
        }
    }

    /// Reads an enum declaration once.
    private mutating func readEnum(_ cursor: Cursor, fallbackName: String) -> String {
        let name = cursor.declaredName ?? fallbackName
        guard enums[name] == nil else { return name }
        let location = cursor.location
        let file = location.map { tree.relative($0.file) } ?? ""
        let constants = cursor.children.filter { $0.kind == .enumConstantDecl }.map { constant in
            let line = constant.location?.line ?? 0
            return CEnum.Constant(
                name: constant.spelling, value: constant.enumConstantValue,
                doc: comments.doc(file: file, line: line, trailingLine: line))
        }
        enums[name] = CEnum(
            name: name, integerType: integerOrOpaque(cursor.enumIntegerType), constants: constants, file: file,
            line: location?.line ?? 0, doc: comments.doc(file: file, line: location?.line ?? 0)
        )
        enumOrder.append(name)
        return name
    }
}
