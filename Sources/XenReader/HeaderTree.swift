import Foundation
import XenIR

/// A folder laid out like Xen's `include/public` (`/usr/include/xen`): `xen.h`, `domctl.h`, `hvm/…`.
public struct HeaderTree: Sendable {
    /// The folder as the user named it (used to print diagnostics).
    public let displayPath: String
    /// The folder as an absolute, lexically normalised path.
    public let root: String
    /// How the user names the folder (a flag or a config key), for hints.
    public let setting: String

    /// Validates `path` as a header tree.
    /// - Parameters:
    ///   - path: The folder, absolute or relative to the current directory.
    ///   - setting: How the user names the folder, for hints (`--xen-headers DIR`).
    ///   - displayPath: How messages name the folder, when not by `path` (a revision written out to a temporary folder).
    /// - Throws: ``GeneratorDiagnostic`` when the folder is missing or is not a folder.
    public init(path: String, setting: String = "--xen-headers DIR", displayPath: String? = nil) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GeneratorDiagnostic(.error, at: nil, "Xen header folder '\(path)' does not exist; install libxen-dev or set \(setting)")
        }
        guard isDirectory.boolValue else {
            throw GeneratorDiagnostic(.error, at: nil, "Xen header folder '\(path)' is not a folder")
        }
        self.displayPath = displayPath ?? path
        self.setting = setting
        let absolute = try WorkingDirectory.absolute(path, naming: "the Xen header folder")
        root = Self.normalize(absolute)
    }

    /// The headers of `specs` (each row's `includes`, then its `header`) that exist in the tree, in table
    /// order, without duplicates.
    /// - Parameter specs: The family table.
    /// - Returns: Relative header paths.
    /// - Throws: ``GeneratorDiagnostic`` when none of them exists, or one exists but cannot be read or is empty.
    public func headers(for specs: [FamilySpec]) throws -> [String] {
        var seen = Set<String>()
        let wanted = specs.flatMap { ($0.includes ?? []) + [$0.header] }.filter { seen.insert($0).inserted }
        // lstat, not stat: a dangling symlink is a header that cannot be read, not a missing one.
        let present = wanted.filter { (try? FileManager.default.attributesOfItem(atPath: root + "/" + $0)) != nil }
        guard !present.isEmpty else {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "'\(displayPath)' holds none of the expected Xen headers (\(wanted.prefix(4).joined(separator: ", ")), …); set \(setting) to the folder that contains domctl.h"
            )
        }
        for header in present {
            let families = specs.filter { $0.header == header }.map(\.name).joined(separator: ", ")
            switch HeaderFile.probe(root + "/" + header) {
            case .readable: break
            case .empty:
                throw GeneratorDiagnostic(.error, at: nil, "header '\(display(header))' is empty; it should declare the ops of \(families)")
            case .unreadable(let reason):
                throw GeneratorDiagnostic(.error, at: nil, "cannot read header '\(display(header))': \(reason)")
            }
        }
        try checkIncludes(from: present)
        return present
    }

    /// Follows the `#include "…"` directives of `headers` through the tree before clang does, and
    /// refuses one that reaches a file clang must not read (a FIFO, a device, a socket, a file over
    /// the size limit), at the directive's place. Clang would block on a FIFO forever, and read
    /// `/dev/zero` until LLVM aborts with `LLVM ERROR: out of memory` and no place.
    ///
    /// A quoted name is looked up as clang does first: beside the including file, then in the tree's
    /// root (where the main file is); an absolute name as it is. Files in the tree are followed in
    /// turn. `<…>` names are clang's search (its own freestanding headers, then the system's).
    /// - Parameter headers: Tree-relative headers, already probed.
    /// - Throws: ``GeneratorDiagnostic`` at the `#include` line.
    func checkIncludes(from headers: [String]) throws {
        var queue = headers
        var seen = Set(headers)
        while let header = queue.popLast() {
            guard let data = FileManager.default.contents(atPath: root + "/" + header) else { continue }
            let folder = (header as NSString).deletingLastPathComponent
            // One copy of the bytes, then a scan by index: splitting `Data` into line slices cost more
            // than clang's own parse of the headers.
            let bytes = [UInt8](data)
            var lineStart = 0
            var index = -1
            while lineStart <= bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                let line = bytes[lineStart..<lineEnd]
                index += 1
                lineStart = lineEnd + 1
                // Only a line whose first non-blank byte is '#' can be a directive: no copy for the others.
                guard line.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) == UInt8(ascii: "#"),
                    let (name, column) = Self.quotedInclude(Array(line))
                else { continue }
                let candidates =
                    name.hasPrefix("/")
                    ? [name]
                    : [Self.normalize(root + "/" + (folder.isEmpty ? "" : folder + "/") + name), Self.normalize(root + "/" + name)]
                for candidate in candidates {
                    var status = stat()
                    guard stat(candidate, &status) == 0 else { continue }
                    if let problem = HeaderFile.problem(with: status) {
                        throw GeneratorDiagnostic(
                            .error, at: SourcePosition(file: header, line: index + 1, column: column),
                            "'#include \"\(name)\"' reaches '\(candidate)': \(problem)")
                    }
                    let relative = relative(candidate)
                    if !relative.hasPrefix("/"), seen.insert(relative).inserted { queue.append(relative) }
                    break
                }
            }
        }
    }

    /// The name and 1-based column of `# include "name"` (or `include_next`) on one line, if it is one.
    static func quotedInclude(_ line: [UInt8]) -> (name: String, column: Int)? {
        var index = 0
        func skipBlanks() { while index < line.count, line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t") { index += 1 } }
        skipBlanks()
        guard index < line.count, line[index] == UInt8(ascii: "#") else { return nil }
        let column = index + 1
        index += 1
        skipBlanks()
        for keyword in ["include_next", "include"] where line[index...].starts(with: keyword.utf8) {
            index += keyword.utf8.count
            skipBlanks()
            guard index < line.count, line[index] == UInt8(ascii: "\"") else { return nil }
            guard let end = line[(index + 1)...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            return (String(decoding: line[(index + 1)..<end], as: UTF8.self), column)
        }
        return nil
    }

    /// A tree-relative path as the user would write it: the folder as given, then the path.
    /// - Parameter relative: A path relative to the tree.
    /// - Returns: The path for messages.
    public func display(_ relative: String) -> String {
        (displayPath.hasSuffix("/") ? displayPath : displayPath + "/") + relative
    }

    /// A clang file path made relative to the tree (absolute when it lies outside it).
    /// - Parameter path: A path as clang reports it.
    /// - Returns: The relative path.
    public func relative(_ path: String) -> String {
        let normal = Self.normalize(path)
        return normal.hasPrefix(root + "/") ? String(normal.dropFirst(root.count + 1)) : normal
    }

    /// Removes `.` and `..` components and duplicate slashes without touching the file system.
    static func normalize(_ path: String) -> String {
        // Clang reports nearly every path already normal, for every cursor the reader resolves:
        // checking is a byte scan, rebuilding allocates a string per component.
        if isNormal(path) { return path }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Whether `normalize` would return `path` unchanged: absolute, no empty, `.` or `..` component,
    /// no trailing slash.
    private static func isNormal(_ path: String) -> Bool {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var bytes = path.utf8.makeIterator()
        guard bytes.next() == slash else { return false }
        // The current component: its length, and whether it is all dots so far.
        var length = 0
        var onlyDots = true
        while let byte = bytes.next() {
            if byte == slash {
                if length == 0 || (onlyDots && length <= 2) { return false }
                length = 0
                onlyDots = true
            } else {
                length += 1
                onlyDots = onlyDots && byte == dot
            }
        }
        return length > 0 && !(onlyDots && length <= 2)
    }
}
