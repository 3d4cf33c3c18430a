import Foundation
import Testing
import XenEmitter
import XenIR
import XenSwiftGen

/// The bad-input matrix: each case runs the real CLI against an output folder that already holds a
/// known earlier output, and checks the exact message, the exit status, and that the folder is untouched.
@Suite struct BadInputTests {
    /// Runs `generate` with `arguments` (plus `--output`) and checks that it fails with exactly `expected`
    /// on standard error and leaves the populated output folder byte for byte as it was.
    /// - Parameters:
    ///   - arguments: Arguments after `generate`, without `--output`.
    ///   - expected: The whole of standard error, given the output folder's path.
    ///   - environment: Extra environment variables.
    func expectRejected(
        _ arguments: [String], environment: [String: String] = [:], expected: (URL) -> String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let baseline = try OutputBaseline.files()
        let output = try OutputBaseline.populatedFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try xenSwiftGen(["generate"] + arguments + ["--output", output.path], environment: environment)
        #expect(result.status == 1, "exit status", sourceLocation: sourceLocation)
        #expect(result.stderr == expected(output) + "\n", sourceLocation: sourceLocation)
        #expect(snapshot(output) == baseline, "the output folder changed", sourceLocation: sourceLocation)
    }

    @Test("a missing header folder")
    func missingHeaderFolder() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-xen-\(UUID().uuidString)").path
        try expectRejected(["--xen-headers", missing]) { _ in
            "error: Xen header folder '\(missing)' does not exist; install libxen-dev or set --xen-headers DIR (or 'xenHeaders' in the config)"
        }
    }

    @Test("a folder without the expected headers")
    func folderWithoutHeaders() throws {
        let tree = Paths.fixture("unrelated").path
        try expectRejected(["--xen-headers", tree]) { _ in
            "error: '\(tree)' holds none of the expected Xen headers (xen.h, domctl.h, sysctl.h, memory.h, …); "
                + "set --xen-headers DIR (or 'xenHeaders' in the config) to the folder that contains domctl.h"
        }
    }

    // Tests run as root in CI, where chmod 000 stops no read. A folder and a dangling symlink at a
    // header's path fail the same open/read probe that a permission error fails, for any user.
    @Test("an unreadable header: a folder where domctl.h should be")
    func headerIsAFolder() throws {
        let tree = try makeTemporaryFolder("tree")
        defer { try? FileManager.default.removeItem(at: tree) }
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("domctl.h"), withIntermediateDirectories: false)
        try expectRejected(["--xen-headers", tree.path]) { _ in
            "error: cannot read header '\(tree.path)/domctl.h': it is a folder, not a file"
        }
    }

    @Test("an unreadable header: a symbolic link to nothing")
    func headerIsADanglingLink() throws {
        let tree = try makeTemporaryFolder("tree")
        defer { try? FileManager.default.removeItem(at: tree) }
        try FileManager.default.createSymbolicLink(
            atPath: tree.appendingPathComponent("domctl.h").path, withDestinationPath: "/nonexistent/domctl.h")
        try expectRejected(["--xen-headers", tree.path]) { _ in
            "error: cannot read header '\(tree.path)/domctl.h': it is a symbolic link to '/nonexistent/domctl.h' (No such file or directory)"
        }
    }

    @Test("a C syntax error, with clang's location forwarded")
    func syntaxError() throws {
        let tree = Paths.fixture("syntax-error").path
        try expectRejected(["--xen-headers", tree]) { _ in "\(tree)/domctl.h:8:17: error: expected ';' at end of declaration list" }
    }

    @Test("libclang missing: LIBCLANG_PATH names a file that is not libclang")
    func libclangMissing() throws {
        let folder = try makeTemporaryFolder("lib")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = folder.appendingPathComponent("libclang.so")
        try Data(String(repeating: "this is not a shared library\n", count: 100).utf8).write(to: fake)
        try expectRejected(["--xen-headers", Paths.realHeaders], environment: ["LIBCLANG_PATH": fake.path]) { _ in
            "error: cannot load libclang (tried \(fake.path) (LIBCLANG_PATH: \(fake.path): invalid ELF header)); "
                + "install it with 'apt-get install libclang-dev' or set LIBCLANG_PATH to libclang.so or its folder"
        }
    }

    // A finding with an earlier place prints a note line under the error, as compilers do.
    @Test("duplicate live numbers")
    func duplicateLiveNumbers() throws {
        let tree = Paths.fixture("duplicate-live").path
        try expectRejected(["--xen-headers", tree]) { _ in
            "\(tree)/domctl.h:12:9: error: XEN_DOMCTL_unpausedomain reuses 3, already used by XEN_DOMCTL_pausedomain\n"
                + "\(tree)/domctl.h:11:9: note: XEN_DOMCTL_pausedomain is defined here"
        }
    }

    @Test("a reused retired number")
    func reusedRetiredNumber() throws {
        let tree = Paths.fixture("reused-retired").path
        try expectRejected(["--xen-headers", tree]) { _ in
            "\(tree)/domctl.h:11:9: error: XEN_DOMCTL_getmemmap reuses 6, retired from XEN_DOMCTL_getmemlist (\"Removed\")\n"
                + "\(tree)/domctl.h:10:4: note: XEN_DOMCTL_getmemlist was retired here"
        }
    }

    @Test("an unknown marker wording: a warning, the op still retired, its text kept")
    func unknownMarkerWording() throws {
        let tree = Paths.fixture("unknown-wording").path
        let output = try makeTemporaryFolder("out")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try xenSwiftGen(["generate", "--xen-headers", tree, "--output", output.path])
        #expect(result.status == 0)
        #expect(
            result.stderr
                == "\(tree)/domctl.h:10:4: warning: unknown marker wording \"Gone fishing\" on XEN_DOMCTL_getmemlist; treated as retired\n")
        let dump = try xenSwiftGen(["dump-ir", "--xen-headers", tree])
        let interface = try JSONDecoder().decode(XenInterfaceShape.self, from: Data(dump.stdout.utf8))
        let op = try #require(interface.families.first { $0.name == "domctl" }?.ops.first { $0.name == "XEN_DOMCTL_getmemlist" })
        #expect(op.status == "retired" && op.number == 6 && op.marker == "Gone fishing")
        let swift = try String(contentsOf: output.appendingPathComponent("DomctlOp.swift"), encoding: .utf8)
        #expect(swift.contains("@available(*, unavailable, message: \"XEN_DOMCTL_getmemlist (6) was retired: Gone fishing\")"))
    }

    /// A malformed config: the file's path as given, then the key's path.
    struct ConfigCase: CustomTestStringConvertible, Sendable {
        var name: String
        var json: String
        var message: String
        var testDescription: String { name }
    }

    static let configCases = [
        ConfigCase(
            name: "unknown key", json: #"{"output": "x", "colour": 1}"#,
            message:
                "unknown key 'colour' (known: accessLevel, acknowledgements, constantGroups, defines, families, familyTable, ledger, output, releases, target, targets, templates, xenGit, xenHeaders)"
        ),
        ConfigCase(
            name: "unknown nested key",
            json: #"{"familyTable": [{"name": "a", "prefix": "A_", "header": "a.h", "swiftName": "A", "colour": 2}]}"#,
            message: "unknown key 'familyTable[0].colour'"),
        ConfigCase(
            name: "wrong type", json: #"{"families": "domctl"}"#,
            message: "'families' has the wrong type (expected an array)"),
        ConfigCase(
            name: "wrong nested type", json: #"{"familyTable": [{"name": "a", "prefix": 5, "header": "a.h", "swiftName": "A"}]}"#,
            message: "'familyTable[0].prefix' has the wrong type (expected a string)"),
        ConfigCase(
            name: "wrong element type", json: #"{"defines": ["__XEN_TOOLS__", 7]}"#,
            message: "'defines[1]' has the wrong type (expected a string)"),
        ConfigCase(
            name: "missing required key", json: #"{"familyTable": [{"name": "a", "header": "a.h", "swiftName": "A"}]}"#,
            message: "'familyTable[0].prefix' is missing"),
    ]

    @Test("a malformed config names the key's path", arguments: configCases)
    func malformedConfig(_ config: ConfigCase) throws {
        let folder = try makeTemporaryFolder("config")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("xen-swiftgen.json")
        try Data(config.json.utf8).write(to: file)
        try expectRejected(["--config", file.path, "--xen-headers", Paths.realHeaders]) { _ in "error: \(file.path): \(config.message)" }
    }

    @Test("a config that is not JSON points at the line and column")
    func configSyntaxError() throws {
        let folder = try makeTemporaryFolder("config")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("xen-swiftgen.json")
        try Data("{\n  \"output\": \"x\",\n  \"families\": [\"domctl\" \"sysctl\"]\n}\n".utf8).write(to: file)
        try expectRejected(["--config", file.path, "--xen-headers", Paths.realHeaders]) { _ in
            "\(file.path):3:25: error: invalid JSON (Invalid value)"
        }
    }

    @Test("a config with a trailing comma is no JSON: the comma's line and column")
    func configTrailingComma() throws {
        let folder = try makeTemporaryFolder("config")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("xen-swiftgen.json")
        try Data("{\n  \"families\": [\"domctl\", \"sysctl\",],\n  \"output\": \"x\"\n}\n".utf8).write(to: file)
        try expectRejected(["--config", file.path, "--xen-headers", Paths.realHeaders]) { _ in
            "\(file.path):2:34: error: invalid JSON (a comma may not end an array)"
        }
    }

    @Test("a config file that does not exist, or is a folder, says why")
    func configUnreadable() throws {
        let folder = try makeTemporaryFolder("config")
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("missing.json").path
        try expectRejected(["--config", missing]) { _ in "error: \(missing): cannot read config file: No such file or directory" }
        try expectRejected(["--config", folder.path]) { _ in "error: \(folder.path): cannot read config file: it is a folder, not a file" }
    }

    @Test("a target triple the generator does not support is named")
    func unknownTarget() throws {
        try expectRejected(["--xen-headers", Paths.realHeaders, "--target", "bogus-triple"]) { _ in
            "error: target 'bogus-triple' is not supported: xen-swiftgen generates for x86_64-linux-gnu and aarch64-linux-gnu "
                + "(64-bit little-endian targets whose layouts it can prove)"
        }
    }

    /// A valid ledger for the v1 fixture, written by the real CLI.
    func validLedger(in folder: URL) throws -> URL {
        let ledger = folder.appendingPathComponent("ledger.json")
        let result = try xenSwiftGen([
            "generate", "--xen-headers", Paths.fixture("ledger-series/v1").path,
            "--output", folder.appendingPathComponent("scratch").path, "--ledger", ledger.path, "--update-ledger",
        ])
        guard result.status == 0 else { throw TestFailure(result.stderr) }
        return ledger
    }

    @Test("a truncated ledger")
    func truncatedLedger() throws {
        let folder = try makeTemporaryFolder("ledger")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try validLedger(in: folder)
        try Data(try Data(contentsOf: ledger).prefix(300)).write(to: ledger)
        let before = try Data(contentsOf: ledger)
        try expectRejected(["--xen-headers", Paths.fixture("ledger-series/v1").path, "--ledger", ledger.path, "--update-ledger"]) { _ in
            "error: \(ledger.path): invalid JSON (Unexpected end of file during JSON parse)"
        }
        #expect(try Data(contentsOf: ledger) == before, "the ledger changed")
    }

    @Test(
        "a malformed ledger names the key's path",
        arguments: [
            ("{\"formatVersion\": 1, \"families\": 3, \"acknowledgements\": []}", "'families' has the wrong type (expected an array)"),
            (
                "{\"formatVersion\": 2, \"families\": [], \"acknowledgements\": []}",
                "unsupported ledger formatVersion 2 (this xen-swiftgen writes 1)"
            ),
            (
                "{\"formatVersion\": 1, \"families\": [{\"name\": \"domctl\", \"prefix\": \"XEN_DOMCTL_\", \"numbers\": ["
                    + "{\"number\": 6, \"name\": \"A\", \"status\": \"retired\"}, {\"number\": 6, \"name\": \"B\", \"status\": \"live\"}]}], "
                    + "\"acknowledgements\": []}", "family 'domctl' lists number 6 twice"
            ),
            (
                "{\"formatVersion\": 1, \"families\": [{\"name\": \"domctl\", \"prefix\": \"XEN_DOMCTL_\", \"numbers\": ["
                    + "{\"number\": 6, \"name\": \"A\"}]}], \"acknowledgements\": []}", "'families[0].numbers[0].status' is missing"
            ),
        ])
    func malformedLedger(json: String, message: String) throws {
        let folder = try makeTemporaryFolder("ledger")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = folder.appendingPathComponent("ledger.json")
        try Data(json.utf8).write(to: ledger)
        try expectRejected(["--xen-headers", Paths.fixture("ledger-series/v1").path, "--ledger", ledger.path, "--update-ledger"]) { _ in
            "error: \(ledger.path): \(message)"
        }
        #expect(try String(contentsOf: ledger, encoding: .utf8) == json, "the ledger changed")
    }

    // Root ignores permission bits, so an unwritable output is made from what no user can write
    // through: a regular file where the folder should be, and a folder where a generated file goes.
    @Test("an unwritable output: the output path is a regular file")
    func outputIsAFile() throws {
        let folder = try makeTemporaryFolder("out")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("Generated")
        try Data("keep me\n".utf8).write(to: file)
        let result = try xenSwiftGen(["generate", "--xen-headers", Paths.realHeaders, "--output", file.path])
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot use '\(file.path)' as the output folder: it is a file, not a folder\n")
        #expect(snapshot(folder) == ["Generated": Data("keep me\n".utf8)])
        // --check says the same instead of listing every file as missing.
        let check = try xenSwiftGen(["generate", "--xen-headers", Paths.realHeaders, "--output", file.path, "--check"])
        #expect(check.status == 1)
        #expect(check.stderr == "error: cannot use '\(file.path)' as the output folder: it is a file, not a folder\n")
    }

    @Test("an unwritable output: a folder stands where a changed file must go")
    func destinationIsAFolder() throws {
        let output = try OutputBaseline.populatedFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        // The fixture changes DomctlOp.swift and XenArchitectureGuard.swift stays; make the changed one unreplaceable.
        let blocked = output.appendingPathComponent("DomctlOp.swift")
        try FileManager.default.removeItem(at: blocked)
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: false)
        try Data("mine\n".utf8).write(to: blocked.appendingPathComponent("note.txt"))
        let before = snapshot(output)
        let result = try xenSwiftGen(["generate", "--xen-headers", Paths.fixture("unknown-wording").path, "--output", output.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("error: cannot replace '\(blocked.path)': it is a folder, not a file\n"))
        #expect(result.stderr.split(separator: "\n").count == 2, "the warning, then the error: \(result.stderr)")
        #expect(snapshot(output) == before)
    }

    @Test("an output file name escaping through '..' (from a config's swiftName)")
    func outputEscapesThroughDotDot() throws {
        let folder = try makeTemporaryFolder("config")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("xen-swiftgen.json")
        try Data(
            #"{"familyTable": [{"name": "domctl", "prefix": "XEN_DOMCTL_", "header": "domctl.h", "within": "xen_domctl", "swiftName": "../Escape"}]}"#
                .utf8
        )
        .write(to: file)
        try expectRejected(["--config", file.path, "--xen-headers", Paths.realHeaders]) { _ in
            "error: \(file.path): 'familyTable[0].swiftName' must be a Swift type name, not '../Escape'"
        }
    }

    @Test("the writer itself refuses names that leave the output folder")
    func writerRefusesEscapes() throws {
        let baseline = try OutputBaseline.files()
        let output = try OutputBaseline.populatedFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        for name in ["../Escape.swift", "/tmp/Escape.swift", "sub/../../Escape.swift", "..", ".xen-swiftgen-staging-x"] {
            let refusal = GeneratorDiagnostic(
                .error, at: nil, "refusing to write '\(name)': it is not a plain file name inside the output folder")
            #expect(throws: refusal, "\(name)") {
                try OutputWriter(folder: output.path).write([
                    GeneratedFile(path: name, banner: ["// Generated by xen-swiftgen"], imports: [], body: "")
                ])
            }
        }
        #expect(snapshot(output) == baseline)
        #expect(!FileManager.default.fileExists(atPath: output.deletingLastPathComponent().appendingPathComponent("Escape.swift").path))
    }

    @Test("an output file that is a symbolic link to a file outside the folder")
    func outputEscapesThroughSymlink() throws {
        let outside = try makeTemporaryFolder("outside")
        defer { try? FileManager.default.removeItem(at: outside) }
        let victim = outside.appendingPathComponent("victim.swift")
        try Data("do not touch\n".utf8).write(to: victim)
        let output = try OutputBaseline.populatedFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let link = output.appendingPathComponent("DomctlOp.swift")
        try FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: victim.path)
        let before = snapshot(output)
        let result = try xenSwiftGen(["generate", "--xen-headers", Paths.realHeaders, "--output", output.path])
        #expect(result.status == 1)
        #expect(result.stderr == "error: refusing to write '\(link.path)': it is a symbolic link\n")
        #expect(snapshot(output) == before)
        #expect(try Data(contentsOf: victim) == Data("do not touch\n".utf8))
    }

    @Test("a template that is a symbolic link to a file outside the template folder")
    func templateEscapesThroughSymlink() throws {
        let outside = try makeTemporaryFolder("outside")
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("{{accessLevel}} secret\n".utf8).write(to: outside.appendingPathComponent("family.mustache"))
        let templates = try makeTemporaryFolder("templates")
        defer { try? FileManager.default.removeItem(at: templates) }
        let link = templates.appendingPathComponent("family.mustache")
        try FileManager.default.createSymbolicLink(
            atPath: link.path, withDestinationPath: "../\(outside.lastPathComponent)/family.mustache")
        try expectRejected(["--xen-headers", Paths.realHeaders, "--templates", templates.path]) { _ in
            "error: refusing template '\(link.path)': it is a symbolic link to '\(outside.path)/family.mustache', outside the template folder"
        }
    }

    @Test("non-UTF-8 bytes in a header comment: a warning, and the bytes kept as Latin-1")
    func nonUTF8Comment() throws {
        let tree = Paths.fixture("non-utf8").path
        let output = try makeTemporaryFolder("out")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try xenSwiftGen(["generate", "--xen-headers", tree, "--output", output.path])
        #expect(result.status == 0)
        #expect(result.stderr == "\(tree)/domctl.h:10:1: warning: comment is not valid UTF-8; its bytes are read as Latin-1\n")
        let swift = try String(contentsOf: output.appendingPathComponent("DomctlOp.swift"), encoding: .utf8)
        #expect(swift.contains("XEN_DOMCTL_getmemlist (6) was retired: Removed by François"))
        let compile = try swiftc(["-typecheck", "-swift-version", "6", "DomctlOp.swift", "XenArchitectureGuard.swift"], in: output)
        #expect(compile.status == 0, "\(compile.stderr)")
    }

    @Test("an empty header")
    func emptyHeader() throws {
        let tree = Paths.fixture("empty-header").path
        try expectRejected(["--xen-headers", tree]) { _ in
            "error: header '\(tree)/domctl.h' is empty; it should declare the ops of domctl, domctl-vmtrace, scheduler, domctl-shadow-op"
        }
    }
}

/// The part of `dump-ir`'s JSON these tests read, decoded independently of the IR types.
struct XenInterfaceShape: Decodable {
    struct Family: Decodable {
        var name: String
        var ops: [Op]
    }
    struct Op: Decodable {
        var name: String
        var number: UInt64
        var status: String
        var marker: String?
    }
    var families: [Family]
}
