import Foundation

/// The Xen header history (`xen-public.bundle`, xen.git's public headers from 3.0 to master), cloned
/// once per test run. It lives outside the repository: `$XEN_HISTORY_BUNDLE`, else
/// `../shared/xen-history/xen-public.bundle` beside the package root. Missing, every test that needs
/// it fails and says where it looked.
enum HistoryBundle {
    /// Where the bundle is looked for.
    static var bundlePath: String {
        ProcessInfo.processInfo.environment["XEN_HISTORY_BUNDLE"]
            ?? Paths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/xen-history/xen-public.bundle").standardized
            .path
    }

    /// The clone, made on first use.
    nonisolated(unsafe) private static var cloned: Result<String, TestFailure>?
    private static let lock = NSLock()

    /// A clone of the bundle (shared by every test; do not modify it).
    /// - Returns: The clone's folder.
    /// - Throws: ``TestFailure`` when the bundle is missing or cannot be cloned.
    static func repository() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let cloned { return try cloned.get() }
        let result: Result<String, TestFailure>
        if !FileManager.default.fileExists(atPath: bundlePath) {
            result = .failure(
                TestFailure("the Xen history bundle is missing: looked at \(bundlePath) (set XEN_HISTORY_BUNDLE to its path)"))
        } else {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xsg-history-\(UUID().uuidString)").path
            let clone = try? run(URL(fileURLWithPath: "/usr/bin/env"), ["git", "clone", "-q", "--no-checkout", bundlePath, folder])
            result =
                clone?.status == 0
                ? .success(folder)
                : .failure(TestFailure("cannot clone the Xen history bundle \(bundlePath): \(clone?.stderr ?? "git did not run")"))
        }
        cloned = result
        return try result.get()
    }

    /// Writes out a revision's header tree into a new temporary folder (the caller removes it).
    /// - Parameters:
    ///   - revision: A tag or commit of the bundle.
    ///   - subfolder: Write the tree into this subfolder of the returned folder instead.
    /// - Returns: The folder.
    static func tree(_ revision: String, subfolder: String? = nil) throws -> URL {
        let repository = try repository()
        let parent = try makeTemporaryFolder("xsg-tree")
        let folder = subfolder.map { parent.appendingPathComponent($0) } ?? parent
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "git -C \"$0\" archive \"$1\" | tar -x -C \"$2\"", repository, revision, folder.path])
        guard result.status == 0 else { throw TestFailure("cannot write out \(revision): \(result.stderr)") }
        return parent
    }

    /// Runs git in the clone.
    static func git(_ arguments: [String]) throws -> String {
        let result = try run(URL(fileURLWithPath: "/usr/bin/env"), ["git", "-C", try repository()] + arguments)
        guard result.status == 0 else { throw TestFailure("git \(arguments.joined(separator: " ")) failed: \(result.stderr)") }
        return result.stdout
    }

    /// The latest patch release of each `RELEASE-4.*` series, oldest first, then `master`.
    static func latestReleases() throws -> [String] {
        var latest: [String: String] = [:]
        var order: [String] = []
        for tag in try git(["tag", "-l", "--sort=v:refname", "RELEASE-4.*"]).split(separator: "\n").map(String.init) {
            let series = tag.split(separator: ".").prefix(2).joined(separator: ".")
            if latest[series] == nil { order.append(series) }
            latest[series] = tag
        }
        return order.compactMap { latest[$0] } + ["master"]
    }

    /// The commit that retired XEN_DOMCTL_getmemlist, the seed of the `diff` tests and of ``XenGitLayout``.
    static func seedCommit() throws -> String {
        let commit = try git(["log", "--format=%H", "--grep=^xen: Drop DOMCTL_getmemlist and xc_get_pfn_list()", "master"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard commit.count == 40 else { throw TestFailure("the seed commit is not in the bundle: '\(commit)'") }
        return commit
    }
}
