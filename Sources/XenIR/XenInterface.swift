/// Everything the generator knows about one Xen header tree under one configuration.
///
/// This is the hand-off between the reader and the checks and emitter. It holds plain values only,
/// so it can be dumped as JSON (`xen-swiftgen dump-ir`), read back, and compared in tests.
public struct XenInterface: Codable, Sendable, Equatable {
    /// The preprocessor configuration the headers were read under, such as `["__XEN_TOOLS__"]`.
    public var defines: [String]
    /// The header files that were read, relative to the header tree, sorted.
    public var headers: [String]
    /// Op families, in the order of the family table.
    public var families: [OpFamily]
    /// Structs and unions reachable from the request and payload roots, parents before nested records.
    public var records: [Record]
    /// C enums used by those records.
    public var enums: [CEnum]
    /// For each family with a request record: which payload each op takes.
    public var requests: [RequestBinding]
    /// Every object-like `#define` of the headers read that names an integer value, in header order.
    public var constants: [XenConstant]
    /// The rows of the constant table whose header was read: how ``constants`` group into Swift types.
    public var constantGroups: [ConstantGroup]
    /// The releases the IR spans, oldest first, when it was folded from several releases' headers
    /// (its declarations are the newest release's); `nil` for one header tree.
    public var releases: [ReleaseVersion]?

    /// - Parameters:
    ///   - defines: The preprocessor configuration.
    ///   - headers: The headers read, relative to the tree.
    ///   - families: The op families.
    ///   - records: The reachable records.
    ///   - enums: The C enums they use.
    ///   - requests: The op → payload bindings.
    ///   - constants: The value macros.
    ///   - constantGroups: The constant table rows that apply.
    public init(
        defines: [String], headers: [String], families: [OpFamily], records: [Record] = [], enums: [CEnum] = [],
        requests: [RequestBinding] = [], constants: [XenConstant] = [], constantGroups: [ConstantGroup] = []
    ) {
        self.defines = defines
        self.headers = headers
        self.families = families
        self.records = records
        self.enums = enums
        self.requests = requests
        self.constants = constants
        self.constantGroups = constantGroups
    }

    /// The record keyed `name`, if any.
    /// - Parameter name: A ``Record/name``.
    /// - Returns: The record.
    public func record(named name: String) -> Record? {
        records.first { $0.name == name }
    }

    /// The family with `name`, if any.
    /// - Parameter name: A family name such as `domctl`.
    /// - Returns: The family.
    public func family(named name: String) -> OpFamily? {
        families.first { $0.name == name }
    }
}
