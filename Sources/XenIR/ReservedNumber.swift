/// A number the ledger or the release history keeps reserved although the headers no longer mention it;
/// part of its family in the IR (``OpFamily/reserved``), so the emitter's number guard reads it there.
public struct ReservedNumber: Codable, Sendable, Equatable {
    /// The last C name that used it.
    public var name: String
    /// The number.
    public var number: UInt64
    /// Why it is reserved.
    public var marker: String?

    /// Creates a reservation.
    public init(name: String, number: UInt64, marker: String?) {
        self.name = name
        self.number = number
        self.marker = marker
    }
}
