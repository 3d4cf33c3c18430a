import Foundation
import PackagePlugin

/// The build tool plugin: generates a target's Xen bindings from the `xen-swiftgen-config.json`
/// next to its sources, at build time, into one file of fixed name that the target then compiles.
///
/// SwiftPM plans a build command's inputs once and keeps that plan while `Package.swift` is
/// unchanged, so a list of headers taken at plan time goes stale (a header added later is missed,
/// one deleted fails the build, a config pointing at another folder is not followed). Instead the
/// command's one input is the fingerprint file that `generate --skip-unchanged` keeps in the output
/// folder and touches on every run: the command runs on every build, and the generator compares the
/// fingerprint of everything it reads (config, headers, templates, ledger, its own build) and
/// returns at once when nothing changed, leaving `XenBindings.swift` untouched so nothing recompiles.
@main
struct XenSwiftGenPlugin: BuildToolPlugin {
    /// The config file the plugin looks for among the target's files.
    static let configFileName = xenSwiftGenConfigFileName
    /// The one output file. Its name is fixed because outputs are declared before the tool runs.
    static let outputFileName = "XenBindings.swift"

    /// Plans one build command for `target`.
    /// - Parameters:
    ///   - context: The plugin context (work folder, tools).
    ///   - target: The target that applies the plugin.
    /// - Returns: The `xen-swiftgen generate --single-file` command.
    /// - Throws: ``PluginFailure`` when the target has no config file, or several.
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else {
            throw PluginFailure("xen-swiftgen: target '\(target.name)' has no sources; apply the plugin to a Swift target")
        }
        let configs = target.sourceFiles.map(\.url).filter { $0.lastPathComponent == Self.configFileName }
        guard let config = configs.first else {
            throw PluginFailure(
                "xen-swiftgen: target '\(target.name)' applies XenSwiftGenPlugin but has no "
                    + "\(Self.configFileName) in \(target.directoryURL.path); add one (it may be just {})")
        }
        guard configs.count == 1 else {
            throw PluginFailure(
                "xen-swiftgen: target '\(target.name)' has \(configs.count) files named "
                    + "\(Self.configFileName); keep one: \(configs.map(\.path).sorted().joined(separator: ", "))")
        }
        let folder = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        // The input must exist before the first run; an empty fingerprint matches nothing.
        let fingerprint = folder.appending(path: ".xen-swiftgen-inputs")
        if !FileManager.default.fileExists(atPath: fingerprint.path) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data().write(to: fingerprint)
        }
        return [
            .buildCommand(
                displayName: "xen-swiftgen: checking \(Self.outputFileName) for \(target.name)",
                executable: try context.tool(named: "xen-swiftgen").url,
                arguments: [
                    "generate", "--config", config.path, "--output", folder.path, "--single-file", Self.outputFileName,
                    "--skip-unchanged", "--caller", "build-plugin",
                ],
                inputFiles: [config, fingerprint],
                outputFiles: [folder.appending(path: Self.outputFileName)]
            )
        ]
    }
}
