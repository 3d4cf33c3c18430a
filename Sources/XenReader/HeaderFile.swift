import Foundation

/// Whether a header can be handed to clang, found by opening and reading it the way clang will.
///
/// Permission bits alone say nothing when running as root, and a folder or a dangling symlink at a
/// header's path would otherwise surface as a confusing clang error in the generated main file.
enum HeaderFile {
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
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                return .unreadable("it is a symbolic link to '\(target)' (\(reason))")
            }
            return .unreadable(reason)
        }
        defer { close(descriptor) }
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
}
