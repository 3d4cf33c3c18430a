import LibClang

extension Cursor {
    /// The name C code uses for this struct, union or enum: its tag (`struct tag` gives `tag`), or the
    /// typedef that names an untagged one (`typedef struct { … } name_t` gives `name_t`); `nil` for a
    /// declaration that has neither.
    ///
    /// Read from the spelling of the declared type, which every LLVM version prints alike. The
    /// cursor's own spelling of an untagged record changed: LLVM 14 gives an empty string, LLVM 21 the
    /// typedef's name or `struct (unnamed at …)`.
    var declaredName: String? {
        var name = Substring(type.spelling)
        for keyword in ["struct ", "union ", "enum "] where name.hasPrefix(keyword) {
            name = name.dropFirst(keyword.count)
        }
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
            name.utf8.allSatisfy({
                $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
            })
        else { return nil }
        return String(name)
    }
}
