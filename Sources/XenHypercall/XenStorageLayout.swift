/// A C-exact storage layout of a record: how some Xen releases lay out a record that the bindings hold
/// in the newest release's layout (`XenSysctlPhysinfo.Layout4_16` stores a `XenSysctlPhysinfo`).
///
/// The generated layouts conform; ``XenLayoutConversion`` turns one into values that convert a record
/// to and from that layout's bytes, for a request's payload union and for a guest-handle buffer.
public protocol XenStorageLayout: BitwiseCopyable, Sendable {
    /// The record this layout stores.
    associatedtype Stored: BitwiseCopyable

    /// `payload` in this layout.
    /// - Parameters:
    ///   - payload: The record.
    ///   - operation: What the value is sent for (an op's C name), for errors.
    ///   - release: The running release, for errors.
    /// - Throws: ``XenHypercallError/fieldUnavailableOnRelease(field:operation:running:)`` when `payload`
    ///   sets a field this layout lacks.
    init(_ payload: Stored, operation: String, release: XenRelease) throws(XenHypercallError)

    /// This layout's value as the record (fields the layout lacks are zero).
    var payload: Stored { get }
}
