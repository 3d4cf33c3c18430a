import Foundation
import Testing
import XenIR

/// Every retired number of the real domctl.h and sysctl.h, handed to a new op one at a time, is caught.
@Suite struct ReuseDetectionTests {
    /// Every tombstone of libxen-dev 4.17's domctl.h and sysctl.h, written out by hand from the headers:
    /// family, header, C name, number, and the marker as the error quotes it (nil: the tombstone has none).
    static let tombstones: [(family: String, header: String, name: String, number: UInt64, marker: String?)] = [
        ("domctl", "domctl.h", "XEN_DOMCTL_getmemlist", 6, "Removed"),
        ("domctl", "domctl.h", "XEN_DOMCTL_getpageframeinfo", 7, "Obsolete - use getpageframeinfo3"),
        ("domctl", "domctl.h", "XEN_DOMCTL_getpageframeinfo2", 8, "Obsolete - use getpageframeinfo3"),
        ("domctl", "domctl.h", "XEN_DOMCTL_arch_setup", 23, "Obsolete IA64 only"),
        ("domctl", "domctl.h", "XEN_DOMCTL_pin_mem_cacheattr", 41, "Removed - use dmop"),
        ("domctl", "domctl.h", "XEN_DOMCTL_set_cpuid", 49, "Obsolete - use set_cpu_policy"),
        ("domctl", "domctl.h", "XEN_DOMCTL_set_machine_address_size", 51, "Obsolete"),
        ("domctl", "domctl.h", "XEN_DOMCTL_get_machine_address_size", 52, "Obsolete"),
        ("domctl", "domctl.h", "XEN_DOMCTL_suppress_spurious_page_faults", 53, "Obsolete"),
        ("domctl", "domctl.h", "XEN_DOMCTL_disable_migrate", 58, "Obsolete"),
        ("domctl", "domctl.h", "XEN_DOMCTL_set_max_evtchn", 70, "Moved into XEN_DOMCTL_createdomain"),
        ("domctl", "domctl.h", "XEN_DOMCTL_set_gnttab_limits", 80, "Moved into XEN_DOMCTL_createdomain"),
        ("sysctl", "sysctl.h", "XEN_SYSCTL_tmem_op", 24, nil),
        ("sysctl", "sysctl.h", "XEN_SYSCTL_set_parameter", 28, nil),
    ]

    @Test("each retired number in the real domctl.h and sysctl.h, reused, fails with the right line and both names")
    func everyRetiredNumberIsGuarded() throws {
        let work = try makeTemporaryFolder("reuse")
        defer { try? FileManager.default.removeItem(at: work) }
        let tree = work.appendingPathComponent("xen")
        try FileManager.default.copyItem(atPath: Paths.realHeaders, toPath: tree.path)
        let anchors = [
            "domctl.h": "    uint32_t interface_version; /* XEN_DOMCTL_INTERFACE_VERSION */",
            "sysctl.h": "    uint32_t interface_version; /* XEN_SYSCTL_INTERFACE_VERSION */",
        ]
        let prefixes = ["domctl": "XEN_DOMCTL_", "sysctl": "XEN_SYSCTL_"]
        var caught: [String] = []
        for tombstone in Self.tombstones {
            let path = tree.appendingPathComponent(tombstone.header)
            let original = try String(contentsOf: path, encoding: .utf8)
            var lines = original.components(separatedBy: "\n")
            let anchor = try #require(anchors[tombstone.header])
            let anchorIndex = try #require(lines.firstIndex(of: anchor), "anchor not found in \(tombstone.header)")
            // The tombstone's place, found in the header text (1-based line; the name starts after "/* #define ").
            let tombstoneIndex = try #require(
                lines.firstIndex { $0.hasPrefix("/* #define \(tombstone.name) ") }, "\(tombstone.name) not in the header")
            let prefix = try #require(prefixes[tombstone.family])
            let newName = "\(prefix)reuse_of_\(tombstone.number)"
            lines.insert("#define \(newName) \(tombstone.number)", at: anchorIndex)
            try lines.joined(separator: "\n").write(to: path, atomically: true, encoding: .utf8)
            defer { try? original.write(to: path, atomically: true, encoding: .utf8) }
            let result = try xenSwiftGen([
                "generate", "--no-history", "--xen-headers", tree.path, "--output", work.appendingPathComponent("out").path,
            ])
            let marker = tombstone.marker.map { " (\"\($0)\")" } ?? ""
            #expect(result.status == 1, "\(newName) was not caught")
            #expect(
                result.stderr == """
                    \(tree.path)/\(tombstone.header):\(anchorIndex + 1):9: error: \(newName) reuses \(tombstone.number), retired from \(tombstone.name)\(marker)
                    \(tree.path)/\(tombstone.header):\(tombstoneIndex + 1):4: note: \(tombstone.name) was retired here

                    """)
            #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("out").path), "a failed run wrote output")
            if result.status == 1 { caught.append("\(tombstone.family) \(tombstone.number)") }
        }
        print("reuse detection: \(Self.tombstones.count) retired numbers of domctl.h and sysctl.h reused, \(caught.count) caught")
        #expect(caught.count == Self.tombstones.count)
    }

    @Test("the reader finds exactly the hand-listed tombstones of domctl.h and sysctl.h")
    func tombstonesAsListed() throws {
        let interface = try RealHeadersTests.realInterface()
        for family in ["domctl", "sysctl"] {
            let retired = try #require(interface.family(named: family)).retiredOps
            let listed = Self.tombstones.filter { $0.family == family }
            #expect(retired.map(\.name) == listed.map(\.name))
            #expect(retired.map(\.number) == listed.map(\.number))
            #expect(retired.map(\.marker) == listed.map(\.marker))
        }
    }

    @Test("two live ops on one number fail with both names")
    func duplicateLive() throws {
        let work = try makeTemporaryFolder("dup")
        defer { try? FileManager.default.removeItem(at: work) }
        let text = try String(contentsOf: Paths.fixture("ledger-series/v1/domctl.h"), encoding: .utf8)
            .replacingOccurrences(
                of: "#define XEN_DOMCTL_mem_event_op                 7", with: "#define XEN_DOMCTL_mem_event_op                 5")
        try text.write(to: work.appendingPathComponent("domctl.h"), atomically: true, encoding: .utf8)
        let result = try xenSwiftGen(["generate", "--xen-headers", work.path, "--output", work.appendingPathComponent("out").path])
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                \(work.path)/domctl.h:24:9: error: XEN_DOMCTL_mem_event_op reuses 5, already used by XEN_DOMCTL_getdomaininfo
                \(work.path)/domctl.h:22:9: note: XEN_DOMCTL_getdomaininfo is defined here

                """)
    }
}
