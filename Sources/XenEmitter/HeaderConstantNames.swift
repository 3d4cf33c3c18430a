import XenIR

/// The naming rule of the value macros that no constant group takes: each becomes a member of its
/// header's container (``OutputFiles/headerConstants(header:)``) named by ``SwiftNaming/caseName(_:prefix:)``
/// of the whole macro name (`XEN_LEGACY_MAX_VCPUS` → `xenLegacyMaxVcpus`).
///
/// - Macros whose camel-cased names collide in one container (`_XEN_FOO` and `XEN_FOO` both give
///   `xenFoo`) each keep their C name as the Swift name (`_XEN_FOO`, `XEN_FOO`), so neither wins by order.
/// - A macro whose name is no ASCII C identifier (clang takes `$` and universal character names) or
///   is underscores only is left out with its reason, as is one whose C name still collides after that.
public enum HeaderConstantNames {
    /// A macro the rule cannot name.
    public struct LeftOut: Sendable, Equatable {
        /// The constant.
        public var constant: XenConstant
        /// Why it is not emitted.
        public var reason: String
    }

    /// The value macros of `constants` that go into per-header containers: those without a group.
    /// - Parameter constants: The interface's constants.
    /// - Returns: The ungrouped ones, in order.
    public static func ungrouped(_ constants: [XenConstant]) -> [XenConstant] {
        constants.filter { $0.group == nil }
    }

    /// Names the constants of one container.
    /// - Parameter constants: The ungrouped constants of one header, in header order.
    /// - Returns: Each named constant with its Swift name, in order, and those left out with the reason.
    public static func names(_ constants: [XenConstant]) -> (named: [(constant: XenConstant, name: String)], leftOut: [LeftOut]) {
        var leftOut: [LeftOut] = []
        let valid = constants.filter { constant in
            guard SwiftText.isASCIIIdentifier(constant.name) else {
                leftOut.append(LeftOut(constant: constant, reason: "its name is no ASCII C identifier, so it names no Swift member"))
                return false
            }
            return true
        }
        let camel = valid.map { SwiftNaming.caseName($0.name, prefix: "") }
        var counts: [String: Int] = [:]
        for name in camel { counts[name, default: 0] += 1 }
        var named: [(constant: XenConstant, name: String)] = []
        var taken: [String: String] = [:]
        for (constant, name) in zip(valid, camel) {
            let chosen =
                counts[name, default: 0] > 1
                ? (SwiftNaming.keywords.contains(constant.name) ? "`\(constant.name)`" : constant.name) : name
            if chosen == "_" {
                leftOut.append(LeftOut(constant: constant, reason: "its name has no letter or digit, so it names no Swift member"))
                continue
            }
            if let other = taken[SwiftNaming.bare(chosen)] {
                leftOut.append(LeftOut(constant: constant, reason: "its Swift name \(SwiftNaming.bare(chosen)) is taken by \(other)"))
                continue
            }
            taken[SwiftNaming.bare(chosen)] = constant.name
            named.append((constant, chosen))
        }
        return (named, leftOut)
    }

    /// Every ungrouped constant the rule leaves out, over all headers.
    /// - Parameter constants: The interface's constants.
    /// - Returns: The left-out ones with reasons, in order.
    public static func leftOut(_ constants: [XenConstant]) -> [LeftOut] {
        var byHeader: [String: [XenConstant]] = [:]
        var order: [String] = []
        for constant in ungrouped(constants) {
            if byHeader[constant.file] == nil { order.append(constant.file) }
            byHeader[constant.file, default: []].append(constant)
        }
        return order.flatMap { names(byHeader[$0] ?? []).leftOut }
    }
}
