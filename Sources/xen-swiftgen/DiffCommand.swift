import ArgumentParser
import Foundation
import XenChecks
import XenIR
import XenSwiftGen

/// `xen-swiftgen diff OLD NEW`: the interface diff of two header versions.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Report the interface changes between two header versions.",
        discussion: """
            OLD and NEW are header folders, or revisions of the repository given with --xen-git. Per family: ops \
            added, retired, renamed, renumbered, reused, or removed without a tombstone, the interface version before \
            and after, and a warning when an incompatible change comes without a version bump; per mirrored record: \
            size, alignment, field offset and field type changes.

            Exit status: 0, or 1 under --strict when a family misses its interface version bump.
            """
    )

    @Argument(help: ArgumentHelp("The old headers: a folder, or a revision with --xen-git.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The new headers: a folder, or a revision with --xen-git.", valueName: "new"))
    var new: String

    @Option(name: .customLong("xen-git"), help: ArgumentHelp("Read OLD and NEW as revisions of this git repository.", valueName: "repo"))
    var xenGit: String?

    @Option(help: ArgumentHelp("text (compiler-format lines) or json.", valueName: "format"))
    var format = "text"

    @Flag(help: "Exit 1 when an incompatible change comes without an interface version bump.")
    var strict = false

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json, not '\(format)'.") }
    }

    func run() throws {
        let diff = try Diagnostics.reporting { () throws -> InterfaceDiff in
            let reader = try TreeReader(
                environment: ProcessInfo.processInfo.environment, families: try BuiltinFamilies.table(), defines: ["__XEN_TOOLS__"],
                target: "x86_64-linux-gnu"
            )
            let before = try read(old, reader: reader)
            let after = try read(new, reader: reader)
            return InterfaceDiff.compare(before, after, oldLabel: old, newLabel: new)
        }
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(diff) + Data("\n".utf8))
        } else {
            let lines = diff.diagnostics(strict: strict).map { $0.rendered(root: "") }
            let summary = "\(old) -> \(new): \(diff.families.count) families changed, \(diff.records.count) record layout changes"
                + (diff.missesBump ? ", interface version bump missing in \(diff.families.filter(\.missingBump).map(\.family).joined(separator: ", "))" : "")
            FileHandle.standardOutput.write(Data((lines + [summary]).map { $0 + "\n" }.joined().utf8))
        }
        if strict && diff.missesBump { throw ExitCode.failure }
    }

    /// Reads a folder, or a revision of `--xen-git`.
    private func read(_ source: String, reader: TreeReader) throws -> XenInterface {
        guard let xenGit else { return try reader.read(source, label: source).interface }
        let trees = try GitTrees(repository: xenGit)
        let folder = try trees.checkout(source)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try reader.read(folder.path, label: source).interface
    }
}
