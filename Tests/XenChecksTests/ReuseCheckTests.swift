import Testing
import XenIR
@testable import XenChecks

/// `ReuseCheck` on hand-built families: every expected diagnostic is spelled out in full.
@Suite struct ReuseCheckTests {
    typealias F = IRFixtures

    @Test("a live op on a tombstone's number: one error at the op, one note at the tombstone")
    func liveOnRetired() {
        let family = F.domctl([
            F.live("XEN_DOMCTL_getdomaininfo", 5, line: 10),
            F.retired("XEN_DOMCTL_getmemlist", 6, line: 11),
            F.live("XEN_DOMCTL_shiny", 6, line: 20),
        ])
        #expect(
            ReuseCheck.check(family) == [
                GeneratorDiagnostic(
                    .error, at: F.at(20, 9), #"XEN_DOMCTL_shiny reuses 6, retired from XEN_DOMCTL_getmemlist ("Removed")"#,
                    notes: [GeneratorDiagnostic(.note, at: F.at(11, 4), "XEN_DOMCTL_getmemlist was retired here")])
            ])
    }

    @Test("a tombstone without a marker: the message has no quoted marker")
    func tombstoneWithoutMarker() {
        let family = F.domctl([F.retired("XEN_SYSCTL_tmem_op", 24, line: 4, marker: nil), F.live("XEN_SYSCTL_new", 24, line: 8)])
        #expect(ReuseCheck.check(family).map(\.message) == ["XEN_SYSCTL_new reuses 24, retired from XEN_SYSCTL_tmem_op"])
    }

    @Test("two live ops on one number: the second is the error, the first gets the note")
    func duplicateLive() {
        let family = F.domctl([
            F.live("XEN_DOMCTL_a", 5, line: 10), F.live("XEN_DOMCTL_b", 5, line: 12), F.live("XEN_DOMCTL_c", 5, line: 14),
        ])
        #expect(
            ReuseCheck.check(family) == [
                GeneratorDiagnostic(
                    .error, at: F.at(12, 9), "XEN_DOMCTL_b reuses 5, already used by XEN_DOMCTL_a",
                    notes: [GeneratorDiagnostic(.note, at: F.at(10, 9), "XEN_DOMCTL_a is defined here")]),
                GeneratorDiagnostic(
                    .error, at: F.at(14, 9), "XEN_DOMCTL_c reuses 5, already used by XEN_DOMCTL_a",
                    notes: [GeneratorDiagnostic(.note, at: F.at(10, 9), "XEN_DOMCTL_a is defined here")]),
            ])
    }

    @Test("an acknowledged reuse is a note; an acknowledgement for another number, name or family covers nothing")
    func acknowledged() {
        let family = F.domctl([F.retired("XEN_DOMCTL_mem_event_op", 7, line: 5), F.live("XEN_DOMCTL_vm_event_op", 7, line: 9)])
        let exact = Acknowledgement(
            family: "domctl", number: 7, from: "XEN_DOMCTL_mem_event_op", to: "XEN_DOMCTL_vm_event_op", reason: "renamed in 4.6")
        #expect(
            ReuseCheck.check(family, acknowledgements: [exact]) == [
                GeneratorDiagnostic(
                    .note, at: F.at(9, 9),
                    "XEN_DOMCTL_vm_event_op takes 7 from retired XEN_DOMCTL_mem_event_op, as acknowledged: renamed in 4.6")
            ])
        for wrong in [
            Acknowledgement(family: "sysctl", number: 7, from: exact.from, to: exact.to, reason: "x"),
            Acknowledgement(family: "domctl", number: 8, from: exact.from, to: exact.to, reason: "x"),
            Acknowledgement(family: "domctl", number: 7, from: "XEN_DOMCTL_other", to: exact.to, reason: "x"),
            Acknowledgement(family: "domctl", number: 7, from: exact.from, to: "XEN_DOMCTL_other", reason: "x"),
        ] {
            #expect(ReuseCheck.check(family, acknowledgements: [wrong]).map(\.severity) == [.error], "\(wrong)")
        }
    }

    @Test("no finding: distinct numbers, a tombstone of the same name, an inactive definition, an obsolete op on its own number")
    func clean() {
        var obsolete = F.live("XEN_DOMCTL_real_mode_area", 26, line: 30)
        obsolete.status = .obsolete
        let family = F.domctl([
            F.live("XEN_DOMCTL_a", 1, line: 10),
            F.retired("XEN_DOMCTL_b", 2, line: 11),
            F.live("XEN_DOMCTL_b", 2, line: 12), // re-listed under the tombstone's own name
            F.retired("XEN_DOMCTL_arch_setup", 23, line: 20),
            F.live("XEN_DOMCTL_soft_reset_cont", 23, line: 21, active: false), // only under __XEN__
            obsolete,
        ])
        #expect(ReuseCheck.check(family).isEmpty)
    }

    @Test("an obsolete op is held like a live one: a live op on its number is an error")
    func obsoleteHoldsItsNumber() {
        var obsolete = F.live("XEN_DOMCTL_real_mode_area", 26, line: 30)
        obsolete.status = .obsolete
        let family = F.domctl([obsolete, F.live("XEN_DOMCTL_new", 26, line: 31)])
        #expect(ReuseCheck.check(family).map(\.message) == ["XEN_DOMCTL_new reuses 26, already used by XEN_DOMCTL_real_mode_area"])
    }

    @Test("the interface-wide check covers every family, in family order")
    func everyFamily() {
        var sysctl = F.domctl([F.retired("XEN_SYSCTL_old", 3, line: 2), F.live("XEN_SYSCTL_new", 3, line: 4)])
        sysctl.name = "sysctl"
        let domctl = F.domctl([F.live("XEN_DOMCTL_a", 1, line: 1), F.live("XEN_DOMCTL_b", 1, line: 2)])
        #expect(
            ReuseCheck.check(F.interface(domctl, sysctl)).map(\.message) == [
                "XEN_DOMCTL_b reuses 1, already used by XEN_DOMCTL_a",
                #"XEN_SYSCTL_new reuses 3, retired from XEN_SYSCTL_old ("Removed")"#,
            ])
    }
}
