import Foundation
import Subprocesses
import XenIR

/// Header trees from a git repository: a clone of xen.git (work tree, bare or worktree), where the
/// public headers live in `xen/include/public`, or a repository laid out like `include/public` itself
/// (the history bundle). Release tags in version order, and any revision's headers written out with
/// `git archive`.
public struct GitTrees: Sendable {
    /// Where a revision may keep the public headers, and a header each such folder holds: xen.git
    /// since 2004, xen.git before it (Xen 1.x), and a repository whose root is the folder itself.
    public static let headerFolders: [(folder: String, marker: String)] = [
        ("xen/include/public", "xen.h"), ("xen/include/hypervisor-ifs", "hypervisor-if.h"), ("", "xen.h"), ("", "domctl.h"),
    ]

    /// The repository's folder, which git reads.
    public var repository: String
    /// The repository as the user named it, for messages (a bundle's path rather than its clone's).
    public var name: String

    /// - Parameters:
    ///   - repository: The repository's folder.
    ///   - name: How messages name it (default: `repository`).
    /// - Throws: `GeneratorDiagnostic` when it is no git repository.
    public init(repository: String, name: String? = nil) throws {
        self.repository = repository
        self.name = name ?? repository
        let probe = try Self.git(["-C", repository, "rev-parse", "--git-dir"])
        guard probe.status == 0 else {
            throw GeneratorDiagnostic(.error, at: nil, "\(self.name): not a git repository (\(probe.errorLine))")
        }
    }

    /// Runs `body` with the trees of `repository`: a git folder as ``init(repository:name:)`` opens it, or a
    /// git bundle file (`git bundle create`, such as the history bundle `xen-public.bundle`), cloned bare into
    /// a temporary folder that is removed when `body` returns.
    /// - Parameters:
    ///   - repository: A repository's folder or a bundle file.
    ///   - body: What to do with the trees.
    /// - Returns: What `body` returns.
    /// - Throws: `GeneratorDiagnostic` when `repository` is missing, or neither a repository nor a bundle.
    public static func withRepository<T>(_ repository: String, _ body: (GitTrees) throws -> T) throws -> T {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: repository, isDirectory: &isDirectory) else {
            throw GeneratorDiagnostic(.error, at: nil, "\(repository): no such git repository or bundle")
        }
        guard !isDirectory.boolValue else { return try body(GitTrees(repository: repository)) }
        let clone = FileManager.default.temporaryDirectory.appendingPathComponent("xen-swiftgen-bundle-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clone) }
        let cloned = try git(["clone", "-q", "--bare", "--", repository, clone.path])
        guard cloned.status == 0 else {
            throw GeneratorDiagnostic(.error, at: nil, "\(repository): not a git repository or bundle (\(cloned.errorLine))")
        }
        return try body(GitTrees(repository: clone.path, name: repository))
    }

    /// Tags matching `glob`, oldest version first (`git tag --sort=v:refname`).
    /// - Parameter glob: A `git tag -l` pattern such as `RELEASE-4.*`.
    /// - Returns: The tag names.
    /// - Throws: `GeneratorDiagnostic` when git fails or nothing matches.
    public func tags(matching glob: String) throws -> [String] {
        let result = try Self.git(["-C", repository, "tag", "-l", "--sort=v:refname", glob])
        guard result.status == 0 else { throw GeneratorDiagnostic(.error, at: nil, "\(name): git tag failed: \(result.errorLine)") }
        let tags = result.lines
        guard !tags.isEmpty else { throw GeneratorDiagnostic(.error, at: nil, "\(name): no tag matches '\(glob)'") }
        return tags
    }

    /// The commit a revision names.
    /// - Parameter revision: A tag, branch or commit.
    /// - Returns: The commit's full id.
    /// - Throws: `GeneratorDiagnostic` naming the repository and the revision when it does not exist.
    public func commit(_ revision: String) throws -> String {
        let result = try Self.git(["-C", repository, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"])
        guard result.status == 0 else { throw GeneratorDiagnostic(.error, at: nil, "\(name): no revision '\(revision)'") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The folder of `revision` that holds the public headers (see ``headerFolders``), `""` for the root.
    /// - Parameter revision: A tag, branch or commit.
    /// - Returns: The folder, relative to the repository's root.
    /// - Throws: `GeneratorDiagnostic` naming the repository and revision when it has none of them.
    public func headerFolder(at revision: String) throws -> String {
        let commit = try commit(revision)
        let probe = try Self.git(
            ["-C", repository, "cat-file", "--batch-check"],
            input: Self.headerFolders.map { "\(commit):\($0.folder.isEmpty ? "" : $0.folder + "/")\($0.marker)\n" }.joined())
        let answers = probe.lines
        for (candidate, answer) in zip(Self.headerFolders, answers) where !answer.hasSuffix(" missing") && answer.contains(" blob ") {
            return candidate.folder
        }
        let places = Self.headerFolders.map { $0.folder.isEmpty ? "the root" : $0.folder + "/" }
        throw GeneratorDiagnostic(
            .error, at: nil,
            "\(name): revision '\(revision)' has no Xen public headers (looked for xen.h in \(Array(Set(places)).sorted().joined(separator: ", ")))"
        )
    }

    /// The tree object of a revision's header folder (equal trees hold equal headers).
    /// - Parameter revision: A tag, branch or commit.
    /// - Returns: The tree's object id.
    /// - Throws: `GeneratorDiagnostic` when the revision does not exist or has no headers.
    public func treeID(_ revision: String) throws -> String {
        let folder = try headerFolder(at: revision)
        let result = try Self.git([
            "-C", repository, "rev-parse", "--verify", "--quiet", "--end-of-options", "\(revision)^{commit}:\(folder)",
        ])
        guard result.status == 0 else { throw GeneratorDiagnostic(.error, at: nil, "\(name): no revision '\(revision)'") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A revision's headers written out.
    public struct Checkout: Sendable {
        /// The temporary folder holding the headers (laid out like `include/public`); the caller removes it.
        public var folder: URL
        /// Where the revision keeps them, relative to the repository's root (`""` for the root).
        public var headerFolder: String
    }

    /// Writes the public headers of `revision` into a new temporary folder (`git archive REV:FOLDER | tar -x`):
    /// only the header folder, so a whole xen.git tree is never written out.
    /// - Parameter revision: A tag, branch or commit.
    /// - Returns: The folder and where the revision keeps the headers.
    /// - Throws: `GeneratorDiagnostic` naming the repository and revision when git or tar fails.
    public func checkout(_ revision: String) throws -> Checkout {
        let headerFolder = try headerFolder(at: revision)
        let temporary = FileManager.default.temporaryDirectory
        var isDirectory: ObjCBool = false
        // A missing TMPDIR is the user's mistake to hear about, not a folder to create.
        guard FileManager.default.fileExists(atPath: temporary.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GeneratorDiagnostic(
                .error, at: nil, "the temporary folder '\(temporary.path)' (TMPDIR) does not exist or is not a folder")
        }
        let folder = temporary.appendingPathComponent("xen-swiftgen-tree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        // git writes the archive, then tar reads it: two runs of the one runner, no pipe between two children.
        let archive = folder.appendingPathComponent(".headers.tar")
        let archived = try Self.run(
            "git", ["-C", repository, "archive", "--format=tar", "-o", archive.path, "\(revision)^{commit}:\(headerFolder)"])
        let extracted = archived.status == 0 ? try Self.run("tar", ["-x", "-f", archive.path, "-C", folder.path]) : archived
        try? FileManager.default.removeItem(at: archive)
        guard extracted.status == 0 else {
            try? FileManager.default.removeItem(at: folder)
            throw GeneratorDiagnostic(
                .error, at: nil, "\(name): cannot write out the headers of '\(revision)' (git archive | tar -x failed)")
        }
        return Checkout(folder: folder, headerFolder: headerFolder)
    }

    /// The text of one file at a revision, or `nil` when it has none.
    /// - Parameters:
    ///   - path: The path relative to the repository's root.
    ///   - revision: A commit.
    /// - Returns: The file's text.
    public func file(_ path: String, at revision: String) throws -> String? {
        let result = try Self.git(["-C", repository, "cat-file", "blob", "\(revision):\(path)"])
        return result.status == 0 ? result.output : nil
    }

    /// Runs git in the repository and returns its output lines, or throws naming the command.
    /// - Parameters:
    ///   - arguments: git's arguments (after `-C REPO`).
    ///   - input: Standard input for git.
    /// - Returns: The lines of standard output.
    /// - Throws: `GeneratorDiagnostic` when git fails.
    public func lines(_ arguments: [String], input: String? = nil) throws -> [String] {
        let result = try Self.git(["-C", repository] + arguments, input: input)
        guard result.status == 0 else {
            throw GeneratorDiagnostic(.error, at: nil, "\(name): git \(arguments.first ?? "") failed: \(result.errorLine)")
        }
        return result.lines
    }

    /// Whether `ancestor` is an ancestor of `descendant` (or the same commit).
    public func isAncestor(_ ancestor: String, of descendant: String) throws -> Bool {
        try Self.git(["-C", repository, "merge-base", "--is-ancestor", ancestor, descendant]).status == 0
    }

    /// Runs a tool through the package's one subprocess runner; a tool that cannot start is an error naming it.
    static func run(_ tool: String, _ arguments: [String], input: String? = nil) throws -> ToolRunner.Outcome {
        do {
            return try ToolRunner.run(tool, arguments, input: input)
        } catch let failure as ToolRunner.Failure {
            throw GeneratorDiagnostic(.error, at: nil, failure.description)
        }
    }

    /// Runs git with `arguments`, feeding it `input` on standard input.
    static func git(_ arguments: [String], input: String? = nil) throws -> ToolRunner.Outcome {
        try run("git", arguments, input: input)
    }
}
