/// The version `xen-swiftgen --version` prints.
public enum ToolVersion {
    /// Semantic version of this release of the generator.
    public static let current = "0.3.0"
}
