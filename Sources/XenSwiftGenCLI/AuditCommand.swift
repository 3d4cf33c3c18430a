import ArgumentParser
import Foundation
import XenIR
import XenSwiftGen

/// `xen-swiftgen audit`.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Parse the headers under the tools and the hypervisor configuration and report number reuses.",
        discussion: """
            `generate` reads the headers as the tools see them (-D__XEN_TOOLS__), so an op compiled only into \
            the hypervisor (#ifdef __XEN__) is invisible to it. `audit` parses under both configurations \
            (and under every --target given), runs the reuse checks on each, and prints every reuse with the \
            configurations that show it. On the libxen-dev headers it reports that XEN_DOMCTL 23 is retired as \
            arch_setup but live as soft_reset_cont under __XEN__.

            Findings are warnings (exit 0); --strict makes them errors (exit 1). Acknowledgements in the \
            config turn a reviewed reuse into a note. With --xen-git, the headers are those of --revision \
            (default HEAD) of a xen.git clone (xen/include/public) or of the history bundle.
            """
    )

    @Option(
        name: .customLong("xen-git"),
        help: ArgumentHelp(
            "Audit the headers of a revision of this git repository (a xen.git clone, or the history bundle's) instead of --xen-headers.",
            valueName: "repo"))
    var xenGit: String?

    @Option(help: ArgumentHelp("The revision of --xen-git to audit.", valueName: "rev"))
    var revision = "HEAD"

    @OptionGroup var common: CommonOptions

    @Flag(help: "Exit 1 when any reuse is found.")
    var strict = false

    func validate() throws {
        if xenGit != nil && common.xenHeaders != nil {
            throw ValidationError("--xen-git and --xen-headers name two header sources; give one.")
        }
        if !common.defines.isEmpty {
            throw ValidationError("--define does not apply to audit: it parses under __XEN_TOOLS__ and under __XEN__ itself.")
        }
    }

    func run() throws {
        try Diagnostics.reporting {
            var merged = try common.mergedConfig()
            // A revision is written out to a temporary folder; messages name the revision instead.
            var label: String?
            var checkout: GitTrees.Checkout?
            defer { if let checkout { try? FileManager.default.removeItem(at: checkout.folder) } }
            if let xenGit {
                let trees = try GitTrees(repository: xenGit)
                checkout = try trees.checkout(revision)
                merged.xenHeaders = checkout?.folder.path
                label = checkout.map { $0.headerFolder.isEmpty ? revision : "\(revision)/\($0.headerFolder)" }
            }
            let request = try Generator.Request(config: merged)
            let generator = common.makeGenerator()
            let configurations = request.targets.flatMap {
                Audit.Configuration.standard(target: $0.triple, labelled: request.targets.count > 1)
            }
            let findings: [Audit.Finding]
            do {
                findings = try Audit(generator: generator).run(request, configurations: configurations)
            } catch var failure as GenerationFailure {
                if let label { failure.root = label }
                throw failure
            }
            let all = configurations.map(\.label)
            for finding in findings {
                var diagnostic = finding.diagnostic
                if diagnostic.severity == .error { diagnostic.severity = strict ? .error : .warning }
                let scope =
                    finding.seenUnder.count == all.count
                    ? "in every configuration" : "only under \(finding.seenUnder.joined(separator: ", "))"
                diagnostic.message += " [\(scope)]"
                print(diagnostic.rendered(root: label ?? request.xenHeaders))
            }
            let reuses = findings.filter { $0.diagnostic.severity == .error }.count
            print("audit: \(reuses) reuse\(reuses == 1 ? "" : "s") in \(all.count) configurations (\(all.joined(separator: ", ")))")
            if strict && reuses > 0 { throw ExitCode.failure }
        }
    }
}
