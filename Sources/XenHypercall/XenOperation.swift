/// An op family of the Xen hypercall interface: an enum of the ops that are defined in the
/// headers, whose raw value is the number passed to the hypervisor.
///
/// The generated op enums (`DomctlOp`, `Hypercall`, …) conform, whether they come from `XenPublic` or
/// from the build plugin in your own module, so code written against this protocol serves both.
public protocol XenOperation: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue: FixedWidthInteger {
    /// The C macro prefix of the family, such as `XEN_DOMCTL_`.
    static var cPrefix: String { get }
    /// The header that declares the family, relative to the Xen include folder.
    static var header: String { get }
    /// The C macro name of this op, such as `XEN_DOMCTL_getdomaininfo`.
    var cName: String { get }
    /// For bindings generated for several releases: the releases whose headers define this op with
    /// the payload layout the bindings have; `nil` for bindings of one header tree.
    var releases: [XenRelease]? { get }
    /// For bindings generated for several releases: of ``releases``, those whose headers lay the op's
    /// payload out as the bindings' record (the others take it only as the typed command encodes it).
    var recordLayoutReleases: [XenRelease]? { get }
    /// Whether the header marks the op `/* stable interface */`: Xen then wants interface version 0.
    var isStableInterface: Bool { get }
    /// For bindings generated for several releases: the releases they were generated for, oldest first.
    static var releaseSet: [XenRelease]? { get }
    /// For bindings generated for several releases: the family's interface version in `release`'s
    /// headers, or `nil` when the bindings were not generated for it (or the family has none).
    static func interfaceVersion(on release: XenRelease) -> UInt32?
}

extension XenOperation {
    /// `nil`: bindings of one header tree.
    public var releases: [XenRelease]? { nil }
    /// ``releases``, unless the generated enum says otherwise.
    public var recordLayoutReleases: [XenRelease]? { releases }
    /// `false` unless the generated enum says otherwise.
    public var isStableInterface: Bool { false }
    /// `nil`: bindings of one header tree.
    public static var releaseSet: [XenRelease]? { nil }
    /// `nil`: bindings of one header tree.
    public static func interfaceVersion(on release: XenRelease) -> UInt32? { nil }
}

extension XenOperation {
    /// The C name of the op with number `number`, or the family prefix and the number when the
    /// bindings define no such op (a retired or unknown number issued raw).
    /// - Parameter number: An op number of this family.
    /// - Returns: A name for messages, such as `XEN_DOMCTL_getdomaininfo` or `XEN_DOMCTL_6`.
    public static func cName(of number: RawValue) -> String {
        Self(rawValue: number)?.cName ?? "\(cPrefix)\(number)"
    }
}

/// The hypercall numbers themselves (`__HYPERVISOR_*`): the generated `Hypercall` enum conforms (its
/// family table row has `hypercallNumbers`), and no other op family does.
///
/// ``XenHypervisor/hypercall(_:_:)`` takes only this, so an op of another family, whose number means
/// something else (`DomctlOp.getdomaininfo` is 5, `__HYPERVISOR_set_callbacks` too), does not compile.
public protocol XenHypercallNumber: XenOperation {}
