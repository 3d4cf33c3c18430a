import Testing
import XenIR
@testable import XenChecks

/// `LedgerUpdate` (and `FamilyLedgerUpdate` under it) on hand-built IR and ledgers.
@Suite struct LedgerUpdateTests {
    typealias F = IRFixtures
    static let path = "xen-ops.ledger.json"

    /// A ledger holding one domctl family.
    static func ledger(_ entries: [LedgerEntry], version: String? = "0x00000015") -> Ledger {
        Ledger(families: [LedgerFamily(name: "domctl", prefix: "XEN_DOMCTL_", interfaceVersion: version, numbers: entries)])
    }

    static func entry(
        _ number: UInt64, _ name: String, _ status: OpStatus, marker: String? = nil, first: String? = "0x00000010",
        last: String? = "0x00000015"
    ) -> LedgerEntry {
        LedgerEntry(number: number, name: name, status: status, firstSeen: first, lastSeen: last, marker: marker)
    }

    static func update(_ previous: Ledger, _ family: OpFamily, acknowledgements: [Acknowledgement] = [], strict: Bool = false)
        -> LedgerUpdate.Result
    {
        LedgerUpdate(previous: previous, acknowledgements: acknowledgements, ledgerPath: path, strict: strict).update(
            with: F.interface(family))
    }

    @Test("a first run records every number, sorted, seen in the family's version")
    func firstRun() {
        let family = F.domctl([
            F.live("XEN_DOMCTL_b", 5, line: 12), F.retired("XEN_DOMCTL_a", 2, line: 10), F.live("XEN_DOMCTL_c", 3, line: 11),
        ])
        let result = Self.update(Ledger(), family)
        #expect(result.diagnostics.isEmpty)
        #expect(result.reserved.isEmpty)
        #expect(
            result.ledger
                == Ledger(families: [
                    LedgerFamily(
                        name: "domctl", prefix: "XEN_DOMCTL_", interfaceVersion: "0x00000015",
                        numbers: [
                            LedgerEntry(
                                number: 2, name: "XEN_DOMCTL_a", status: .retired, firstSeen: "0x00000015", lastSeen: "0x00000015",
                                marker: "Removed"),
                            LedgerEntry(
                                number: 3, name: "XEN_DOMCTL_c", status: .live, firstSeen: "0x00000015", lastSeen: "0x00000015", marker: nil
                            ),
                            LedgerEntry(
                                number: 5, name: "XEN_DOMCTL_b", status: .live, firstSeen: "0x00000015", lastSeen: "0x00000015", marker: nil
                            ),
                        ])
                ]))
    }

    @Test("a retired ledger number defined under a new name, without the tombstone in the header: an error naming the ledger")
    func reuseAfterTombstoneDeleted() {
        let previous = Self.ledger([Self.entry(6, "XEN_DOMCTL_getmemlist", .retired, marker: "Removed", last: "0x00000014")])
        let result = Self.update(previous, F.domctl([F.live("XEN_DOMCTL_newop", 6, line: 40)], version: 0x16))
        #expect(result.hasErrors)
        #expect(
            result.diagnostics == [
                GeneratorDiagnostic(
                    .error, at: F.at(40, 9), #"XEN_DOMCTL_newop reuses 6, retired from XEN_DOMCTL_getmemlist ("Removed")"#,
                    notes: [
                        GeneratorDiagnostic(
                            .note, at: nil,
                            "xen-ops.ledger.json records XEN_DOMCTL_getmemlist on 6, last seen in interface version 0x00000014; "
                                + "if this is an intended rename, add an acknowledgement (family domctl, number 6, from XEN_DOMCTL_getmemlist, "
                                + "to XEN_DOMCTL_newop, reason)")
                    ])
            ])
        // The ledger keeps the old owner.
        #expect(result.ledger.family(named: "domctl")?.numbers.map(\.name) == ["XEN_DOMCTL_getmemlist"])
    }

    @Test("a live ledger number under a new name without acknowledgement: an error; with one: a note, the history kept")
    func rename() {
        let previous = Self.ledger([Self.entry(7, "XEN_DOMCTL_mem_event_op", .live)])
        let family = F.domctl([F.live("XEN_DOMCTL_vm_event_op", 7, line: 50)])
        let refused = Self.update(previous, family)
        #expect(
            refused.diagnostics.map(\.message) == [
                "XEN_DOMCTL_vm_event_op takes 7, which the ledger records for XEN_DOMCTL_mem_event_op (live)"
            ])
        #expect(refused.diagnostics.map(\.severity) == [.error])

        let acknowledgement = Acknowledgement(
            family: "domctl", number: 7, from: "XEN_DOMCTL_mem_event_op", to: "XEN_DOMCTL_vm_event_op", reason: "4.6 rename")
        let accepted = Self.update(previous, family, acknowledgements: [acknowledgement])
        #expect(
            accepted.diagnostics == [
                GeneratorDiagnostic(
                    .note, at: F.at(50, 9),
                    "XEN_DOMCTL_vm_event_op takes 7 from XEN_DOMCTL_mem_event_op, as acknowledged: 4.6 rename")
            ])
        #expect(
            accepted.ledger.family(named: "domctl")?.numbers == [
                LedgerEntry(
                    number: 7, name: "XEN_DOMCTL_vm_event_op", status: .live, firstSeen: "0x00000010", lastSeen: "0x00000015", marker: nil,
                    formerNames: ["XEN_DOMCTL_mem_event_op"])
            ])
        #expect(accepted.ledger.acknowledgements == [acknowledgement])
    }

    @Test("a number that vanished without a tombstone stays reserved, with a warning and a version-bump warning")
    func vanished() {
        let previous = Self.ledger([Self.entry(1, "XEN_DOMCTL_keep", .live), Self.entry(9, "XEN_DOMCTL_gone", .live)])
        let family = F.domctl([F.live("XEN_DOMCTL_keep", 1, line: 20)])
        let result = Self.update(previous, family)
        #expect(
            result.diagnostics == [
                GeneratorDiagnostic(
                    .warning, at: SourcePosition(file: "domctl.h", line: 1),
                    "XEN_DOMCTL_gone (9) vanished from domctl.h without a tombstone; the ledger keeps 9 reserved"),
                GeneratorDiagnostic(
                    .warning, at: F.at(3, 9),
                    "XEN_DOMCTL_gone retired since the last run, but XEN_DOMCTL_INTERFACE_VERSION is still 0x00000015; bump it so old callers are refused"
                ),
            ])
        #expect(result.reserved == ["domctl": [ReservedNumber(name: "XEN_DOMCTL_gone", number: 9, marker: "vanished")]])
        #expect(
            result.ledger.family(named: "domctl")?.numbers.last
                == LedgerEntry(
                    number: 9, name: "XEN_DOMCTL_gone", status: .retired, firstSeen: "0x00000010", lastSeen: "0x00000015",
                    marker: "vanished"))
        #expect(!result.hasErrors)
        // --strict turns the bump finding (only that one) into an error.
        #expect(Self.update(previous, family, strict: true).diagnostics.map(\.severity) == [.warning, .error])
    }

    @Test("a retirement with the interface version raised gives no bump warning; a vanished number already retired gives no warning")
    func bumped() {
        let previous = Self.ledger([Self.entry(9, "XEN_DOMCTL_gone", .live), Self.entry(4, "XEN_DOMCTL_old", .retired, marker: "vanished")])
        let result = Self.update(previous, F.domctl([F.retired("XEN_DOMCTL_gone", 9, line: 30)], version: 0x16))
        #expect(result.diagnostics.isEmpty)
        #expect(result.reserved == ["domctl": [ReservedNumber(name: "XEN_DOMCTL_old", number: 4, marker: "vanished")]])
        #expect(result.ledger.family(named: "domctl")?.interfaceVersion == "0x00000016")
        #expect(result.ledger.family(named: "domctl")?.numbers.map(\.status) == [.retired, .retired])
    }

    @Test("a tombstone under another name than the ledger's: a warning, the number stays the ledger name's")
    func tombstoneUnderAnotherName() {
        let previous = Self.ledger([Self.entry(6, "XEN_DOMCTL_getmemlist", .live)])
        let result = Self.update(previous, F.domctl([F.retired("XEN_DOMCTL_getmemmap", 6, line: 15, marker: "Removed")], version: 0x16))
        #expect(
            result.diagnostics == [
                GeneratorDiagnostic(
                    .warning, at: F.at(15, 4),
                    "the tombstone retires XEN_DOMCTL_getmemmap on 6, but xen-ops.ledger.json records XEN_DOMCTL_getmemlist there; 6 stays reserved under XEN_DOMCTL_getmemlist"
                )
            ])
        #expect(
            result.ledger.family(named: "domctl")?.numbers == [
                LedgerEntry(
                    number: 6, name: "XEN_DOMCTL_getmemlist", status: .retired, firstSeen: "0x00000010", lastSeen: "0x00000016",
                    marker: "Removed")
            ])
    }

    @Test("a family without its own version is versioned with the hypercall family's")
    func inheritedVersion() {
        var hypercall = F.domctl([F.live("__HYPERVISOR_domctl", 36, line: 2)])
        hypercall.name = "hypercall"
        hypercall.interfaceVersion = InterfaceVersion(
            name: "__XEN_LATEST_INTERFACE_VERSION__", value: 0x00040011, spelling: "0x00040011",
            location: SourcePosition(file: "xen.h", line: 1))
        let memory = OpFamily(
            name: "memory", prefix: "XENMEM_", swiftName: "MemoryOp", rawType: "UInt32", file: "memory.h",
            ops: [Op(name: "XENMEM_increase_reservation", number: 0, status: .live, file: "memory.h", line: 5)])
        let result = LedgerUpdate(previous: Ledger(), acknowledgements: [], ledgerPath: Self.path, strict: false)
            .update(with: F.interface(memory, hypercall))
        #expect(result.ledger.families.map(\.name) == ["hypercall", "memory"])
        #expect(result.ledger.family(named: "memory")?.numbers.first?.firstSeen == "0x00040011")
    }

    @Test("ledger versions parse as hex or decimal")
    func parseVersion() {
        #expect(LedgerUpdate.parseVersion("0x00000015") == 21)
        #expect(LedgerUpdate.parseVersion("0X1f") == 31)
        #expect(LedgerUpdate.parseVersion("21") == 21)
        #expect(LedgerUpdate.parseVersion("v21") == nil)
    }

    @Test("canonical order: families by name, numbers ascending, acknowledgements by family, number, name")
    func canonicalize() {
        var ledger = Ledger(
            families: [
                LedgerFamily(
                    name: "sysctl", prefix: "XEN_SYSCTL_", interfaceVersion: nil,
                    numbers: [Self.entry(3, "c", .live), Self.entry(1, "a", .live)]),
                LedgerFamily(name: "domctl", prefix: "XEN_DOMCTL_", interfaceVersion: nil, numbers: []),
            ],
            acknowledgements: [
                Acknowledgement(family: "sysctl", number: 1, from: "x", to: "y", reason: ""),
                Acknowledgement(family: "domctl", number: 9, from: "x", to: "y", reason: ""),
                Acknowledgement(family: "domctl", number: 2, from: "x", to: "y", reason: ""),
            ])
        ledger.canonicalize()
        #expect(ledger.families.map(\.name) == ["domctl", "sysctl"])
        #expect(ledger.families[1].numbers.map(\.number) == [1, 3])
        #expect(ledger.acknowledgements.map { "\($0.family)/\($0.number)" } == ["domctl/2", "domctl/9", "sysctl/1"])
    }
}
