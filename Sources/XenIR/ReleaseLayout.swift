/// What a storage layout record is: the C layout that some releases of a multi-release output give a
/// record the output emits (the newest release's), when theirs differs by ``XenChecks``'s record comparison.
///
/// The merge across releases adds one such record per distinct older layout, nested in the record it
/// stores (`xen_sysctl_physinfo` → `XenSysctlPhysinfo.Layout4_16`), with that release's offsets and
/// sizes; the emitter writes it C-exact, with conversions to and from the stored record.
public struct ReleaseLayout: Codable, Sendable, Equatable {
    /// The releases whose headers lay the record out this way, oldest first.
    public var releases: [ReleaseVersion]
    /// The C name of the output's record this layout stores, or `nil` when the output has no record of
    /// that name (a nested record only this layout has).
    public var stores: String?
    /// Whether this layout is a payload's own (the one a typed command picks by release) or a guest-handle
    /// element record's own (the one a guest-handle buffer converts its elements to), rather than a
    /// record nested in one.
    public var isPayload: Bool

    /// - Parameters:
    ///   - releases: The releases with this layout, oldest first.
    ///   - stores: The output's record it stores.
    ///   - isPayload: Whether it is a payload's own layout.
    public init(releases: [ReleaseVersion], stores: String?, isPayload: Bool) {
        self.releases = releases
        self.stores = stores
        self.isPayload = isPayload
    }
}
