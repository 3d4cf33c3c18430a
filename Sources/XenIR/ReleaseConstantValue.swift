/// A constant's value in one release of the set, for a constant whose value differs between releases.
public struct ReleaseConstantValue: Codable, Sendable, Equatable {
    /// The release.
    public var release: ReleaseVersion
    /// The value its headers give the macro.
    public var value: XenConstant.Value

    /// - Parameters:
    ///   - release: The release.
    ///   - value: The macro's value there.
    public init(release: ReleaseVersion, value: XenConstant.Value) {
        self.release = release
        self.value = value
    }
}
