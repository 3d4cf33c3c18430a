import Foundation
import Testing
import XenIR

/// The value macros of the real headers: every one in the IR with clang's value and C type, the ones
/// the constant table names grouped into typed Swift, and the macros that name no value listed by
/// `coverage` with the reason.
@Suite struct ConstantTests {
    @Test("the real headers' value macros are constants with clang's value and C type, grouped by the table")
    func realConstants() throws {
        let interface = try RealHeadersTests.realInterface()
        let byName = Dictionary(interface.constants.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        // `(1U<<_XEN_DOMINF_paused)`: an expression over another macro, evaluated by clang.
        let paused = try #require(byName["XEN_DOMINF_paused"])
        #expect(paused.value == .unsigned(8) && paused.cType == "unsigned int" && paused.group == "domain-info-flags")
        #expect(paused.file == "domctl.h" && paused.line == 114)
        // `(~0U)`, the sentinel whose `+ 1` traps.
        #expect(byName["XEN_INVALID_MAX_VCPU_ID"]?.value == .unsigned(0xFFFF_FFFF))
        #expect(byName["XEN_INVALID_MAX_VCPU_ID"]?.group == "max-vcpu-id")
        // `xen_mk_uint(0x7FF0)`: through a function-like macro of xen.h.
        #expect(byName["DOMID_SELF"]?.value == .unsigned(0x7FF0) && byName["DOMID_SELF"]?.group == "domain-id")
        // Negative values keep their sign.
        #expect(byName["GNTST_bad_domain"]?.value == .negative(-2) && byName["GNTST_bad_domain"]?.cType == "int")
        // The shift and mask of a part belong to the group that reads them.
        #expect(byName["XEN_DOMINF_shutdownshift"]?.group == "domain-info-flags")
        // A plain literal's type follows C's rules without a parse.
        #expect(byName["SHUTDOWN_crash"]?.value == .unsigned(3) && byName["SHUTDOWN_crash"]?.cType == "int")
        // Values no table row names are constants all the same, without a group.
        #expect(byName["XEN_DOMCTL_CDF_MAX"]?.value == .unsigned(0x80) && byName["XEN_DOMCTL_CDF_MAX"]?.group == nil)
        // Ops are not constants.
        #expect(byName["XEN_DOMCTL_getdomaininfo"] == nil)
        #expect(interface.constantGroups.map(\.name).contains("domain-info-flags"))
    }

    @Test("coverage lists every macro that names no value, with clang's reason or 'function-like'")
    func coverageListsNonValues() throws {
        let result = try xenSwiftGen(["coverage", "--xen-headers", Paths.realHeaders])
        try #require(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("XENMEMF_node (constants): a function-like macro") && $0.contains("memory.h:") })
        // A type alias: clang refuses it as an integer constant expression.
        #expect(lines.contains { $0.contains("note: blkif_vdev_t (constants): names no integer value (clang: ") })
        let summary = try #require(lines.first { $0.hasPrefix("coverage: constants: ") })
        #expect(summary.contains(" in typed groups), ") && summary.hasSuffix(" macros that name no value"))
    }

    @Test("a group whose value does not fit its raw type stops the run at the macro")
    func valueOutsideRawType() throws {
        let folder = try makeTemporaryFolder("constants-config")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config.json")
        try Data(
            """
            {"constantGroups": [{"name": "max-vcpu-id", "header": "domctl.h", "members": {"XEN_INVALID_MAX_VCPU_ID": "invalid"},
              "kind": "values", "swiftName": "XenMaxVCPUID", "rawType": "UInt16"}]}
            """.utf8
        ).write(to: config)
        let result = try xenSwiftGen([
            "generate", "--config", config.path, "--xen-headers", Paths.realHeaders, "--output", folder.appendingPathComponent("out").path,
        ])
        #expect(result.status != 0)
        #expect(
            result.stderr.contains("domctl.h:142:1: error: XEN_INVALID_MAX_VCPU_ID does not fit its group's raw type UInt16"),
            "\(result.stderr)")
    }
}
