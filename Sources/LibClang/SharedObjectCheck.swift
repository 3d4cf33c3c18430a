import Foundation

/// Checks that a file is a whole ELF shared object for this machine before it is handed to `dlopen`.
///
/// `dlopen` maps a library's segments straight from the file: a truncated library maps pages past
/// the end of the file, and the first touch of one kills the process with SIGBUS. Reading the ELF
/// header, the program headers and the section header table first turns that into one line.
enum SharedObjectCheck {
    /// The ELF machine number of the running program.
    static var hostMachine: (number: UInt16, name: String) {
        #if arch(x86_64)
        return (62, "x86_64")
        #elseif arch(arm64)
        return (183, "aarch64")
        #else
        return (0, "unknown")
        #endif
    }

    /// Names of the machines a library is likely built for, for messages.
    static let machineNames: [UInt16: String] = [3: "i386", 40: "arm", 62: "x86_64", 183: "aarch64", 243: "riscv", 8: "mips", 21: "ppc64"]

    /// Why `path` cannot be loaded, or `nil` when it looks whole (or cannot be opened: `dlopen` says why then).
    /// - Parameter path: A library file.
    /// - Returns: One short clause.
    static func problem(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return String(cString: strerror(errno)) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return nil // dlopen's own message is clear
        default: return "not a regular file"
        }
        let size = UInt64(status.st_size)
        func bytes(at offset: UInt64, count: Int) -> [UInt8]? {
            guard offset + UInt64(count) <= size else { return nil }
            var buffer = [UInt8](repeating: 0, count: count)
            return pread(descriptor, &buffer, count, off_t(offset)) == count ? buffer : nil
        }
        guard let header = bytes(at: 0, count: 64), header.starts(with: [0x7F, 0x45, 0x4C, 0x46]) else {
            return size < 64 && size >= 4 && (bytes(at: 0, count: 4) ?? []) == [0x7F, 0x45, 0x4C, 0x46]
                ? "truncated: \(size) bytes, shorter than an ELF header" : "invalid ELF header"
        }
        func integer(_ data: [UInt8], _ offset: Int, _ width: Int) -> UInt64 {
            (0..<width).reduce(UInt64(0)) { $0 | UInt64(data[offset + $1]) << (8 * UInt64($1)) }
        }
        guard header[4] == 2 else { return "a 32-bit ELF file, not a library for this 64-bit machine" }
        guard header[5] == 1 else { return "a big-endian ELF file, not a library for this machine" }
        let type = integer(header, 16, 2)
        guard type == 3 else { return "an ELF file of type \(type), not a shared object" }
        let machine = UInt16(integer(header, 18, 2))
        guard machine == hostMachine.number else {
            return "built for \(machineNames[machine] ?? "ELF machine \(machine)"), not for this \(hostMachine.name) machine"
        }
        let (programOffset, programSize, programCount) = (integer(header, 32, 8), integer(header, 54, 2), integer(header, 56, 2))
        let (sectionOffset, sectionSize, sectionCount) = (integer(header, 40, 8), integer(header, 58, 2), integer(header, 60, 2))
        let (sectionsEnd, sectionsOverflow) = sectionOffset.addingReportingOverflow(sectionSize * sectionCount)
        guard !sectionsOverflow, sectionsEnd <= size else {
            return "truncated: its section headers end at byte \(sectionsEnd), but the file has \(size) bytes"
        }
        let (programsEnd, programsOverflow) = programOffset.addingReportingOverflow(programSize * programCount)
        guard programSize >= 56, !programsOverflow, programsEnd <= size else {
            return "truncated: its program headers end at byte \(programsEnd), but the file has \(size) bytes"
        }
        for index in 0..<programCount {
            guard let entry = bytes(at: programOffset + index * programSize, count: 56) else { return "truncated program headers" }
            // PT_LOAD: the segment is mapped from the file, so all of it must be there.
            guard integer(entry, 0, 4) == 1 else { continue }
            let (end, overflow) = integer(entry, 8, 8).addingReportingOverflow(integer(entry, 32, 8))
            if overflow || end > size { return "truncated: a loaded segment ends at byte \(end), but the file has \(size) bytes" }
        }
        return nil
    }
}
