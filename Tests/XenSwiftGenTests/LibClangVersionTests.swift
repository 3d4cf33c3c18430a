import Foundation
import LibClang
import Testing

/// Every libclang this machine can load gives byte-identical output: files, `dump-ir`, messages and
/// exit status, for the installed headers and every fixture tree. So `generate --check` does not
/// report `Generated/` stale on a machine with another LLVM.
@Suite struct LibClangVersionTests {
    /// One libclang that loaded, as the CLI reported it under `--verbose`.
    struct Loaded {
        /// The file loaded (symlinks resolved).
        var path: String
        /// Where the locator found it (`system`, `llvm-config`, `Swift toolchain`).
        var origin: String
        /// The library's version string.
        var version: String
    }

    /// Every distinct libclang the locator lists that the CLI can load, and why the others could not.
    static func loadableLibraries() throws -> (loaded: [Loaded], failures: [String]) {
        var seen = Set<String>()
        var loaded: [Loaded] = []
        var failures: [String] = []
        let probeTree = Paths.fixture("ledger-series/v1").path
        for candidate in LibraryLocator(environment: ProcessInfo.processInfo.environment).candidates() {
            let path = URL(fileURLWithPath: candidate.path).resolvingSymlinksInPath().path
            guard seen.insert(path).inserted else { continue }
            let result = try xenSwiftGen(["dump-ir", "--verbose", "--xen-headers", probeTree], environment: ["LIBCLANG_PATH": path])
            let line = result.stderr.split(separator: "\n").first { $0.hasPrefix("libclang: ") }
            guard result.status == 0, let line, let open = line.firstIndex(of: "("), line.hasSuffix(")") else {
                failures.append("\(path) (\(candidate.origin)): \(result.stderr.split(separator: "\n").last ?? "exit \(result.status)")")
                continue
            }
            loaded.append(
                Loaded(
                    path: path, origin: candidate.origin, version: String(line[line.index(after: open)..<line.index(before: line.endIndex)])
                ))
        }
        return (loaded, failures)
    }

    /// One run of the CLI with one libclang: what it wrote, printed and returned, by a readable key.
    static func outputs(_ arguments: [String], label: String, library: String) throws -> [String: Data] {
        let folder = try makeTemporaryFolder("llvm-out")
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["LIBCLANG_PATH": library, "LANG": "C", "LC_ALL": "C"]
        var result: [String: Data] = [:]
        let generate = try xenSwiftGen(["generate"] + arguments + ["--output", folder.path], environment: environment)
        result["\(label) generate: exit status"] = Data("\(generate.status)".utf8)
        // The summary line names the (temporary) output folder; the rest must match byte for byte.
        result["\(label) generate: standard output"] = Data(generate.stdout.replacingOccurrences(of: folder.path, with: "OUTPUT").utf8)
        result["\(label) generate: standard error"] = Data(generate.stderr.utf8)
        for (name, data) in snapshot(folder) { result["\(label) generate: \(name)"] = data }
        let dump = try xenSwiftGen(["dump-ir"] + arguments, environment: environment)
        result["\(label) dump-ir: exit status"] = Data("\(dump.status)".utf8)
        result["\(label) dump-ir: standard output"] = Data(dump.stdout.utf8)
        result["\(label) dump-ir: standard error"] = Data(dump.stderr.utf8)
        return result
    }

    /// The inputs: the installed headers under the configurations the CLI offers, and every fixture
    /// tree (a folder holding a header) with its own config when it has one.
    static func inputs() throws -> [(label: String, arguments: [String])] {
        var inputs: [(String, [String])] = [
            ("installed headers", ["--xen-headers", Paths.realHeaders]),
            ("installed headers, __XEN__", ["--xen-headers", Paths.realHeaders, "--define", "__XEN__"]),
            ("installed headers, aarch64", ["--xen-headers", Paths.realHeaders, "--target", "aarch64-linux-gnu"]),
            ("installed headers, i386", ["--xen-headers", Paths.realHeaders, "--target", "i386-linux-gnu"]),
        ]
        let fixtures = Paths.fixture("")
        let manager = FileManager.default
        let paths = (manager.enumerator(atPath: fixtures.path)?.allObjects as? [String] ?? []).sorted()
        let trees = Set(paths.filter { $0.hasSuffix(".h") }.map { ($0 as NSString).deletingLastPathComponent })
        for tree in trees.sorted() {
            let folder = fixtures.appendingPathComponent(tree).path
            let config = folder + "/config.json"
            inputs.append(
                ("fixture \(tree)", ["--xen-headers", folder] + (manager.fileExists(atPath: config) ? ["--config", config] : [])))
        }
        return inputs
    }

    @Test("Debian's libclang and the Swift toolchain's give byte-identical output on the installed headers and every fixture")
    func identicalOutput() throws {
        let (loaded, failures) = try Self.loadableLibraries()
        let tried = failures.isEmpty ? "" : "; could not load: " + failures.joined(separator: "; ")
        // Both must be here, in CI as anywhere: a missing one fails and says which.
        try #require(
            loaded.contains { $0.origin == "system" || $0.origin == "llvm-config" },
            "Debian's libclang (libclang-dev) did not load\(tried); Scripts/setup.sh installs it")
        try #require(
            loaded.contains { $0.origin == "Swift toolchain" },
            "the Swift toolchain's libclang (beside swiftc on PATH, <toolchain>/usr/lib/libclang.so) did not load\(tried)")
        try #require(
            Set(loaded.map(\.version)).count >= 2,
            "only one libclang version loads (\(loaded.map { "\($0.path): \($0.version)" }.joined(separator: ", "))); nothing to compare")

        let inputs = try Self.inputs()
        #expect(inputs.count >= 15, "fixture trees: \(inputs.map(\.label))")
        var reference: [String: Data] = [:]
        for input in inputs {
            reference.merge(try Self.outputs(input.arguments, label: input.label, library: loaded[0].path)) { $1 }
        }
        // A run that generated nothing proves little: most inputs must produce Swift files.
        #expect(reference.keys.filter { $0.hasSuffix(".swift") }.count > 60)
        for other in loaded.dropFirst() {
            var outputs: [String: Data] = [:]
            for input in inputs {
                outputs.merge(try Self.outputs(input.arguments, label: input.label, library: other.path)) { $1 }
            }
            let differing = Set(reference.keys).union(outputs.keys).filter { reference[$0] != outputs[$0] }.sorted()
            for key in differing.prefix(10) {
                Issue.record(
                    """
                    \(key) differs between \(loaded[0].version) (\(loaded[0].path)) and \(other.version) (\(other.path)):
                    \(Self.firstDifference(reference[key], outputs[key]))
                    """)
            }
            #expect(differing.isEmpty, "\(differing.count) outputs differ with \(other.version)")
        }
    }

    /// The first line where two outputs differ, for the failure message.
    static func firstDifference(_ first: Data?, _ second: Data?) -> String {
        guard let first, let second else { return first == nil ? "missing with the first libclang" : "missing with the second libclang" }
        let lines = (
            String(decoding: first, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false),
            String(decoding: second, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        )
        for (number, pair) in zip(lines.0, lines.1).enumerated() where pair.0 != pair.1 {
            return "line \(number + 1):\n- \(pair.0)\n+ \(pair.1)"
        }
        return "line \(min(lines.0.count, lines.1.count) + 1): one output is longer"
    }
}
