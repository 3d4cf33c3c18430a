import Foundation
import LibClang

/// The C spelling of a field's type, the same whatever libclang is loaded.
///
/// Clang spells a record without a tag by where it is declared
/// (`union (unnamed union at /usr/include/xen/hvm/../event_channel.h:309:5)`), and that place
/// differs between LLVM versions: the path as included or normalised, the macro's definition or
/// its expansion. Such records are spelled here from our own facts instead (the tree-relative,
/// normalised file location, and the enclosing record's name), in clang's familiar format.
/// Every other type keeps clang's spelling without the tree's absolute path.
struct CTypeSpelling {
    private let tree: HeaderTree

    /// - Parameter tree: The header tree paths are made relative to.
    init(tree: HeaderTree) {
        self.tree = tree
    }

    /// The spelling of `type`.
    /// - Parameters:
    ///   - type: A field's type.
    ///   - scope: The named record an anonymous member belongs to (clang's `cpu_user_regs::` qualifier).
    /// - Returns: The C spelling, such as `struct (unnamed struct at sysctl.h:606:5)[64]`.
    func spelling(of type: ClangType, scope: String) -> String {
        var base = type
        var suffix = ""
        walk: while let kind = RecordReader.TypeKind(rawValue: base.kind) {
            switch kind {
            case .elaborated:
                base = base.namedType
            case .constantArray:
                suffix += "[\(max(base.arraySize, 0))]"
                base = base.arrayElementType
            case .incompleteArray:
                suffix += "[]"
                base = base.arrayElementType
            case .pointer:
                suffix = " *" + suffix
                base = base.pointee
            default:
                break walk
            }
        }
        guard base.kind == RecordReader.TypeKind.record.rawValue || base.kind == RecordReader.TypeKind.enumeration.rawValue
        else { return portable(type.spelling) }
        let declaration = base.declaration
        guard declaration.isAnonymous, let location = declaration.location else { return portable(type.spelling) }
        let tag = declaration.kind == .unionDecl ? "union" : declaration.kind == .enumDecl ? "enum" : "struct"
        let place = "\(tree.relative(location.file)):\(location.line):\(location.column)"
        let name = declaration.isAnonymousRecordDecl ? "\(scope)::(anonymous at \(place))" : "(unnamed \(tag) at \(place))"
        return "\(tag) \(name)\(suffix)"
    }

    /// A spelling without the tree's absolute path, for the types whose spelling names no place.
    /// - Parameter spelling: Clang's spelling.
    /// - Returns: The spelling with the tree's root removed.
    func portable(_ spelling: String) -> String {
        // Only a spelling that names a file has a slash; skip the Foundation search for the rest.
        guard spelling.utf8.contains(UInt8(ascii: "/")) else { return spelling }
        return spelling.replacingOccurrences(of: tree.root + "/", with: "")
    }
}
