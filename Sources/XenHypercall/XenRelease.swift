/// A Xen release series, such as 4.17: what `XENVER_version` answers (`major << 16 | minor`), and
/// what bindings generated for several releases list per op.
public struct XenRelease: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The major version.
    public let major: Int
    /// The minor version.
    public let minor: Int

    /// - Parameters:
    ///   - major: The major version.
    ///   - minor: The minor version.
    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// The release `XENVER_version` answers with.
    /// - Parameter versionWord: `major << 16 | minor`.
    public init(versionWord: Int) {
        self.init(versionWord >> 16, versionWord & 0xFFFF)
    }

    public var description: String { "\(major).\(minor)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    /// `4.16, 4.17 and 4.21`, for messages.
    static func list(_ releases: [XenRelease]) -> String {
        let names = releases.map { $0.description } // a closure: Embedded Swift has no key paths
        return names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "") : names.joined()
    }
}
