import Foundation
import Testing

/// A run's output appears all together or not at all, and a killed run never costs the previous output.
@Suite struct AtomicWriteTests {
    /// A domctl.h with `count` ops, so a run has real work to do.
    static func largeTree(ops count: Int) throws -> URL {
        let tree = try makeTemporaryFolder("large")
        var text = "#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015\nstruct xen_domctl {\n    uint32_t cmd;\n"
        for number in 1...count {
            if number % 7 == 0 {
                text += "/* #define XEN_DOMCTL_op\(number)    \(number) Removed */\n"
            } else {
                text += "#define XEN_DOMCTL_op\(number)    \(number)\n"
            }
        }
        text += "    uint32_t interface_version;\n};\n"
        try Data(text.utf8).write(to: tree.appendingPathComponent("domctl.h"))
        return tree
    }

    /// The output files of `folder`: staging folders are bookkeeping, never output.
    static func outputFiles(_ folder: URL) -> [String: Data] {
        snapshot(folder).filter { !$0.key.hasPrefix(".xen-swiftgen-staging-") }
    }

    /// Staging folders present in `folder`.
    static func stagingFolders(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".xen-swiftgen-staging-") }
    }

    /// The complete output for `tree`, from an uninterrupted run into an empty folder.
    static func completeOutput(_ tree: URL) throws -> [String: Data] {
        let folder = try makeTemporaryFolder("complete")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try xenSwiftGen(["generate", "--xen-headers", tree.path, "--output", folder.path])
        guard result.status == 0 else { throw TestFailure("generate failed: \(result.stderr)") }
        return snapshot(folder)
    }

    @Test("the shipped xen-swiftgen carries no kill hook: XEN_SWIFTGEN_KILL_AT changes nothing")
    func shippedToolHasNoHook() throws {
        let output = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try xenSwiftGen(
            ["generate", "--xen-headers", Paths.realHeaders, "--output", output.path],
            environment: ["XEN_SWIFTGEN_KILL_AT": "started", "XEN_SWIFTGEN_FAIL_AT": "undo"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!snapshot(output).isEmpty)
    }

    @Test("a run killed as soon as it starts leaves the previous output exactly, no staging folder, and the next run completes")
    func killedAtStart() throws {
        let baseline = try OutputBaseline.files()
        let tree = try Self.largeTree(ops: 3000)
        defer { try? FileManager.default.removeItem(at: tree) }
        let complete = try Self.completeOutput(tree)
        #expect(complete != baseline)
        let output = try OutputBaseline.populatedFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        // `started` is the first thing `generate` does: the kill lands at one exact point.
        let killed = try xenSwiftGenFaults(
            ["generate", "--xen-headers", tree.path, "--output", output.path],
            environment: ["XEN_SWIFTGEN_KILL_AT": "started"])
        #expect(killed.status == SIGKILL, "the test hook did not fire: \(killed.stderr)")
        #expect(snapshot(output) == baseline, "the killed run changed the output folder")
        #expect(Self.stagingFolders(output).isEmpty)
        let result = try xenSwiftGen(["generate", "--verbose", "--xen-headers", tree.path, "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("wrote 5 files, 1 unchanged, \(baseline.count - 6) removed in \(output.path)"), "\(result.stderr)")
        #expect(snapshot(output) == complete)
    }

    /// Where the fault injection kills the run, what the folder holds right after, and what the next run reports.
    struct KillPoint: CustomTestStringConvertible, Sendable {
        var point: String
        /// Whether the output files are still the previous ones right after the kill.
        var keepsPrevious: Bool
        /// The next run's `--verbose` summary, given the baseline's file count: "wrote 0" shows the killed
        /// run's update was finished by recovery.
        var nextSummary: @Sendable (Int) -> String
        var testDescription: String { point }
    }

    static let killPoints = [
        // The large tree yields 6 files (op enum, records, layout check, two support files, its header's
        // constants: DomctlConstants.swift); only XenArchitectureGuard.swift
        // is shared byte for byte with the real-header baseline.
        KillPoint(point: "staged", keepsPrevious: true, nextSummary: { "wrote 5 files, 1 unchanged, \($0 - 6) removed" }),
        KillPoint(point: "committed", keepsPrevious: true, nextSummary: { _ in "wrote 0 files, 6 unchanged, 0 removed" }),
        // Between renames the folder holds both; the committed manifest makes the next run finish the update.
        KillPoint(point: "renamed-1", keepsPrevious: false, nextSummary: { _ in "wrote 0 files, 6 unchanged, 0 removed" }),
    ]

    @Test("a run killed at each step of the commit loses nothing; the next run finishes or discards it", arguments: killPoints)
    func killedDuringCommit(_ kill: KillPoint) throws {
        let baseline = try OutputBaseline.files()
        let tree = try Self.largeTree(ops: 300)
        defer { try? FileManager.default.removeItem(at: tree) }
        let complete = try Self.completeOutput(tree)
        let output = try OutputBaseline.populatedFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let killed = try xenSwiftGenFaults(
            ["generate", "--xen-headers", tree.path, "--output", output.path],
            environment: ["XEN_SWIFTGEN_KILL_AT": kill.point])
        #expect(killed.status == SIGKILL)
        #expect(Self.stagingFolders(output).count == 1)
        if kill.keepsPrevious { #expect(Self.outputFiles(output) == baseline) }
        let next = try xenSwiftGen(["generate", "--verbose", "--xen-headers", tree.path, "--output", output.path])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("\(kill.nextSummary(baseline.count)) in \(output.path)"), "\(next.stderr)")
        #expect(snapshot(output) == complete)
    }

    @Test("stale staging folders are removed and never counted as output; a live one is left alone")
    func staleStaging() throws {
        let baseline = try OutputBaseline.files()
        let output = try OutputBaseline.populatedFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let stale = output.appendingPathComponent(".xen-swiftgen-staging-stale")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: false)
        try Data("// Generated by xen-swiftgen\nstale\n".utf8).write(to: stale.appendingPathComponent("DomctlOp.swift"))
        try Data("junk".utf8).write(to: output.appendingPathComponent(".xen-swiftgen-staging-file"))
        // A live run's folder: this process holds its lock.
        let live = output.appendingPathComponent(".xen-swiftgen-staging-live")
        try FileManager.default.createDirectory(at: live, withIntermediateDirectories: false)
        let descriptor = open(live.path, O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)

        let check = try xenSwiftGen(["generate", "--check", "--xen-headers", Paths.realHeaders, "--output", output.path])
        #expect(check.status == 0, "staging entries must not make the folder stale: \(check.stderr)")
        let result = try xenSwiftGen(["generate", "--verbose", "--xen-headers", Paths.realHeaders, "--output", output.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("wrote 0 files, \(baseline.count) unchanged, 0 removed"), "\(result.stderr)")
        #expect(Self.stagingFolders(output) == [".xen-swiftgen-staging-live"])
        #expect(Self.outputFiles(output) == baseline)
    }

    @Test("a DocC catalog in the output folder (XenPublic's lives in Generated/) is never removed and never makes it stale")
    func doccCatalogSurvives() throws {
        let baseline = try OutputBaseline.files()
        let output = try OutputBaseline.populatedFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let catalog = output.appendingPathComponent("XenPublic.docc")
        try FileManager.default.copyItem(at: Paths.packageRoot.appendingPathComponent("Generated/XenPublic.docc"), to: catalog)
        let before = snapshot(catalog)
        #expect(!before.isEmpty)

        let check = try xenSwiftGen(["generate", "--check", "--xen-headers", Paths.realHeaders, "--output", output.path])
        #expect(check.status == 0, "a catalog must not make the folder stale: \(check.stderr)")
        let result = try xenSwiftGen(["generate", "--verbose", "--xen-headers", Paths.realHeaders, "--output", output.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("wrote 0 files, \(baseline.count) unchanged, 0 removed"), "\(result.stderr)")
        #expect(snapshot(catalog) == before)
    }

    @Test("an unchanged file keeps its modification time")
    func unchangedFilesUntouched() throws {
        let output = try OutputBaseline.populatedFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let file = output.appendingPathComponent("DomctlOp.swift").path
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: file)
        let result = try xenSwiftGen(["generate", "--xen-headers", Paths.realHeaders, "--output", output.path])
        #expect(result.status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date == old)
    }

    /// The files a run of `tree` into a copy of the baseline writes, in the order it publishes them
    /// (read from the journal of a run killed at its commit point).
    static func publishOrder(_ tree: URL) throws -> [String] {
        let output = try OutputBaseline.populatedFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let killed = try xenSwiftGenFaults(
            ["generate", "--xen-headers", tree.path, "--output", output.path],
            environment: ["XEN_SWIFTGEN_KILL_AT": "committed"])
        guard killed.status == SIGKILL, let staging = stagingFolders(output).first else {
            throw TestFailure("no journal: \(killed.stderr)")
        }
        let manifest = try String(contentsOf: output.appendingPathComponent(staging).appendingPathComponent("manifest"), encoding: .utf8)
        return manifest.split(separator: "\n").filter { $0.hasPrefix("write ") }.compactMap {
            $0.split(separator: " ").last.map(String.init)
        }
    }

    @Test(
        "when the second of the renames fails (an immutable file), the first is undone: the folder is exactly as before, no journal is left"
    )
    func failedRenameIsUndone() throws {
        let tree = try Self.largeTree(ops: 40)
        defer { try? FileManager.default.removeItem(at: tree) }
        let order = try Self.publishOrder(tree)
        try #require(order.count >= 3, "\(order)")
        let output = try OutputBaseline.populatedFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        try Data("mine\n".utf8).write(to: output.appendingPathComponent("notes.txt"))
        let before = snapshot(output)
        let blocked = output.appendingPathComponent(order[1])
        // An immutable file cannot be replaced, not even by root (ext4, tmpfs, xfs and btrfs have the flag).
        let chattr = try run(URL(fileURLWithPath: "/usr/bin/env"), ["chattr", "+i", blocked.path])
        try #require(chattr.status == 0, "chattr +i is needed for this test: \(chattr.stderr)")
        defer { _ = try? run(URL(fileURLWithPath: "/usr/bin/env"), ["chattr", "-i", blocked.path]) }
        let result = try xenSwiftGen(["generate", "--xen-headers", tree.path, "--output", output.path])
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot replace '\(blocked.path)': Operation not permitted; the output folder was left as it was\n")
        #expect(snapshot(output) == before, "a failed run left the folder half updated")
        #expect(Self.stagingFolders(output).isEmpty)
    }

    @Test("when the undo fails too, the journal stays: the error says so, --check reports it, and the next run finishes the update")
    func failedUndoKeepsJournal() throws {
        let tree = try Self.largeTree(ops: 40)
        defer { try? FileManager.default.removeItem(at: tree) }
        let order = try Self.publishOrder(tree)
        try #require(order.count >= 3, "\(order)")
        let complete = try Self.completeOutput(tree)
        let output = try OutputBaseline.populatedFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let blocked = output.appendingPathComponent(order[1])
        let chattr = try run(URL(fileURLWithPath: "/usr/bin/env"), ["chattr", "+i", blocked.path])
        try #require(chattr.status == 0, "chattr +i is needed for this test: \(chattr.stderr)")
        let result = try xenSwiftGenFaults(
            ["generate", "--xen-headers", tree.path, "--output", output.path],
            environment: ["XEN_SWIFTGEN_FAIL_AT": "undo"])
        _ = try run(URL(fileURLWithPath: "/usr/bin/env"), ["chattr", "-i", blocked.path])
        #expect(result.status == 1)
        let staging = try #require(Self.stagingFolders(output).first, "the journal was removed: \(result.stderr)")
        #expect(
            result.stderr == "error: cannot replace '\(blocked.path)': Operation not permitted; undoing the update failed too "
                + "(injected failure (XEN_SWIFTGEN_FAIL_AT=undo)): '\(output.path)' is half updated, and the next run finishes or undoes "
                + "the update from \(staging)\n")
        let check = try xenSwiftGen(["generate", "--check", "--xen-headers", tree.path, "--output", output.path])
        #expect(check.status == 1)
        #expect(check.stderr.contains("is half published"), "\(check.stderr)")
        let next = try xenSwiftGen(["generate", "--xen-headers", tree.path, "--output", output.path])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(snapshot(output) == complete)
    }

    @Test("after a run killed between renames, --check reports the half-published folder; the next run finishes it")
    func checkReportsHalfPublished() throws {
        let tree = try Self.largeTree(ops: 40)
        defer { try? FileManager.default.removeItem(at: tree) }
        let complete = try Self.completeOutput(tree)
        let output = try OutputBaseline.populatedFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let killed = try xenSwiftGenFaults(
            ["generate", "--xen-headers", tree.path, "--output", output.path],
            environment: ["XEN_SWIFTGEN_KILL_AT": "renamed-2"])
        #expect(killed.status == SIGKILL)
        let staging = try #require(Self.stagingFolders(output).first)
        let check = try xenSwiftGen(["generate", "--check", "--xen-headers", tree.path, "--output", output.path])
        #expect(check.status == 1)
        #expect(
            check.stderr == "error: '\(output.path)' is half published: a run was stopped while publishing (\(staging)); "
                + "the next generate finishes or undoes that update\n")
        let next = try xenSwiftGen(["generate", "--xen-headers", tree.path, "--output", output.path])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(snapshot(output) == complete)
    }

    @Test("two runs started together into one empty folder both succeed (they take turns on the folder's lock)")
    func concurrentRunsIntoEmptyFolder() throws {
        let tree = try Self.largeTree(ops: 300)
        defer { try? FileManager.default.removeItem(at: tree) }
        let complete = try Self.completeOutput(tree)
        let parent = try makeTemporaryFolder("concurrent")
        defer { try? FileManager.default.removeItem(at: parent) }
        for attempt in 1...8 {
            let output = parent.appendingPathComponent("out-\(attempt)")
            let results = concurrentRuns(2) { _ in try? xenSwiftGen(["generate", "--xen-headers", tree.path, "--output", output.path]) }
            for result in results {
                #expect(result?.status == 0, "attempt \(attempt): \(result?.stderr ?? "did not run")")
            }
            #expect(snapshot(output) == complete)
        }
    }
}

/// Runs `body` `count` times at once and returns the results in order.
func concurrentRuns<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    nonisolated(unsafe) var results = [T?](repeating: nil, count: count)
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: count) { index in
        let value = body(index)
        lock.withLock { results[index] = value }
    }
    return results.compactMap { $0 }
}
