import Foundation
import Testing
import XenChecks
import XenIR
import XenSwiftGen

/// Xen releases other than the installed one, from the history bundle: they generate, their output
/// compiles and matches the C compiler's layout, and replaying the history finds exactly the reviewed
/// renames and reuses. (Every release tag is run by `Scripts/corpus.sh --releases` in `Scripts/test.sh`.)
@Suite struct ReleaseHistoryTests {
    @Test("RELEASE-4.0.4 generates; what the table names but 4.0 lacks is one warning, not an error")
    func oldReleaseWarnsOnce() throws {
        let tree = try HistoryBundle.tree("RELEASE-4.0.4")
        let output = try makeTemporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: tree)
            try? FileManager.default.removeItem(at: output)
        }
        let result = try xenSwiftGen(["generate", "--xen-headers", tree.path, "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        // 4.0 has no arm64 (arch-arm came in 4.3): the default arm64 target is left out with one warning.
        #expect(lines.count == 2, "\(result.stderr)")
        #expect(lines.first?.hasPrefix("warning: these headers do not build for aarch64-linux-gnu (") == true, "\(result.stderr)")
        #expect(lines.last?.hasPrefix("warning: these headers lack ") == true, "\(result.stderr)")
        #expect(result.stderr.contains("9pfs; records memory: struct xen_add_to_physmap_batch, "), "\(result.stderr)")
        #expect(result.stderr.contains("payloadMembers ops domctl: XEN_DOMCTL_get_cpu_policy, "))
        // 4.0's sysctl.h lists its commands before `struct xen_sysctl`, not inside it as later releases
        // do: they are still read, and the family is not among what 4.0 lacks.
        #expect(result.stderr.contains("families domctl-vmtrace, sysctl-cpupool, "), "\(result.stderr)")
        let sysctl = try String(contentsOf: output.appendingPathComponent("SysctlOp.swift"), encoding: .utf8)
        #expect(sysctl.contains("case readconsole = 1"), "\(sysctl)")
        #expect(sysctl.contains("case lockprofOp = 15"), "\(sysctl)")
        #expect(!sysctl.contains("interfaceVersion = 7"), "the interface version macro is not a command: \(sysctl)")
    }

    @Test("a 3.x tree whose domctl.h lists its commands before struct xen_domctl: the lower-case names are the ops")
    func commandsBeforeTheRequestRecord() throws {
        let tree = try HistoryBundle.tree("3.4.0-rc3")
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try xenSwiftGen(["dump-ir", "--xen-headers", tree.path, "--target", "x86_64-linux-gnu"])
        #expect(result.status == 0, "\(result.stderr)")
        let interface = try JSONDecoder().decode(XenInterface.self, from: Data(result.stdout.utf8))
        let domctl = try #require(interface.family(named: "domctl"))
        let names = Dictionary(domctl.ops.map { ($0.name, $0.number) }, uniquingKeysWith: { first, _ in first })
        #expect(names["XEN_DOMCTL_createdomain"] == 1 && names["XEN_DOMCTL_shadow_op"] == 10, "\(names)")
        // Around the list: shadow_op's sub-ops (upper case) and the scheduler's sub-op list.
        #expect(names["XEN_DOMCTL_SHADOW_OP_ENABLE_TEST"] == nil && names["XEN_DOMCTL_SCHEDOP_getinfo"] == nil, "\(names)")
        #expect(domctl.interfaceVersion?.value == 5)
        #expect(names["XEN_DOMCTL_INTERFACE_VERSION"] == nil)
    }

    @Test(
        "the oldest and the newest release: output compiles and every record matches the C compiler",
        arguments: ["3.4.0-rc3", "RELEASE-4.0.4", "master"])
    func layoutMatchesC(release: String) throws {
        let parent = try HistoryBundle.tree(release, subfolder: "xen")
        defer { try? FileManager.default.removeItem(at: parent) }
        let bindings = try GeneratedBindings.tree(parent.appendingPathComponent("xen").path)
        defer { try? FileManager.default.removeItem(at: bindings.folder) }
        let probe = LayoutProbe(bindings.interface)
        let c = LayoutProbe.Output(try bindings.runC(probe.cProgram(includes: bindings.cIncludes)))
        let swift = LayoutProbe.Output(try bindings.runSwift(probe.swiftProgram()))
        let swiftOffsets = probe.absoluteSwiftOffsets(swift)
        #expect(c.records.count > 100)
        for (name, expected) in c.records.sorted(by: { $0.key < $1.key }) {
            #expect(
                swift.records[name] == expected + [expected[0]], "\(release) \(name): Swift \(swift.records[name] ?? []), C \(expected)")
        }
        for (key, expected) in c.fields.sorted(by: { $0.key < $1.key }) {
            #expect(
                swiftOffsets[key] == expected[0],
                "\(release) \(key): Swift offset \(swiftOffsets[key].map(String.init) ?? "none"), C \(expected[0])")
        }
    }

    @Test(
        "replay: the ledger of the releases before N, applied to N by generate's check, reports exactly the renames and reuses the history finds in N"
    )
    func replay() throws {
        let repository = try HistoryBundle.repository()
        let releases = try HistoryBundle.latestReleases()
        let reader = try TreeReader(
            environment: ProcessInfo.processInfo.environment, families: try BuiltinFamilies.table(),
            defines: ["__XEN_TOOLS__"], target: "x86_64-linux-gnu")
        let builder = HistoryBuilder(trees: try GitTrees(repository: repository), reader: reader)
        let shipped = try ShippedHistory.load()
        var fold = HistoryFold(acknowledgements: [])
        var found: [String] = []
        for release in releases {
            let interface = try builder.read(release)
            let guarded = HistoryGuard(history: fold.ledger, source: "replay").check(interface)
            let reported = guarded.diagnostics.filter { $0.severity == .error }.map { diagnostic in
                diagnostic.message.replacingOccurrences(of: #" in RELEASE.*$"#, with: "", options: .regularExpression)
            }
            let before = fold.events.count
            fold.add(interface, release: release)
            let events = fold.events[before...]
            let expected = events.map { "\($0.to) reuses \($0.number), which Xen gave to \($0.from)" }
            #expect(reported.sorted() == expected.sorted(), "\(release)")
            found += events.map { "\($0.family) \($0.number) \($0.from) -> \($0.to)" }
            print("replay \(release): \(events.map { "\($0.family) \($0.number) \($0.from) -> \($0.to) (\($0.kind.rawValue))" })")
        }
        let acknowledged = shipped.acknowledgements.map { "\($0.family) \($0.number) \($0.from) -> \($0.to)" }
        #expect(found.sorted() == acknowledged.sorted())
    }
}
