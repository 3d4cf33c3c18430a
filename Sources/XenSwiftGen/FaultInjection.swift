import Foundation

/// Kills the process at a named point of a run, for the atomicity tests. Debug builds only.
///
/// In a debug build (`XEN_SWIFTGEN_TEST_HOOKS`, defined by Package.swift for the debug configuration),
/// set `XEN_SWIFTGEN_KILL_AT` to `started`, `staged`, `committed` or `renamed-N` (after the N-th rename)
/// and the run sends itself SIGKILL there, exactly as an interrupted build would be killed. Unset, it
/// does nothing. A release build compiles `point(_:)` to nothing and never reads the variable.
enum FaultInjection {
    #if XEN_SWIFTGEN_TEST_HOOKS
    /// The requested point, read once.
    private static let target = ProcessInfo.processInfo.environment["XEN_SWIFTGEN_KILL_AT"]
    #endif

    #if XEN_SWIFTGEN_TEST_HOOKS
    /// The step that must fail, read once.
    private static let failure = ProcessInfo.processInfo.environment["XEN_SWIFTGEN_FAIL_AT"]
    #endif

    /// Whether the step `name` must fail (debug builds only: `XEN_SWIFTGEN_FAIL_AT=undo`, so the
    /// tests can reach the path where an update can be neither finished nor undone).
    /// - Parameter name: The step.
    /// - Returns: `true` when `XEN_SWIFTGEN_FAIL_AT` names it; always `false` in a release build.
    @inline(__always)
    static func fails(_ name: @autoclosure () -> String) -> Bool {
        #if XEN_SWIFTGEN_TEST_HOOKS
        return failure == name()
        #else
        return false
        #endif
    }

    /// Sends SIGKILL to this process when `name` is the requested point (debug builds only).
    /// - Parameter name: The point reached.
    @inline(__always)
    static func point(_ name: @autoclosure () -> String) {
        #if XEN_SWIFTGEN_TEST_HOOKS
        guard let target, target == name() else { return }
        kill(getpid(), SIGKILL)
        #endif
    }
}
