import Foundation
import Testing

/// The generated Swift for small fixture trees, compared byte for byte with committed references
/// (`Fixtures/references/<case>/`), with a unified diff on mismatch.
///
/// After an intended output change, regenerate them with `Scripts/update-references.sh` (it sets
/// `XEN_SWIFTGEN_UPDATE_REFERENCES=1` for this suite), read the diff, and commit it.
@Suite struct ReferenceOutputTests {
    /// One fixture tree and how it is generated.
    struct Case: CustomTestStringConvertible, Sendable {
        /// The reference folder's name.
        var name: String
        /// The tree under `Fixtures/`.
        var tree: String
        /// Arguments after `--xen-headers` and `--output`; `{tree}` is replaced by the tree's path.
        var arguments: [String] = []
        var testDescription: String { name }
    }

    static let cases = [
        // Op families only: live, obsolete and retired ops, the guard, an interface version.
        Case(name: "ops-ledger-series-v1", tree: "ledger-series/v1"),
        // A request record, a payload union, explicit bindings, typed commands, C-exact records.
        Case(name: "payload-binding", tree: "payload-binding", arguments: ["--config", "{tree}/config.json"]),
        // A tombstone in wording the generator does not know: still retired, its text kept in the docs.
        Case(name: "unknown-wording", tree: "unknown-wording"),
    ]

    static let updating = ProcessInfo.processInfo.environment["XEN_SWIFTGEN_UPDATE_REFERENCES"] == "1"

    @Test("the output for a fixture tree matches its committed reference", arguments: cases)
    func matchesReference(_ reference: Case) throws {
        let tree = Paths.fixture(reference.tree)
        let expected = Paths.fixture("references/\(reference.name)")
        let work = try makeTemporaryFolder("reference")
        defer { try? FileManager.default.removeItem(at: work) }
        let output = work.appendingPathComponent(reference.name)
        let arguments = reference.arguments.map { $0.replacingOccurrences(of: "{tree}", with: tree.path) }
        let result = try xenSwiftGen(["generate", "--xen-headers", tree.path, "--output", output.path] + arguments)
        try #require(result.status == 0, "\(result.stderr)")
        if Self.updating {
            try? FileManager.default.removeItem(at: expected)
            try FileManager.default.createDirectory(at: expected.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: output, to: expected)
            print("updated \(expected.path)")
            return
        }
        #expect(
            FileManager.default.fileExists(atPath: expected.path),
            "no reference at \(expected.path): run Scripts/update-references.sh and commit the result")
        let diff = try run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["git", "diff", "--no-index", "--no-color", "--", expected.path, output.path])
        #expect(
            diff.status == 0,
            """
            the output for \(reference.tree) differs from \(expected.path) \
            (if intended: Scripts/update-references.sh, then commit):
            \(diff.stdout)\(diff.stderr)
            """)
    }
}
