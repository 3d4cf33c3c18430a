import Foundation
import Testing

/// `history --versions`, `diff --each` and `audit --xen-git` on the xen.git layout (``XenGitLayout``).
@Suite struct VersionAuditTests {
    @Test("history --versions finds the planted collision: domctl 0x0e names RELEASE-4.10.0's interface and stable-4.10's")
    func plantedCollision() throws {
        let repository = try XenGitLayout.repository()
        func short(_ revision: String) throws -> String {
            try run(URL(fileURLWithPath: "/usr/bin/env"), ["git", "-C", repository, "rev-parse", "--short=10", revision]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let result = try xenSwiftGen(["history", "--versions", "--xen-git", repository])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // The planted collision: RELEASE-4.10.0 shipped 0x0e; stable-4.10 then retired an op under the same value.
        #expect(
            lines.contains(
                "warning: domctl 0x0000000e named 2 different interfaces: \(try short("master~2")) [released as RELEASE-4.10.0] "
                    + "and \(try short("stable-4.10")) (stable-4.10) (XEN_DOMCTL_pin_mem_cacheattr (41) retired (\"Removed\"))"),
            "\(result.stdout)")
        // The real one of the seed: getmemlist retired under 0x10, which its parent already had.
        #expect(
            lines.contains(
                "warning: domctl 0x00000010 named 2 different interfaces: \(try short("seed~1")) "
                    + "and \(try short("seed")) (master, seed) (XEN_DOMCTL_getmemlist (6) retired (\"Removed\"))"), "\(result.stdout)")
        // A pure addition is the same interface.
        #expect(!result.stdout.contains("(planted-addition) ("), "\(result.stdout)")
        #expect(lines.last?.hasPrefix("versions: ") == true)
        // Not a terminal: no progress on standard error.
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test("diff --each checks a series commit by commit, one verdict line each, and --strict fails on a failing commit")
    func series() throws {
        let repository = try XenGitLayout.repository()
        let result = try xenSwiftGen(["diff", "--each", "--xen-git", repository, "master~2", "planted-reuse", "--strict"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let verdicts = result.stdout.split(separator: "\n").filter { $0.hasPrefix("check: ") }.map {
            $0.split(separator: " ").dropFirst(3).joined(separator: " ")
        }
        // RELEASE-4.10.0's tree to the seed's parent is a year of sysctl changes in one step: no bump in that cycle yet.
        #expect(
            verdicts == ["missing-bump before the seed", "cycle-bump xen: Drop DOMCTL_getmemlist", "reuse-or-vanish,cycle-bump reuse 6"],
            "\(result.stdout)")
        let addition = try xenSwiftGen(["diff", "--each", "--xen-git", repository, "seed", "planted-addition", "--strict"])
        #expect(addition.status == 0, "\(addition.stdout)")
    }

    @Test("audit --xen-git reads a revision and names it in its findings")
    func auditRevision() throws {
        let repository = try XenGitLayout.repository()
        let result = try xenSwiftGen(["audit", "--xen-git", repository, "--revision", "seed", "--target", "x86_64-linux-gnu"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "audit: 0 reuses in 2 configurations (__XEN_TOOLS__, __XEN__)\n", "\(result.stdout)")
        let missing = try xenSwiftGen(["audit", "--xen-git", repository, "--revision", "nope"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: \(repository): no revision 'nope'\n")
    }
}
