import Foundation
import PackagePlugin

/// `swift package generate-xen-bindings`: runs `xen-swiftgen generate` inside the package, for
/// those who commit the generated code.
///
/// Without `--target`, it runs in the package folder and uses `xen-swiftgen-config.json` there when
/// it exists. With `--target NAME` (repeatable), it runs in each target's folder with that target's
/// config, so the default output `Generated/` lands among the target's sources. Every other argument
/// goes to `generate` as is (`--output`, `--config`, `--check`, `--ledger`, `--update-ledger`, …).
@main
struct GenerateXenBindings: CommandPlugin {
    /// The config file looked up in the package or target folder.
    static let configFileName = xenSwiftGenConfigFileName

    /// Runs the generator once per selected folder.
    /// - Parameters:
    ///   - context: The plugin context (the package, tools).
    ///   - arguments: The command line after the verb.
    /// - Throws: ``PluginFailure`` when a target is unknown, a target has no config, or the tool fails.
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        // ArgumentExtractor drops a trailing `--target` without a value; that is a mistake to report.
        for (index, argument) in arguments.enumerated() where argument == "--target" {
            guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") else {
                throw PluginFailure(
                    "--target needs a target name (--target NAME); the package's targets are: "
                        + context.package.targets.map(\.name).sorted().joined(separator: ", "))
            }
        }
        var extractor = ArgumentExtractor(arguments)
        let targetNames = extractor.extractOption(named: "target")
        let passThrough = extractor.remainingArguments
        let tool = try context.tool(named: "xen-swiftgen").url
        let hasConfig = passThrough.contains { $0 == "--config" || $0.hasPrefix("--config=") }
        if targetNames.isEmpty {
            try run(tool, in: context.package.directoryURL, passThrough: passThrough, hasConfig: hasConfig, required: false)
            return
        }
        for target in try context.package.targets(named: targetNames) {
            try run(tool, in: target.directoryURL, passThrough: passThrough, hasConfig: hasConfig, required: true)
        }
    }

    /// Runs `xen-swiftgen generate` in `folder`.
    /// - Parameters:
    ///   - tool: The `xen-swiftgen` executable.
    ///   - folder: The working folder; relative paths on the command line are resolved against it.
    ///   - passThrough: Arguments for `generate`.
    ///   - hasConfig: Whether `passThrough` already names a config.
    ///   - required: Whether a missing config file in `folder` is an error.
    /// - Throws: ``PluginFailure`` when the config is missing or the tool exits non-zero.
    private func run(_ tool: URL, in folder: URL, passThrough: [String], hasConfig: Bool, required: Bool) throws {
        var arguments = ["generate", "--caller", "command-plugin"]
        let config = folder.appending(path: Self.configFileName)
        if !hasConfig {
            if FileManager.default.fileExists(atPath: config.path) {
                arguments += ["--config", config.path]
            } else if required {
                throw PluginFailure("no \(Self.configFileName) in \(folder.path); add one or pass --config FILE")
            }
        }
        arguments += passThrough
        FileHandle.standardError.write(Data("xen-swiftgen \(arguments.joined(separator: " ")) (in \(folder.path))\n".utf8))
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PluginFailure("xen-swiftgen generate failed in \(folder.path) (exit status \(process.terminationStatus))")
        }
    }
}
