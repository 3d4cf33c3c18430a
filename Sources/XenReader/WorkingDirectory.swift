import Foundation
import XenIR

/// The process's working directory, for resolving relative paths the user gave.
public enum WorkingDirectory {
    /// `path` made absolute against the working directory.
    ///
    /// `FileManager.currentDirectoryPath` answers `/` when the working directory was deleted, so a
    /// relative `--output rel-out` became `/rel-out`; `getcwd` fails then, and so does this.
    /// - Parameters:
    ///   - path: An absolute or relative path.
    ///   - what: What the path is, for the message ("the output folder").
    /// - Returns: An absolute path (not normalised).
    /// - Throws: `GeneratorDiagnostic` when `path` is relative and the working directory is gone.
    public static func absolute(_ path: String, naming what: String) throws -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "cannot find \(what) '\(path)': it is relative and the working directory no longer exists (\(String(cString: strerror(errno))))"
            )
        }
        let directory = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return directory == "/" ? "/" + path : directory + "/" + path
    }
}
