import Testing
@testable import XenReader

/// The marker parser on the exact comment wordings found in the Xen headers.
@Suite struct MarkerParserTests {
    @Test("a one-line tombstone keeps its name, number and marker")
    func oneLineTombstone() {
        let found = MarkerParser.tombstones(in: "/* #define XEN_DOMCTL_getmemlist                  6 Removed */")
        #expect(found.count == 1)
        #expect(found.first?.name == "XEN_DOMCTL_getmemlist")
        #expect(found.first?.number == 6)
        #expect(found.first?.marker == "Removed")
    }

    @Test(
        "leading dashes are dropped from the marker",
        arguments: [
            ("/* #define XEN_DOMCTL_set_cpuid 49 - Obsolete - use set_cpu_policy */", "Obsolete - use set_cpu_policy"),
            ("/* #define XEN_DOMCTL_set_max_evtchn 70 - Moved into XEN_DOMCTL_createdomain */", "Moved into XEN_DOMCTL_createdomain"),
            ("/* #define XEN_SCHEDULER_SEDF  4 (Removed) */", "(Removed)"),
            ("/* #define XEN_SYSCTL_tmem_op                       24 */", ""),
            ("/*#define XENMEM_translate_gpfn_list  8*/", ""),
        ])
    func markers(comment: String, marker: String) {
        #expect(MarkerParser.tombstones(in: comment).first?.marker == marker)
    }

    @Test("every #define line in a comment block is a tombstone")
    func block() {
        let comment = """
            /*
             * XENMEM_access_op_enable_emulate and XENMEM_access_op_disable_emulate are
             * currently unused, but since they have been in use please do not reuse them.
             *
             * #define XENMEM_access_op_enable_emulate     2
             * #define XENMEM_access_op_disable_emulate    3
             */
            """
        let found = MarkerParser.tombstones(in: comment)
        #expect(found.map(\.name) == ["XENMEM_access_op_enable_emulate", "XENMEM_access_op_disable_emulate"])
        #expect(found.map(\.lineIndex) == [4, 5])
        #expect(MarkerParser.prose(of: comment)?.hasSuffix("please do not reuse them.") == true)
    }

    @Test("prose that merely mentions a define is not a tombstone")
    func notTombstones() {
        #expect(MarkerParser.tombstones(in: "/* see #define X in foo.h */").isEmpty)
        #expect(MarkerParser.tombstones(in: "/* #define XEN_FOO bar */").isEmpty)
        #expect(MarkerParser.tombstones(in: "/* #define XEN_FOO 12abc */").isEmpty)
    }

    @Test(
        "replacements come from use, moved into and deprecated by",
        arguments: [
            ("Obsolete - use getpageframeinfo3", "getpageframeinfo3"),
            ("Removed - use dmop", "dmop"),
            ("Moved into XEN_DOMCTL_createdomain", "XEN_DOMCTL_createdomain"),
            ("Deprecated by XENMEM_access_op_set_access", "XENMEM_access_op_set_access"),
            ("currently unused, but since they have been in use please do not reuse them.", nil),
            ("Obsolete PPC only", nil),
        ] as [(String, String?)])
    func replacements(marker: String, replacement: String?) {
        #expect(MarkerParser.replacement(in: marker) == replacement)
    }

    @Test("obsolete wording is recognised, informational wording is not")
    func obsolete() {
        #expect(MarkerParser.saysObsolete("Obsolete PPC only"))
        #expect(MarkerParser.saysObsolete("reserved for future use"))
        #expect(!MarkerParser.saysObsolete("compat since 0x00030202"))
        #expect(!MarkerParser.saysObsolete("x86 only"))
        #expect(!MarkerParser.isKnownTombstoneWording("frobnicated"))
        #expect(MarkerParser.isKnownTombstoneWording(""))
    }

    @Test(
        "C integer literals",
        arguments: [("6", 6), ("0x15", 21), ("0x00000015", 21), ("010", 8), ("1u", 1), ("0xFFul", 255)] as [(String, UInt64)])
    func integers(spelling: String, value: UInt64) {
        #expect(MarkerParser.integer(spelling) == value)
    }

    @Test("non-literals are not integers", arguments: ["x", "", "0x", "1.5", "(1u << 8)"])
    func nonIntegers(spelling: String) {
        #expect(MarkerParser.integer(spelling) == nil)
    }
}
