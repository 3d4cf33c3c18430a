import Testing
@testable import XenEmitter

/// The documented naming rule, case by case.
@Suite struct SwiftNamingTests {
    @Test(
        "C op names become lowerCamelCase Swift names",
        arguments: [
            ("XEN_DOMCTL_max_mem", "XEN_DOMCTL_", "maxMem"),
            ("XEN_DOMCTL_getdomaininfo", "XEN_DOMCTL_", "getdomaininfo"),
            ("XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN", "XEN_SYSCTL_CPUPOOL_OP_", "movedomain"),
            ("__HYPERVISOR_arch_0", "__HYPERVISOR_", "arch0"),
            ("PHYSDEVOP_pirq_eoi_gmfn_v2", "PHYSDEVOP_", "pirqEoiGmfnV2"),
            ("XEN_FOO_3d", "XEN_FOO_", "_3d"),
            ("XEN_FOO_default", "XEN_FOO_", "`default`"),
            ("XEN_FOO_init", "XEN_FOO_", "`init`"),
        ])
    func caseNames(cName: String, prefix: String, expected: String) {
        #expect(SwiftNaming.caseName(cName, prefix: prefix) == expected)
    }

    @Test("string literals escape quotes and backslashes and stay on one line")
    func literals() {
        #expect(SwiftText.stringLiteral("a \"b\" \\ c\nd") == "\"a \\\"b\\\" \\\\ c d\"")
    }
}
