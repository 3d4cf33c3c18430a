/// Which macros with a family's prefix are its ops, whatever their position or spelling.
///
/// Xen spells ops in lower case after the prefix (`XEN_DOMCTL_getdomaininfo`) and the constants
/// around them in upper case (`XEN_DOMCTL_CDF_hvm`, `XENMEM_SHARING_OP_S_HANDLE_INVALID`); a few
/// sub-op lists spell their ops in upper case (`XEN_SYSCTL_CPUPOOL_OP_CREATE`). A family table row
/// names its rule; names the rule leaves out are listed by `xen-swiftgen coverage` with the reason.
public enum OpNameRule: String, Codable, Sendable, CaseIterable {
    /// An op's name continues after the prefix with a lower-case letter (the default).
    case lowercase
    /// Every name with the prefix is an op.
    case any

    /// Whether the rule takes `name`, which has `prefix`, as an op name.
    /// - Parameters:
    ///   - name: A macro name.
    ///   - prefix: The family's prefix, which `name` starts with.
    /// - Returns: `true` for an op name.
    public func admits(_ name: String, prefix: String) -> Bool {
        switch self {
        case .any: return true
        case .lowercase:
            return name.utf8.dropFirst(prefix.utf8.count).first.map { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) } ?? false
        }
    }

    /// Why the rule leaves a name out, for the coverage report.
    public var leftOutReason: String {
        switch self {
        case .lowercase: return "not an op name (ops continue in lower case after the prefix; constants in upper case)"
        case .any: return ""
        }
    }
}
