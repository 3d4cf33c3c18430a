import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a short-lived tool (`llvm-config --libdir`, `git`, `tar`) and collects what it prints: the one
/// subprocess runner of the package.
///
/// Foundation's `Process` costs about 60 ms here: swift-corelibs-foundation's `waitUntilExit()`
/// polls the run loop in 50 ms steps, so even a 2 ms tool blocks for one whole step. The generator
/// runs inside builds and runs git dozens of times per history release, so this spawns with
/// `posix_spawnp`, reads standard output and standard error together with `poll`, and waits with
/// `waitpid`.
public enum ToolRunner {
    /// What a tool did.
    public struct Outcome: Sendable {
        /// The exit status; 128 + N when signal N ended it.
        public var status: Int32
        /// Its standard output.
        public var output: String
        /// Its standard error (empty when it was discarded).
        public var error: String

        /// The first line of standard error, or the exit status when it printed none.
        public var errorLine: String { error.split(separator: "\n").first.map(String.init) ?? "exit status \(status)" }
        /// The lines of standard output.
        public var lines: [String] { output.split(separator: "\n").map(String.init) }
    }

    /// Why a tool could not run.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The tool.
        public var tool: String
        /// What went wrong (`strerror` of the failed call).
        public var reason: String
        public var description: String { "cannot run \(tool): \(reason)" }
    }

    /// The largest standard input ``run(_:_:input:keepError:)`` takes: what a pipe holds without a reader,
    /// so the input is written before the tool starts and no write can block or raise SIGPIPE.
    public static let inputLimit = 65_536

    /// Runs `tool` with `arguments` (found on `PATH` unless it contains a slash) and collects its output.
    /// - Parameters:
    ///   - tool: The program.
    ///   - arguments: Arguments after the program name.
    ///   - input: Its standard input, at most ``inputLimit`` bytes; `nil` gives it `/dev/null`.
    ///   - keepError: Whether to collect standard error; `false` sends it to `/dev/null`.
    /// - Returns: The exit status and output.
    /// - Throws: ``Failure`` when the tool cannot be started (or `input` is too large).
    public static func run(_ tool: String, _ arguments: [String], input: String? = nil, keepError: Bool = true) throws -> Outcome {
        var opened: [Int32] = []
        defer { opened.forEach { close($0) } }
        func pipeEnds() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { throw Failure(tool: tool, reason: String(cString: strerror(errno))) }
            // Neither end may leak into this or any other child: a stray copy of a write end would keep
            // the pipe open and a read would never see end-of-file. `dup2` in the child clears the flag on
            // its standard streams only. (Glibc's module does not export pipe2, so another thread's child
            // can still inherit an end between the two calls; it then only delays end-of-file.)
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            opened += fds
            return (fds[0], fds[1])
        }
        func closeEnd(_ fd: Int32) {
            close(fd)
            opened.removeAll { $0 == fd }
        }

        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        if let input {
            let bytes = Array(input.utf8)
            guard bytes.count <= inputLimit else { throw Failure(tool: tool, reason: "standard input over \(inputLimit) bytes") }
            let stdin = try pipeEnds()
            let written = bytes.withUnsafeBytes { write(stdin.write, $0.baseAddress, $0.count) }
            guard written == bytes.count else { throw Failure(tool: tool, reason: "cannot fill its standard input") }
            closeEnd(stdin.write)
            posix_spawn_file_actions_adddup2(&actions, stdin.read, STDIN_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        }
        let stdout = try pipeEnds()
        posix_spawn_file_actions_adddup2(&actions, stdout.write, STDOUT_FILENO)
        let stderr: (read: Int32, write: Int32)? = try keepError ? pipeEnds() : nil
        if let stderr {
            posix_spawn_file_actions_adddup2(&actions, stderr.write, STDERR_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        }

        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, tool, &actions, nil, argv, environ)
        // The child's ends belong to the child now.
        opened.filter { $0 != stdout.read && $0 != stderr?.read }.forEach(closeEnd)
        guard spawned == 0 else { throw Failure(tool: tool, reason: String(cString: strerror(spawned))) }

        var collected: [Int32: [UInt8]] = [stdout.read: []]
        if let stderr { collected[stderr.read] = [] }
        var open = Array(collected.keys)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for entry in fds where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    collected[entry.fd, default: []] += buffer[0..<count]
                } else if count == 0 || errno != EINTR {
                    open.removeAll { $0 == entry.fd }
                }
            }
        }

        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw Failure(tool: tool, reason: String(cString: strerror(errno))) }
        }
        // The wait status: exited normally when the low 7 bits are 0, its code in the next 8; else the signal.
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return Outcome(
            status: code, output: String(decoding: collected[stdout.read] ?? [], as: UTF8.self),
            error: String(decoding: stderr.map { collected[$0.read] ?? [] } ?? [], as: UTF8.self))
    }

    /// Runs `tool` with `arguments`, standard error discarded, and collects its standard output.
    /// - Parameters:
    ///   - tool: The executable.
    ///   - arguments: Arguments after the program name.
    /// - Returns: The output, or `nil` when the tool cannot start or exits with a non-zero status.
    public static func standardOutput(of tool: String, arguments: [String]) -> String? {
        guard let outcome = try? run(tool, arguments, keepError: false), outcome.status == 0 else { return nil }
        return outcome.output
    }
}
