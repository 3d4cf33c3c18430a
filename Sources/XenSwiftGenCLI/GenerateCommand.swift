import ArgumentParser
import Foundation
import XenIR
import XenSwiftGen

/// `xen-swiftgen generate`.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate Swift bindings into an output folder.",
        discussion: """
            Writes one <SwiftName>.swift per op family (op enum, retired members, number guard), \
            <Header>Records.swift with the C-exact structs, <Family>Command.swift with the typed requests, \
            and the support files XenArchitectureGuard.swift, XenRecordSupport.swift and XenRecordLayout.swift. Files are written only when \
            complete (staged, then renamed into place) and only when their bytes change; generated files \
            that are no longer produced are removed. Nothing outside the output folder is touched.

            Config: --config FILE, else ./xen-swiftgen-config.json when it exists and --xen-headers is not given \
            (this repository's names the Xen release set Generated/ is made from). --xen-headers DIR reads that one \
            header tree, replacing a config's "releases"; XEN_HISTORY_BUNDLE, when set, replaces its "xenGit".

            Families: every family of the table unless the config's "families" key selects some; \
            `xen-swiftgen families` lists their names.

            Exit status: 0 on success, 1 on any error (a reused op number, a clang error, a bad config, …) \
            and with --check when the folder is stale, 64 when the command line is wrong.
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp("Output folder.", discussion: "Default: ./Generated.", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("Template folder overriding the built-in templates (missing ones fall back).", valueName: "dir"))
    var templates: String?

    @Option(name: .customLong("access-level"), help: ArgumentHelp("Access level of the emitted API: public, internal or package."))
    var accessLevel: AccessLevel?

    @Option(
        name: .customLong("release"),
        help: ArgumentHelp(
            "A revision of --xen-git to generate for (repeatable, one per release series, such as RELEASE-4.17.7).",
            discussion: "Several releases give one output: every op any of them defines, each usable on the releases whose headers "
                + "lay its payload out as the output does; the runtime sends each release its own interface version. Replaces --xen-headers.",
            valueName: "revision"))
    var releases: [String] = []

    @Option(
        name: .customLong("xen-git"),
        help: ArgumentHelp(
            "The git repository --release names revisions of (a clone of xen.git, or of the history bundle).", valueName: "repo"))
    var xenGit: String?

    @Flag(help: "Write nothing; exit 1 with a summary when the output folder differs from what would be generated.")
    var check = false

    @Option(
        help: ArgumentHelp(
            "Op ledger (JSON) recording every number each family has ever used, across header versions.",
            discussion: "A number held in the ledger by another name fails the run; a number that vanished stays reserved.",
            valueName: "file"))
    var ledger: String?

    @Flag(name: .customLong("update-ledger"), help: "Write the updated ledger (creating it if needed), only when the run has no errors.")
    var updateLedger = false

    @Flag(help: "Treat ops retired without an interface version bump as errors, not warnings.")
    var strict = false

    @Flag(
        name: .customLong("no-history"),
        help: ArgumentHelp(
            "Do not apply the shipped history of every Xen release.",
            discussion:
                "By default a number any Xen release gave to another name fails the run, and numbers the headers no longer show stay reserved."
        ))
    var noHistory = false

    @Option(
        name: .customLong("single-file"),
        help: ArgumentHelp(
            "Write everything into one file with this name (such as XenBindings.swift) instead of one file per family.",
            discussion: "The build tool plugin uses it: a build command must name its outputs before the generator runs.",
            valueName: "name"))
    var singleFile: String?

    @Flag(
        name: .customLong("skip-unchanged"),
        help: ArgumentHelp(
            "Do nothing when no input changed since the last complete run into the output folder.",
            discussion: """
                Inputs are this xen-swiftgen build, the arguments, LIBCLANG_PATH, the config, every file under the \
                header folder and the template folder, the ledger, and the output files themselves; their sizes, \
                modification times and inodes are kept in <output>/.xen-swiftgen-inputs. That file's modification \
                time is refreshed on every run, so a build system that lists it as an input runs the command every \
                time and lets the generator decide (the build tool plugin works so).
                """))
    var skipUnchanged = false

    @Option(help: ArgumentHelp("Who runs the generator (command-line, build-plugin, command-plugin), for hints.", visibility: .hidden))
    var caller: Caller = .commandLine

    /// The config `generate` reads from the working folder when no `--config` names one.
    static let configFileName = "xen-swiftgen-config.json"
    /// The environment variable that names the repository of a config's `releases` (the history bundle),
    /// replacing its `xenGit`; `--xen-git` wins over both.
    static let historyBundleVariable = "XEN_HISTORY_BUNDLE"

    /// `./xen-swiftgen-config.json` when it exists and neither `--config` nor `--xen-headers` is given (so
    /// `generate` in this repository's root reads the release set that `Generated/` is made from), else nil.
    var defaultConfig: String? {
        guard common.config == nil, common.xenHeaders == nil, FileManager.default.fileExists(atPath: Self.configFileName) else {
            return nil
        }
        return Self.configFileName
    }

    func validate() throws {
        if updateLedger && check {
            throw ValidationError("--update-ledger and --check cannot be combined: --check writes nothing.")
        }
        if skipUnchanged && check {
            throw ValidationError("--skip-unchanged and --check cannot be combined: --check always compares the output.")
        }
    }

    func run() throws {
        try Diagnostics.reporting {
            var config = try common.mergedConfig(default: defaultConfig)
            if let output { config.output = output }
            if let templates { config.templates = templates }
            if let accessLevel { config.accessLevel = accessLevel }
            if let ledger { config.ledger = ledger }
            if !releases.isEmpty { config.releases = releases }
            if let bundle = ProcessInfo.processInfo.environment[Self.historyBundleVariable], !bundle.isEmpty,
                config.releases?.isEmpty == false
            {
                config.xenGit = bundle
            }
            if let xenGit { config.xenGit = xenGit }
            var request = try Generator.Request(config: config)
            request.updateLedger = updateLedger
            request.strict = strict
            request.caller = caller
            if updateLedger && request.ledger == nil {
                throw GeneratorDiagnostic(
                    .error, at: nil, "--update-ledger needs a ledger: pass --ledger FILE or set 'ledger' in the config")
            }
            // The output folder is the writer's alone: the generator produces files, never paths.
            let outputFolder = config.output ?? Defaults.output
            let writer = try OutputWriter(folder: outputFolder)
            try writer.refuseUnsafeFolder(headers: request.xenHeaders, setting: output != nil ? "--output" : "output folder")
            // Only --skip-unchanged needs the fingerprint: a plain run does not stat the header tree.
            let fingerprint =
                skipUnchanged
                ? InputFingerprint.inputs(
                    of: request, config: common.config ?? defaultConfig, arguments: Array(CommandLine.arguments.dropFirst()),
                    environment: ProcessInfo.processInfo.environment) : nil
            if let fingerprint, let stored = InputFingerprint.stored(in: writer.folder),
                stored == fingerprint.addingOutputs(in: writer.folder)
            {
                try stored.store(in: writer.folder)
                print("xen-swiftgen: \(writer.folder.path) is up to date (no input changed since the last run)")
                return
            }
            // The shipped history is part of this build of the tool, which the fingerprint covers.
            if !noHistory { request.history = try ShippedHistory.load(for: request.families) }
            let outcome = try common.makeGenerator().generate(request)
            for warning in outcome.warnings { Diagnostics.print(warning.rendered(root: request.xenHeaders)) }
            let files = try singleFile.map { [try SingleFileBundle.bundle(outcome.files, named: $0)] } ?? outcome.files
            if check {
                let plan = try writer.plan(files)
                guard plan.isCurrent else {
                    let notes =
                        plan.added.map { "missing: \($0)" } + plan.changed.map { "differs: \($0)" }
                        + plan.removed.map { "stale: \($0)" }
                    throw GeneratorDiagnostic(
                        .error, at: nil,
                        "'\(outputFolder)' is not current with \(request.sourceDescription) (run '\(caller.regenerateCommand)' to update it)",
                        notes: notes.map { GeneratorDiagnostic(.note, at: nil, $0) })
                }
                print(
                    "xen-swiftgen: \(writer.folder.path) is current with \(request.sourceDescription) (\(plan.unchanged.count) files checked)"
                )
                return
            }
            let plan = try writer.write(files)
            if updateLedger, let merged = outcome.ledger, let path = request.ledger {
                let changed = try LedgerFile.write(merged, to: path)
                print("xen-swiftgen: \(changed ? "updated" : "kept") the ledger \(path)")
            }
            try fingerprint?.addingOutputs(in: writer.folder).store(in: writer.folder)
            if common.verbose {
                Diagnostics.print(
                    "wrote \(plan.added.count + plan.changed.count) files, \(plan.unchanged.count) unchanged, "
                        + "\(plan.removed.count) removed in \(writer.folder.path)")
            }
            let first = outcome.merged.variants.first?.interface
            let targets = outcome.merged.variants.map(\.target.triple).joined(separator: ", ")
            print(
                "xen-swiftgen: \(first?.families.count ?? 0) op families and \(first?.records.count ?? 0) records "
                    + "from \(request.sourceDescription) (\(targets)) -> \(writer.folder.path): \(plan.added.count) added, \(plan.changed.count) changed, "
                    + "\(plan.unchanged.count) unchanged, \(plan.removed.count) removed")
        }
    }
}

extension Caller: ExpressibleByArgument {}
