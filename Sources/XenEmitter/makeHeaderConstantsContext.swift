import XenIR

extension SwiftEmitter {
    /// Builds the template context of one header's ungrouped value macros.
    /// - Parameters:
    ///   - header: The header, relative to the tree.
    ///   - constants: Its value macros that no constant group takes, in header order.
    /// - Returns: The context, or `nil` when the naming rule leaves none to emit.
    func makeHeaderConstantsContext(header: String, constants: [XenConstant]) -> HeaderConstantsContext? {
        let named = HeaderConstantNames.names(constants).named
        guard !named.isEmpty else { return nil }
        let members = named.map { constant, name in
            let type = ConstantValueType.swiftType(constant)
            let releaseValues = Self.releaseRuns(constant.releaseValues ?? [])
            // A release's value of another type (a string once, a number later) cannot be returned as `type`: its case is left out.
            let cases = releaseValues.filter { ConstantValueType.swiftType(of: $0.0, cType: constant.cType) == type }.map {
                value, releases in
                HeaderConstantsContext.ReleaseValue(
                    patterns: releases.map { "(\($0.major), \($0.minor))" }.joined(separator: ", "), literal: Self.constantLiteral(value))
            }
            return HeaderConstantsContext.Member(
                docLines: constantDocLines(constant, perRelease: cases.isEmpty ? nil : "\(SwiftNaming.bare(name))(on:)"), name: name,
                type: type, literal: Self.constantLiteral(constant.value), releaseValues: cases, hasReleaseValues: !cases.isEmpty
            )
        }
        return HeaderConstantsContext(
            accessLevel: accessLevel, header: SwiftText.lineComment(header), typeName: OutputFiles.headerConstantsType(header: header),
            members: members.everywhere()
        )
    }
}
