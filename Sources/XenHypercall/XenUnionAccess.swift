/// Reads the member of type `Member` that starts at offset 0 of `union`.
///
/// Generated union accessors call this; public so that code generated into another module can.
/// - Parameters:
///   - union: The union's storage.
///   - _: The member's type.
/// - Returns: The member.
@inlinable @inline(__always)
public func xenUnionLoad<Union: BitwiseCopyable, Member: BitwiseCopyable>(_ union: Union, as _: Member.Type) -> Member {
    precondition(MemoryLayout<Member>.size <= MemoryLayout<Union>.size && MemoryLayout<Member>.alignment <= MemoryLayout<Union>.alignment)
    return withUnsafeBytes(of: union) { $0.load(as: Member.self) }
}

/// Writes `member` at offset 0 of `union`, leaving the bytes after it as they were.
/// - Parameters:
///   - member: The member's value.
///   - union: The union's storage.
@inlinable @inline(__always)
public func xenUnionStore<Union: BitwiseCopyable, Member: BitwiseCopyable>(_ member: Member, into union: inout Union) {
    precondition(MemoryLayout<Member>.size <= MemoryLayout<Union>.size && MemoryLayout<Member>.alignment <= MemoryLayout<Union>.alignment)
    withUnsafeMutableBytes(of: &union) { $0.storeBytes(of: member, as: Member.self) }
}
