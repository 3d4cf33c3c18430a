import Foundation
import LibClang
import XenChecks
import XenEmitter
import XenIR
import XenReader

/// The whole pipeline: headers → reader → IR → checks → emitter → output folder.
public struct Generator: Sendable {
    /// Everything a run needs, after config and flags are merged.
    public struct Request: Sendable {
        /// The header folder.
        public var xenHeaders: String
        /// A user template folder.
        public var templates: String?
        /// `public`, `internal` or `package`.
        public var accessLevel: AccessLevel
        /// The families to read and emit.
        public var families: [FamilySpec]
        /// The whole family table, which decides which family owns each op whatever is selected.
        public var familyTable: [FamilySpec]
        /// The constant table.
        public var constantGroups: [ConstantGroup]
        /// Macros for the parse.
        public var defines: [String]
        /// The targets to read and emit for, in order (one `#if arch` branch each).
        public var targets: [TargetArchitecture]
        /// Whether `targets` is the default set (neither the config nor the command line chose it):
        /// then a target the headers do not build for (Xen before 4.3 has no arm64) is left out with
        /// a warning instead of failing the run.
        public var targetsAreDefault = false
        /// The ledger file, if any.
        public var ledger: String?
        /// Create the ledger when it does not exist (and write the updated ledger after a clean run).
        public var updateLedger = false
        /// Treat retirements without an interface version bump as errors.
        public var strict = false
        /// Who runs the generator, for hints.
        public var caller = Caller.commandLine
        /// Reviewed renames and reuses from the config.
        public var acknowledgements: [Acknowledgement]
        /// A history ledger to guard the numbers with (the CLI passes ``ShippedHistory`` unless `--no-history`).
        public var history: Ledger?
        /// Revisions of ``xenGit`` to read instead of ``xenHeaders``, one per release series; empty for one tree.
        public var releases: [String]
        /// The repository ``releases`` come from.
        public var xenGit: String?

        /// Builds a request from a config, filling defaults.
        /// - Parameter config: The merged config.
        /// - Throws: `GeneratorDiagnostic` when the family selection is invalid.
        public init(config: Config) throws {
            xenHeaders = config.xenHeaders ?? Defaults.xenHeaders
            templates = config.templates
            accessLevel = config.accessLevel ?? .public
            families = try config.resolvedFamilies()
            familyTable = try config.resolvedTable()
            constantGroups = try config.resolvedConstantGroups()
            defines = config.defines ?? Defaults.defines
            targets = try TargetArchitecture.resolve(try config.resolvedTargets())
            targetsAreDefault = config.targets == nil && config.target == nil
            ledger = config.ledger
            acknowledgements = config.acknowledgements ?? []
            releases = config.releases ?? []
            xenGit = config.xenGit
            if !releases.isEmpty && xenGit == nil {
                throw GeneratorDiagnostic(
                    .error, at: nil, "'releases' are revisions of a git repository: set 'xenGit' (or pass --xen-git) too")
            }
        }
    }

    /// What `generate` produced.
    public struct Outcome: Sendable {
        /// The targets' IRs and what they share.
        public var merged: MergedInterface
        /// The emitted files.
        public var files: [GeneratedFile]
        /// Warnings to print.
        public var warnings: [GeneratorDiagnostic]
        /// Every file clang read.
        public var filesRead: [String]
        /// The updated ledger, when a ledger was given; write it only after the output.
        public var ledger: Ledger?
    }

    /// Receives progress lines for `--verbose`.
    let log: @Sendable (String) -> Void
    private let environment: [String: String]

    /// - Parameters:
    ///   - environment: The process environment (for `LIBCLANG_PATH`).
    ///   - log: Progress output, one line per call.
    public init(environment: [String: String], log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.environment = environment
        self.log = log
    }

    /// Under `__XEN__`, hvm/save.h includes the hypervisor's own `xen/lib.h` for `BUG()`, which is no
    /// public header; this in-memory stand-in supplies just that macro.
    static let hypervisorStandIns = ["xen/lib.h": "#define BUG() do { } while (0)\n"]

    /// Reads the headers into the IR for the first target of the request (what `dump-ir` prints).
    /// - Parameter request: The run's settings.
    /// - Returns: The reader's result.
    /// - Throws: ``GenerationFailure``.
    public func read(_ request: Request) throws -> HeaderReader.Result {
        var first = request
        first.targets = Array(request.targets.prefix(1))
        guard let result = try readTargets(first).first else { throw GeneratorDiagnostic(.error, at: nil, "no target to read") }
        return result
    }

    /// ``readTargets(_:)``, leaving out default targets that the headers do not build for.
    ///
    /// With the default targets, a target whose parse fails with clang errors while another target's
    /// succeeds is dropped from `request`, and every remaining result carries one warning naming it
    /// and clang's first error; the output's `#error` guard then refuses that architecture. Targets
    /// the user chose are never dropped.
    /// - Parameter request: The run's settings; its `targets` lose the dropped ones.
    /// - Returns: One result per remaining target, in target order.
    /// - Throws: ``GenerationFailure`` as ``readTargets(_:)`` does.
    func readSupportedTargets(_ request: inout Request) throws -> [HeaderReader.Result] {
        let attempts = try readEachTarget(request)
        guard request.targetsAreDefault, attempts.count > 1 else { return try attempts.map { try $0.get() } }
        guard attempts.contains(where: { (try? $0.get()) != nil }) else { return try attempts.map { try $0.get() } }
        var kept: [TargetArchitecture] = []
        var results: [HeaderReader.Result] = []
        var notes: [GeneratorDiagnostic] = []
        for (target, attempt) in zip(request.targets, attempts) {
            switch attempt {
            case .success(let result):
                kept.append(target)
                results.append(result)
            case .failure(let failure as GenerationFailure):
                let first = failure.diagnostics.first.map { $0.rendered(root: failure.root) } ?? "clang errors"
                notes.append(
                    GeneratorDiagnostic(
                        .warning, at: nil,
                        "these headers do not build for \(target.triple) (\(first)); generating for the other targets only"))
            case .failure(let error):
                throw error
            }
        }
        request.targets = kept
        return results.map { result in
            var result = result
            result.warnings = notes + result.warnings
            return result
        }
    }

    /// Reads the headers once per target, the targets in parallel (each parse has its own libclang
    /// index), with libclang loaded once. Under `__XEN__` (the hypervisor's view) the reader gets
    /// `hypervisorStandIns`.
    /// - Parameter request: The run's settings.
    /// - Returns: One result per target, in target order.
    /// - Throws: ``GenerationFailure`` with the first failure in target order.
    public func readTargets(_ request: Request) throws -> [HeaderReader.Result] {
        try readEachTarget(request).map { try $0.get() }
    }

    /// Each target's read, or its failure, in target order; the targets in parallel.
    /// - Parameter request: The run's settings.
    /// - Returns: One outcome per target.
    /// - Throws: ``GenerationFailure`` when the tree or libclang cannot be used at all.
    private func readEachTarget(_ request: Request) throws -> [Result<HeaderReader.Result, Error>] {
        let tree = try HeaderTree(path: request.xenHeaders, setting: request.caller.headerFolderSetting)
        do {
            let clang = try timed("load libclang") {
                do { return try LibClang.load(environment: environment) } catch let error as LibClangError {
                    throw GeneratorDiagnostic(.error, at: nil, error.description)
                }
            }
            log("libclang: \(clang.path) (\(clang.version))")
            let standIns = request.defines.contains("__XEN__") ? Self.hypervisorStandIns : [:]
            let results = timed("read headers (\(request.targets.map(\.triple).joined(separator: ", ")))") {
                concurrentMap(request.targets) { target in
                    Result { try read(tree, clang: clang, request: request, target: target, standIns: standIns) }
                }
            }
            return results.map { result in
                result.mapError { error in
                    guard let diagnostic = error as? GeneratorDiagnostic, diagnostic.location != nil else { return error }
                    return GenerationFailure(diagnostics: [diagnostic], root: tree.displayPath)
                }
            }
        } catch let diagnostic as GeneratorDiagnostic where diagnostic.location != nil {
            // Reader findings carry tree-relative paths; print them under the folder the user named.
            throw GenerationFailure(diagnostics: [diagnostic], root: tree.displayPath)
        }
    }

    /// Reads `tree` for one target.
    private func read(
        _ tree: HeaderTree, clang: LibClang, request: Request, target: TargetArchitecture, standIns: [String: String]
    ) throws -> HeaderReader.Result {
        let options = HeaderReader.Options(
            families: request.families, table: request.familyTable, defines: request.defines, target: target.triple, standIns: standIns,
            constantGroups: request.constantGroups
        )
        let result = try timed("read \(target.triple)") {
            do { return try HeaderReader(clang: clang).read(tree, options: options) } catch let error as ReaderError {
                throw GenerationFailure(diagnostics: error.diagnostics, root: error.root)
            }
        }
        log(
            "\(target.triple): read \(result.interface.headers.count) headers: \(result.interface.families.count) families, "
                + "\(result.interface.families.reduce(0) { $0 + $1.ops.count }) ops, \(result.interface.records.count) records")
        for request in result.interface.requests {
            log("payloads of \(request.family): \(request.bindings.count) ops bound, \(request.unmapped.count) not mapped")
            for entry in request.unmapped { log("  not mapped: \(entry.op): \(entry.reason)") }
        }
        let bound = Set(result.interface.requests.map(\.family))
        for spec in request.families
        where spec.request != nil && !bound.contains(spec.name)
            && result.interface.family(named: spec.name) != nil
        {
            log("no typed commands for \(spec.name): these headers lack its request record or payload union")
        }
        if !result.skippedFamilies.isEmpty {
            log("families not in these headers: \(result.skippedFamilies.joined(separator: ", "))")
        }
        return result
    }

    /// Reads (each target in parallel), checks each target, merges and emits, without writing.
    /// - Parameter request: The run's settings.
    /// - Returns: The files and findings.
    /// - Throws: ``GenerationFailure`` with every error found (and the warnings and notes around them).
    public func generate(_ request: Request) throws -> Outcome {
        RunCheckpoints.reached("started")
        let previousLedger = try request.ledger.map { try LedgerFile.load($0, allowMissing: request.updateLedger) }
        var request = request
        let results = try request.releases.isEmpty ? readSupportedTargets(&request) : readReleases(&request)
        let root = request.xenHeaders // the folder as the user named it, as `read` prints it
        let acknowledgements = request.acknowledgements + (previousLedger?.acknowledgements ?? [])
        // The checks see each target's IR on its own: a reuse under one architecture's `#if` fails the run.
        var findings: [GeneratorDiagnostic] = []
        var checked: [XenInterface] = []
        var updatedLedger: Ledger?
        // Xen's history guards Xen's public headers (a tree with xen.h, any release), not a partial tree such as a fixture.
        let history = request.history.flatMap { history in
            !request.releases.isEmpty
                || FileManager.default.fileExists(
                    atPath: URL(fileURLWithPath: request.xenHeaders).appendingPathComponent(Defaults.rootHeader).path)
                ? history : nil
        }
        for result in results {
            findings += timed("check") {
                ReuseCheck.check(result.interface, acknowledgements: acknowledgements) + PortableLayoutCheck.check(result.interface)
            }
            var reservedHere: [String: [ReservedNumber]] = [:]
            if let previousLedger, let path = request.ledger {
                let update = timed("update ledger") {
                    LedgerUpdate(
                        previous: previousLedger, acknowledgements: request.acknowledgements, ledgerPath: path, strict: request.strict
                    )
                    .update(with: result.interface)
                }
                findings += update.diagnostics
                reservedHere = update.reserved
                // The ledger records the first target's view; every target's reserved numbers guard its own branch.
                if updatedLedger == nil { updatedLedger = update.ledger }
            }
            if let history {
                let guarded = timed("check history") {
                    HistoryGuard(history: history, acknowledgements: request.acknowledgements, source: ShippedHistory.name).check(
                        result.interface)
                }
                findings += guarded.diagnostics
                reservedHere.merge(guarded.reserved) { fromLedger, fromHistory in
                    fromLedger + fromHistory.filter { number in !fromLedger.contains { $0.number == number.number } }
                }
            }
            checked.append(OwnershipResolution.resolve(result.interface, reserved: reservedHere, acknowledgements: acknowledgements))
        }
        findings = Self.unique(findings)
        // A reader warning only some targets raise is about an architecture's own part of the headers
        // (the family table binding an x86-only payload, read on arm64): it goes to the log, not to the user.
        let warnings = Self.unique(results.flatMap(\.warnings)).filter { warning in
            let raisedBy = zip(request.targets, results).filter { $0.1.warnings.contains(warning) }.map(\.0.triple)
            if raisedBy.count == results.count { return true }
            log("\(warning.rendered(root: root)) [only for \(raisedBy.joined(separator: ", "))]")
            return false
        }
        if findings.contains(where: { $0.severity == .error }) {
            throw GenerationFailure(diagnostics: warnings + findings, root: root)
        }
        let variants = zip(request.targets, checked).map { MergedInterface.Variant(target: $0, interface: $1) }
        let merged = MergedInterface(variants: variants)
        let emitter = try SwiftEmitter(
            options: .init(
                accessLevel: request.accessLevel, templatesDirectory: request.templates.map { URL(fileURLWithPath: $0) }
            ))
        for (name, source) in emitter.templateSources.sorted(by: { $0.key < $1.key }) { log("template \(name): \(source)") }
        let files = try timed("emit") {
            do { return try emitter.emit(merged) } catch let diagnostic as GeneratorDiagnostic {
                throw GenerationFailure(diagnostics: [diagnostic], root: root)
            }
        }
        let filesRead = Array(Set(results.flatMap(\.filesRead))).sorted()
        return Outcome(merged: merged, files: files, warnings: warnings + findings, filesRead: filesRead, ledger: updatedLedger)
    }

    /// `diagnostics` without repeats (the targets share most headers, so they share most findings), in first-seen order.
    static func unique(_ diagnostics: [GeneratorDiagnostic]) -> [GeneratorDiagnostic] {
        var result: [GeneratorDiagnostic] = []
        for diagnostic in diagnostics where !result.contains(diagnostic) { result.append(diagnostic) }
        return result
    }

    /// Runs `body`, logging how long it took.
    func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try body()
        let elapsed = clock.now - start
        log(String(format: "%@: %.1f ms", stage, Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000))
        return value
    }
}

/// A run failed with `diagnostics`, printed with `GeneratorDiagnostic.rendered(root:)` (one per line, compiler format).
public struct GenerationFailure: Error, CustomStringConvertible {
    /// The errors, with the warnings and notes around them.
    public var diagnostics: [GeneratorDiagnostic]
    /// The header folder as the user named it: tree-relative locations are printed under it.
    public var root: String

    /// - Parameters:
    ///   - diagnostics: The errors.
    ///   - root: The header folder as the user named it.
    public init(diagnostics: [GeneratorDiagnostic], root: String) {
        self.diagnostics = diagnostics
        self.root = root
    }

    /// The rendered diagnostics.
    public var text: String { diagnostics.map { $0.rendered(root: root) }.joined(separator: "\n") }

    public var description: String { text }
}
