import Mustache

/// Everything the records template needs for one output file (the records of one header).
struct RecordFileContext: TemplateContext, Equatable {
    /// The header the records come from.
    var header: String
    /// The records, parents before the records nested in them.
    var records: [Conditional<RecordContext>]
}

/// One Swift mirror of a C struct or union.
struct RecordContext: Codable, Equatable, Sendable {
    /// One declaration inside the mirror.
    struct Member: Codable, Equatable, Sendable {
        var docLines: [String]
        var name: String
        var type: String
        var zero: String
        /// A stored property visible to users.
        var isStored = false
        /// Bytes that C leaves unused (alignment or tail padding), or a union's storage.
        var isPrivateStorage = false
        /// A union member: a computed property over the union's storage.
        var isUnionMember = false
        /// A bitfield: a computed property over a storage byte array.
        var isBitField = false
        /// A field of an anonymous member, reachable from the parent as in C.
        var isForward = false
        /// For bitfields: the storage property, the first bit inside it, the width, and whether to sign-extend.
        var storage = ""
        var bitOffset = 0
        var bitWidth = 0
        var isSigned = false
        /// For forwards: the anonymous member's property.
        var via = ""
        /// For a case of a payload's release switch: the `(major, minor)` patterns of its layout; for an
        /// optional field of a `XenReleased` view: the releases lacking it, as `XenRelease(major, minor)` values.
        var patterns = ""
        /// A field of a `XenReleased` view that some releases lack: optional, `nil` on those.
        var isOptionalField = false
        /// A nested record of a `XenReleased` view, itself a view.
        var isNestedView = false
    }

    /// A storage layout's conversions to and from the record it stores, one statement a line.
    struct Conversion: Codable, Equatable, Sendable {
        var payloadType: String
        var releases: String
        var storeLines: [String]
        var loadLines: [String]
    }

    var docLines: [String]
    var accessLevel: String
    /// The name the record is declared under (unqualified for nested records).
    var declName: String
    /// For nested records: the type to extend.
    var parentTypeName: String
    var isNested: Bool
    /// Four spaces inside an extension, else nothing.
    var indent: String
    var members: [Conditional<Member>]
    /// For a storage layout of a multi-release output: its conversions (one, or none).
    var conversion: [Conversion] = []
    /// Whether this entry is a payload's release switch (its members are the layouts) rather than a struct.
    var isLayoutSwitch = false
    /// Whether this entry is the record's `XenReleased` accessors (its members are the accessors) rather than a struct.
    var isReleasedView = false
}
