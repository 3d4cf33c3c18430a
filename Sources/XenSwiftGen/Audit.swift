import Foundation
import XenChecks
import XenEmitter
import XenIR
import XenReader

/// Reads the headers under several configurations and reports reuses that only some of them show.
///
/// The tools configuration (`__XEN_TOOLS__`) hides what is compiled only into the hypervisor
/// (`#ifdef __XEN__`), and the reverse; a number retired in one and live in the other is exactly
/// the kind of reuse a single-configuration run cannot see.
public struct Audit {
    /// One configuration to parse under.
    public struct Configuration: Sendable, Equatable {
        /// A short label for reports, such as `__XEN__`.
        public var label: String
        /// Macros to define.
        public var defines: [String]
        /// Clang target triple.
        public var target: String

        /// Creates a configuration.
        public init(label: String, defines: [String], target: String) {
            self.label = label
            self.defines = defines
            self.target = target
        }

        /// The tools configuration and the hypervisor configuration for `target` (the generator supplies
        /// the hypervisor's `xen/lib.h` stand-in itself, see ``Generator/readTargets(_:)``).
        /// - Parameters:
        ///   - target: A clang triple.
        ///   - labelled: Whether labels name the triple (when several targets are audited).
        /// - Returns: The two configurations.
        public static func standard(target: String, labelled: Bool) -> [Configuration] {
            let suffix = labelled ? " (\(target))" : ""
            return [
                Configuration(label: "__XEN_TOOLS__" + suffix, defines: ["__XEN_TOOLS__"], target: target),
                Configuration(label: "__XEN__" + suffix, defines: ["__XEN__"], target: target),
            ]
        }
    }

    /// One reuse, and where it shows.
    public struct Finding: Sendable {
        /// The reuse, as the checks report it.
        public var diagnostic: GeneratorDiagnostic
        /// Labels of the configurations that show it.
        public var seenUnder: [String]
    }

    private let generator: Generator

    /// - Parameter generator: The pipeline used to read each configuration.
    public init(generator: Generator) {
        self.generator = generator
    }

    /// Runs every configuration and merges the findings.
    /// - Parameters:
    ///   - request: Families, headers and acknowledgements (its defines and target are replaced).
    ///   - configurations: The configurations.
    /// - Returns: Every reuse, each with the configurations that show it, in first-seen order.
    /// - Throws: ``GenerationFailure`` when a configuration cannot be parsed.
    public func run(_ request: Generator.Request, configurations: [Configuration]) throws -> [Finding] {
        // The configurations are independent parses (one libclang index each): read them in parallel.
        let generator = self.generator
        let interfaces = try concurrentMap(configurations) { configuration in
            Result {
                var options = request
                options.defines = configuration.defines
                options.targets = try TargetArchitecture.resolve([configuration.target])
                return try generator.read(options).interface
            }
        }.map { try $0.get() }
        var findings: [Finding] = []
        for (configuration, interface) in zip(configurations, interfaces) {
            for diagnostic in ReuseCheck.check(interface, acknowledgements: request.acknowledgements) {
                if let index = findings.firstIndex(where: { $0.diagnostic == diagnostic }) {
                    findings[index].seenUnder.append(configuration.label)
                } else {
                    findings.append(Finding(diagnostic: diagnostic, seenUnder: [configuration.label]))
                }
            }
        }
        return findings
    }
}
