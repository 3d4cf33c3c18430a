import Foundation
import XenChecks
import XenIR

/// Builds a history ledger from a git repository's release tags, oldest version first: each tag's
/// header tree is written out, read, and folded into the ledger (`HistoryFold`).
public struct HistoryBuilder {
    /// How long one release took.
    public struct Timing: Sendable {
        /// The tag.
        public var release: String
        /// Seconds spent writing out and reading its tree (0 when the tree equals the previous tag's).
        public var seconds: Double
    }

    /// The fold's result and the time each release took.
    public struct Outcome: Sendable {
        /// The fold (ledger and events).
        public var fold: HistoryFold
        /// One entry per release, in order.
        public var timings: [Timing]
    }

    private let trees: GitTrees
    private let reader: TreeReader

    /// - Parameters:
    ///   - trees: The repository.
    ///   - reader: The tree reader.
    public init(trees: GitTrees, reader: TreeReader) {
        self.trees = trees
        self.reader = reader
    }

    /// Folds `releases` in the given order.
    /// - Parameters:
    ///   - releases: Tags (or any revisions), oldest first.
    ///   - acknowledgements: Reviewed renames and reuses.
    ///   - progress: Called after each release.
    /// - Returns: The fold and the timings.
    /// - Throws: ``GenerationFailure`` when a tree cannot be read.
    public func build(
        _ releases: [String], acknowledgements: [Acknowledgement], progress: (Timing) -> Void = { _ in }
    ) throws -> Outcome {
        var fold = HistoryFold(acknowledgements: acknowledgements)
        var timings: [Timing] = []
        var previous: (tree: String, interface: XenInterface)?
        let clock = ContinuousClock()
        for release in releases {
            let start = clock.now
            let treeID = try trees.treeID(release)
            let interface: XenInterface
            if let previous, previous.tree == treeID {
                interface = previous.interface
            } else {
                interface = try read(release)
                previous = (treeID, interface)
            }
            fold.add(interface, release: release)
            let elapsed = clock.now - start
            let timing = Timing(
                release: release, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            timings.append(timing)
            progress(timing)
        }
        return Outcome(fold: fold, timings: timings)
    }

    /// Writes out and reads one revision.
    /// - Parameter revision: A tag, branch or commit.
    /// - Returns: Its IR.
    /// - Throws: ``GenerationFailure`` naming the revision.
    public func read(_ revision: String) throws -> XenInterface {
        try reader.read(revision: revision, of: trees).interface
    }
}
