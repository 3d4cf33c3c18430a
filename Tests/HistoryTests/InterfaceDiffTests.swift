import Foundation
import Testing
import XenChecks

/// `xen-swiftgen diff` on real history: the seed's own change and a release pair.
@Suite struct InterfaceDiffTests {
    /// The commit that retired XEN_DOMCTL_getmemlist (``HistoryBundle/seedCommit()``).
    static func seedCommit() throws -> String {
        try HistoryBundle.seedCommit()
    }

    @Test("the seed commit: getmemlist retired without a bump of its own; the 4.11 cycle's bump covers it")
    func seedCommitText() throws {
        let repository = try HistoryBundle.repository()
        let commit = try Self.seedCommit()
        let result = try xenSwiftGen(["diff", "\(commit)^", commit, "--xen-git", repository])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                \(commit)/domctl.h:1116:4: warning: domctl: retired: XEN_DOMCTL_getmemlist (6) retired ("Removed")
                \(commit)/domctl.h:41:9: warning: domctl: incompatible changes without an interface version bump of their own (XEN_DOMCTL_INTERFACE_VERSION 0x00000010 -> 0x00000010); covered by the bump of this development cycle (from RELEASE-4.10.0 (0x0000000e)), so a backport to that release needs a bump of its own
                \(commit)^ -> \(commit): 1 families changed, 0 record layout changes, no bump of its own in domctl (covered by this development cycle's)

                """)
        // The cycle's bump covers it, so the patch check passes.
        let strict = try xenSwiftGen(["diff", "\(commit)^", commit, "--xen-git", repository, "--strict"])
        #expect(strict.status == 0)
    }

    @Test("--format json carries the same findings for tools")
    func seedCommitJSON() throws {
        let repository = try HistoryBundle.repository()
        let commit = try Self.seedCommit()
        let result = try xenSwiftGen(["diff", "\(commit)^", commit, "--xen-git", repository, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let diff = try JSONDecoder().decode(InterfaceDiff.self, from: Data(result.stdout.utf8))
        #expect(diff.families.map(\.family) == ["domctl"])
        let change = try #require(diff.families.first?.changes.first)
        #expect(diff.families.first?.changes.count == 1)
        #expect(change.kind == .retired && change.number == 6 && change.from == "XEN_DOMCTL_getmemlist" && change.marker == "Removed")
        #expect(change.location?.description == "domctl.h:1116:4")
        #expect(diff.families.first?.missingBump == false)
        #expect(diff.families.first?.bumpedInCycle == "RELEASE-4.10.0 (0x0000000e)")
        #expect(!diff.missesBump)
    }

    @Test("RELEASE-4.10.4 -> RELEASE-4.11.0: renames, retirements and payload changes, with the versions bumped")
    func releasePair() throws {
        let repository = try HistoryBundle.repository()
        let result = try xenSwiftGen(["diff", "RELEASE-4.10.4", "RELEASE-4.11.0", "--xen-git", repository, "--strict"])
        #expect(result.status == 0, "\(result.stdout)")
        for line in [
            "RELEASE-4.11.0/domctl.h:1135:4: warning: domctl: retired: XEN_DOMCTL_pin_mem_cacheattr (41) retired (\"Removed - use dmop\")",
            "RELEASE-4.11.0/domctl.h:1171:9: warning: domctl: renamed: 78 renamed from XEN_DOMCTL_psr_cat_op to XEN_DOMCTL_psr_alloc",
            "RELEASE-4.11.0/domctl.h:41:9: note: domctl: XEN_DOMCTL_INTERFACE_VERSION 0x0000000f -> 0x00000010",
            "RELEASE-4.11.0/sysctl.h:618:1: warning: sysctl: payload layout: xen_sysctl_scheduler_op: size 24 -> 32",
            "RELEASE-4.11.0/memory.h:606:9: note: memory: added: XENMEM_acquire_resource (28) added",
        ] {
            #expect(result.stdout.contains(line + "\n"), "missing: \(line)")
        }
        // Moving an untagged union is not a type change.
        #expect(!result.stdout.contains("unnamed union at"))
    }

    @Test("a revision that does not exist is one located error and exit 1")
    func missingRevision() throws {
        let repository = try HistoryBundle.repository()
        let result = try xenSwiftGen(["diff", "RELEASE-9.9.9", "master", "--xen-git", repository])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(repository): no revision 'RELEASE-9.9.9'\n")
    }
}
