import Foundation
import Testing
import XenSwiftGen

/// The command line as a user meets it: version, exit statuses, what a run reports, the family list,
/// and `--skip-unchanged`.
@Suite struct CommandLineTests {
    @Test("--version prints the version; a usage error exits 64 as the help says")
    func versionAndUsage() throws {
        let version = try xenSwiftGen(["--version"])
        #expect(version.status == 0 && version.stdout == "0.3.0\n")
        let help = try xenSwiftGen(["help"])
        let helpText = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(helpText.contains("64 when the command line itself is wrong"), "\(help.stdout)")
        let usage = try xenSwiftGen(["generate", "--no-such-flag"])
        #expect(usage.status == 64)
        #expect(usage.stderr.hasPrefix("error: Unknown option '--no-such-flag'"), "\(usage.stderr)")
    }

    @Test("generate says what it wrote and where; --check says what it checked")
    func summaries() throws {
        let folder = try makeTemporaryFolder("cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out")
        let first = try xenSwiftGen(["generate", "--xen-headers", Paths.fixture("ledger-series/v1").path, "--output", output.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("xen-swiftgen: 1 op families and "), "\(first.stdout)")
        #expect(first.stdout.contains(" -> \(output.path): "), "\(first.stdout)")
        let count = try FileManager.default.contentsOfDirectory(atPath: output.path).count
        #expect(first.stdout.hasSuffix(": \(count) added, 0 changed, 0 unchanged, 0 removed\n"), "\(first.stdout)")
        let check = try xenSwiftGen([
            "generate", "--xen-headers", Paths.fixture("ledger-series/v1").path, "--output", output.path, "--check",
        ])
        #expect(check.status == 0)
        #expect(
            check.stdout
                == "xen-swiftgen: \(output.path) is current with \(Paths.fixture("ledger-series/v1").path) (\(count) files checked)\n")
    }

    @Test("families lists every family of the table, and marks a config's selection")
    func families() throws {
        let all = try xenSwiftGen(["families"])
        #expect(all.status == 0)
        let names = all.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(
            names.count == (try BuiltinFamilies.table()).count && names.first == "hypercall" && names.contains("memory-access")
                && names.last == "features", "\(all.stdout)")
        let folder = try makeTemporaryFolder("cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("c.json")
        try Data(#"{"families": ["memory"]}"#.utf8).write(to: config)
        let selected = try xenSwiftGen(["families", "--config", config.path])
        #expect(selected.stdout.split(separator: "\n").filter { $0.hasPrefix("* ") }.map { $0.split(separator: " ")[1] } == ["memory"])
    }

    @Test("--skip-unchanged: a second run returns at once; an edited header, a new header and an edited output run again")
    func skipUnchanged() throws {
        let folder = try makeTemporaryFolder("cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let headers = folder.appendingPathComponent("headers")
        try FileManager.default.copyItem(at: Paths.fixture("ledger-series/v1"), to: headers)
        let output = folder.appendingPathComponent("out")
        let arguments = ["generate", "--xen-headers", headers.path, "--output", output.path, "--skip-unchanged"]
        let upToDate = "xen-swiftgen: \(output.path) is up to date (no input changed since the last run)\n"
        let first = try xenSwiftGen(arguments)
        #expect(first.status == 0 && first.stdout.contains(" op families and "), "\(first.stdout)\(first.stderr)")
        let fingerprint = output.appendingPathComponent(".xen-swiftgen-inputs")
        let stamp = try FileManager.default.attributesOfItem(atPath: fingerprint.path)[.modificationDate] as? Date
        #expect(try xenSwiftGen(arguments).stdout == upToDate)
        // The fingerprint's time moves on every run (build systems track it); its bytes do not.
        let later = try FileManager.default.attributesOfItem(atPath: fingerprint.path)[.modificationDate] as? Date
        #expect(stamp != nil && later != nil && later! > stamp!)

        let domctl = headers.appendingPathComponent("domctl.h")
        try (try String(contentsOf: domctl, encoding: .utf8)).replacingOccurrences(
            of: "getdomaininfo                5", with: "getdomaininfo                9"
        )
        .write(to: domctl, atomically: false, encoding: .utf8)
        let edited = try xenSwiftGen(arguments)
        #expect(edited.stdout.contains("1 changed"), "\(edited.stdout)")
        #expect(try String(contentsOf: output.appendingPathComponent("DomctlOp.swift"), encoding: .utf8).contains("case getdomaininfo = 9"))
        #expect(try xenSwiftGen(arguments).stdout == upToDate)

        try Data("/* new */\n".utf8).write(to: headers.appendingPathComponent("extra.h"))
        #expect(try xenSwiftGen(arguments).stdout.contains(" op families and "))
        let generated = output.appendingPathComponent("DomctlOp.swift")
        try (try String(contentsOf: generated, encoding: .utf8) + "// a hand edit\n").write(
            to: generated, atomically: true, encoding: .utf8)
        let repaired = try xenSwiftGen(arguments)
        #expect(repaired.stdout.contains("1 changed"), "\(repaired.stdout)")
        #expect(try !String(contentsOf: generated, encoding: .utf8).contains("a hand edit"))

        let both = try xenSwiftGen(arguments + ["--check"])
        #expect(both.status == 64)
    }

    @Test("a family added in the config without a summary gets a doc comment without an empty first line")
    func addedFamilyDoc() throws {
        let folder = try makeTemporaryFolder("cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("c.json")
        try Data(
            #"{"families": ["argo"], "familyTable": [{"name": "argo", "prefix": "XEN_ARGO_OP_", "header": "argo.h", "swiftName": "ArgoOp"}]}"#
                .utf8
        )
        .write(to: config)
        let output = folder.appendingPathComponent("out")
        let result = try xenSwiftGen(["generate", "--xen-headers", Paths.realHeaders, "--config", config.path, "--output", output.path])
        try #require(result.status == 0, "\(result.stderr)")
        let argo = try String(contentsOf: output.appendingPathComponent("ArgoOp.swift"), encoding: .utf8)
        #expect(argo.contains("\nimport XenHypercall\n\n/// The `XEN_ARGO_OP_*` ops of `argo.h`"), "\(argo.prefix(400))")
    }
}
