/// The payload type of ops that carry no payload.
public struct XenNoPayload: Sendable, BitwiseCopyable, Hashable {
    /// The empty payload.
    public init() {}
}
