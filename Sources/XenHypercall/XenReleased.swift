/// A payload as one Xen release answered it: the record, and the release whose layout it was read in.
///
/// Bindings generated for several releases hold each payload as the newest release's record, so a field
/// that an older release's layout lacks reads as zero there. Through this view such a field is
/// optional instead: the generated accessors of a record with fields only some releases have
/// (`reply.available.archCapabilities` is a `UInt32?`) are `nil` on a release whose layout lacks the
/// field, and a nested record with such fields is a view too. Every other field reads as in the record.
/// Get one from ``XenReply/available``.
@dynamicMemberLookup
public struct XenReleased<Value> {
    /// The record, as the bindings hold it (fields the release lacks are zero).
    public let record: Value
    /// The release whose layout the record was read in; `nil` when unknown (then the record's own layout).
    public let release: XenRelease?

    /// - Parameters:
    ///   - record: The record.
    ///   - release: The release it was read in, or `nil` when unknown.
    public init(_ record: Value, release: XenRelease?) {
        self.record = record
        self.release = release
    }

    /// A field every release of the bindings has, as the record holds it.
    ///
    /// A key path: under Embedded Swift, which has none, read such a field from the record itself
    /// (`reply.payload`); the generated optional accessors below work there too.
    /// - Parameter field: The field.
    /// - Returns: Its value.
    public subscript<Field>(dynamicMember field: KeyPath<Value, Field>) -> Field {
        record[keyPath: field]
    }

    /// A field that the releases `lacking` lay out without: `nil` when the view's release is one of them.
    ///
    /// The generated accessors call this with a closure that reads the field (not a key path, so that
    /// they build under Embedded Swift too); public so that code generated into another module can.
    /// - Parameters:
    ///   - read: Reads the field from the record.
    ///   - lacking: The releases whose layout has no such field.
    /// - Returns: The field's value, or `nil`.
    public func field<Field>(_ read: (Value) -> Field, lackingOn lacking: [XenRelease]) -> Field? {
        if let release, lacking.contains(release) { return nil }
        return read(record)
    }

    /// A nested record, itself as a view on the same release.
    ///
    /// The generated accessors of nested records with fields only some releases have call this.
    /// - Parameter read: Reads the nested record from the record.
    /// - Returns: Its view.
    public func nested<Nested>(_ read: (Value) -> Nested) -> XenReleased<Nested> {
        XenReleased<Nested>(read(record), release: release)
    }
}

extension XenReleased: Sendable where Value: Sendable {}
