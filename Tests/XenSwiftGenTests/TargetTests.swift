import Foundation
import Testing
import XenIR
import XenSwiftGen

/// Which targets a run reads: the `targets` key, the older `target` key, `--target`, the defaults,
/// and the refusal of what cannot be proven.
@Suite struct TargetTests {
    @Test("no key: the default targets; 'targets' in order; the older 'target' as a one-element list")
    func configKeys() throws {
        #expect(try Generator.Request(config: Config()).targets.map(\.triple) == TargetArchitecture.defaultTriples)
        #expect(TargetArchitecture.defaultTriples.map { try? TargetArchitecture(triple: $0).swiftArchitecture } == ["x86_64", "arm64"])
        let list = try ConfigLoader.decode(data: Data(#"{"targets": ["aarch64-linux-gnu", "x86_64-linux-gnu"]}"#.utf8), path: "c.json")
        #expect(try Generator.Request(config: list).targets.map(\.swiftArchitecture) == ["arm64", "x86_64"])
        let legacy = try ConfigLoader.decode(data: Data(#"{"target": "aarch64-linux-gnu"}"#.utf8), path: "c.json")
        #expect(try Generator.Request(config: legacy).targets.map(\.triple) == ["aarch64-linux-gnu"])
    }

    @Test(
        "both keys, an unsupported architecture, two triples of one architecture: one-line errors",
        arguments: [
            (
                #"{"target": "x86_64-linux-gnu", "targets": ["aarch64-linux-gnu"]}"#,
                "error: config: set 'targets' or the older 'target', not both"
            ),
            (
                #"{"targets": ["riscv64-linux-gnu"]}"#,
                "error: target 'riscv64-linux-gnu' is not supported: xen-swiftgen generates for "
                    + "x86_64-linux-gnu and aarch64-linux-gnu (64-bit little-endian targets whose layouts it can prove)"
            ),
            (
                #"{"targets": ["aarch64-linux-gnu", "arm64-linux-gnu"]}"#,
                "error: targets 'aarch64-linux-gnu' and 'arm64-linux-gnu' are "
                    + "both arm64; name one triple per architecture"
            ),
            (#"{"targets": []}"#, "error: no target: name at least one target triple"),
            // Supported CPUs under ABIs whose layouts differ (32-bit pointers, LLP64) or are unproven.
            (
                #"{"targets": ["x86_64-linux-gnux32"]}"#,
                "error: target 'x86_64-linux-gnux32' is not supported: xen-swiftgen generates for "
                    + "x86_64-linux-gnu and aarch64-linux-gnu (64-bit little-endian targets whose layouts it can prove)"
            ),
            (
                #"{"targets": ["x86_64-windows-gnu"]}"#,
                "error: target 'x86_64-windows-gnu' is not supported: xen-swiftgen generates for "
                    + "x86_64-linux-gnu and aarch64-linux-gnu (64-bit little-endian targets whose layouts it can prove)"
            ),
            (
                #"{"targets": ["aarch64-linux-gnu_ilp32"]}"#,
                "error: target 'aarch64-linux-gnu_ilp32' is not supported: xen-swiftgen generates for "
                    + "x86_64-linux-gnu and aarch64-linux-gnu (64-bit little-endian targets whose layouts it can prove)"
            ),
            (
                #"{"targets": ["arm64-apple-macos"]}"#,
                "error: target 'arm64-apple-macos' is not supported: xen-swiftgen generates for "
                    + "x86_64-linux-gnu and aarch64-linux-gnu (64-bit little-endian targets whose layouts it can prove)"
            ),
        ])
    func refused(json: String, message: String) throws {
        let config = try ConfigLoader.decode(data: Data(json.utf8), path: "c.json")
        let error = try #require(throws: GeneratorDiagnostic.self) { try Generator.Request(config: config) }
        #expect(error.rendered(root: "") == message)
    }

    @Test("--target is repeatable and replaces the config's targets; one --target still guards other architectures")
    func commandLine() throws {
        let folder = try makeTemporaryFolder("xsg-targets")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config.json")
        try #"{"target": "riscv64-linux-gnu"}"#.write(to: config, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out")
        let result = try xenSwiftGen([
            "generate", "--xen-headers", Paths.realHeaders, "--config", config.path, "--output", output.path,
            "--target", "aarch64-linux-gnu", "--target", "x86_64-linux-gnu",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let guardText = try String(contentsOf: output.appendingPathComponent("XenArchitectureGuard.swift"), encoding: .utf8)
        #expect(
            guardText.hasSuffix(
                "#if !(arch(arm64) || arch(x86_64))\n#error(\"xen-swiftgen generated these declarations "
                    + "for arm64 and x86_64 only; generate for this architecture with --target\")\n#endif\n"))
    }

    @Test("a double or a 128-bit integer stored in a record is refused at its line, once for all targets; nothing is written")
    func nonPortableFields() throws {
        let tree = Paths.fixture("non-portable").path
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out")
        let result = try xenSwiftGen(["generate", "--xen-headers", tree, "--config", tree + "/config.json", "--output", output.path])
        #expect(result.status == 1)
        let tail = ", whose layout is not the same on every 64-bit little-endian Swift target; xen-swiftgen refuses to mirror it\n"
        #expect(
            result.stderr == tree + "/domctl.h:8:1: error: field 'load' of 'xen_domctl_sample' (double) has type 'double' "
                + "(floating point or another type without a fixed-width Swift mirror)" + tail
                + tree + "/domctl.h:9:1: error: field 'big' of 'xen_domctl_sample' (unsigned __int128) is a 128-bit integer" + tail)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("audit reads the targets generate reads by default")
    func auditDefault() throws {
        let result = try xenSwiftGen(["audit", "--xen-headers", Paths.realHeaders])
        #expect(result.status == 0, "\(result.stderr)")
        let labels = TargetArchitecture.defaultTriples.flatMap { ["__XEN_TOOLS__ (\($0))", "__XEN__ (\($0))"] }
        #expect(
            result.stdout.split(separator: "\n").last.map(String.init)
                == "audit: 1 reuse in \(labels.count) configurations (\(labels.joined(separator: ", ")))")
    }
}
