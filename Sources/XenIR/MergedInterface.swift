/// The IRs of one header tree read for several targets, and which declarations are the same on all.
///
/// The hand-off between the merge stage and the emitter: the emitter writes a shared declaration
/// once and every other one under `#if arch(…)`, one branch per target.
public struct MergedInterface: Codable, Sendable, Equatable {
    /// One emitted declaration, as the merge compares them.
    public enum Declaration: Codable, Sendable, Hashable {
        /// An op family's enum, retired members and number guard, by family name.
        case family(String)
        /// A family's typed commands, by family name.
        case commands(String)
        /// A top-level record with the records nested in it, by the top-level record's name.
        case record(String)
        /// The typedefs and enums the records use.
        case recordSupport
        /// The table of every record's layout.
        case recordLayout
        /// A constant group of the constant table, by group name.
        case constants(String)
    }

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

    /// The targets' IRs, in target order.
    public var variants: [Variant]
    /// Declarations present and equal on every target.
    public var shared: Set<Declaration>

    /// - Parameters:
    ///   - variants: The targets' IRs.
    ///   - shared: The declarations equal on every target.
    public init(variants: [Variant], shared: Set<Declaration>) {
        self.variants = variants
        self.shared = shared
    }

    /// Whether `declaration` is emitted once for every target.
    /// - Parameter declaration: A declaration.
    /// - Returns: `true` when it is the same on every target.
    public func isShared(_ declaration: Declaration) -> Bool {
        shared.contains(declaration)
    }
}
