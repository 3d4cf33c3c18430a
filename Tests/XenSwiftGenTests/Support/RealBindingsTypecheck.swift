import Foundation

/// The bindings for the real headers, typechecked for every test that compiles code against them:
/// once with the consumers that must compile, once with those that must not. Each consumer sits in its
/// own file, so its diagnostics carry its file name and its own line numbers.
///
/// A full typecheck of the bindings costs about 27 s of CPU; sharing two among five tests saves three.
/// The consumers of one compile must not declare the same top-level name.
enum RealBindingsTypecheck {
    /// One typecheck of the generated files plus consumers.
    struct Outcome: Sendable {
        /// The generated files, sorted.
        var generatedFiles: [String]
        /// The compiler's result.
        var compile: RunResult

        /// The error lines of the compiler's output that name `file`.
        func errors(in file: String) -> [String] {
            compile.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix(file + ":") && $0.contains(": error:") }
        }
    }

    /// Every consumer that must compile without warnings.
    static let passing = Result { try typecheck(["right-payload.swift": TypedCommandTests.rightPayloadConsumer]) }

    /// Every consumer that must fail, each with its own errors (LLVM style, so a fix-it shows as a line;
    /// the driver goes on after the first file with errors, so every consumer is checked).
    static let failing = Result {
        try typecheck(
            [
                "retired-ops.swift": RealHeadersTests.retiredOpsConsumer,
                "wrong-payload.swift": TypedCommandTests.wrongPayloadConsumer,
                "hypercall-number.swift": TypedCommandTests.hypercallNumberConsumer,
            ], options: ["-diagnostic-style", "llvm", "-continue-building-after-errors"])
    }

    /// Generates the bindings for `/usr/include/xen`, writes the consumers beside them and typechecks all.
    private static func typecheck(_ consumers: [String: String], options: [String] = []) throws -> Outcome {
        let bindings = try GeneratedBindings.real()
        defer { try? FileManager.default.removeItem(at: bindings.folder) }
        let generated = bindings.swiftFiles
        for (name, text) in consumers {
            try text.write(to: bindings.folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let files = generated + consumers.keys.sorted()
        let compile = try swiftc(["-typecheck", "-swift-version", "6"] + options + files, in: bindings.folder)
        return Outcome(generatedFiles: generated, compile: compile)
    }
}
