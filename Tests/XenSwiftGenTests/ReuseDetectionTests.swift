import Foundation
import Testing
import XenIR

/// Every retired number of the real domctl.h and sysctl.h, handed to a new op one at a time, is caught.
@Suite struct ReuseDetectionTests {
    @Test("each retired number in the real domctl.h and sysctl.h, reused, fails with the right line and both names")
    func everyRetiredNumberIsGuarded() throws {
        let interface = try RealHeadersTests.realInterface()
        let work = try makeTemporaryFolder("reuse")
        defer { try? FileManager.default.removeItem(at: work) }
        let tree = work.appendingPathComponent("xen")
        try FileManager.default.copyItem(atPath: Paths.realHeaders, toPath: tree.path)
        var caught = 0
        for (family, header, anchor) in [("domctl", "domctl.h", "    uint32_t interface_version; /* XEN_DOMCTL_INTERFACE_VERSION */"),
                                         ("sysctl", "sysctl.h", "    uint32_t interface_version; /* XEN_SYSCTL_INTERFACE_VERSION */")] {
            let path = tree.appendingPathComponent(header)
            let original = try String(contentsOf: path, encoding: .utf8)
            var lines = original.components(separatedBy: "\n")
            let anchorIndex = try #require(lines.firstIndex(of: anchor), "anchor not found in \(header)")
            let retired = try #require(interface.family(named: family)).retiredOps
            #expect(!retired.isEmpty)
            for tombstone in retired {
                let prefix = family == "domctl" ? "XEN_DOMCTL_" : "XEN_SYSCTL_"
                let newName = "\(prefix)reuse_of_\(tombstone.number)"
                lines.insert("#define \(newName) \(tombstone.number)", at: anchorIndex)
                try lines.joined(separator: "\n").write(to: path, atomically: true, encoding: .utf8)
                lines.remove(at: anchorIndex)
                let result = try xenSwiftGen(["generate", "--xen-headers", tree.path, "--output", work.appendingPathComponent("out").path])
                let expected = "\(tree.path)/\(header):\(anchorIndex + 1):9: error: \(newName) reuses \(tombstone.number), retired from \(tombstone.name)"
                #expect(result.status == 1, "\(newName) was not caught")
                #expect(result.stderr.contains(expected), "expected \(expected)\ngot \(result.stderr)")
                #expect(result.stderr.contains("\(header):\(tombstone.line):\(tombstone.column): note: \(tombstone.name) was retired here"))
                #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("out").path), "a failed run wrote output")
                caught += 1
            }
            try original.write(to: path, atomically: true, encoding: .utf8)
        }
        print("reuse detection: \(caught) retired numbers of domctl.h and sysctl.h reused, \(caught) caught")
        // domctl.h has 12 tombstones (6, 7, 8, 23, 41, 49, 51, 52, 53, 58, 70, 80), sysctl.h 2 (24, 28).
        #expect(caught == 14)
    }

    @Test("two live ops on one number fail with both names")
    func duplicateLive() throws {
        let work = try makeTemporaryFolder("dup")
        defer { try? FileManager.default.removeItem(at: work) }
        let text = try String(contentsOf: Paths.fixture("ledger-series/v1/domctl.h"), encoding: .utf8)
            .replacingOccurrences(of: "#define XEN_DOMCTL_mem_event_op                 7", with: "#define XEN_DOMCTL_mem_event_op                 5")
        try text.write(to: work.appendingPathComponent("domctl.h"), atomically: true, encoding: .utf8)
        let result = try xenSwiftGen(["generate", "--xen-headers", work.path, "--output", work.appendingPathComponent("out").path])
        #expect(result.status == 1)
        #expect(result.stderr == """
            \(work.path)/domctl.h:24:9: error: XEN_DOMCTL_mem_event_op reuses 5, already used by XEN_DOMCTL_getdomaininfo
            \(work.path)/domctl.h:22:9: note: XEN_DOMCTL_getdomaininfo is defined here

            """)
    }
}
