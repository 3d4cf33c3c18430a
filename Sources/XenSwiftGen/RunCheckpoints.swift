import Synchronization
import XenIR

/// The named points of a run that the atomicity tests interrupt: `started`, `staged`, `committed`,
/// `renamed-N` (after the N-th rename), and the step `undo` that they make fail.
///
/// The shipped tool installs nothing, so a point is one lock and a `nil`: no environment variable is
/// read and no signal is sent. The tests' own executable, `xen-swiftgen-faults` (`Tests/FaultInjection`,
/// in no product), installs hooks that send SIGKILL at a point or fail a step, then runs the same
/// commands as `xen-swiftgen`.
public enum RunCheckpoints {
    /// What happens at the points of a run.
    public struct Hooks: Sendable {
        /// Called when the run reaches a point.
        public var reached: @Sendable (String) -> Void
        /// The error message with which a step must fail, or `nil` to let it run.
        public var failure: @Sendable (String) -> String?

        /// Creates hooks.
        public init(reached: @escaping @Sendable (String) -> Void, failure: @escaping @Sendable (String) -> String?) {
            self.reached = reached
            self.failure = failure
        }
    }

    /// The hooks of this process, if any were installed.
    private static let installed = Mutex<Hooks?>(nil)

    /// Installs `hooks` for every later run of this process.
    /// - Parameter hooks: The hooks.
    public static func install(_ hooks: Hooks) {
        installed.withLock { $0 = hooks }
    }

    /// Tells the hooks that the run reached `name`.
    /// - Parameter name: The point reached.
    static func reached(_ name: @autoclosure () -> String) {
        guard let hooks = installed.withLock({ $0 }) else { return }
        hooks.reached(name())
    }

    /// Throws when the hooks want the step `name` to fail.
    /// - Parameter name: The step.
    /// - Throws: `GeneratorDiagnostic` with the hooks' message.
    static func check(_ name: String) throws {
        guard let hooks = installed.withLock({ $0 }), let message = hooks.failure(name) else { return }
        throw GeneratorDiagnostic(.error, at: nil, message)
    }
}
