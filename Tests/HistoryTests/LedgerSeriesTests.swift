import Foundation
import Testing
import XenChecks
import XenIR

/// The fixture header series v1…v6 run through `--ledger` in order, one ledger file throughout.
@Suite struct LedgerSeriesTests {
    let seriesFolder = Paths.fixture("ledger-series")

    func generate(_ version: String, ledger: URL, output: URL, extra: [String] = []) throws -> RunResult {
        try xenSwiftGen(
            [
                "generate", "--xen-headers", seriesFolder.appendingPathComponent(version).path,
                "--output", output.path, "--ledger", ledger.path,
            ] + extra)
    }

    func entries(_ ledger: URL) throws -> [UInt64: LedgerEntry] {
        let decoded = try JSONDecoder().decode(Ledger.self, from: Data(contentsOf: ledger))
        let family = try #require(decoded.family(named: "domctl"))
        return Dictionary(uniqueKeysWithValues: family.numbers.map { ($0.number, $0) })
    }

    @Test("v1 to v6: live, retired with bump, reuse fails, rename fails then is acknowledged, vanished stays reserved, no bump warns")
    func series() throws {
        let work = try makeTemporaryFolder("ledger")
        defer { try? FileManager.default.removeItem(at: work) }
        let ledger = work.appendingPathComponent("xen-ops.ledger.json")
        let output = work.appendingPathComponent("out")

        // Without --update-ledger a missing ledger is an error.
        let missing = try generate("v1", ledger: ledger, output: output)
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: \(ledger.path): ledger file does not exist (add --update-ledger to create it)\n")

        // v1: every op live.
        let v1 = try generate("v1", ledger: ledger, output: output, extra: ["--update-ledger"])
        #expect(v1.status == 0, "\(v1.stderr)")
        #expect(try entries(ledger)[6]?.status == .live)
        #expect(try entries(ledger)[6]?.firstSeen == "0x00000001")

        // v2: getmemlist commented out with a marker, version bumped: no warning.
        let v2 = try generate("v2", ledger: ledger, output: output, extra: ["--update-ledger"])
        #expect(v2.status == 0 && v2.stderr.isEmpty, "\(v2.stderr)")
        #expect(try entries(ledger)[6]?.status == .retired)
        #expect(try entries(ledger)[6]?.marker == "Removed")

        // v3: the tombstone is gone and another op takes 6: the ledger remembers.
        let before = try Data(contentsOf: ledger)
        let v3 = try generate("v3", ledger: ledger, output: output, extra: ["--update-ledger"])
        #expect(v3.status == 1)
        #expect(
            v3.stderr.contains(
                "ledger-series/v3/domctl.h:23:9: error: XEN_DOMCTL_newop reuses 6, retired from XEN_DOMCTL_getmemlist (\"Removed\")"))
        #expect(try Data(contentsOf: ledger) == before, "a failed run must not touch the ledger")

        // v4: a rename on number 7 fails…
        let v4 = try generate("v4", ledger: ledger, output: output, extra: ["--update-ledger"])
        #expect(v4.status == 1)
        #expect(
            v4.stderr.contains(
                "ledger-series/v4/domctl.h:24:9: error: XEN_DOMCTL_vm_event_op takes 7, which the ledger records for XEN_DOMCTL_mem_event_op (live)"
            ))
        // …and passes once acknowledged, as a note.
        let acknowledged = try generate(
            "v4", ledger: ledger, output: output,
            extra: ["--update-ledger", "--config", seriesFolder.appendingPathComponent("acknowledge-rename.json").path])
        #expect(acknowledged.status == 0, "\(acknowledged.stderr)")
        #expect(acknowledged.stderr.contains("note: XEN_DOMCTL_vm_event_op takes 7 from XEN_DOMCTL_mem_event_op, as acknowledged"))
        #expect(try entries(ledger)[7]?.name == "XEN_DOMCTL_vm_event_op")
        #expect(try entries(ledger)[7]?.formerNames == ["XEN_DOMCTL_mem_event_op"])
        // The guard keeps only the acknowledged name.
        let guardText = try String(contentsOf: output.appendingPathComponent("DomctlOp.swift"), encoding: .utf8)
        #expect(guardText.contains("    case XEN_DOMCTL_vm_event_op = 7 // live\n"))
        #expect(!guardText.contains("case XEN_DOMCTL_mem_event_op"))
        // v4 has no tombstone for the old name, yet code written against it still gets the fix-it.
        #expect(
            guardText.contains(
                """
                    @available(*, unavailable, renamed: "vmEventOp", message: "XEN_DOMCTL_mem_event_op (7) was retired: \
                renamed to XEN_DOMCTL_vm_event_op (acknowledged: 
                """), "\(guardText)")

        // v5: destroydomain vanished without a tombstone: a warning, and 2 stays reserved.
        let v5 = try generate("v5", ledger: ledger, output: output, extra: ["--update-ledger"])
        #expect(v5.status == 0)
        #expect(
            v5.stderr.contains(
                "warning: XEN_DOMCTL_destroydomain (2) vanished from domctl.h without a tombstone; the ledger keeps 2 reserved"))
        #expect(try entries(ledger)[2]?.status == .retired)
        #expect(try entries(ledger)[2]?.marker == "vanished")
        let v5Swift = try String(contentsOf: output.appendingPathComponent("DomctlOp.swift"), encoding: .utf8)
        #expect(v5Swift.contains("    case XEN_DOMCTL_destroydomain = 2 // reserved by the ledger: vanished\n"))
        #expect(!v5Swift.contains("case destroydomain"))

        // v6: createdomain retired without a bump: an error with --strict (ledger untouched)…
        let beforeV6 = try Data(contentsOf: ledger)
        let strict = try generate("v6", ledger: ledger, output: output, extra: ["--update-ledger", "--strict"])
        #expect(strict.status == 1)
        #expect(
            strict.stderr.contains(
                "ledger-series/v6/domctl.h:10:9: error: XEN_DOMCTL_createdomain retired since the last run, "
                    + "but XEN_DOMCTL_INTERFACE_VERSION is still 0x00000004"))
        #expect(try Data(contentsOf: ledger) == beforeV6)
        // …and a warning without it.
        let v6 = try generate("v6", ledger: ledger, output: output, extra: ["--update-ledger"])
        #expect(v6.status == 0)
        #expect(v6.stderr.contains("warning: XEN_DOMCTL_createdomain retired since the last run"))

        // The generated Swift of the last step compiles, guard included.
        let files = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".swift") }.sorted()
        let compile = try swiftc(["-typecheck", "-swift-version", "6"] + files, in: output)
        #expect(compile.status == 0, "\(compile.stderr)")
    }

    @Test("the ledger file is sorted and stable: a second identical run leaves it byte-identical")
    func stableLedger() throws {
        let work = try makeTemporaryFolder("ledger")
        defer { try? FileManager.default.removeItem(at: work) }
        let ledger = work.appendingPathComponent("ledger.json")
        let output = work.appendingPathComponent("out")
        _ = try generate("v2", ledger: ledger, output: output, extra: ["--update-ledger"])
        let first = try Data(contentsOf: ledger)
        _ = try generate("v2", ledger: ledger, output: output, extra: ["--update-ledger"])
        #expect(try Data(contentsOf: ledger) == first)
        let numbers = try JSONDecoder().decode(Ledger.self, from: first).families.first?.numbers.map(\.number)
        #expect(numbers == [1, 2, 5, 6, 7])
    }
}

/// A tombstone whose name differs from the ledger's record for that number is not passed silently.
@Suite struct LedgerTombstoneNameTests {
    @Test("a tombstone under another name than the ledger's warns and keeps the number reserved under the ledger's name")
    func mismatchedTombstone() throws {
        let work = try makeTemporaryFolder("ledger")
        defer { try? FileManager.default.removeItem(at: work) }
        let ledger = work.appendingPathComponent("ledger.json")
        let output = work.appendingPathComponent("out")
        let v1 = Paths.fixture("ledger-series/v1")
        let first = try xenSwiftGen([
            "generate", "--xen-headers", v1.path, "--output", output.path, "--ledger", ledger.path, "--update-ledger",
        ])
        #expect(first.status == 0, "\(first.stderr)")
        // v1 with XEN_DOMCTL_mem_event_op (7) replaced by a tombstone for another name, version bumped.
        let tree = work.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        let text = try String(contentsOf: v1.appendingPathComponent("domctl.h"), encoding: .utf8)
            .replacingOccurrences(
                of: "#define XEN_DOMCTL_mem_event_op                 7",
                with: "/* #define XEN_DOMCTL_old_event_op            7 Removed */"
            )
            .replacingOccurrences(of: "XEN_DOMCTL_INTERFACE_VERSION 0x00000001", with: "XEN_DOMCTL_INTERFACE_VERSION 0x00000002")
        try text.write(to: tree.appendingPathComponent("domctl.h"), atomically: true, encoding: .utf8)
        let second = try xenSwiftGen([
            "generate", "--xen-headers", tree.path, "--output", output.path, "--ledger", ledger.path, "--update-ledger",
        ])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(
            second.stderr.contains(
                "\(tree.path)/domctl.h:24:4: warning: the tombstone retires XEN_DOMCTL_old_event_op on 7, "
                    + "but \(ledger.path) records XEN_DOMCTL_mem_event_op there; 7 stays reserved under XEN_DOMCTL_mem_event_op"),
            "\(second.stderr)")
        let entry = try #require(
            try JSONDecoder().decode(Ledger.self, from: Data(contentsOf: ledger)).family(named: "domctl")?
                .numbers.first { $0.number == 7 })
        #expect(entry.name == "XEN_DOMCTL_mem_event_op" && entry.status == .retired && entry.marker == "Removed")
    }
}
