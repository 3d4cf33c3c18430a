import Foundation
import XenChecks
import XenEmitter
import XenIR

/// Where the development cycle of a revision starts, in a repository with Xen's release tags: Xen bumps
/// an interface version at most once per cycle (xen.git 3f6ee3db2e, 2024), so a patch that changes a
/// family incompatibly needs no bump of its own when the version before it is already above the value
/// where its cycle started.
///
/// On master the cycle starts where the newest release the revision does not contain branched off
/// (`git merge-base`); on a stable branch, at the newest release tag the revision contains
/// (`git describe`), whichever of the two is later.
public struct DevelopmentCycle {
    /// The cycle's start: a label for messages and the commit.
    public struct Start: Sendable, Equatable {
        /// `RELEASE-4.10.4`, or `RELEASE-4.11.0 branch point 6da091d95d`.
        public var label: String
        /// The commit.
        public var commit: String
    }

    private let trees: GitTrees

    /// - Parameter trees: The repository.
    public init(trees: GitTrees) {
        self.trees = trees
    }

    /// The start of the cycle `revision` belongs to, or `nil` when the repository has no release tags around it.
    /// - Parameter revision: The revision a patch applies to.
    /// - Returns: The start.
    /// - Throws: `GeneratorDiagnostic` when git fails.
    public func start(of revision: String) throws -> Start? {
        let commit = try trees.commit(revision)
        // The two walks are independent and each takes a few hundred milliseconds on xen.git: run them together.
        let trees = self.trees
        let found = concurrentMap([0, 1]) { which -> Start? in
            if which == 0 {
                guard let tag = try? trees.lines(["describe", "--tags", "--abbrev=0", "--match", "RELEASE-*", commit]).first,
                    let tagged = try? trees.commit(tag)
                else { return nil }
                return Start(label: tag, commit: tagged)
            }
            guard let release = try? trees.lines(["tag", "--no-contains", commit, "-l", "RELEASE-*.0", "--sort=-v:refname"]).first,
                let base = try? trees.lines(["merge-base", release, commit]).first
            else { return nil }
            let tagged = try? trees.commit(release)
            return Start(label: tagged == base ? release : "\(release) branch point \(base.prefix(10))", commit: base)
        }
        let candidates = found.compactMap { $0 }
        guard var latest = candidates.first else { return nil }
        for candidate in candidates.dropFirst() where try trees.isAncestor(latest.commit, of: candidate.commit) {
            latest = candidate
        }
        return latest
    }

    /// A family's interface version at a commit, read from the header text (`#define NAME VALUE`).
    /// - Parameters:
    ///   - name: The version macro, such as `XEN_DOMCTL_INTERFACE_VERSION`.
    ///   - file: The header, relative to the header folder (`domctl.h`).
    ///   - commit: The commit.
    /// - Returns: The value and its spelling, or `nil` when the header does not define it.
    public func version(_ name: String, in file: String, at commit: String) throws -> (value: UInt64, spelling: String)? {
        let folder = try trees.headerFolder(at: commit)
        guard let text = try trees.file(folder.isEmpty ? file : "\(folder)/\(file)", at: commit) else { return nil }
        for line in text.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count >= 3, words[0] == "#define", words[1] == name else { continue }
            let spelling = String(words[2])
            return InterfaceDiff.parseVersion(spelling).map { ($0, spelling) }
        }
        return nil
    }
}
