import Foundation
import Testing

/// `audit` on the unmodified real headers.
@Suite struct AuditTests {
    @Test("audit reports DOMCTL 23: retired as arch_setup, live as soft_reset_cont under __XEN__ only")
    func domctl23() throws {
        let result = try xenSwiftGen(["audit", "--xen-headers", Paths.realHeaders, "--target", "x86_64-linux-gnu"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains {
                $0.hasPrefix("/usr/include/xen/domctl.h:")
                    && $0.hasSuffix(
                        "warning: XEN_DOMCTL_soft_reset_cont reuses 23, retired from XEN_DOMCTL_arch_setup (\"Obsolete IA64 only\") [only under __XEN__]"
                    )
            })
        #expect(lines.contains { $0.contains("note: XEN_DOMCTL_arch_setup was retired here") })
        #expect(lines.last == "audit: 1 reuse in 2 configurations (__XEN_TOOLS__, __XEN__)")
    }

    @Test("audit --strict turns the finding into a failure")
    func strict() throws {
        let result = try xenSwiftGen(["audit", "--xen-headers", Paths.realHeaders, "--target", "x86_64-linux-gnu", "--strict"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("error: XEN_DOMCTL_soft_reset_cont reuses 23"))
    }

    @Test("generate on the unmodified real headers succeeds: in the tools configuration 23 is only a tombstone")
    func generateSucceeds() throws {
        let work = try makeTemporaryFolder("gen")
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try xenSwiftGen(["generate", "--xen-headers", Paths.realHeaders, "--output", work.path])
        #expect(result.status == 0, "\(result.stderr)")
        let domctl = try String(contentsOf: work.appendingPathComponent("DomctlOp.swift"), encoding: .utf8)
        #expect(domctl.contains("    case XEN_DOMCTL_arch_setup = 23 // retired: Obsolete IA64 only\n"))
        #expect(!domctl.contains("case softResetCont"))
    }
}

/// `generate` under the hypervisor configuration, where DOMCTL 23 is a real reuse.
@Suite struct HypervisorConfigurationTests {
    @Test("generate --define __XEN__ fails on DOMCTL 23, and passes once the reuse is acknowledged")
    func acknowledgedRealReuse() throws {
        let work = try makeTemporaryFolder("xen")
        defer { try? FileManager.default.removeItem(at: work) }
        let output = work.appendingPathComponent("out")
        let refused = try xenSwiftGen(["generate", "--xen-headers", Paths.realHeaders, "--define", "__XEN__", "--output", output.path])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.hasPrefix(
                "/usr/include/xen/domctl.h:1221:9: error: XEN_DOMCTL_soft_reset_cont reuses 23, "
                    + "retired from XEN_DOMCTL_arch_setup (\"Obsolete IA64 only\")\n"))
        #expect(!FileManager.default.fileExists(atPath: output.path))

        let config = work.appendingPathComponent("config.json")
        try """
        { "acknowledgements": [ { "family": "domctl", "number": 23, "from": "XEN_DOMCTL_arch_setup",
          "to": "XEN_DOMCTL_soft_reset_cont", "reason": "IA64 support was removed; 23 was reassigned in Xen 4.6" } ] }
        """.write(to: config, atomically: true, encoding: .utf8)
        let accepted = try xenSwiftGen([
            "generate", "--xen-headers", Paths.realHeaders, "--define", "__XEN__",
            "--config", config.path, "--output", output.path,
        ])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stderr.contains("note: XEN_DOMCTL_soft_reset_cont takes 23 from retired XEN_DOMCTL_arch_setup, as acknowledged"))
        let domctl = try String(contentsOf: output.appendingPathComponent("DomctlOp.swift"), encoding: .utf8)
        #expect(domctl.contains("    case softResetCont = 23\n"))
        #expect(domctl.contains("    case XEN_DOMCTL_soft_reset_cont = 23 // live\n"))
        #expect(!domctl.contains("case XEN_DOMCTL_arch_setup = 23"))
        // The retired name's fix-it now points at its successor.
        #expect(domctl.contains("@available(*, unavailable, renamed: \"softResetCont\""))
        // The hypervisor's view (with its pointer to the incomplete `struct dt_device_node`) compiles too.
        let files = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".swift") }.sorted()
        let compile = try swiftc(["-typecheck", "-swift-version", "6"] + files, in: output)
        #expect(compile.status == 0, "\(compile.stderr)")
    }
}
