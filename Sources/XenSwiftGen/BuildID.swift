import Foundation

/// The GNU build ID the linker stores in a program's `PT_NOTE` segment: a hash of the linked
/// program, so relinking the same code keeps it.
enum BuildID {
    /// The build ID of the running executable as lowercase hex, or `nil` when it has none or is no
    /// 64-bit little-endian ELF file.
    static func ofMainProgram() -> String? {
        guard let file = FileHandle(forReadingAtPath: "/proc/self/exe") else { return nil }
        defer { try? file.close() }
        func read(_ count: Int, at offset: UInt64) -> Data? {
            guard (try? file.seek(toOffset: offset)) != nil, let data = try? file.read(upToCount: count), data.count == count else {
                return nil
            }
            return data
        }
        // ELF64: e_ident[EI_CLASS] == 2, e_ident[EI_DATA] == 1 (little-endian); e_phoff at 32,
        // e_phentsize at 54, e_phnum at 56; program headers hold p_type at 0, p_offset at 8, p_filesz at 32.
        guard let header = read(64, at: 0), header.starts(with: [0x7F, 0x45, 0x4C, 0x46, 2, 1]) else { return nil }
        let table = header.withUnsafeBytes { bytes in
            (
                offset: bytes.loadUnaligned(fromByteOffset: 32, as: UInt64.self),
                entrySize: Int(bytes.loadUnaligned(fromByteOffset: 54, as: UInt16.self)),
                count: Int(bytes.loadUnaligned(fromByteOffset: 56, as: UInt16.self))
            )
        }
        guard table.entrySize >= 40, let entries = read(table.entrySize * table.count, at: table.offset) else { return nil }
        for index in 0..<table.count {
            let segment = entries.withUnsafeBytes { bytes in
                let base = index * table.entrySize
                return (
                    type: bytes.loadUnaligned(fromByteOffset: base, as: UInt32.self),
                    offset: bytes.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self),
                    size: bytes.loadUnaligned(fromByteOffset: base + 32, as: UInt64.self)
                )
            }
            guard segment.type == 4, segment.size < 1 << 16, let notes = read(Int(segment.size), at: segment.offset),
                let id = notes.withUnsafeBytes({ gnuBuildID(in: $0) })
            else { continue } // PT_NOTE
            return id.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
        return nil
    }

    /// The descriptor of the first `NT_GNU_BUILD_ID` note in a note segment.
    /// - Parameter notes: The segment's bytes: notes of `namesz`, `descsz`, `type`, then name and
    ///   descriptor, each padded to 4 bytes.
    /// - Returns: The build ID bytes, or `nil`.
    static func gnuBuildID(in notes: UnsafeRawBufferPointer) -> [UInt8]? {
        var offset = 0
        func padded(_ size: Int) -> Int { (size + 3) & ~3 }
        while offset + 12 <= notes.count {
            let nameSize = Int(notes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let descriptorSize = Int(notes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
            let type = notes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let name = offset + 12
            let descriptor = name + padded(nameSize)
            guard descriptor + descriptorSize <= notes.count else { return nil }
            if type == 3, nameSize == 4, Array(notes[name..<name + 4]) == Array("GNU\0".utf8) { // NT_GNU_BUILD_ID
                return Array(notes[descriptor..<descriptor + descriptorSize])
            }
            offset = descriptor + padded(descriptorSize)
        }
        return nil
    }
}
