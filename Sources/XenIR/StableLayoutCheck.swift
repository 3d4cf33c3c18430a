/// What the merge across releases found for a family of Xen's stable ABI: each op's payload should
/// have one layout in every release of the set that defines the op.
public struct StableLayoutCheck: Codable, Sendable, Equatable {
    /// The releases the check covered, oldest first.
    public var releases: [ReleaseVersion]
    /// The ops whose payload some release lays out otherwise (by the record comparison), each with
    /// those releases; empty when the family keeps one layout.
    public var differing: [Difference]

    /// One op whose payload layout differs.
    public struct Difference: Codable, Sendable, Equatable {
        /// The op's C name.
        public var op: String
        /// The releases whose layout is not the output's.
        public var releases: [ReleaseVersion]

        /// - Parameters:
        ///   - op: The op's C name.
        ///   - releases: The releases whose layout differs.
        public init(op: String, releases: [ReleaseVersion]) {
            self.op = op
            self.releases = releases
        }
    }

    /// - Parameters:
    ///   - releases: The releases covered.
    ///   - differing: The ops whose payload layout differs.
    public init(releases: [ReleaseVersion], differing: [Difference]) {
        self.releases = releases
        self.differing = differing
    }
}
