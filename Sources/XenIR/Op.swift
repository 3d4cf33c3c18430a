/// One operation number of a family: a live `#define`, an obsolete one, or a retired tombstone.
public struct Op: Codable, Sendable, Equatable {
    /// The C macro name, such as `XEN_DOMCTL_getdomaininfo`.
    public var name: String
    /// The op number.
    public var number: UInt64
    /// Whether the op can still be used.
    public var status: OpStatus
    /// The marker text next to the op (`Removed`, `Obsolete - use getpageframeinfo3`, `x86 only`, …).
    public var marker: String?
    /// The C name of the op that replaces this one, when the marker names one.
    public var replacement: String?
    /// The preprocessor condition around the definition, such as `defined(__XEN__)`.
    public var condition: String?
    /// Whether the definition is compiled in under the configuration that was read.
    public var isActive: Bool
    /// Header file relative to the tree.
    public var file: String
    /// 1-based line of the `#define` (or of the tombstone).
    public var line: Int
    /// 1-based column of the op's name.
    public var column: Int
    /// The comment block directly above the op, without comment markers.
    public var doc: String?
    /// In an output that spans several releases: the releases whose headers define the op with the
    /// payload layout the output has or with one of its payload's storage layouts (``ReleaseMerge`` in
    /// `XenMerge` decides); `nil` for one tree.
    public var releases: [ReleaseVersion]?
    /// Of ``releases``, those that lay the payload out as the output's record, when that is not all of
    /// them (the others take it only in a storage layout, which only the typed command picks); else `nil`.
    public var recordReleases: [ReleaseVersion]? = nil

    /// Creates an op. See the properties for the meaning of each parameter.
    public init(
        name: String, number: UInt64, status: OpStatus, marker: String? = nil, replacement: String? = nil,
        condition: String? = nil, isActive: Bool = true, file: String, line: Int, column: Int = 1, doc: String? = nil
    ) {
        self.name = name
        self.number = number
        self.status = status
        self.marker = marker
        self.replacement = replacement
        self.condition = condition
        self.isActive = isActive
        self.file = file
        self.line = line
        self.column = column
        self.doc = doc
    }

    /// Where the op is written.
    public var location: SourcePosition { SourcePosition(file: file, line: line, column: column) }
}

/// The life-cycle state of an op.
public enum OpStatus: String, Codable, Sendable, Equatable, CaseIterable {
    /// Defined, and nothing says it is going away.
    case live
    /// Still defined, but its comment says obsolete, removed, deprecated or reserved.
    case obsolete
    /// Commented out (a tombstone): the number must never be handed to another op.
    case retired
}

/// `#define A B` where `B` names an op: recorded once, emitted as an alias member.
public struct OpAlias: Codable, Sendable, Equatable {
    /// The alias macro name, such as `__HYPERVISOR_dom0_op`.
    public var name: String
    /// The op it stands for, such as `__HYPERVISOR_platform_op`.
    public var target: String
    /// The preprocessor condition around the alias.
    public var condition: String?
    /// Whether the alias is compiled in under the configuration that was read.
    public var isActive: Bool
    /// Header file relative to the tree.
    public var file: String
    /// 1-based line.
    public var line: Int

    /// Creates an alias record.
    public init(name: String, target: String, condition: String?, isActive: Bool, file: String, line: Int) {
        self.name = name
        self.target = target
        self.condition = condition
        self.isActive = isActive
        self.file = file
        self.line = line
    }
}

/// A position in a header, relative to the header tree (never absolute, so output is portable).
public struct SourcePosition: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// File relative to the header tree.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    /// Creates a position.
    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

extension Op {
    /// Whether the header marks the op `/* stable interface */` (Xen 4.21 on): callers send interface
    /// version 0, and Xen refuses any other (`is_stable_domctl` in xen/common/domctl.c).
    public var isStableInterface: Bool {
        marker?.lowercased().contains("stable interface") ?? false
    }
}
