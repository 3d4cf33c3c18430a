import Foundation
import Testing
import XenChecks
import XenIR
import XenSwiftGen

/// The history ledger built from the Xen history bundle, the shipped copy, and how `generate` applies it.
@Suite struct HistoryLedgerTests {
    static let historyFolder = Paths.packageRoot.appendingPathComponent("Sources/XenSwiftGen/History")

    @Test("the shipped ledger is what `history` builds from the bundle's RELEASE-4.* tags, byte for byte")
    func shippedLedgerIsCurrent() throws {
        let repository = try HistoryBundle.repository()
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("xen-history.json")
        let result = try xenSwiftGen([
            "history", "--xen-git", repository, "--acknowledgements",
            Self.historyFolder.appendingPathComponent("acknowledgements.json").path,
            "--output", output.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("history: 134 releases (RELEASE-4.0.0 … RELEASE-4.22.0)"), "\(result.stderr)")
        #expect(result.stderr.contains("23 renames and reuses, all acknowledged"), "\(result.stderr)")
        let built = try Data(contentsOf: output)
        let shipped = try Data(contentsOf: Self.historyFolder.appendingPathComponent("xen-history.json"))
        #expect(
            built == shipped,
            "Sources/XenSwiftGen/History/xen-history.json is stale: rebuild it with `xen-swiftgen history` (see the article Sources/XenSwiftGen/XenSwiftGen.docc/XensHistory.md)"
        )
    }

    @Test("a rename in the history without an acknowledgement fails the build of the ledger and says what to add")
    func unacknowledgedRenameFails() throws {
        let repository = try HistoryBundle.repository()
        let result = try xenSwiftGen(["history", "--xen-git", repository, "--tags", "RELEASE-4.1.[23]"])
        #expect(result.status == 1)
        #expect(
            result.stderr == "error: RELEASE-4.1.3: physdev 17 passes from PHYSDEVOP_pirq_eoi_gmfn (RELEASE-4.1.2) to "
                + "PHYSDEVOP_pirq_eoi_gmfn_v1 (renamed) without an acknowledgement; add {\"family\": \"physdev\", \"number\": 17, "
                + "\"from\": \"PHYSDEVOP_pirq_eoi_gmfn\", \"to\": \"PHYSDEVOP_pirq_eoi_gmfn_v1\", \"reason\": \"…\"}\n")
        #expect(result.stdout.isEmpty)
    }

    @Test("every acknowledgement of the shipped history names a real event and has a reason")
    func acknowledgementsAreReviewed() throws {
        let data = try Data(contentsOf: Self.historyFolder.appendingPathComponent("acknowledgements.json"))
        let acknowledgements = try JSONDecoder().decode([Acknowledgement].self, from: data)
        let ledger = try ShippedHistory.load()
        let order = { (a: Acknowledgement, b: Acknowledgement) in (a.family, a.number, a.to) < (b.family, b.number, b.to) }
        #expect(ledger.acknowledgements.sorted(by: order) == acknowledgements.sorted(by: order))
        #expect(acknowledgements.count == 23)
        for acknowledgement in acknowledgements {
            let entry = ledger.family(named: acknowledgement.family)?.numbers.first { $0.number == acknowledgement.number }
            let names = entry?.history?.map(\.name) ?? []
            #expect(names.contains(acknowledgement.from) && names.contains(acknowledgement.to), "\(acknowledgement)")
            #expect(acknowledgement.reason.count > 40)
        }
    }

    @Test("generate keeps numbers of other Xen releases reserved in the guard of the installed headers")
    func vendoredGuardReservesHistory() throws {
        let domctl = try String(contentsOf: Paths.packageRoot.appendingPathComponent("Generated/DomctlOp.swift"), encoding: .utf8)
        #expect(
            domctl.contains(
                "    case XEN_DOMCTL_arm_configure_domain = 76 // reserved by the ledger: "
                    + "XEN_DOMCTL_arm_configure_domain in RELEASE-4.5.0 … RELEASE-4.5.5 (vanished)\n"))
        let hvm = try String(contentsOf: Paths.packageRoot.appendingPathComponent("Generated/HVMOp.swift"), encoding: .utf8)
        // A name the headers still carry on another line gets its number appended, so the guard compiles.
        #expect(
            hvm.contains(
                "    case HVMOP_set_pci_intx_level_2 = 2 // reserved by the ledger: HVMOP_set_pci_intx_level in RELEASE-4.0.0 … RELEASE-4.8.5 (vanished)\n"
            ))
    }

    @Test("a header taking a number an old release used fails generate, naming the release range; --no-history lets it through")
    func reuseOfHistoricalNumberFails() throws {
        let tree = try makeTemporaryFolder("xsg-reuse")
        let output = try makeTemporaryFolder("xsg-reuse-out")
        defer {
            try? FileManager.default.removeItem(at: tree)
            try? FileManager.default.removeItem(at: output)
        }
        let copy = try run(URL(fileURLWithPath: "/bin/cp"), ["-R", Paths.realHeaders + "/.", tree.path])
        #expect(copy.status == 0)
        let domctl = tree.appendingPathComponent("domctl.h")
        var text = try String(contentsOf: domctl, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "#define XEN_DOMCTL_createdomain", with: "#define XEN_DOMCTL_fresh_op 76\n#define XEN_DOMCTL_createdomain")
        try text.write(to: domctl, atomically: true, encoding: .utf8)
        let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("#define XEN_DOMCTL_fresh_op") }.map { $0 + 1 } ?? 0

        let refused = try xenSwiftGen(["generate", "--xen-headers", tree.path, "--output", output.path])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "\(tree.path)/domctl.h:\(line):9: error: XEN_DOMCTL_fresh_op reuses 76, which Xen gave to "
                    + "XEN_DOMCTL_arm_configure_domain in RELEASE-4.5.0 … RELEASE-4.5.5\n"), "\(refused.stderr)")
        #expect(
            refused.stderr.contains(
                "note: the shipped Xen history records XEN_DOMCTL_arm_configure_domain (RELEASE-4.5.0 … RELEASE-4.5.5) on domctl 76"))
        #expect(snapshot(output).isEmpty)

        let allowed = try xenSwiftGen(["generate", "--xen-headers", tree.path, "--output", output.path, "--no-history"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let generated = try String(contentsOf: output.appendingPathComponent("DomctlOp.swift"), encoding: .utf8)
        #expect(generated.contains("case freshOp = 76"))
    }
}
