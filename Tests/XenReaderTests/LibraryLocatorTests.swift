import Foundation
import Testing
@testable import LibClang

/// The libclang search order, on this machine's real files.
@Suite struct LibraryLocatorTests {
    @Test("versions order numerically, not as text")
    func versionOrder() {
        #expect(LibraryLocator.versionKey("libclang-14.so.1") == [14, 1])
        #expect(LibraryLocator.versionKey("llvm-9").lexicographicallyPrecedes(LibraryLocator.versionKey("llvm-14")))
    }

    @Test("LIBCLANG_PATH naming a folder lists the libclang files in it, and never libclang-cpp")
    func explicitFolder() {
        let candidates = LibraryLocator(environment: [:]).explicitCandidates("/usr/lib/llvm-14/lib")
        #expect(!candidates.isEmpty)
        #expect(candidates.allSatisfy { $0.origin == "LIBCLANG_PATH" })
        #expect(!candidates.contains { $0.path.contains("libclang-cpp") })
    }

    @Test("llvm-config comes before the system folders, and the Swift toolchain comes last")
    func order() throws {
        let environment = ProcessInfo.processInfo.environment
        let candidates = LibraryLocator(environment: environment).candidates()
        let origins = candidates.map(\.origin)
        #expect(origins.first == "llvm-config", "\(candidates)")
        if let toolchain = origins.firstIndex(of: "Swift toolchain") {
            #expect(origins[toolchain...].allSatisfy { $0 == "Swift toolchain" })
        }
        // The Debian library loads, and it is the one used by default.
        let clang = try LibClang.load(environment: environment)
        #expect(clang.path.hasPrefix("/usr/lib/"))
        #expect(clang.version.contains("clang version"))
    }

    @Test("a LIBCLANG_PATH that is not libclang fails with advice, and no other library is tried")
    func notLibclang() {
        #expect(throws: LibClangError.self) {
            _ = try LibClang.load(environment: ["LIBCLANG_PATH": "/etc/hostname", "PATH": "/usr/bin"])
        }
        do {
            _ = try LibClang.load(environment: ["LIBCLANG_PATH": "/etc/hostname"])
        } catch {
            let text = "\(error)"
            #expect(text.hasPrefix("cannot load libclang (tried /etc/hostname (LIBCLANG_PATH: "))
            #expect(text.hasSuffix("install it with 'apt-get install libclang-dev' or set LIBCLANG_PATH to libclang.so or its folder"))
        }
    }

    @Test("the Swift toolchain's libclang (LLVM 21) also works through the same declarations")
    func toolchainLibrary() throws {
        let toolchain = LibraryLocator(environment: ProcessInfo.processInfo.environment).candidates()
            .first { $0.origin == "Swift toolchain" }
        let candidate = try #require(toolchain, "no Swift toolchain libclang found beside swiftc")
        let clang = try LibClang.load(candidates: [candidate])
        let unit = try TranslationUnit(
            clang: clang, path: "/tmp/probe.c", contents: "#define X 5 /* note */\nint y;\n", arguments: ["-x", "c"])
        let tokens = try #require(unit.tokens(inFile: "/tmp/probe.c"))
        #expect(tokens.map(\.spelling) == ["#", "define", "X", "5", "/* note */", "int", "y", ";"])
        #expect(tokens[4].kind == .comment)
    }
}
