/// An object-like `#define` of the headers that names an integer value (a flag, mask, shift, special
/// id, sentinel or version), with the value clang gave it.
public struct XenConstant: Codable, Sendable, Equatable {
    /// An evaluated value: C integer constants can be negative.
    public enum Value: Codable, Sendable, Hashable {
        /// A non-negative value.
        case unsigned(UInt64)
        /// A negative value.
        case negative(Int64)
        /// A string literal (`XS_WRITE_NONE` is `"NONE"`): clang types it `char[N]`.
        case string(String)
    }

    /// The macro name, such as `XEN_DOMINF_paused`.
    public var name: String
    /// Its value.
    public var value: Value
    /// The C type of the expanded expression as clang spells it (`unsigned int`), when clang gave one.
    public var cType: String?
    /// The ``ConstantGroup/name`` of the table row that takes it, or `nil`.
    public var group: String?
    /// The comment on the `#define` line.
    public var doc: String?
    /// Header relative to the tree.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// The releases of a release set whose headers define it, oldest first; `nil` when every release
    /// does (or one header tree was read).
    public var releases: [ReleaseVersion]?
    /// Its value in each release that defines it, oldest first, when the releases give it different
    /// values; `nil` when they agree (``value`` is the newest release's).
    public var releaseValues: [ReleaseConstantValue]?

    /// Creates a constant. See the properties for the meaning of each parameter.
    public init(
        name: String, value: Value, cType: String? = nil, group: String? = nil, doc: String? = nil, file: String, line: Int,
        releases: [ReleaseVersion]? = nil, releaseValues: [ReleaseConstantValue]? = nil
    ) {
        self.releases = releases
        self.releaseValues = releaseValues
        self.name = name
        self.value = value
        self.cType = cType
        self.group = group
        self.doc = doc
        self.file = file
        self.line = line
    }
}
