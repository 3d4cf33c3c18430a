import Foundation
import LibClang
import XenChecks
import XenEmitter
import XenIR
import XenReader

/// The whole pipeline: headers → reader → IR → checks → emitter → output folder.
public struct Generator {
    /// Everything a run needs, after config and flags are merged.
    public struct Request: Sendable {
        /// The header folder.
        public var xenHeaders: String
        /// The output folder.
        public var output: String
        /// A user template folder.
        public var templates: String?
        /// `public`, `internal` or `package`.
        public var accessLevel: String
        /// The family table to read.
        public var families: [FamilySpec]
        /// Macros for the parse.
        public var defines: [String]
        /// Clang target triple.
        public var target: String
        /// The ledger file, if any.
        public var ledger: String?
        /// Create the ledger when it does not exist (and write the merged ledger after a clean run).
        public var updateLedger = false
        /// Treat retirements without an interface version bump as errors.
        public var strict = false
        /// Reviewed renames and reuses from the config.
        public var acknowledgements: [Acknowledgement]
        /// A history ledger to guard the numbers with (the CLI passes ``ShippedHistory`` unless `--no-history`).
        public var history: Ledger?

        /// Builds a request from a config, filling defaults.
        /// - Parameter config: The merged config.
        /// - Throws: ``GeneratorDiagnostic`` when the family selection is invalid.
        public init(config: Config) throws {
            xenHeaders = config.xenHeaders ?? "/usr/include/xen"
            output = config.output ?? "Generated"
            templates = config.templates
            accessLevel = config.accessLevel ?? "public"
            families = try config.resolvedFamilies()
            defines = config.defines ?? ["__XEN_TOOLS__"]
            target = config.target ?? "x86_64-linux-gnu"
            ledger = config.ledger
            acknowledgements = config.acknowledgements ?? []
        }
    }

    /// What `generate` produced.
    public struct Outcome: Sendable {
        /// The IR.
        public var interface: XenInterface
        /// The emitted files.
        public var files: [GeneratedFile]
        /// Warnings to print.
        public var warnings: [GeneratorDiagnostic]
        /// Every file clang read.
        public var filesRead: [String]
        /// The merged ledger, when a ledger was given; write it only after the output.
        public var ledger: Ledger?
    }

    /// Receives progress lines for `--verbose`.
    private let log: @Sendable (String) -> Void
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

    /// Reads the headers into the IR. Under `__XEN__` (the hypervisor's view) the reader gets
    /// ``hypervisorStandIns``.
    /// - Parameter request: The run's settings.
    /// - Returns: The reader's result.
    /// - Throws: ``GenerationFailure``.
    public func read(_ request: Request) throws -> HeaderReader.Result {
        let tree = try HeaderTree(path: request.xenHeaders)
        do {
            let standIns = request.defines.contains("__XEN__") ? Self.hypervisorStandIns : [:]
            return try read(tree, request: request, standIns: standIns)
        } catch let diagnostic as GeneratorDiagnostic where diagnostic.location != nil {
            // Reader findings carry tree-relative paths; print them under the folder the user named.
            throw GenerationFailure(diagnostics: [diagnostic], root: tree.displayPath)
        }
    }

    /// Loads libclang and reads `tree`.
    private func read(_ tree: HeaderTree, request: Request, standIns: [String: String]) throws -> HeaderReader.Result {
        let clang = try timed("load libclang") {
            do { return try LibClang.load(environment: environment) } catch let error as LibClangError {
                throw GeneratorDiagnostic(.error, at: nil, error.description)
            }
        }
        log("libclang: \(clang.path) (\(clang.version))")
        let options = HeaderReader.Options(
            families: request.families, defines: request.defines, target: request.target, standIns: standIns
        )
        let result = try timed("read headers") {
            do { return try HeaderReader(clang: clang).read(tree, options: options) } catch let error as ReaderError {
                throw GenerationFailure(text: error.description)
            }
        }
        log("read \(result.interface.headers.count) headers: \(result.interface.families.count) families, "
            + "\(result.interface.families.reduce(0) { $0 + $1.ops.count }) ops, \(result.interface.records.count) records")
        for request in result.interface.requests {
            log("payloads of \(request.family): \(request.bindings.count) ops bound, \(request.unmapped.count) not mapped")
            for entry in request.unmapped { log("  not mapped: \(entry.op): \(entry.reason)") }
        }
        let bound = Set(result.interface.requests.map(\.family))
        for spec in request.families where spec.request != nil && !bound.contains(spec.name)
            && result.interface.family(named: spec.name) != nil {
            log("no typed commands for \(spec.name): these headers lack its request record or payload union")
        }
        if !result.skippedFamilies.isEmpty {
            log("families not in these headers: \(result.skippedFamilies.joined(separator: ", "))")
        }
        return result
    }

    /// Reads, checks and emits, without writing.
    /// - Parameter request: The run's settings.
    /// - Returns: The files and findings.
    /// - Throws: ``GenerationFailure`` with every error found (and the warnings and notes around them).
    public func generate(_ request: Request) throws -> Outcome {
        let previousLedger = try request.ledger.map { try LedgerFile.load($0, allowMissing: request.updateLedger) }
        let result = try read(request)
        let root = request.xenHeaders  // the folder as the user named it, as `read` prints it
        let acknowledgements = request.acknowledgements + (previousLedger?.acknowledgements ?? [])
        var findings = timed("check") { ReuseCheck.check(result.interface, acknowledgements: acknowledgements) }
        var reserved: [String: [ReservedNumber]] = [:]
        var mergedLedger: Ledger?
        if let previousLedger, let path = request.ledger {
            let merge = timed("merge ledger") {
                LedgerMerge(previous: previousLedger, acknowledgements: request.acknowledgements, ledgerPath: path, strict: request.strict)
                    .merge(result.interface)
            }
            findings += merge.diagnostics
            reserved = merge.reserved
            mergedLedger = merge.ledger
        }
        // Xen's history guards Xen's public headers (a tree with xen.h, any release), not a partial tree such as a fixture.
        if let history = request.history, FileManager.default.fileExists(atPath: URL(fileURLWithPath: request.xenHeaders).appendingPathComponent("xen.h").path) {
            let guarded = timed("check history") {
                HistoryGuard(history: history, acknowledgements: request.acknowledgements, source: ShippedHistory.name).check(result.interface)
            }
            findings += guarded.diagnostics
            reserved.merge(guarded.reserved) { fromLedger, fromHistory in
                fromLedger + fromHistory.filter { number in !fromLedger.contains { $0.number == number.number } }
            }
        }
        if findings.contains(where: { $0.severity == .error }) {
            throw GenerationFailure(diagnostics: result.warnings + findings, root: root)
        }
        let interface = Self.applying(acknowledgements, to: result.interface)
        let emitter = try SwiftEmitter(options: .init(
            accessLevel: request.accessLevel, templatesDirectory: request.templates.map { URL(fileURLWithPath: $0) }
        ))
        for (name, source) in emitter.templateSources.sorted(by: { $0.key < $1.key }) { log("template \(name): \(source)") }
        let files = try timed("emit") {
            do { return try emitter.emit(interface, reserved: reserved) } catch let diagnostic as GeneratorDiagnostic {
                throw GenerationFailure(diagnostics: [diagnostic], root: root)
            }
        }
        return Outcome(
            interface: interface, files: files, warnings: result.warnings + findings, filesRead: result.filesRead, ledger: mergedLedger
        )
    }

    /// Gives each acknowledged retired op its successor as replacement, so its fix-it renames to it.
    static func applying(_ acknowledgements: [Acknowledgement], to interface: XenInterface) -> XenInterface {
        var result = interface
        for acknowledgement in acknowledgements {
            guard let familyIndex = result.families.firstIndex(where: { $0.name == acknowledgement.family }) else { continue }
            for opIndex in result.families[familyIndex].ops.indices {
                let op = result.families[familyIndex].ops[opIndex]
                if op.name == acknowledgement.from, op.status == .retired, op.replacement == nil {
                    result.families[familyIndex].ops[opIndex].replacement = acknowledgement.to
                }
            }
        }
        return result
    }

    /// Runs `body`, logging how long it took.
    private func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try body()
        let elapsed = clock.now - start
        log(String(format: "%@: %.1f ms", stage, Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000))
        return value
    }
}

/// A run failed; `text` is ready to print (one diagnostic per line, compiler format).
public struct GenerationFailure: Error, CustomStringConvertible {
    /// The rendered diagnostics.
    public var text: String

    /// - Parameter text: Pre-rendered text.
    public init(text: String) {
        self.text = text
    }

    /// - Parameters:
    ///   - diagnostics: The errors.
    ///   - root: The header folder as the user named it.
    public init(diagnostics: [GeneratorDiagnostic], root: String) {
        text = diagnostics.map { $0.rendered(root: root) }.joined(separator: "\n")
    }

    public var description: String { text }
}
