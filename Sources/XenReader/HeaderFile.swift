import Foundation

/// Whether a header can be handed to clang, found by opening and reading it the way clang will.
///
/// Permission bits alone say nothing when running as root, and a folder or a dangling symlink at a
/// header's path would otherwise surface as a confusing clang error in the generated main file.
/// Only regular files of at most ``sizeLimit`` bytes are headers: a FIFO would block clang forever,
/// and `/dev/zero` (or a huge file) would grow its memory until LLVM aborts.
enum HeaderFile {
    /// The largest header read, in bytes. Xen's largest public header is under 100 KiB.
    static let sizeLimit = 16 << 20

    /// The outcome of a probe.
    enum Probe: Equatable {
        /// The file has content clang can read.
        case readable
        /// The file holds nothing but white space.
        case empty
        /// The file cannot be read; the reason is one short clause.
        case unreadable(String)
    }

    /// Opens and reads `path`.
    /// - Parameter path: An absolute path.
    /// - Returns: What was found.
    static func probe(_ path: String) -> Probe {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            // A socket cannot be opened at all (ENXIO): say what it is.
            var status = stat()
            if stat(path, &status) == 0, let problem = problem(with: status) { return .unreadable(problem) }
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                return .unreadable("it is a symbolic link to '\(target)' (\(reason))")
            }
            return .unreadable(reason)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .unreadable(String(cString: strerror(errno))) }
        if let problem = problem(with: status) { return .unreadable(problem) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 {
                let code = errno
                return .unreadable(code == EISDIR ? "it is a folder, not a file" : String(cString: strerror(code)))
            }
            if count == 0 { return .empty }
            if buffer.prefix(count).contains(where: { !" \t\r\n\u{0B}\u{0C}".utf8.contains($0) }) { return .readable }
        }
    }

    /// Why a file with `status` is no header clang may read, or `nil` when it is one.
    /// - Parameter status: The file's `stat`, symlinks followed.
    /// - Returns: One short clause, or `nil`.
    static func problem(with status: stat) -> String? {
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            guard status.st_size <= sizeLimit else {
                return "it is \(status.st_size) bytes, over the limit of \(sizeLimit >> 20) MiB for one header"
            }
            return nil
        case S_IFDIR: return "it is a folder, not a file"
        case S_IFIFO: return "it is a FIFO, not a regular file"
        case S_IFCHR: return "it is a character device, not a regular file"
        case S_IFBLK: return "it is a block device, not a regular file"
        case S_IFSOCK: return "it is a socket, not a regular file"
        default: return "it is not a regular file"
        }
    }
}
