/// A number the ledger keeps reserved although the headers no longer mention it.
public struct ReservedNumber: Sendable, Equatable {
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
