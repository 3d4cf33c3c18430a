/// How a typed command lays its payload out in a request's payload union: as the record's own bytes,
/// or, for a record that some releases of the bindings lay out otherwise (``XenReleaseLayouts``), in
/// the running release's layout.
///
/// The generated static member that creates a command picks it where the payload type is known, so
/// the runtime needs no dynamic cast (Embedded Swift has none) and a command handed through generic
/// code keeps it.
public struct XenPayloadEncoding<Payload: BitwiseCopyable>: Sendable {
    /// Stores the payload at the start of the union's bytes in a release's layout; `false` when that
    /// release lays it out as the record. `nil` for a payload with one layout.
    let store: (@Sendable (Payload, UnsafeMutableRawBufferPointer, XenRelease, String) throws(XenHypercallError) -> Bool)?
    /// Reads the payload from the union's bytes in a release's layout; `nil` when that release lays it
    /// out as the record. `nil` for a payload with one layout.
    let load: (@Sendable (UnsafeRawBufferPointer, XenRelease) -> Payload?)?

    /// The record's own bytes, whatever release runs: a payload with one layout in every release.
    public static var record: Self { Self(store: nil, load: nil) }
}

extension XenPayloadEncoding where Payload: XenReleaseLayouts {
    /// The running release's layout of the payload (its storage layouts, else the record's bytes).
    public static var releaseLayouts: Self {
        Self(
            store: { payload, bytes, release, operation throws(XenHypercallError) in
                try payload.store(into: bytes, on: release, operation: operation)
            },
            load: { bytes, release in Payload.load(from: bytes, on: release) })
    }
}
