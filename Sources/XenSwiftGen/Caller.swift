/// Who runs the generator, so that hints name what that user can actually change.
public enum Caller: String, Sendable, CaseIterable {
    /// `xen-swiftgen` on a command line.
    case commandLine = "command-line"
    /// The build tool plugin, during `swift build`.
    case buildPlugin = "build-plugin"
    /// The `generate-xen-bindings` command plugin.
    case commandPlugin = "command-plugin"

    /// How this user sets the header folder.
    public var headerFolderSetting: String {
        switch self {
        case .commandLine: "--xen-headers DIR (or 'xenHeaders' in the config)"
        case .buildPlugin: "'xenHeaders' in the target's xen-swiftgen-config.json"
        case .commandPlugin: "--xen-headers DIR after generate-xen-bindings (or 'xenHeaders' in the config)"
        }
    }

    /// The command that brings a stale output folder up to date.
    public var regenerateCommand: String {
        switch self {
        case .commandLine: "xen-swiftgen generate"
        case .buildPlugin: "swift build"
        case .commandPlugin: "swift package --allow-writing-to-package-directory generate-xen-bindings"
        }
    }
}
