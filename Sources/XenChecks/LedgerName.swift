import XenIR

/// One name that one number of a family had, over a range of releases (a history ledger's entry lists
/// every name its number ever had, oldest first).
public struct LedgerName: Codable, Sendable, Equatable {
    /// The C name.
    public var name: String
    /// The first release (tag) that shows it on this number.
    public var firstRelease: String
    /// The last release that shows it.
    public var lastRelease: String
    /// The family's interface version in `firstRelease`.
    public var firstVersion: String?
    /// The family's interface version in `lastRelease`.
    public var lastVersion: String?
    /// Its status in `lastRelease`.
    public var status: OpStatus
    /// Its marker in `lastRelease`.
    public var marker: String?

    /// Creates a name record.
    public init(
        name: String, firstRelease: String, lastRelease: String, firstVersion: String?, lastVersion: String?,
        status: OpStatus, marker: String?
    ) {
        self.name = name
        self.firstRelease = firstRelease
        self.lastRelease = lastRelease
        self.firstVersion = firstVersion
        self.lastVersion = lastVersion
        self.status = status
        self.marker = marker
    }

    /// `RELEASE-4.0.0 … RELEASE-4.10.4`, or the one release.
    public var range: String { firstRelease == lastRelease ? firstRelease : "\(firstRelease) … \(lastRelease)" }
}
