import Foundation
import PackagePlugin

/// The build tool plugin: generates a target's Xen bindings from the `xen-swiftgen-config.json`
/// next to its sources, at build time, into one file of fixed name that the target then compiles.
@main
struct XenSwiftGenPlugin: BuildToolPlugin {
    /// The config file the plugin looks for among the target's files.
    static let configFileName = "xen-swiftgen-config.json"
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
            throw PluginFailure("xen-swiftgen: target '\(target.name)' applies XenSwiftGenPlugin but has no "
                + "\(Self.configFileName) in \(target.directoryURL.path); add one (it may be just {})")
        }
        guard configs.count == 1 else {
            throw PluginFailure("xen-swiftgen: target '\(target.name)' has \(configs.count) files named "
                + "\(Self.configFileName); keep one: \(configs.map(\.path).sorted().joined(separator: ", "))")
        }
        let inputs = PluginInputs(config: config)
        let folder = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        return [
            .buildCommand(
                displayName: "xen-swiftgen: generating \(Self.outputFileName) for \(target.name)",
                executable: try context.tool(named: "xen-swiftgen").url,
                arguments: [
                    "generate", "--config", config.path, "--output", folder.path, "--single-file", Self.outputFileName,
                ],
                inputFiles: inputs.files(),
                outputFiles: [folder.appending(path: Self.outputFileName)]
            )
        ]
    }
}

/// A planning failure, shown by SwiftPM as the build error.
struct PluginFailure: Error, CustomStringConvertible {
    /// One sentence for the build log.
    let description: String

    /// - Parameter description: One sentence for the build log.
    init(_ description: String) {
        self.description = description
    }
}
