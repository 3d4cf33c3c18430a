import Foundation
import XenIR

#if canImport(Glibc)
import Glibc
#endif

/// Everything a run depends on, reduced to lines of text that change whenever an input does: the
/// generator's own build, its arguments, `LIBCLANG_PATH`, and the size, modification time and inode
/// of the config, of every file under the header folder and the template folder, of the ledger, and
/// of the output files the run wrote.
///
/// `generate --skip-unchanged` compares it with the one the last complete run kept in the output
/// folder and stops at once when they are equal. The build tool plugin relies on it: SwiftPM plans a
/// build command's inputs once, so a header added, deleted or edited after that plan, or a config
/// pointing at another folder, would otherwise go unnoticed.
public struct InputFingerprint: Equatable, Sendable {
    /// The file, inside the output folder, that holds the fingerprint of the last complete run.
    public static let fileName = ".xen-swiftgen-inputs"

    /// The fingerprint's text, one fact per line.
    public var lines: [String]

    /// The fingerprint of the inputs as they are now.
    /// - Parameters:
    ///   - request: The run's settings (header folder, templates, ledger).
    ///   - config: The config file, if any.
    ///   - arguments: The command line, which decides everything the files do not.
    ///   - environment: The process environment.
    /// - Returns: The inputs' lines; ``addingOutputs(in:)`` completes them after a write.
    public static func inputs(of request: Generator.Request, config: String?, arguments: [String], environment: [String: String]) -> Self {
        var lines = [
            "tool \(toolIdentity())", "arguments \(arguments.joined(separator: " "))",
            "LIBCLANG_PATH \(environment["LIBCLANG_PATH"] ?? "")",
        ]
        lines += config.map { ["config " + state(of: $0)] } ?? []
        lines += tree(request.xenHeaders, label: "header")
        lines += request.templates.map { tree($0, label: "template") } ?? []
        lines += request.ledger.map { ["ledger " + state(of: $0)] } ?? []
        return Self(lines: lines)
    }

    /// These lines plus the state of every Swift file in the output folder.
    /// - Parameter folder: The output folder.
    /// - Returns: The complete fingerprint.
    public func addingOutputs(in folder: URL) -> Self {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".swift") }
        return Self(lines: lines + names.sorted().map { "output \($0) " + Self.state(of: folder.appendingPathComponent($0).path) })
    }

    /// The fingerprint a complete run kept in `folder`, if any.
    /// - Parameter folder: The output folder.
    /// - Returns: The stored fingerprint, or `nil` when there is none.
    public static func stored(in folder: URL) -> Self? {
        // A symlink is never our file: it is not read (and ``store(in:)`` refuses it).
        guard !isSymbolicLink(folder.appendingPathComponent(fileName)) else { return nil }
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path), !data.isEmpty else {
            return nil
        }
        return Self(lines: String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    /// Keeps this fingerprint in `folder`: written (atomically) when its bytes differ, and in any case
    /// given a fresh modification time, so a build system that tracks the file runs the command again.
    /// - Parameter folder: The output folder.
    /// - Throws: `GeneratorDiagnostic` when the file cannot be written.
    public func store(in folder: URL) throws {
        let url = folder.appendingPathComponent(Self.fileName)
        let data = Data((lines.joined(separator: "\n") + "\n").utf8)
        // Writing or touching through a symlink would change a file outside the output folder.
        guard !Self.isSymbolicLink(url) else {
            throw GeneratorDiagnostic(.error, at: nil, "refusing to write '\(url.path)': it is a symbolic link")
        }
        do {
            if FileManager.default.contents(atPath: url.path) != data {
                try data.write(to: url, options: .atomic)
            } else if utimensat(AT_FDCWD, url.path, nil, AT_SYMLINK_NOFOLLOW) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(errno))])
            }
        } catch {
            throw GeneratorDiagnostic(.error, at: nil, "cannot write '\(url.path)': \(SystemErrorText.reason(error))")
        }
    }

    /// Whether `url` itself is a symbolic link.
    static func isSymbolicLink(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    /// The lines of every regular file under `root`, by path relative to it.
    private static func tree(_ root: String, label: String) -> [String] {
        guard let walk = FileManager.default.enumerator(atPath: root) else { return ["\(label)s \(root) missing"] }
        var lines = ["\(label)s \(root)"]
        for case let path as String in walk {
            let full = root + "/" + path
            var status = stat()
            guard stat(full, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            lines.append("\(label) \(path) " + describe(status))
        }
        return lines.sorted()
    }

    /// Size, modification time (ns) and inode of `path`, or `missing`.
    private static func state(of path: String) -> String {
        var status = stat()
        return stat(path, &status) == 0 ? "\(path) " + describe(status) : "\(path) missing"
    }

    private static func describe(_ status: stat) -> String {
        "\(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec) \(status.st_ino)"
    }

    /// The running executable's GNU build ID (a hash of the linked program, so a relink of the same
    /// code keeps it), or else its path, size and modification time.
    static func toolIdentity() -> String {
        if let id = BuildID.ofMainProgram() { return "build-id " + id }
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return state(of: path)
    }
}
