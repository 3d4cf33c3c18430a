import Foundation
import Subprocesses

/// Finds libclang shared libraries, in the order clang-sys (rust-bindgen's loader) uses:
/// `LIBCLANG_PATH`, `llvm-config --libdir`, the highest version in the system library folders,
/// and finally the Swift toolchain's own `libclang.so`.
public struct LibraryLocator: Sendable {
    /// One library path to try, and why it is on the list.
    public struct Candidate: Sendable, Equatable {
        /// The file to `dlopen`.
        public var path: String
        /// Where the candidate came from, for error messages.
        public var origin: String
    }

    private let environment: [String: String]
    private let fileManager = FileManager.default

    /// - Parameter environment: The process environment (`LIBCLANG_PATH`, `PATH`).
    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// Candidates for an explicit `LIBCLANG_PATH`: the file itself, or the libclang files in that folder.
    /// - Parameter value: The variable's value.
    /// - Returns: The candidates, never empty.
    public func explicitCandidates(_ value: String) -> [Candidate] {
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: value, isDirectory: &isDirectory), isDirectory.boolValue {
            let found = libraries(in: value).map { Candidate(path: $0, origin: "LIBCLANG_PATH") }
            return found.isEmpty ? [Candidate(path: value + "/libclang.so", origin: "LIBCLANG_PATH")] : found
        }
        return [Candidate(path: value, origin: "LIBCLANG_PATH")]
    }

    /// Every candidate outside `LIBCLANG_PATH`, best first, without duplicates.
    /// - Returns: The ordered candidates.
    public func candidates() -> [Candidate] {
        var seen = Set<String>()
        return stages.flatMap { $0() }.filter { seen.insert($0.path).inserted }
    }

    /// The search order as separate stages, best first. Each stage is computed only when asked for,
    /// so a run that loads `llvm-config`'s libclang never scans the system library folders.
    public var stages: [() -> [Candidate]] {
        let locator = self
        return [
            {
                guard let libdir = locator.llvmConfigLibDir() else { return [] }
                return locator.libraries(in: libdir).map { Candidate(path: $0, origin: "llvm-config") }
            },
            { locator.systemLibraries().map { Candidate(path: $0, origin: "system") } },
            { locator.toolchainLibraries().map { Candidate(path: $0, origin: "Swift toolchain") } },
        ]
    }

    /// libclang files in `folder`, highest version first.
    private func libraries(in folder: String) -> [String] {
        guard let names = try? fileManager.contentsOfDirectory(atPath: folder) else { return [] }
        let matches = names.filter { name in
            name.hasPrefix("libclang") && !name.hasPrefix("libclang-cpp") && !name.hasPrefix("libclang_rt")
                && (name.hasSuffix(".so") || name.contains(".so."))
        }
        return matches.sorted { lhs, rhs in
            let (left, right) = (Self.versionKey(lhs), Self.versionKey(rhs))
            return left == right ? lhs < rhs : right.lexicographicallyPrecedes(left)
        }.map { folder + "/" + $0 }
    }

    /// `/usr/lib/llvm-N/lib` and `/usr/lib/<triple>/libclang-N.so.1`, highest N first.
    private func systemLibraries() -> [String] {
        var found: [(version: [Int], path: String)] = []
        if let entries = try? fileManager.contentsOfDirectory(atPath: "/usr/lib") {
            for entry in entries where entry.hasPrefix("llvm-") {
                let path = "/usr/lib/\(entry)/lib/libclang.so"
                if fileManager.fileExists(atPath: path) { found.append((Self.versionKey(entry), path)) }
            }
            for entry in entries where entry.hasSuffix("-linux-gnu") || entry.hasSuffix("-linux-gnueabihf") {
                for library in libraries(in: "/usr/lib/\(entry)") {
                    let name = (library as NSString).lastPathComponent
                    found.append((Self.versionKey(name), library))
                }
            }
        }
        for folder in ["/usr/lib64", "/usr/local/lib"] {
            for library in libraries(in: folder) {
                found.append((Self.versionKey((library as NSString).lastPathComponent), library))
            }
        }
        return found.sorted { lhs, rhs in
            lhs.version == rhs.version ? lhs.path < rhs.path : rhs.version.lexicographicallyPrecedes(lhs.version)
        }.map(\.path)
    }

    /// The Swift toolchain's libclang, found beside `swift` or `swiftc` on `PATH`.
    private func toolchainLibraries() -> [String] {
        let path = environment["PATH"] ?? ""
        var result: [String] = []
        for folder in path.split(separator: ":") {
            let swift = "\(folder)/swiftc"
            guard fileManager.isExecutableFile(atPath: swift) else { continue }
            let resolved =
                (try? fileManager.destinationOfSymbolicLink(atPath: swift)).map {
                    $0.hasPrefix("/") ? $0 : "\(folder)/\($0)"
                } ?? swift
            let lib =
                ((resolved as NSString).deletingLastPathComponent as NSString)
                .deletingLastPathComponent + "/lib/libclang.so"
            if fileManager.fileExists(atPath: lib) { result.append(lib) }
        }
        return result
    }

    /// Runs `llvm-config --libdir` when it is on `PATH`.
    private func llvmConfigLibDir() -> String? {
        let path = environment["PATH"] ?? ""
        guard
            let tool = path.split(separator: ":").map({ "\($0)/llvm-config" })
                .first(where: { fileManager.isExecutableFile(atPath: $0) }),
            let output = ToolRunner.standardOutput(of: tool, arguments: ["--libdir"])
        else { return nil }
        let text = output.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// The numbers in a name, for version ordering (`libclang-14.so.1` → [14, 1]).
    static func versionKey(_ name: String) -> [Int] {
        name.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }
}
