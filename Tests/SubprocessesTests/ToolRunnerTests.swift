import Foundation
import Subprocesses
import Testing

@Suite("ToolRunner: the one subprocess runner")
struct ToolRunnerTests {
    @Test("standard output, standard error and the exit status come back apart")
    func streamsAndStatus() throws {
        let outcome = try ToolRunner.run("sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(outcome.status == 3)
        #expect(outcome.output == "out\n")
        #expect(outcome.error == "err\n")
        #expect(outcome.errorLine == "err")
    }

    @Test("standard input reaches the tool; without input it reads /dev/null")
    func input() throws {
        #expect(try ToolRunner.run("cat", [], input: "a\nb\n").lines == ["a", "b"])
        let empty = try ToolRunner.run("cat", [])
        #expect(empty.output == "", "cat of /dev/null wrote \(empty.output.utf8.count) bytes: \(empty.output.prefix(80))")
        #expect(throws: ToolRunner.Failure.self) {
            try ToolRunner.run("cat", [], input: String(repeating: "x", count: ToolRunner.inputLimit + 1))
        }
    }

    @Test("both streams are drained together: a tool that fills standard error before writing standard output finishes")
    func largeStreams() throws {
        let outcome = try ToolRunner.run("sh", ["-c", "head -c 300000 /dev/zero >&2; head -c 200000 /dev/zero"])
        #expect(outcome.status == 0)
        #expect(outcome.output.utf8.count == 200_000)
        #expect(outcome.error.utf8.count == 300_000)
    }

    @Test("a signal is 128 + its number; a tool that cannot start throws; standardOutput is nil on failure")
    func failures() throws {
        #expect(try ToolRunner.run("sh", ["-c", "kill -9 $$"]).status == 128 + 9)
        #expect(throws: ToolRunner.Failure.self) { try ToolRunner.run("/nonexistent/tool", []) }
        #expect(ToolRunner.standardOutput(of: "sh", arguments: ["-c", "echo hi"]) == "hi\n")
        #expect(ToolRunner.standardOutput(of: "sh", arguments: ["-c", "echo hi; exit 1"]) == nil)
        #expect(ToolRunner.standardOutput(of: "sh", arguments: ["-c", "echo hidden >&2"]) == "")
    }
}
