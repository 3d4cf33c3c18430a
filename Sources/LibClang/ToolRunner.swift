import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a short-lived tool (`llvm-config --libdir`) and returns what it prints.
///
/// Foundation's `Process` costs about 60 ms here: swift-corelibs-foundation's `waitUntilExit()`
/// polls the run loop in 50 ms steps, so even a 2 ms tool blocks for one whole step. The generator
/// runs inside builds, so the loader spawns with `posix_spawn` and waits with `waitpid` instead.
enum ToolRunner {
    /// Runs `tool` with `arguments`, standard error discarded, and collects its standard output.
    /// - Parameters:
    ///   - tool: The executable's absolute path.
    ///   - arguments: Arguments after the program name.
    /// - Returns: The output, or `nil` when the tool cannot start or exits with a non-zero status.
    static func standardOutput(of tool: String, arguments: [String]) -> String? {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        // Neither end may leak into this or any other child: a stray copy of the write end would
        // keep the pipe open and the read below would never see end-of-file. `dup2` in the child
        // clears the flag on its standard output only.
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)

        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, writeEnd, STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)

        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tool, &actions, nil, argv, environ)
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            return nil
        }

        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                output += buffer[0..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(readEnd)

        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return nil }
        }
        // 0 is "exited normally with status 0"; anything else is a failure or a signal.
        return status == 0 ? String(decoding: output, as: UTF8.self) : nil
    }
}
