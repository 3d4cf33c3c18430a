import Testing
import XenIR
@testable import XenChecks

/// `NumberClaims`, the one model of number ownership: its order, its sources and the findings read from it.
@Suite struct NumberClaimsTests {
    typealias F = IRFixtures

    /// A history ledger family: `names` held `number`, oldest first, each over one range of releases.
    static func history(_ number: UInt64, _ names: [(String, String, String)], formerNames: [String]? = nil) -> LedgerFamily {
        let history = names.map {
            LedgerName(
                name: $0.0, firstRelease: $0.1, lastRelease: $0.2, firstVersion: nil, lastVersion: nil,
                status: .live, marker: nil)
        }
        return LedgerFamily(
            name: "domctl", prefix: "XEN_DOMCTL_", interfaceVersion: nil,
            numbers: [
                LedgerEntry(
                    number: number, name: names.last!.0, status: .live, firstSeen: nil, lastSeen: nil, marker: nil,
                    formerNames: formerNames, history: history)
            ])
    }

    @Test("claims on a number are ordered history, ledger, headers, whatever order they were recorded in")
    func order() {
        var claims = NumberClaims(F.domctl([F.retired("XEN_DOMCTL_old", 7, line: 4), F.live("XEN_DOMCTL_new", 7, line: 9)]))
        claims.record(
            ledger: LedgerFamily(
                name: "domctl", prefix: "XEN_DOMCTL_", interfaceVersion: nil,
                numbers: [
                    LedgerEntry(number: 7, name: "XEN_DOMCTL_mid", status: .retired, firstSeen: nil, lastSeen: "0x15", marker: "vanished")
                ]), path: "l.json")
        claims.record(history: Self.history(7, [("XEN_DOMCTL_first", "RELEASE-4.0.0", "RELEASE-4.5.0")]), source: "h")
        #expect(claims.on(7).map(\.holder) == ["XEN_DOMCTL_first", "XEN_DOMCTL_mid", "XEN_DOMCTL_old", "XEN_DOMCTL_new"])
        #expect(claims.on(7).map(\.kind) == [.history, .vanished, .retired, .live])
        #expect(claims.on(7)[1].provenance == .ledger(path: "l.json", lastSeen: "0x15"))
        #expect(claims.on(7)[2].provenance == .header(F.at(4, 4)))
        #expect(claims.takers.map(\.claim.holder) == ["XEN_DOMCTL_new"])
        #expect(claims.headersClaim(7) && !claims.headersClaim(8))
    }

    @Test("an inactive define claims nothing; a tombstone claims its number whatever its condition")
    func inactive() {
        let claims = NumberClaims(
            F.domctl([F.live("XEN_DOMCTL_x86", 3, line: 4, active: false), F.retired("XEN_DOMCTL_gone", 4, line: 5)]))
        #expect(claims.numbers == [4])
        #expect(claims.headerFindings.isEmpty)
    }

    @Test("several releases of one family fold into one model: the reuse of a number an older release used is found")
    func releases() throws {
        var claims = NumberClaims(F.domctl([F.live("XEN_DOMCTL_fresh", 30, line: 12)]))
        claims.record(release: "RELEASE-4.0.0", F.domctl([F.live("XEN_DOMCTL_ancient", 30, line: 8)]), source: "the releases")
        claims.record(release: "RELEASE-4.1.0", F.domctl([F.live("XEN_DOMCTL_ancient", 30, line: 8)]), source: "the releases")
        claims.record(release: "RELEASE-4.2.0", F.domctl([]), source: "the releases")
        #expect(claims.on(30).map(\.holder) == ["XEN_DOMCTL_ancient", "XEN_DOMCTL_fresh"])
        #expect(claims.on(30)[0].provenance == .release(source: "the releases", first: "RELEASE-4.0.0", last: "RELEASE-4.1.0"))
        #expect(claims.on(30)[0].releases == "RELEASE-4.0.0 … RELEASE-4.1.0")
        let finding = try #require(claims.historyFindings.first)
        #expect(claims.historyFindings.count == 1)
        #expect(
            finding.diagnostic.message
                == "XEN_DOMCTL_fresh reuses 30, which Xen gave to XEN_DOMCTL_ancient in RELEASE-4.0.0 … RELEASE-4.1.0")
        #expect(finding.diagnostic.location == F.at(12, 9))
        #expect(
            finding.diagnostic.notes.map(\.message) == [
                "the releases records XEN_DOMCTL_ancient (RELEASE-4.0.0 … RELEASE-4.1.0) on domctl 30; a number once used is never given to "
                    + "another op (add an acknowledgement if this is a reviewed rename, or pass --no-history)"
            ])
    }

    @Test("history findings: a name the history knows on the number passes, an acknowledged one is a note naming its source")
    func historyAcknowledged() {
        let family = F.domctl([F.live("XEN_DOMCTL_vm_event_op", 7, line: 9)])
        let past = Self.history(7, [("XEN_DOMCTL_mem_event_op", "RELEASE-4.1.0", "RELEASE-4.5.0")])
        var plain = NumberClaims(family)
        plain.record(history: past, source: "h")
        #expect(plain.historyFindings.map(\.diagnostic.severity) == [.error])
        var reviewed = NumberClaims(
            family,
            acknowledgements: [
                Acknowledgement(family: "domctl", number: 7, from: "XEN_DOMCTL_mem_event_op", to: "XEN_DOMCTL_vm_event_op", reason: "4.6")
            ])
        reviewed.record(history: past, source: "h")
        #expect(
            reviewed.historyFindings.map(\.diagnostic) == [
                GeneratorDiagnostic(
                    .note, at: F.at(9, 9), "XEN_DOMCTL_vm_event_op takes 7 from XEN_DOMCTL_mem_event_op, as acknowledged: 4.6")
            ])
        var known = NumberClaims(family)
        known.record(history: Self.history(7, [("XEN_DOMCTL_vm_event_op", "RELEASE-4.6.0", "RELEASE-4.17.0")]), source: "h")
        #expect(known.historyFindings.isEmpty)
        var formerly = NumberClaims(family)
        formerly.record(
            history: LedgerFamily(
                name: "domctl", prefix: "XEN_DOMCTL_", interfaceVersion: nil,
                numbers: [
                    LedgerEntry(
                        number: 7, name: "XEN_DOMCTL_x", status: .live, firstSeen: nil, lastSeen: nil, marker: nil,
                        formerNames: ["XEN_DOMCTL_vm_event_op"])
                ]), source: "h")
        #expect(formerly.historyFindings.isEmpty, "a former name of an acknowledged rename may come back")
        #expect(formerly.on(7).map(\.kind) == [.history, .acknowledged, .live])
    }

    @Test("one finding type, one set of messages: each earlier claim's kind words the error")
    func messages() {
        let taker = NumberClaim(F.live("XEN_DOMCTL_new", 5, line: 20))
        func message(_ earlier: NumberClaim) -> String {
            NumberFinding(.reuse, family: "domctl", file: "domctl.h", number: 5, claim: taker, earlier: earlier).diagnostic.message
        }
        #expect(message(NumberClaim(F.live("XEN_DOMCTL_a", 5, line: 3))) == "XEN_DOMCTL_new reuses 5, already used by XEN_DOMCTL_a")
        #expect(
            message(NumberClaim(F.retired("XEN_DOMCTL_b", 5, line: 3)))
                == #"XEN_DOMCTL_new reuses 5, retired from XEN_DOMCTL_b ("Removed")"#)
        #expect(
            message(
                NumberClaim(
                    holder: "XEN_DOMCTL_c", kind: .ledger, status: .obsolete, marker: nil,
                    provenance: .ledger(path: "l.json", lastSeen: nil)))
                == "XEN_DOMCTL_new takes 5, which the ledger records for XEN_DOMCTL_c (obsolete)")
        #expect(
            message(
                NumberClaim(
                    holder: "XEN_DOMCTL_d", kind: .vanished, status: .retired, marker: "vanished",
                    provenance: .ledger(path: "l.json", lastSeen: nil)))
                == #"XEN_DOMCTL_new reuses 5, retired from XEN_DOMCTL_d ("vanished")"#)
        let vanished = NumberFinding(
            .vanished, family: "domctl", file: "domctl.h", number: 9,
            claim: NumberClaim(
                holder: "XEN_DOMCTL_gone", kind: .ledger, status: .live, marker: nil,
                provenance: .ledger(path: "l.json", lastSeen: nil)))
        #expect(
            vanished.diagnostic
                == GeneratorDiagnostic(
                    .warning, at: SourcePosition(file: "domctl.h", line: 1),
                    "XEN_DOMCTL_gone (9) vanished from domctl.h without a tombstone; the ledger keeps 9 reserved"))
    }

    @Test("ownership resolution writes the reserved numbers and the acknowledged renames into the IR")
    func resolution() throws {
        let interface = F.interface(F.domctl([F.live("XEN_DOMCTL_vm_event_op", 7, line: 9)]))
        let gone = ReservedNumber(name: "XEN_DOMCTL_gone", number: 9, marker: "vanished")
        let resolved = OwnershipResolution.resolve(
            interface, reserved: ["domctl": [gone], "sysctl": [gone]],
            acknowledgements: [
                Acknowledgement(family: "domctl", number: 7, from: "XEN_DOMCTL_mem_event_op", to: "XEN_DOMCTL_vm_event_op", reason: "4.6")
            ])
        let family = try #require(resolved.family(named: "domctl"))
        #expect(family.reserved == [gone])
        let renamed = try #require(family.ops.first { $0.name == "XEN_DOMCTL_mem_event_op" })
        #expect(renamed.status == .retired && renamed.replacement == "XEN_DOMCTL_vm_event_op" && renamed.number == 7)
        #expect(OwnershipResolution.resolve(interface, reserved: [:], acknowledgements: []) == interface)
    }
}
