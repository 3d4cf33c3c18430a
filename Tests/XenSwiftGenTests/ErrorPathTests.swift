import Foundation
import Testing

/// One error path: every kind of error the CLI can print leaves through `GeneratorDiagnostic.rendered`,
/// so each starts with `[path:line:col: ]error: ` and the run exits non-zero. One case per error type.
@Suite struct ErrorPathTests {
    /// One way to make the CLI fail, and the error type behind it.
    struct Case: CustomTestStringConvertible, Sendable {
        /// The error type in the generator that produces it.
        var type: String
        var arguments: [String]
        var environment: [String: String] = [:]
        var status: Int32 = 1
        /// The first line of standard error, exactly.
        var firstLine: String
        var testDescription: String { type }
    }

    static func fixture(_ name: String) -> String { Paths.fixture(name).path }
    static let cases: [Case] = [
        Case(
            type: "GeneratorDiagnostic (no place)", arguments: ["generate", "--xen-headers", "/nonexistent-xen"],
            firstLine:
                "error: Xen header folder '/nonexistent-xen' does not exist; install libxen-dev or set --xen-headers DIR (or 'xenHeaders' in the config)"
        ),
        Case(
            type: "GenerationFailure (reuse, with a place)", arguments: ["generate", "--xen-headers", fixture("reused-retired")],
            firstLine: fixture("reused-retired")
                + "/domctl.h:11:9: error: XEN_DOMCTL_getmemmap reuses 6, retired from XEN_DOMCTL_getmemlist (\"Removed\")"),
        Case(
            type: "ReaderError (clang's own error)", arguments: ["generate", "--xen-headers", fixture("syntax-error")],
            firstLine: fixture("syntax-error") + "/domctl.h:8:17: error: expected ';' at end of declaration list"),
        Case(
            type: "LibClangError", arguments: ["generate", "--xen-headers", Paths.realHeaders],
            environment: ["LIBCLANG_PATH": "/nonexistent/libclang.so"],
            firstLine: "error: cannot load libclang (tried /nonexistent/libclang.so (LIBCLANG_PATH: /nonexistent/libclang.so: "
                + "cannot open shared object file: No such file or directory)); install it with 'apt-get install libclang-dev' "
                + "or set LIBCLANG_PATH to libclang.so or its folder"),
        // A triple is checked before libclang sees it, so clang's own failure for it cannot happen from the CLI.
        Case(
            type: "unsupported target (generate)", arguments: ["generate", "--xen-headers", Paths.realHeaders, "--target", "bogus"],
            firstLine: "error: target 'bogus' is not supported: xen-swiftgen generates for x86_64-linux-gnu and aarch64-linux-gnu "
                + "(64-bit little-endian targets whose layouts it can prove)"),
        // A triple is checked before libclang sees it, so clang's own failure for it cannot happen from the CLI.
        Case(
            type: "unsupported target (audit)", arguments: ["audit", "--xen-headers", Paths.realHeaders, "--target", "bogus"],
            firstLine: "error: target 'bogus' is not supported: xen-swiftgen generates for x86_64-linux-gnu and aarch64-linux-gnu "
                + "(64-bit little-endian targets whose layouts it can prove)"),
        Case(
            type: "ArgumentParser parse error", arguments: ["generate", "--no-such-option"], status: 64,
            firstLine: "error: Unknown option '--no-such-option'"),
        Case(
            type: "ArgumentParser ValidationError", arguments: ["generate", "--check", "--update-ledger"], status: 64,
            firstLine: "error: --update-ledger and --check cannot be combined: --check writes nothing."),
    ]

    @Test("each error type prints in compiler format and exits non-zero", arguments: cases)
    func compilerFormat(_ error: Case) throws {
        let output = try makeTemporaryFolder("errors")
        defer { try? FileManager.default.removeItem(at: output) }
        let target = output.appendingPathComponent("out")
        let result = try xenSwiftGen(
            error.arguments + (error.arguments[0] == "generate" ? ["--output", target.path] : []),
            environment: error.environment)
        #expect(result.status == error.status)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == error.firstLine, "\(result.stderr)")
        #expect(!result.stderr.contains("Error: "), "ArgumentParser's own error format leaked: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target.path), "a failed run wrote output")
    }

    @Test("a usage error keeps ArgumentParser's usage lines after the rendered error")
    func usageFollows() throws {
        let result = try xenSwiftGen(["generate", "--no-such-option"])
        #expect(
            result.stderr == """
                error: Unknown option '--no-such-option'
                Usage: xen-swiftgen generate <options>
                  See 'xen-swiftgen generate --help' for more information.

                """)
    }

    @Test("--help still prints help and exits 0")
    func help() throws {
        let result = try xenSwiftGen(["generate", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("OVERVIEW: Generate Swift bindings into an output folder."))
    }
}
