import Foundation
import XenIR

/// Header trees from a git repository laid out like Xen's `include/public` (the history bundle, or
/// a clone of it): release tags in version order, and any revision written out with `git archive`.
public struct GitTrees: Sendable {
    /// The repository (a work tree or a bare clone).
    public var repository: String

    /// - Parameter repository: The repository's folder.
    /// - Throws: `GeneratorDiagnostic` when it is no git repository.
    public init(repository: String) throws {
        self.repository = repository
        let probe = try Self.git(["-C", repository, "rev-parse", "--git-dir"])
        guard probe.status == 0 else {
            throw GeneratorDiagnostic(.error, at: nil, "\(repository): not a git repository (\(probe.errorLine))")
        }
    }

    /// Tags matching `glob`, oldest version first (`git tag --sort=v:refname`).
    /// - Parameter glob: A `git tag -l` pattern such as `RELEASE-4.*`.
    /// - Returns: The tag names.
    /// - Throws: `GeneratorDiagnostic` when git fails or nothing matches.
    public func tags(matching glob: String) throws -> [String] {
        let result = try Self.git(["-C", repository, "tag", "-l", "--sort=v:refname", glob])
        guard result.status == 0 else { throw GeneratorDiagnostic(.error, at: nil, "\(repository): git tag failed: \(result.errorLine)") }
        let tags = result.output.split(separator: "\n").map(String.init)
        guard !tags.isEmpty else { throw GeneratorDiagnostic(.error, at: nil, "\(repository): no tag matches '\(glob)'") }
        return tags
    }

    /// The tree object of a revision (equal trees hold equal headers).
    /// - Parameter revision: A tag, branch or commit.
    /// - Returns: The tree's object id.
    /// - Throws: `GeneratorDiagnostic` when the revision does not exist.
    public func treeID(_ revision: String) throws -> String {
        let result = try Self.git(["-C", repository, "rev-parse", "--verify", "--quiet", revision + "^{tree}"])
        guard result.status == 0 else { throw GeneratorDiagnostic(.error, at: nil, "\(repository): no revision '\(revision)'") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes the files of `revision` into a new temporary folder (`git archive | tar -x`).
    /// - Parameter revision: A tag, branch or commit.
    /// - Returns: The folder; the caller removes it.
    /// - Throws: `GeneratorDiagnostic` when git or tar fails.
    public func checkout(_ revision: String) throws -> URL {
        _ = try treeID(revision)
        let temporary = FileManager.default.temporaryDirectory
        var isDirectory: ObjCBool = false
        // A missing TMPDIR is the user's mistake to hear about, not a folder to create.
        guard FileManager.default.fileExists(atPath: temporary.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GeneratorDiagnostic(.error, at: nil, "the temporary folder '\(temporary.path)' (TMPDIR) does not exist or is not a folder")
        }
        let folder = temporary.appendingPathComponent("xen-swiftgen-tree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let archive = Process()
        archive.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        archive.arguments = ["git", "-C", repository, "archive", revision]
        let extract = Process()
        extract.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        extract.arguments = ["tar", "-x", "-C", folder.path]
        let pipe = Pipe()
        archive.standardOutput = pipe
        extract.standardInput = pipe
        archive.standardError = FileHandle.nullDevice
        try archive.run()
        try extract.run()
        archive.waitUntilExit()
        extract.waitUntilExit()
        guard archive.terminationStatus == 0, extract.terminationStatus == 0 else {
            try? FileManager.default.removeItem(at: folder)
            throw GeneratorDiagnostic(.error, at: nil, "\(repository): cannot write out '\(revision)' (git archive | tar -x failed)")
        }
        return folder
    }

    /// What a git command printed.
    struct Output {
        var status: Int32
        var output: String
        var error: String
        var errorLine: String { error.split(separator: "\n").first.map(String.init) ?? "exit status \(status)" }
    }

    /// Runs git with `arguments`.
    static func git(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errorData = err.fileHandleForReading.readDataToEndOfFile()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self),
                      error: String(decoding: errorData, as: UTF8.self))
    }
}
