import ArgumentParser
import Foundation
import XenChecks
import XenIR
import XenSwiftGen

/// `xen-swiftgen diff OLD NEW`: the interface diff of two header versions.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Report the interface changes between two header versions; with --strict, a patch check for CI.",
        discussion: """
            OLD and NEW are header folders, or revisions of the git repository given with --xen-git: a clone of \
            xen.git (work tree, bare or worktree; the headers are read from xen/include/public) or a repository \
            laid out like include/public. A revision range is a patch check:
              xen-swiftgen diff --xen-git . origin/staging HEAD
            Per family: ops added, retired, renamed, renumbered, reused, or removed without a tombstone, the \
            interface version before and after, and a verdict when an incompatible change (a retired or removed op, \
            a layout change of a record an op carries or reaches, guest handles included) comes without a bump. \
            Following Xen's rule (xen.git 3f6ee3db2e), a bump is needed once per development cycle: with --xen-git, \
            a change without a bump of its own is covered when the version was already bumped since the cycle \
            started (the newest release the old revision does not contain branched off, or the last release tag \
            of a stable branch). Ops marked /* stable interface */ are called with version 0 and need no bump; \
            an incompatible change of their payload fails.

            Exit status: 0, or 1 under --strict when a family misses its bump, a number is reused or left \
            without a tombstone, or a stable op's payload changes incompatibly.
            """
    )

    @Argument(help: ArgumentHelp("The old headers: a folder, or a revision with --xen-git.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The new headers: a folder, or a revision with --xen-git.", valueName: "new"))
    var new: String

    @Option(
        name: .customLong("xen-git"),
        help: ArgumentHelp(
            "Read OLD and NEW as revisions of this git repository (a xen.git clone, or the history bundle's).", valueName: "repo"))
    var xenGit: String?

    @Option(help: ArgumentHelp("text (compiler-format lines), json (the diff), or sarif (SARIF 2.1.0, for CI).", valueName: "format"))
    var format = "text"

    @Flag(help: "Exit 1 when the patch check fails (a missing bump, a reuse, a number without a tombstone, a stable op broken).")
    var strict = false

    @Flag(
        help: ArgumentHelp(
            "Check every commit of OLD..NEW against its parent (a patch series; needs --xen-git, text only).",
            discussion: "Prints each commit with findings, its lines, and one verdict line per commit: check: COMMIT DATE VERDICT SUBJECT.")
    )
    var each = false

    func validate() throws {
        guard ["text", "json", "sarif"].contains(format) else {
            throw ValidationError("--format must be text, json or sarif, not '\(format)'.")
        }
        if each && (xenGit == nil || format != "text") { throw ValidationError("--each checks commits of --xen-git and prints text.") }
    }

    func run() throws {
        if each { return try runSeries() }
        let diff = try Diagnostics.reporting { () throws -> InterfaceDiff in
            let reader = try TreeReader(
                environment: ProcessInfo.processInfo.environment, families: try BuiltinFamilies.table(), defines: Defaults.defines,
                target: "x86_64-linux-gnu"
            )
            let check = PatchCheck(reader: reader)
            guard let xenGit else { return try check.compare(folder: old, new) }
            return try check.compare(revision: old, new, in: try GitTrees(repository: xenGit))
        }
        switch format {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(diff) + Data("\n".utf8))
        case "sarif":
            FileHandle.standardOutput.write(
                try SARIFReport.render(diff.findings(strict: strict, withRevision: xenGit == nil)) + Data("\n".utf8))
        default:
            let lines = diff.diagnostics(strict: strict).map { $0.rendered(root: "") }
            FileHandle.standardOutput.write(Data((lines + [diff.summary]).map { $0 + "\n" }.joined().utf8))
        }
        if strict && diff.fails { throw ExitCode.failure }
    }

    /// `--each`: every commit of the range against its parent.
    private func runSeries() throws {
        var failed = 0
        try Diagnostics.reporting {
            let reader = try TreeReader(
                environment: ProcessInfo.processInfo.environment, families: try BuiltinFamilies.table(), defines: Defaults.defines,
                target: "x86_64-linux-gnu"
            )
            let trees = try GitTrees(repository: xenGit ?? ".")
            let strict = self.strict
            try PatchCheck(reader: reader).series(from: old, to: new, in: trees) { entry in
                var lines: [String] = []
                let verdict: String
                switch entry.result {
                case .success(let diff):
                    let findings = diff.diagnostics(strict: strict).filter { $0.severity != .note }
                    if !findings.isEmpty {
                        lines = ["commit \(entry.commit) \(entry.date) \(entry.subject)"] + findings.map { $0.rendered(root: "") }
                    }
                    var kinds: [String] = []
                    if diff.missesBump { kinds.append("missing-bump") }
                    if diff.families.contains(where: { !$0.forbidden.isEmpty }) { kinds.append("reuse-or-vanish") }
                    if diff.families.contains(where: { !$0.stableBreaks.isEmpty }) { kinds.append("stable-break") }
                    if diff.families.contains(where: { $0.bumpedInCycle != nil }) { kinds.append("cycle-bump") }
                    if diff.fails { failed += 1 }
                    verdict = kinds.isEmpty ? (findings.isEmpty ? "clean" : "warnings") : kinds.joined(separator: ",")
                case .failure(let error):
                    let text =
                        (error as? GenerationFailure)?.diagnostics.first { $0.severity == .error }?.rendered(root: "")
                        ?? (error as? GeneratorDiagnostic)?.message ?? "\(error)"
                    verdict = "unreadable"
                    lines = ["commit \(entry.commit) \(entry.date) \(entry.subject)", "note: not read: \(text)"]
                }
                lines.append("check: \(entry.commit.prefix(12)) \(entry.date) \(verdict) \(entry.subject)")
                FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8))
            }
        }
        if strict && failed > 0 { throw ExitCode.failure }
    }
}
