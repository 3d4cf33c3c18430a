import Foundation
import XenIR
import XenMerge
import XenReader

extension Generator.Request {
    /// What the run reads, for messages: the header folder, or the repository and its releases.
    public var sourceDescription: String {
        guard let first = releases.first, let last = releases.last, let xenGit else { return xenHeaders }
        return releases.count == 1 ? "\(xenGit) \(first)" : "\(xenGit) \(first) … \(last) (\(releases.count) releases)"
    }
}

extension Generator {
    /// Reads every release of `request.releases` for every target and folds the releases of each
    /// target into one IR (``ReleaseMerge``): one result per target, as a single tree gives.
    ///
    /// Each revision's headers are written out to a temporary folder, read like a header folder, and
    /// removed. A revision whose name states no release series (`RELEASE-4.17.7`, `stable-4.17`) is refused.
    /// - Parameter request: The run's settings; its `targets` lose those some release does not build for.
    /// - Returns: One folded result per remaining target, in target order.
    /// - Throws: ``GeneratorDiagnostic`` for a bad repository or revision, ``GenerationFailure`` for a read.
    func readReleases(_ request: inout Request) throws -> [HeaderReader.Result] {
        guard let repository = request.xenGit else {
            throw GeneratorDiagnostic(.error, at: nil, "'releases' are revisions of a git repository: set 'xenGit' (or pass --xen-git) too")
        }
        guard FileManager.default.fileExists(atPath: repository) else {
            throw GeneratorDiagnostic(
                .error, at: nil,
                "\(repository): no such git repository or bundle; the releases are read from it "
                    + "(set XEN_HISTORY_BUNDLE or --xen-git to the history bundle or a xen.git clone, or pass --xen-headers DIR for one header tree)"
            )
        }
        return try GitTrees.withRepository(repository) { trees in try readReleases(&request, from: trees) }
    }

    /// ``readReleases(_:)`` with the repository open.
    private func readReleases(_ request: inout Request, from trees: GitTrees) throws -> [HeaderReader.Result] {
        let repository = trees.name
        var perRelease: [(version: ReleaseVersion, results: [String: HeaderReader.Result])] = []
        var targets = request.targets
        for revision in request.releases {
            guard let version = ReleaseVersion(revision: revision) else {
                throw GeneratorDiagnostic(
                    .error, at: nil,
                    "\(repository): revision '\(revision)' names no release series (MAJOR.MINOR, as in RELEASE-4.17.7 or stable-4.17)")
            }
            let checkout = try trees.checkout(revision)
            defer { try? FileManager.default.removeItem(at: checkout.folder) }
            var one = request
            one.xenHeaders = checkout.folder.path
            one.releases = []
            one.targets = targets
            let results = try timed("read \(revision)") { try readSupportedTargets(&one) }
            targets = one.targets
            perRelease.append((version, Dictionary(zip(one.targets.map(\.triple), results)) { first, _ in first }))
        }
        request.targets = targets
        // A target dropped by a later release is dropped from the earlier releases' results too.
        let perTarget = targets.map { target in
            perRelease.compactMap { release in release.results[target.triple].map { (release.version, $0) } }
        }
        return try perTarget.map { releases in
            let folded = try ReleaseMerge.merge(releases.map { ReleaseMerge.Release(version: $0.0, interface: $0.1.interface) })
            var result = releases[releases.count - 1].1
            result.interface = folded
            // A warning only some releases raise (an older release lacking a family-table entry) goes to the log.
            result.warnings = Self.unique(releases.flatMap(\.1.warnings)).filter { warning in
                let raisedBy = releases.filter { $0.1.warnings.contains(warning) }.map(\.0.description)
                if raisedBy.count == releases.count { return true }
                log("\(warning.rendered(root: "")) [only in \(raisedBy.joined(separator: ", "))]")
                return false
            }
            // The trees were temporary: the build plugin cannot track them, so nothing is listed.
            result.filesRead = []
            return result
        }
    }
}
