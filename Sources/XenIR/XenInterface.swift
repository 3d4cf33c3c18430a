/// Everything the generator knows about one Xen header tree under one configuration.
///
/// This is the hand-off between the reader and the checks and emitter. It holds plain values only,
/// so it can be dumped as JSON (`xen-swiftgen dump-ir`), read back, and compared in tests.
public struct XenInterface: Codable, Sendable, Equatable {
    /// The preprocessor configuration the headers were read under, such as `["__XEN_TOOLS__"]`.
    public var defines: [String]
    /// The header files that were read, relative to the header tree, sorted.
    public var headers: [String]
    /// Op families, in the order of the family table.
    public var families: [OpFamily]

    /// - Parameters:
    ///   - defines: The preprocessor configuration.
    ///   - headers: The headers read, relative to the tree.
    ///   - families: The op families.
    public init(defines: [String], headers: [String], families: [OpFamily]) {
        self.defines = defines
        self.headers = headers
        self.families = families
    }

    /// The family with `name`, if any.
    /// - Parameter name: A family name such as `domctl`.
    /// - Returns: The family.
    public func family(named name: String) -> OpFamily? {
        families.first { $0.name == name }
    }
}
