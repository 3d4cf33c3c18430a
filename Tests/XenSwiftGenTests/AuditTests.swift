import Foundation
import Testing

/// `audit` on the unmodified real headers.
@Suite struct AuditTests {
    @Test("audit reports DOMCTL 23: retired as arch_setup, live as soft_reset_cont under __XEN__ only")
    func domctl23() throws {
        let result = try xenSwiftGen(["audit", "--xen-headers", Paths.realHeaders])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("/usr/include/xen/domctl.h:")
            && $0.hasSuffix("warning: XEN_DOMCTL_soft_reset_cont reuses 23, retired from XEN_DOMCTL_arch_setup (\"Obsolete IA64 only\") [only under __XEN__]") })
        #expect(lines.contains { $0.contains("note: XEN_DOMCTL_arch_setup was retired here") })
        #expect(lines.last == "audit: 1 reuse in 2 configurations (__XEN_TOOLS__, __XEN__)")
    }

    @Test("audit --strict turns the finding into a failure")
    func strict() throws {
        let result = try xenSwiftGen(["audit", "--xen-headers", Paths.realHeaders, "--strict"])
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
