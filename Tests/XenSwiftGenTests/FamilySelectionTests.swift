import Foundation
import Testing
import XenIR

/// Selecting families in the config never changes what a family holds: every family of the built-in
/// table generates on its own from the installed headers, with exactly the ops it has when every
/// family is read (issue 10: `{"families":["memory"]}` used to give 22 false reuse errors, because
/// `XENMEM_access_op_*` fell into `memory` when `memory-access` was not selected).
@Suite struct FamilySelectionTests {
    /// Every family of the full read, by name.
    static let fullRead: [String: OpFamily] = {
        guard let interface = try? RealHeadersTests.realInterface() else { return [:] }
        return Dictionary(uniqueKeysWithValues: interface.families.map { ($0.name, $0) })
    }()

    /// The built-in table's family names, written out here as the config article (ConfigFile.md) lists them.
    /// The hypercall families come first; then the numbered groups and records of the other headers.
    static let tableNames: [String] = [
        "hypercall", "domctl", "domctl-vmtrace", "sysctl", "sysctl-tbuf", "sysctl-perfc", "sysctl-lockprof",
        "sysctl-cpupool", "sysctl-scheduler", "sysctl-coverage", "sysctl-livepatch", "memory", "memory-paging",
        "memory-access", "memory-sharing", "platform", "physdev", "hvm", "hvm-altp2m", "vcpu", "sched",
        "event-channel", "grant-table", "dm",
        "xenstore-message", "scheduler", "kexec", "kexec-range", "flask", "xenver", "vm-event-reason", "blkif-op",
        "ioreq-type", "pvcalls", "camera", "fsif", "display", "netif-ctrl", "sound", "xenoprof", "vscsiif", "pmu",
        "callback", "hypfs", "kbdif", "nmi", "hvm-vcpu-mode", "hvm-memmap-type", "tpmif-state", "pciif", "hvm-save",
        "console", "9pfs", "mca", "mmuext", "evtchn-status", "usbif-speed", "trace-scheduler", "domctl-shadow-op", "features",
    ]

    /// Writes `{"families": names}` and returns its path.
    static func config(_ names: [String], in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("xen-swiftgen-config.json")
        let list = names.map { "\"\($0)\"" }.joined(separator: ", ")
        try Data("{ \"families\": [\(list)] }\n".utf8).write(to: path)
        return path.path
    }

    /// Rows whose header has records but no numbered group: they give records, no op family.
    static let recordOnlyNames: Set<String> = ["hvm-save", "console", "9pfs"]

    @Test("the full read has every family of the table but the records-only rows")
    func fullReadCoversTable() {
        #expect(Set(Self.fullRead.keys) == Set(Self.tableNames).subtracting(Self.recordOnlyNames))
    }

    @Test("each family alone generates with no diagnostics and the same ops as in the full read", arguments: tableNames)
    func single(_ name: String) throws {
        let folder = try makeTemporaryFolder("select")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try Self.config([name], in: folder)
        let generate = try xenSwiftGen(["generate", "--config", config, "--output", folder.appendingPathComponent("out").path])
        #expect(generate.status == 0, "\(name): \(generate.stderr)")
        #expect(!generate.stderr.contains("error:") && !generate.stderr.contains("warning:"), "\(name): \(generate.stderr)")
        let dump = try xenSwiftGen(["dump-ir", "--config", config])
        try #require(dump.status == 0, "\(name): \(dump.stderr)")
        let alone = try JSONDecoder().decode(XenInterface.self, from: Data(dump.stdout.utf8))
        if Self.recordOnlyNames.contains(name) {
            #expect(
                alone.families.isEmpty && !alone.records.isEmpty,
                "\(name): \(alone.families.count) families, \(alone.records.count) records")
            return
        }
        #expect(alone.families.map(\.name) == [name])
        let expected = try #require(Self.fullRead[name], "\(name) missing from the full read")
        #expect(alone.families.first == expected, "\(name) holds other ops when selected alone")
    }

    @Test("the issue's reproductions: memory alone and hvm alone")
    func reproductions() throws {
        let folder = try makeTemporaryFolder("select")
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["memory", "hvm"] {
            let result = try xenSwiftGen([
                "generate", "--config", try Self.config([name], in: folder),
                "--output", folder.appendingPathComponent(name).path,
            ])
            #expect(result.status == 0 && !result.stderr.contains("reuses"), "\(name): \(result.stderr)")
        }
        let memory = try String(contentsOf: folder.appendingPathComponent("memory/MemoryOp.swift"), encoding: .utf8)
        #expect(memory.contains("case maximumRamPage = 2"))
        #expect(!memory.contains("accessOpEnableEmulate"))
    }

    @Test("the families of each header, selected together, hold what they hold in the full read")
    func perHeader() throws {
        let folder = try makeTemporaryFolder("select")
        defer { try? FileManager.default.removeItem(at: folder) }
        let byHeader = Dictionary(grouping: Self.fullRead.values, by: \.file)
        for (header, families) in byHeader.sorted(by: { $0.key < $1.key }) where families.count > 1 {
            let names = families.map(\.name).sorted()
            let dump = try xenSwiftGen(["dump-ir", "--config", try Self.config(names, in: folder)])
            try #require(dump.status == 0, "\(header): \(dump.stderr)")
            let together = try JSONDecoder().decode(XenInterface.self, from: Data(dump.stdout.utf8))
            for family in together.families {
                #expect(family == Self.fullRead[family.name], "\(family.name) differs when read with \(names)")
            }
            #expect(Set(together.families.map(\.name)) == Set(names))
        }
    }

    @Test("an unknown family is an error that names the config file")
    func unknownFamily() throws {
        let folder = try makeTemporaryFolder("select")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try Self.config(["memroy"], in: folder)
        let result = try xenSwiftGen(["generate", "--config", config, "--output", folder.appendingPathComponent("out").path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: \(config): 'families' names unknown family 'memroy' (known: hypercall, domctl,"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }
}
