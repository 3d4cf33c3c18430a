import Foundation
import Testing
import XenIR
import XenMerge

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
        // A string literal is a string constant, also past clang's default limit of 20 errors (under
        // which the evaluator read later strings as 0 and type aliases such as int64_aligned_t as values).
        #expect(byName["XS_WRITE_NONE"]?.value == .string("NONE"))
        #expect(byName["XENCAMERA_FIELD_MAX_BUFFERS"]?.value == .string("max-buffers"))
        #expect(byName["int64_aligned_t"] == nil && byName["xen_vga_console_info_t"] == nil)
        #expect(!interface.constants.contains { $0.value == .unsigned(0) && ($0.cType ?? "").hasPrefix("char[") })
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
        #expect(summary.contains(" in typed groups, ") && summary.hasSuffix(" macros that name no value"))
        // Every value macro of the real headers is emitted: in a group or in its header's container.
        #expect(summary.contains(" in per-header containers, 0 not emitted; "), "\(summary)")
        #expect(!lines.contains { $0.contains("(constants): not emitted: ") })
    }

    @Test("the release fold keeps every macro of any release, with the releases that define it and differing values")
    func releaseFold() {
        let r16 = ReleaseVersion(major: 4, minor: 16), r17 = ReleaseVersion(major: 4, minor: 17), r18 = ReleaseVersion(major: 4, minor: 18)
        func constant(_ name: String, _ value: UInt64, line: Int) -> XenConstant {
            XenConstant(name: name, value: .unsigned(value), cType: "int", file: "xen.h", line: line)
        }
        let folded = ConstantFold.fold([
            (r16, [constant("A", 1, line: 1), constant("V", 2, line: 2), constant("OLD", 9, line: 3)], []),
            (r17, [constant("A", 1, line: 1), constant("V", 2, line: 2)], []),
            (r18, [constant("V", 3, line: 5), constant("A", 1, line: 6), constant("NEW", 4, line: 7)], []),
        ]).constants
        let byName = Dictionary(uniqueKeysWithValues: folded.map { ($0.name, $0) })
        // A macro that moved is still one constant, as the newest release writes it.
        #expect(folded.map(\.name).sorted() == ["A", "NEW", "OLD", "V"])
        #expect(byName["A"]?.releases == nil && byName["A"]?.releaseValues == nil && byName["A"]?.line == 6)
        #expect(byName["V"]?.value == .unsigned(3))
        #expect(byName["V"]?.releaseValues?.map(\.value) == [.unsigned(2), .unsigned(2), .unsigned(3)])
        #expect(byName["OLD"]?.releases == [r16] && byName["NEW"]?.releases == [r18])
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
