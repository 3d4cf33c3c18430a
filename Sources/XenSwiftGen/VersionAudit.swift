import Foundation
import XenChecks
import XenIR

/// Finds interface-version values that named two different interfaces: reads the headers at every
/// branch and tag of a repository and at every commit that changed a version macro (and its parent,
/// the last commit of the value before), then groups, per family, the trees by version value; trees
/// of one value that are not one another's compatible extension (`InterfaceDiff.incompatibility(_:_:family:)`)
/// are different interfaces under one value.
public struct VersionAudit {
    /// One commit read.
    public struct Sample: Sendable {
        /// The commit.
        public var commit: String
        /// Its committer date (seconds since 1970).
        public var date: Int
        /// Branches and tags that point at it.
        public var refs: [String]

        /// `abcdef1234 (RELEASE-4.10.1, origin/stable-4.10)`.
        public var label: String { String(commit.prefix(10)) + (refs.isEmpty ? "" : " (\(refs.joined(separator: ", ")))") }
    }

    /// One interface a value named, with the samples that showed it.
    public struct Interface: Sendable {
        /// The samples, oldest first.
        public var samples: [Sample]
        /// How it differs from the first interface of the value (changes that break a caller), empty for the first.
        public var differences: [String]
        /// The release tags among its samples.
        public var releases: [String] { samples.flatMap(\.refs).filter { $0.hasPrefix("RELEASE-") } }
        /// Its family, reduced IR.
        var ir: XenInterface
    }

    /// One family's version value.
    public struct Value: Sendable {
        /// The family.
        public var family: String
        /// The version macro's value.
        public var value: UInt64
        /// As the headers spell it.
        public var spelling: String
        /// The interfaces, in order of their first sample.
        public var interfaces: [Interface]
    }

    /// The result.
    public struct Report: Sendable {
        /// Every value of every versioned family, by family then value.
        public var values: [Value]
        /// Refs walked.
        public var refs: Int
        /// Commits sampled.
        public var commits: Int
        /// Distinct header trees read.
        public var trees: Int
        /// Trees that could not be read (older than the reader supports), with the first commit and the reason.
        public var unreadable: [(commit: String, reason: String)]
    }

    private let trees: GitTrees
    private let reader: TreeReader
    private let specs: [FamilySpec]

    /// - Parameters:
    ///   - trees: The repository.
    ///   - reader: The tree reader.
    ///   - specs: The family table (the families with an interface version, and their headers).
    public init(trees: GitTrees, reader: TreeReader, specs: [FamilySpec]) {
        self.trees = trees
        self.reader = reader
        self.specs = specs
    }

    /// Walks the repository.
    /// - Parameter progress: Called with (trees read, trees to read) as the walk goes.
    /// - Returns: The report.
    /// - Throws: `GeneratorDiagnostic` when git fails.
    public func run(progress: (Int, Int) -> Void = { _, _ in }) throws -> Report {
        var refsAt: [String: [String]] = [:]
        var refCount = 0
        for line in try trees.lines([
            "for-each-ref", "--format=%(objectname) %(*objectname) %(refname:short)", "refs/heads", "refs/remotes", "refs/tags",
        ]) {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 3, !parts[2].hasSuffix("/HEAD") else { continue }
            refsAt[parts[1].isEmpty ? parts[0] : parts[1], default: []].append(parts.dropFirst(2).joined(separator: " "))
            refCount += 1
        }
        // Commits that changed a versioned header's version line, and their parents.
        let headers = Set(specs.filter { $0.interfaceVersion != nil && $0.name != Defaults.sharedVersionFamily }.map(\.header)).sorted()
        let paths = GitTrees.headerFolders.map(\.folder).reduce(into: [String]()) { result, folder in
            for header in headers { result.append(folder.isEmpty ? header : "\(folder)/\(header)") }
        }
        let changed = try trees.lines(["log", "--all", "--format=%H %P", "-G", "INTERFACE_VERSION", "--"] + Array(Set(paths)).sorted())
        var commits = Set(refsAt.keys)
        for line in changed {
            let words = line.split(separator: " ").map(String.init)
            commits.formUnion(words.prefix(2))
        }
        let dated = try trees.lines(
            ["log", "--no-walk=unsorted", "--stdin", "--format=%H %ct %T"], input: commits.sorted().joined(separator: "\n") + "\n")
        var samples: [Sample] = []
        for line in dated {
            let words = line.split(separator: " ")
            guard words.count >= 2, let date = Int(words[1]) else { continue }
            let commit = String(words[0])
            samples.append(Sample(commit: commit, date: date, refs: (refsAt[commit] ?? []).sorted()))
        }
        samples.sort { ($0.date, $0.commit) < ($1.date, $1.commit) }
        // One read per distinct header tree.
        let treeOf = try headerTrees(samples.map(\.commit))
        var order: [String] = []
        var firstCommit: [String: String] = [:]
        for sample in samples {
            guard let tree = treeOf[sample.commit], firstCommit[tree] == nil else { continue }
            firstCommit[tree] = sample.commit
            order.append(tree)
        }
        var reduced: [String: [String: XenInterface]] = [:]
        var unreadable: [(String, String)] = []
        for (index, tree) in order.enumerated() {
            progress(index, order.count)
            guard let commit = firstCommit[tree] else { continue }
            do {
                let interface = try reader.read(revision: commit, of: trees).interface
                var families: [String: XenInterface] = [:]
                for family in interface.families where family.interfaceVersion != nil && family.name != Defaults.sharedVersionFamily {
                    families[family.name] = InterfaceDiff.restrict(interface, to: family.name)
                }
                reduced[tree] = families
            } catch let failure as GenerationFailure {
                unreadable.append(
                    (commit, failure.diagnostics.first { $0.severity == .error }?.rendered(root: String(commit.prefix(10))) ?? "unreadable")
                )
            } catch let diagnostic as GeneratorDiagnostic {
                unreadable.append((commit, diagnostic.message))
            }
        }
        progress(order.count, order.count)
        // Group by family and value, oldest sample first, and split each value into interfaces.
        var values: [String: Value] = [:]
        var keys: [String] = []
        for sample in samples {
            guard let tree = treeOf[sample.commit], let families = reduced[tree] else { continue }
            for (name, ir) in families.sorted(by: { $0.key < $1.key }) {
                guard let version = ir.family(named: name)?.interfaceVersion else { continue }
                let key = "\(name) \(String(format: "%016llx", version.value))"
                if values[key] == nil {
                    values[key] = Value(family: name, value: version.value, spelling: version.spelling, interfaces: [])
                    keys.append(key)
                }
                guard var value = values[key] else { continue }
                if let index = value.interfaces.firstIndex(where: { InterfaceDiff.incompatibility($0.ir, ir, family: name) == nil }) {
                    value.interfaces[index].samples.append(sample)
                } else {
                    let differences = value.interfaces.first.flatMap { InterfaceDiff.incompatibility($0.ir, ir, family: name) } ?? []
                    value.interfaces.append(Interface(samples: [sample], differences: differences, ir: ir))
                }
                values[key] = value
            }
        }
        return Report(
            values: keys.sorted().compactMap { values[$0] }, refs: refCount, commits: samples.count, trees: order.count,
            unreadable: unreadable)
    }

    /// The header tree of each commit (`COMMIT:xen/include/public`, else the root when it holds `xen.h`),
    /// asked of git in one batch; commits without headers are left out.
    private func headerTrees(_ commits: [String]) throws -> [String: String] {
        var result: [String: String] = [:]
        for candidate in GitTrees.headerFolders {
            let pending = commits.filter { result[$0] == nil }
            guard !pending.isEmpty else { break }
            let marker = candidate.folder.isEmpty ? candidate.marker : "\(candidate.folder)/\(candidate.marker)"
            let markers = try trees.lines(["cat-file", "--batch-check"], input: pending.map { "\($0):\(marker)\n" }.joined())
            let present = zip(pending, markers).filter { $0.1.contains(" blob ") }.map(\.0)
            let folders = try trees.lines(["cat-file", "--batch-check"], input: present.map { "\($0):\(candidate.folder)\n" }.joined())
            for (commit, answer) in zip(present, folders) where answer.contains(" tree ") {
                result[commit] = String(answer.prefix { $0 != " " })
            }
        }
        return result
    }
}
