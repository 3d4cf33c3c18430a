/// A Xen release series of a multi-release output, such as `4.17`: what the runtime compares with the
/// running hypervisor's `XENVER_version` (`major << 16 | minor`).
public struct ReleaseVersion: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The major version.
    public var major: Int
    /// The minor version.
    public var minor: Int

    /// - Parameters:
    ///   - major: The major version.
    ///   - minor: The minor version.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// The series a revision name states: `RELEASE-4.17.7`, `stable-4.17`, `4.17.0-rc1`, `4.17`.
    /// - Parameter revision: A revision name.
    /// - Returns: The series, or `nil` when the name holds no `MAJOR.MINOR`.
    public init?(revision: String) {
        let characters = Array(revision)
        // The first `DIGITS.DIGITS` in the name.
        func digits(from start: Int) -> (value: Int, end: Int)? {
            var end = start
            while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
            return end > start ? Int(String(characters[start..<end])).map { ($0, end) } : nil
        }
        var index = 0
        while index < characters.count {
            if index == 0 || !(characters[index - 1].isASCII && characters[index - 1].isNumber), let major = digits(from: index),
                major.end < characters.count, characters[major.end] == ".", let minor = digits(from: major.end + 1)
            {
                self.init(major: major.value, minor: minor.value)
                return
            }
            index += 1
        }
        return nil
    }

    public var description: String { "\(major).\(minor)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}

/// A family's interface version in one release of the set.
public struct ReleaseInterfaceVersion: Codable, Sendable, Equatable {
    /// The release.
    public var release: ReleaseVersion
    /// `XEN_DOMCTL_INTERFACE_VERSION` (or the family's macro) in that release's headers.
    public var value: UInt64

    /// - Parameters:
    ///   - release: The release.
    ///   - value: Its interface version.
    public init(release: ReleaseVersion, value: UInt64) {
        self.release = release
        self.value = value
    }
}
