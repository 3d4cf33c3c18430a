import Foundation

/// A repository laid out like xen.git (headers under `xen/include/public/`, a file at the root), built
/// once per test run from real trees of the history bundle, with a stable branch, a release tag and
/// planted changes on branches of their own:
///
/// - `master`: the RELEASE-4.10.0 tree (the branch point), the seed's parent, the seed (tag `seed`:
///   XEN_DOMCTL_getmemlist retired, the version already bumped in the cycle);
/// - `stable-4.10`: tag `RELEASE-4.10.0` on the branch point, then `XEN_DOMCTL_pin_mem_cacheattr`
///   retired without a bump (branch tip);
/// - `planted-reuse`, `planted-vanish`, `planted-addition`: the seed with getmemlist's 6 given to a new op,
///   with its tombstone deleted, with a new op 200;
/// - `latest` (the bundle's master), `planted-stable-addition` (a second `/* stable interface */` op) and
///   `planted-stable-break` (`caps` of the stable get_domain_state widened, no bump).
enum XenGitLayout {
    nonisolated(unsafe) private static var built: Result<String, TestFailure>?
    private static let lock = NSLock()

    /// The repository (shared by every test; do not modify it).
    /// - Returns: Its folder.
    /// - Throws: ``TestFailure`` when the history bundle is missing or a step fails.
    static func repository() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let built { return try built.get() }
        let result: Result<String, TestFailure>
        do {
            let bundle = try HistoryBundle.repository()
            let seed = try HistoryBundle.seedCommit()
            let folder = try makeTemporaryFolder("xsg-xen-git").path
            let script = #"""
                set -eu
                B="$0"; X="$1"; SEED="$2"
                cd "$X"
                git init -q -b master .
                git config user.email test@example.org; git config user.name test
                echo "Xen hypervisor (test layout)" > README
                put() { rm -rf xen/include/public; mkdir -p xen/include/public; git -C "$B" archive "$1" | tar -x -C xen/include/public; }
                # One commit a minute, so that commits sort by date as they were made.
                N=0
                commit() {
                    N=$((N + 1)); export GIT_AUTHOR_DATE="2020-01-01T00:$(printf %02d $N):00Z" GIT_COMMITTER_DATE="2020-01-01T00:$(printf %02d $N):00Z"
                    git add -A; git commit -qm "$1"
                }
                D=xen/include/public/domctl.h
                put RELEASE-4.10.0; commit "branch point"
                git checkout -q -b stable-4.10
                echo 4.10.0 > VERSION; commit "Xen 4.10.0"; git tag RELEASE-4.10.0
                sed -i 's|^#define XEN_DOMCTL_pin_mem_cacheattr .*|/* #define XEN_DOMCTL_pin_mem_cacheattr 41 Removed */|' $D
                commit "stable: retire pin_mem_cacheattr without a bump"
                git checkout -q master
                put "$SEED^"; commit "before the seed"
                put "$SEED"; commit "xen: Drop DOMCTL_getmemlist"; git tag seed
                git checkout -q -b planted-reuse seed
                sed -i 's|^/\* #define XEN_DOMCTL_getmemlist .*|#define XEN_DOMCTL_planted_op 6|' $D; commit "reuse 6"
                git checkout -q -b planted-vanish seed
                sed -i '/^\/\* #define XEN_DOMCTL_getmemlist /d' $D; commit "drop the tombstone of 6"
                git checkout -q -b planted-addition seed
                sed -i '/^#define XEN_DOMCTL_getdomaininfo /a #define XEN_DOMCTL_planted_added 200' $D; commit "add op 200"
                git checkout -q -b latest master
                put master; commit "the bundle's master"
                git checkout -q -b planted-stable-addition latest
                sed -i '/^#define XEN_DOMCTL_get_domain_state /a #define XEN_DOMCTL_planted_stable 201 /* stable interface */' $D
                commit "add a stable op"
                git checkout -q -b planted-stable-break latest
                sed -i '/^struct xen_domctl_get_domain_state {/,/^};/ s/uint16_t caps;/uint32_t caps;/' $D
                commit "widen a stable op's field"
                git checkout -q master
                """#
            let made = try run(URL(fileURLWithPath: "/bin/sh"), ["-c", script, bundle, folder, seed])
            result =
                made.status == 0 ? .success(folder) : .failure(TestFailure("cannot build the xen.git-layout repository: \(made.stderr)"))
        } catch let failure as TestFailure {
            result = .failure(failure)
        }
        built = result
        return try result.get()
    }
}
