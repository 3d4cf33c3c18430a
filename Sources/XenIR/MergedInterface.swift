/// The IRs of one header tree read for several targets: the hand-off between the checks and the emitter.
///
/// The emitter merges what the targets have in common member by member (``Availability``), so a case,
/// field or command every target has is written once and only what differs sits under `#if arch(…)`.
public struct MergedInterface: Codable, Sendable, Equatable {
    /// One target's IR.
    public struct Variant: Codable, Sendable, Equatable {
        /// The target.
        public var target: TargetArchitecture
        /// What the reader produced for it.
        public var interface: XenInterface

        /// - Parameters:
        ///   - target: The target.
        ///   - interface: Its IR.
        public init(target: TargetArchitecture, interface: XenInterface) {
            self.target = target
            self.interface = interface
        }
    }

    /// The targets' IRs, in target order; an ``Availability`` counts its variants in this order.
    public var variants: [Variant]

    /// - Parameter variants: The targets' IRs, in target order.
    public init(variants: [Variant]) {
        self.variants = variants
    }
}
