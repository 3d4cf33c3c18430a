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

    /// Reads the headers into the IR.
    /// - Parameter request: The run's settings.
    /// - Returns: The reader's result.
    /// - Throws: ``GenerationFailure``.
    public func read(_ request: Request) throws -> HeaderReader.Result {
        let tree = try HeaderTree(path: request.xenHeaders)
        let clang = try timed("load libclang") {
            do { return try LibClang.load(environment: environment) } catch let error as LibClangError {
                throw GeneratorDiagnostic(.error, at: nil, error.description)
            }
        }
        log("libclang: \(clang.path) (\(clang.version))")
        let options = HeaderReader.Options(families: request.families, defines: request.defines, target: request.target)
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
        return result
    }

    /// Reads, checks and emits, without writing.
    /// - Parameter request: The run's settings.
    /// - Returns: The files and findings.
    /// - Throws: ``GenerationFailure`` with every error found.
    public func generate(_ request: Request) throws -> Outcome {
        let tree = try HeaderTree(path: request.xenHeaders)
        let result = try read(request)
        let errors = timed("check") { ReuseCheck.check(result.interface) }
        if !errors.isEmpty { throw GenerationFailure(diagnostics: errors, root: tree.displayPath) }
        let emitter = try SwiftEmitter(options: .init(
            accessLevel: request.accessLevel, templatesDirectory: request.templates.map { URL(fileURLWithPath: $0) }
        ))
        for (name, source) in emitter.templateSources.sorted(by: { $0.key < $1.key }) { log("template \(name): \(source)") }
        let files = try timed("emit") {
            do { return try emitter.emit(result.interface) } catch let diagnostic as GeneratorDiagnostic {
                throw GenerationFailure(diagnostics: [diagnostic], root: tree.displayPath)
            }
        }
        return Outcome(interface: result.interface, files: files, warnings: result.warnings, filesRead: result.filesRead)
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
