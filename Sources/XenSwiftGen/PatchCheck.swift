import Foundation
import XenChecks
import XenEmitter
import XenIR

/// The interface diff of two header versions, as a patch check: two folders, or two revisions of a
/// repository (xen.git or the history bundle), with Xen's once-per-cycle bump rule applied when the
/// repository has release tags.
public struct PatchCheck {
    private let reader: TreeReader

    /// - Parameter reader: The tree reader.
    public init(reader: TreeReader) {
        self.reader = reader
    }

    /// Compares two header folders.
    /// - Parameters:
    ///   - old: The old folder.
    ///   - new: The new folder.
    /// - Returns: The diff.
    /// - Throws: ``GenerationFailure`` naming the folder at fault.
    public func compare(folder old: String, _ new: String) throws -> InterfaceDiff {
        let before = try reader.read(old, label: old, setting: "OLD").interface
        let after = try reader.read(new, label: new, setting: "NEW").interface
        return InterfaceDiff.compare(before, after, oldLabel: old, newLabel: new)
    }

    /// Compares two revisions of a repository. A family that misses a bump of its own is checked against
    /// the start of the old revision's development cycle (``DevelopmentCycle``).
    /// - Parameters:
    ///   - old: The revision the patch applies to.
    ///   - new: The revision with the patch.
    ///   - trees: The repository.
    /// - Returns: The diff.
    /// - Throws: ``GenerationFailure`` or `GeneratorDiagnostic` naming the repository and revision at fault.
    public func compare(revision old: String, _ new: String, in trees: GitTrees) throws -> InterfaceDiff {
        var cache = RevisionCache()
        return try compare(revision: old, new, in: trees, cache: &cache)
    }

    /// Recently read trees by tree id: checking a series commit by commit reads each tree once.
    public struct RevisionCache {
        var entries: [(tree: String, revision: TreeReader.Revision)] = []

        /// An empty cache.
        public init() {}
    }

    /// One commit of a series checked against its first parent.
    public struct SeriesEntry {
        /// The commit.
        public var commit: String
        /// Its committer date, `YYYY-MM-DD`.
        public var date: String
        /// Its subject line.
        public var subject: String
        /// The diff, or the error that stopped reading either tree.
        public var result: Result<InterfaceDiff, Error>
    }

    /// Checks every commit of `old..new` (merges left out, oldest first) against its first parent.
    /// - Parameters:
    ///   - old: The base (excluded).
    ///   - new: The last commit of the series.
    ///   - trees: The repository.
    ///   - each: Called with each commit's check, in order.
    /// - Throws: `GeneratorDiagnostic` when git cannot list the series.
    public func series(from old: String, to new: String, in trees: GitTrees, each: (SeriesEntry) -> Void) throws {
        let lines = try trees.lines([
            "rev-list", "--reverse", "--no-merges", "--format=%H %cs %s", "\(try trees.commit(old))..\(try trees.commit(new))",
        ])
        var cache = RevisionCache()
        for line in lines where !line.hasPrefix("commit ") {
            let words = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard words.count >= 2 else { continue }
            let commit = words[0]
            let result = Result { try compare(revision: commit + "^", commit, in: trees, cache: &cache) }
            each(SeriesEntry(commit: commit, date: words[1], subject: words.count > 2 ? words[2] : "", result: result))
        }
    }

    /// A revision read through the cache.
    private func read(_ revision: String, of trees: GitTrees, cache: inout RevisionCache) throws -> TreeReader.Revision {
        let tree = try trees.treeID(revision)
        if let hit = cache.entries.first(where: { $0.tree == tree }) {
            var revisionHit = hit.revision
            revisionHit.label = revisionHit.headerFolder.isEmpty ? revision : "\(revision)/\(revisionHit.headerFolder)"
            return revisionHit
        }
        let read = try reader.read(revision: revision, of: trees)
        cache.entries.append((tree, read))
        if cache.entries.count > 4 { cache.entries.removeFirst() }
        return read
    }

    /// ``compare(revision:_:in:)`` through a cache.
    func compare(revision old: String, _ new: String, in trees: GitTrees, cache: inout RevisionCache) throws -> InterfaceDiff {
        // A patch that does not touch the public headers: nothing to read (most patches in a CI run).
        let (oldTree, newTree) = (try trees.treeID(old), try trees.treeID(new))
        if oldTree == newTree {
            let folder = try trees.headerFolder(at: new)
            return InterfaceDiff(old: old, new: new, oldFolder: folder, newFolder: folder, families: [], records: [])
        }
        let before: TreeReader.Revision
        let after: TreeReader.Revision
        if cache.entries.contains(where: { $0.tree == oldTree || $0.tree == newTree }) {
            before = try read(old, of: trees, cache: &cache)
            after = try read(new, of: trees, cache: &cache)
        } else {
            // Two independent parses, one per core; the trees are written out first, on this thread.
            let checkouts = [try trees.checkout(old), try trees.checkout(new)]
            defer { for checkout in checkouts { try? FileManager.default.removeItem(at: checkout.folder) } }
            let reader = self.reader
            let both = concurrentMap(Array(zip(checkouts, [old, new]))) { pair in Result { try reader.read(pair.0, revision: pair.1) } }
            before = try both[0].get()
            after = try both[1].get()
            cache.entries += [(oldTree, before), (newTree, after)]
        }
        var diff = InterfaceDiff.compare(before.interface, after.interface, oldLabel: old, newLabel: new)
        diff.oldFolder = before.headerFolder
        diff.newFolder = after.headerFolder
        guard diff.missesBump else { return diff }
        let cycle = DevelopmentCycle(trees: trees)
        guard let start = try cycle.start(of: old) else { return diff }
        var values: [String: (label: String, value: UInt64, spelling: String)] = [:]
        for family in diff.families where family.missingBump {
            guard let version = before.interface.family(named: family.family)?.interfaceVersion,
                let found = try cycle.version(version.name, in: version.location.file, at: start.commit)
            else { continue }
            values[family.family] = (start.label, found.value, found.spelling)
        }
        diff.applyDevelopmentCycle { values[$0] }
        return diff
    }
}
