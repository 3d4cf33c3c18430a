import Foundation
import Testing

/// The libclang search order (`LIBCLANG_PATH`, `llvm-config --libdir`, system folders, Swift toolchain),
/// through the real CLI with a stand-in `llvm-config` first on `PATH`. The loader runs `llvm-config`
/// itself (posix_spawn) and scans the system folders only when `llvm-config`'s libclang fails.
@Suite struct LibraryOrderTests {
    /// The libclang a plain run loads, from `--verbose`.
    static func defaultLibrary() throws -> String {
        let result = try xenSwiftGen(["dump-ir", "--verbose"])
        guard result.status == 0 else { throw TestFailure("dump-ir failed: \(result.stderr)") }
        return try loadedLibrary(result)
    }

    /// The path in the `libclang: PATH (version)` line of `--verbose` output.
    static func loadedLibrary(_ result: RunResult) throws -> String {
        guard let line = result.stderr.split(separator: "\n").first(where: { $0.hasPrefix("libclang: ") }),
            let path = line.dropFirst("libclang: ".count).split(separator: " ").first
        else { throw TestFailure("no libclang line in: \(result.stderr)") }
        return String(path)
    }

    /// A folder holding an executable `llvm-config` with `script` as its body, and the `PATH` that puts it first.
    static func fakeLLVMConfig(_ script: String, in folder: URL) throws -> String {
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let tool = bin.appendingPathComponent("llvm-config")
        try ("#!/bin/sh\n" + script + "\n").write(to: tool, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        return bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    /// A folder with one `libclang.so` symlink to `target`.
    static func libraryFolder(_ name: String, linkingTo target: String, in folder: URL) throws -> URL {
        let lib = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: lib, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: lib.appendingPathComponent("libclang.so").path, withDestinationPath: target)
        return lib
    }

    @Test("llvm-config's libdir comes before the system folders")
    func llvmConfigFirst() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lib = try Self.libraryFolder("lib", linkingTo: try Self.defaultLibrary(), in: folder)
        let path = try Self.fakeLLVMConfig("echo '\(lib.path)'", in: folder)
        let result = try xenSwiftGen(["dump-ir", "--verbose"], environment: ["PATH": path, "LIBCLANG_PATH": ""])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.loadedLibrary(result) == lib.appendingPathComponent("libclang.so").path)
    }

    @Test("a failing llvm-config falls through to the system folders")
    func failingLLVMConfig() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.fakeLLVMConfig("echo 'not a folder'; echo 'llvm-config: broken' >&2; exit 3", in: folder)
        let result = try xenSwiftGen(["dump-ir", "--verbose"], environment: ["PATH": path, "LIBCLANG_PATH": ""])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("llvm-config: broken"), "the tool's standard error is discarded")
        #expect(try !Self.loadedLibrary(result).hasPrefix(folder.path))
    }

    @Test("LIBCLANG_PATH wins over llvm-config")
    func explicitPathFirst() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try Self.defaultLibrary()
        let chosen = try Self.libraryFolder("chosen", linkingTo: library, in: folder)
        let other = try Self.libraryFolder("other", linkingTo: library, in: folder)
        let path = try Self.fakeLLVMConfig("echo '\(other.path)'", in: folder)
        let result = try xenSwiftGen(["dump-ir", "--verbose"], environment: ["PATH": path, "LIBCLANG_PATH": chosen.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.loadedLibrary(result) == chosen.appendingPathComponent("libclang.so").path)
    }
}
