import Testing
import XenIR
@testable import XenChecks

/// `HistoryFold`, the fourth read of `NumberClaims`: each release's claims against the history before it.
@Suite struct HistoryFoldTests {
    typealias F = IRFixtures

    /// Folds `releases` (name, ops of domctl), oldest first.
    static func fold(_ releases: [(String, [Op])], acknowledgements: [Acknowledgement] = []) -> HistoryFold {
        var fold = HistoryFold(acknowledgements: acknowledgements)
        for (release, ops) in releases { fold.add(F.interface(F.domctl(ops)), release: release) }
        return fold
    }

    @Test("a number passing to another name is one event, worded by NumberFinding: the release, both names, the range, what to add")
    func unacknowledgedRename() throws {
        let fold = Self.fold([
            ("RELEASE-4.0.0", [F.live("XEN_DOMCTL_old", 9, line: 4)]),
            ("RELEASE-4.1.0", [F.live("XEN_DOMCTL_old", 9, line: 4)]),
            ("RELEASE-4.2.0", [F.live("XEN_DOMCTL_new", 9, line: 4)]),
        ])
        let event = try #require(fold.events.first)
        #expect(fold.events.count == 1 && fold.unacknowledged.count == 1)
        #expect((event.release, event.family, event.number, event.kind) == ("RELEASE-4.2.0", "domctl", 9, .renamed))
        #expect((event.from, event.fromRange, event.to) == ("XEN_DOMCTL_old", "RELEASE-4.0.0 … RELEASE-4.1.0", "XEN_DOMCTL_new"))
        #expect(
            event.diagnostic.rendered(root: "")
                == "error: RELEASE-4.2.0: domctl 9 passes from XEN_DOMCTL_old (RELEASE-4.0.0 … RELEASE-4.1.0) "
                + "to XEN_DOMCTL_new (renamed) without an acknowledgement; add {\"family\": \"domctl\", \"number\": 9, "
                + "\"from\": \"XEN_DOMCTL_old\", \"to\": \"XEN_DOMCTL_new\", \"reason\": \"…\"}")
        // The ledger keeps both names on the number, the new one current.
        let entry = try #require(fold.ledger.family(named: "domctl")?.numbers.first)
        #expect(entry.name == "XEN_DOMCTL_new" && entry.formerNames == ["XEN_DOMCTL_old"])
        #expect(entry.history?.map(\.range) == ["RELEASE-4.0.0 … RELEASE-4.1.0", "RELEASE-4.2.0"])
    }

    @Test("an acknowledged event is a note; a tombstoned number taken again is a reuse; a release that changes nothing adds no event")
    func acknowledgedAndReused() throws {
        let acknowledged = Acknowledgement(family: "domctl", number: 9, from: "XEN_DOMCTL_old", to: "XEN_DOMCTL_new", reason: "reviewed")
        let fold = Self.fold(
            [
                ("RELEASE-4.0.0", [F.live("XEN_DOMCTL_old", 9, line: 4), F.live("XEN_DOMCTL_gone", 10, line: 5)]),
                ("RELEASE-4.1.0", [F.live("XEN_DOMCTL_new", 9, line: 4), F.retired("XEN_DOMCTL_gone", 10, line: 5)]),
                ("RELEASE-4.2.0", [F.live("XEN_DOMCTL_new", 9, line: 4), F.live("XEN_DOMCTL_taker", 10, line: 5)]),
                ("RELEASE-4.3.0", [F.live("XEN_DOMCTL_new", 9, line: 4), F.live("XEN_DOMCTL_taker", 10, line: 5)]),
            ], acknowledgements: [acknowledged])
        #expect(fold.events.map(\.to) == ["XEN_DOMCTL_new", "XEN_DOMCTL_taker"])
        #expect(fold.events.map(\.kind) == [.renamed, .reused])
        #expect(fold.events.map(\.acknowledged) == ["reviewed", nil])
        #expect(
            fold.events[0].diagnostic.rendered(root: "")
                == "note: RELEASE-4.1.0: domctl 9: XEN_DOMCTL_old (RELEASE-4.0.0) -> XEN_DOMCTL_new (renamed), acknowledged: reviewed")
        #expect(fold.unacknowledged.map(\.number) == [10])
    }

    @Test("the fold's events are exactly the history guard's findings on the same ledger")
    func sameAsGuard() {
        var fold = HistoryFold(acknowledgements: [])
        let releases: [[Op]] = [
            [F.live("XEN_DOMCTL_a", 1, line: 1), F.live("XEN_DOMCTL_b", 2, line: 2)],
            [F.live("XEN_DOMCTL_a", 1, line: 1), F.retired("XEN_DOMCTL_b", 2, line: 2), F.live("XEN_DOMCTL_c", 3, line: 3)],
            [F.live("XEN_DOMCTL_d", 1, line: 1), F.live("XEN_DOMCTL_e", 2, line: 2), F.live("XEN_DOMCTL_c", 3, line: 3)],
        ]
        for (index, ops) in releases.enumerated() {
            let interface = F.interface(F.domctl(ops))
            let guarded = HistoryGuard(history: fold.ledger, source: "the history").check(interface).diagnostics.map(\.message)
            let before = fold.events.count
            fold.add(interface, release: "RELEASE-4.\(index).0")
            #expect(guarded == fold.events[before...].map(\.finding.diagnostic.message))
        }
        #expect(
            fold.events.map(\.finding.diagnostic.message) == [
                "XEN_DOMCTL_d reuses 1, which Xen gave to XEN_DOMCTL_a in RELEASE-4.0.0 … RELEASE-4.1.0",
                "XEN_DOMCTL_e reuses 2, which Xen gave to XEN_DOMCTL_b in RELEASE-4.0.0 … RELEASE-4.1.0 (\"Removed\")",
            ])
    }
}
