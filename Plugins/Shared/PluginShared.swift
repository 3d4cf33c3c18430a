// Shared by both plugins: SwiftPM plugins cannot depend on a library target, so each plugin's folder
// holds a symbolic link to this file.

/// The config file name both plugins look for in a target's folder.
let xenSwiftGenConfigFileName = "xen-swiftgen-config.json"

/// A failed plugin run, shown by SwiftPM as the build's or the command's error.
struct PluginFailure: Error, CustomStringConvertible {
    /// One sentence.
    let description: String

    /// - Parameter description: One sentence.
    init(_ description: String) {
        self.description = description
    }
}
