import Foundation

/// Kills the process at a named point of the output commit, for the atomicity tests.
///
/// Set `XEN_SWIFTGEN_KILL_AT` to `staged`, `committed` or `renamed-N` (after the N-th rename) and the
/// run sends itself SIGKILL there, exactly as an interrupted build would be killed. Unset, it does nothing.
enum FaultInjection {
    /// The requested point, read once.
    private static let target = ProcessInfo.processInfo.environment["XEN_SWIFTGEN_KILL_AT"]

    /// Sends SIGKILL to this process when `name` is the requested point.
    /// - Parameter name: The point reached.
    static func point(_ name: String) {
        guard let target, target == name else { return }
        kill(getpid(), SIGKILL)
    }
}
