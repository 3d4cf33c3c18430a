import ArgumentParser
import Foundation
import XenChecks
import XenIR
import XenSwiftGen

/// `xen-swiftgen history`: the history ledger of a git repository's releases.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Build the history ledger of every release tag of a Xen git repository.",
        discussion: """
            Walks the tags matching --tags in version order, reads each one's header tree, and records for each \
            family and number every name it had, with first and last release, interface version, status and \
            marker. A number passing to another name fails the run unless an acknowledgement covers it. \
            The ledger shipped with xen-swiftgen is this command's output on the Xen history bundle:
              xen-swiftgen history --xen-git /tmp/xen-public \\
                --acknowledgements Sources/XenSwiftGen/History/acknowledgements.json \\
                --output Sources/XenSwiftGen/History/xen-history.json
            """
    )

    @Option(
        name: .customLong("xen-git"),
        help: ArgumentHelp(
            "Git repository: a xen.git clone (work tree or bare; headers in xen/include/public), or one laid out like include/public.",
            valueName: "repo"))
    var xenGit: String

    @Flag(
        help: ArgumentHelp(
            "Report interface-version values that named two different interfaces, over every branch and tag.",
            discussion: "Reads the headers at every branch and tag and at every commit that changed a version line (and its parent), "
                + "and lists per versioned family each value with the interfaces (ops, and the layouts of the records they carry or reach) "
                + "it named; a value that named two is a warning naming a commit of each. Progress on standard error when it is a terminal."
        ))
    var versions = false

    @Option(help: ArgumentHelp("Tags to walk (a git tag -l pattern).", valueName: "glob"))
    var tags = ShippedHistory.tags

    @Option(help: ArgumentHelp("Reviewed renames and reuses (JSON array of {family, number, from, to, reason}).", valueName: "file"))
    var acknowledgements: String?

    @Option(help: ArgumentHelp("Write the ledger here (default: standard output).", valueName: "file"))
    var output: String?

    @Flag(help: "Write nothing; exit 1 when --output differs from the ledger built now.")
    var check = false

    @Flag(help: "Print every release with its time, and every acknowledged rename or reuse, on standard error.")
    var verbose = false

    func validate() throws {
        if check && output == nil { throw ValidationError("--check needs --output FILE to compare with.") }
        if versions && (check || output != nil || acknowledgements != nil) {
            throw ValidationError("--versions prints a report; it takes none of --output, --check, --acknowledgements.")
        }
    }

    func run() throws {
        if versions { return try runVersions() }
        try Diagnostics.reporting {
            let acknowledged = try acknowledgements.map(ShippedHistory.acknowledgements(at:)) ?? []
            let trees = try GitTrees(repository: xenGit)
            let releases = try trees.tags(matching: tags)
            let reader = try TreeReader(
                environment: ProcessInfo.processInfo.environment, families: try BuiltinFamilies.table(), defines: Defaults.defines,
                target: "x86_64-linux-gnu"
            )
            let verbose = self.verbose
            let clock = ContinuousClock()
            let start = clock.now
            let outcome = try HistoryBuilder(trees: trees, reader: reader).build(releases, acknowledgements: acknowledged) { timing in
                if verbose { Diagnostics.print(String(format: "%@: %.3f s", timing.release, timing.seconds)) }
            }
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            for event in outcome.fold.events where event.acknowledged != nil && verbose {
                Diagnostics.print(event.diagnostic.rendered(root: ""))
            }
            let missing = outcome.fold.unacknowledged
            if !missing.isEmpty {
                let errors = missing.map(\.diagnostic)
                throw GenerationFailure(diagnostics: errors, root: "")
            }
            Diagnostics.print(
                String(
                    format:
                        "history: %d releases (%@ … %@) in %.1f s, %.0f ms per release (equal trees read once); %d renames and reuses, all acknowledged",
                    releases.count, releases.first ?? "", releases.last ?? "", seconds,
                    seconds * 1000 / Double(max(releases.count, 1)), outcome.fold.events.count))
            let data = try LedgerFile.encode(outcome.fold.ledger)
            guard let output else {
                FileHandle.standardOutput.write(data)
                return
            }
            if check {
                guard FileManager.default.contents(atPath: output) == data else {
                    throw GeneratorDiagnostic(
                        .error, at: nil,
                        "\(output) differs from the history built from \(xenGit) (\(tags)); "
                            + "rebuild it with the same command and --output without --check")
                }
                return
            }
            try LedgerFile.write(outcome.fold.ledger, to: output)
        }
    }

    /// `--versions`: the version-collision report.
    private func runVersions() throws {
        try Diagnostics.reporting {
            let trees = try GitTrees(repository: xenGit)
            let table = try BuiltinFamilies.table()
            let reader = try TreeReader(
                environment: ProcessInfo.processInfo.environment, families: table, defines: Defaults.defines,
                target: "x86_64-linux-gnu")
            let terminal = isatty(STDERR_FILENO) == 1
            let clock = ContinuousClock()
            let start = clock.now
            let report = try VersionAudit(trees: trees, reader: reader, specs: table).run { done, total in
                guard terminal else { return }
                FileHandle.standardError.write(Data("\rversions: \(done) of \(total) header trees read".utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
            let elapsed = clock.now - start
            var lines: [String] = []
            var collisions = 0
            for value in report.values {
                let many = value.interfaces.count > 1
                lines.append("\(value.family) \(value.spelling): \(value.interfaces.count) interface\(many ? "s" : "")")
                for (index, interface) in value.interfaces.enumerated() {
                    let first = interface.samples[0]
                    let releases = interface.releases
                    lines.append(
                        "  \(index + 1). from \(first.label), \(interface.samples.count) commits read"
                            + (releases.isEmpty ? "" : "; released as \(releases.joined(separator: ", "))"))
                    for difference in interface.differences.prefix(6) { lines.append("     differs from 1: \(difference)") }
                    if interface.differences.count > 6 { lines.append("     … and \(interface.differences.count - 6) more") }
                }
                guard many else { continue }
                collisions += 1
                let one = value.interfaces[0], two = value.interfaces[1]
                func name(_ interface: VersionAudit.Interface) -> String {
                    let releases = interface.releases
                    return interface.samples[0].label
                        + (releases.isEmpty
                            ? "" : " [released as \(releases.prefix(3).joined(separator: ", "))\(releases.count > 3 ? ", …" : "")]")
                }
                lines.append(
                    "warning: \(value.family) \(value.spelling) named \(value.interfaces.count) different interfaces: "
                        + "\(name(one)) and \(name(two)) (\(two.differences.first ?? "?"))")
            }
            for (commit, reason) in report.unreadable { lines.append("note: \(commit.prefix(10)): not read: \(reason)") }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            lines.append(
                String(
                    format:
                        "versions: %d refs, %d commits, %d header trees read (%d unreadable) in %.0f s; %d values, %d named more than one interface",
                    report.refs, report.commits, report.trees, report.unreadable.count, seconds, report.values.count, collisions))
            FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8))
        }
    }
}
