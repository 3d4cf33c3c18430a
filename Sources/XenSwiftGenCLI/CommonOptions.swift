import ArgumentParser
import Foundation
import XenIR
import XenSwiftGen

/// Options every subcommand shares. Flags override the config file's keys.
struct CommonOptions: ParsableArguments {
    @Option(
        name: .customLong("xen-headers"),
        help: ArgumentHelp(
            "Folder of Xen public headers (the one holding domctl.h).", discussion: "Default: /usr/include/xen.", valueName: "dir"))
    var xenHeaders: String?

    @Option(help: ArgumentHelp("JSON config file; its relative paths are resolved against its own folder.", valueName: "file"))
    var config: String?

    @Option(
        name: .customLong("define"),
        help: ArgumentHelp(
            "Define a macro for the parse (repeatable). Replaces the default __XEN_TOOLS__.",
            discussion: "With __XEN__ (the hypervisor's view) an in-memory stand-in for its xen/lib.h is supplied.", valueName: "name"))
    var defines: [String] = []

    @Option(
        name: .customLong("target"),
        help: ArgumentHelp(
            "Clang target triple to read and emit for (repeatable; one #if arch branch each).",
            discussion: "Default: \(TargetArchitecture.defaultTriples.joined(separator: " and ")). Replaces the config's targets. "
                + "dump-ir prints the first target's IR.", valueName: "triple"))
    var targets: [String] = []

    @Flag(help: "Print what was read and how long each stage took, on standard error.")
    var verbose = false

    func validate() throws {
        for define in defines {
            if let problem = MacroDefinition.problem(define) { throw ValidationError(GeneratorDiagnostic.oneLine("--define \(problem)")) }
        }
    }

    /// The config file (if any) with these flags applied on top. `--xen-headers` names one header tree,
    /// so it replaces a config's release set (`releases`, `xenGit`) as well as its `xenHeaders`.
    /// - Parameter path: The config file to read when `--config` names none.
    func mergedConfig(default path: String? = nil) throws -> Config {
        var merged = try (config ?? path).map(ConfigLoader.load) ?? Config()
        if let xenHeaders {
            merged.xenHeaders = xenHeaders
            merged.releases = nil
            merged.xenGit = nil
        }
        if !defines.isEmpty { merged.defines = defines }
        if !targets.isEmpty {
            merged.targets = targets
            merged.target = nil
        }
        return merged
    }

    /// A generator that logs to standard error when `--verbose` is set.
    func makeGenerator() -> Generator {
        let verbose = self.verbose
        return Generator(environment: ProcessInfo.processInfo.environment) { line in
            if verbose { Diagnostics.print(line) }
        }
    }
}

/// Prints to standard error and turns failures into a non-zero exit.
enum Diagnostics {
    /// Writes one line to standard error.
    static func print(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Runs `body`; on a generator failure prints it and exits with status 1.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as GenerationFailure {
            print(failure.text)
        } catch let diagnostic as GeneratorDiagnostic {
            print(diagnostic.rendered(root: ""))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            // Anything else still leaves as one compiler-format line.
            print(GeneratorDiagnostic(.error, at: nil, "\(error)").rendered(root: ""))
        }
        throw ExitCode.failure
    }
}

/// `--access-level public|internal|package`; any other word is refused with the levels listed.
extension AccessLevel: ExpressibleByArgument {}
