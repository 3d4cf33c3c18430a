import Foundation
import Testing
import XenIR
import XenSwiftGen

/// The built-in family table is `Sources/XenSwiftGen/BuiltinFamilies.json`, a config file in the schema
/// users write, embedded in the binary and decoded by the config decoder.
@Suite struct BuiltinTableTests {
    @Test("the embedded table is the JSON file in the sources, decoded as a user's config")
    func embeddedIsTheFile() throws {
        let file = Paths.packageRoot.appendingPathComponent("Sources/XenSwiftGen/BuiltinFamilies.json")
        let config = try ConfigLoader.decode(data: try Data(contentsOf: file), path: file.path)
        #expect(config.familyTable == (try BuiltinFamilies.table()))
        #expect(config.constantGroups == (try BuiltinFamilies.constantGroups()))
        // Only the tables: a built-in file that set other keys would change every run's defaults.
        #expect(config == Config(familyTable: config.familyTable, constantGroups: config.constantGroups))
    }

    @Test(
        "the table's facts: 24 hypercall families then 36 rows of other numbered groups and records, 175 explicit payload bindings, Xen's request layouts"
    )
    func facts() throws {
        let table = try BuiltinFamilies.table()
        #expect(
            table.map(\.name) == [
                "hypercall", "domctl", "domctl-vmtrace", "sysctl", "sysctl-tbuf", "sysctl-perfc", "sysctl-lockprof", "sysctl-cpupool",
                "sysctl-scheduler", "sysctl-coverage", "sysctl-livepatch", "memory", "memory-paging", "memory-access", "memory-sharing",
                "platform", "physdev", "hvm", "hvm-altp2m", "vcpu", "sched", "event-channel", "grant-table", "dm",
                "xenstore-message", "scheduler", "kexec", "kexec-range", "flask", "xenver", "vm-event-reason", "blkif-op",
                "ioreq-type", "pvcalls", "camera", "fsif", "display", "netif-ctrl", "sound", "xenoprof", "vscsiif", "pmu",
                "callback", "hypfs", "kbdif", "nmi", "hvm-vcpu-mode", "hvm-memmap-type", "tpmif-state", "pciif", "hvm-save",
                "console", "9pfs", "mca", "mmuext", "evtchn-status", "usbif-speed", "trace-scheduler", "domctl-shadow-op", "features",
            ])
        // The rows after the hypercall families add files of their own and never a record to a hypercall
        // family's closure. Ten of them name a hypercall: their payloads are their own headers' records;
        // mmuext names its one payload (`struct mmuext_op`, which carries the op), flask and mca a request.
        #expect(table.dropFirst(24).filter { $0.payloads != nil }.map(\.name) == ["mmuext"])
        #expect(
            table.dropFirst(24).filter { $0.hypercall != nil }.map(\.name) == [
                "kexec", "flask", "xenver", "xenoprof", "pmu", "callback", "hypfs", "nmi", "mca", "mmuext",
            ])
        #expect(table.dropFirst(24).filter { $0.request != nil }.map(\.name) == ["flask", "mca"])
        #expect(byNameOf(table)["xenstore-message"]?.enumeration == "xsd_sockmsg_type")
        #expect(byNameOf(table)["mca"]?.includes == ["xen.h"])
        let bindings = table.map { ($0.name, $0.payloadMembers?.count ?? 0) }.filter { $0.1 > 0 }
        #expect(
            bindings.map(\.0) == [
                "domctl", "sysctl", "memory", "platform", "physdev", "hvm", "vcpu", "event-channel", "grant-table", "kexec", "flask",
                "xenver", "xenoprof", "pmu", "callback", "hypfs", "nmi", "mca",
            ])
        #expect(bindings.map(\.1) == [17, 4, 15, 9, 19, 10, 4, 14, 13, 5, 23, 5, 16, 8, 2, 3, 2, 6])
        #expect(bindings.map(\.1).reduce(0, +) == 175)
        // From do_grant_table_op (xen/common/grant_table.c), which takes (cmd, uop, count), Xen 4.17.0.
        #expect(byNameOf(table)["grant-table"]?.payloadCount == true)
        #expect(byNameOf(table)["grant-table"]?.payloadMembers?["GNTTABOP_swap_grant_ref"] == "gnttab_swap_grant_ref")
        #expect(byNameOf(table)["xenver"]?.payloadMembers?["XENVER_version"] == "")
        let byName = Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0) })
        #expect(byName["domctl"]?.request == RequestSpec(record: "xen_domctl"))
        // dm_op carries no interface version: an explicit null, not the default.
        #expect(byName["dm"]?.request == RequestSpec(record: "xen_dm_op", opField: "op", versionField: nil))
        #expect(byName["hypercall"]?.rawType == "UInt64")
        #expect(byName["memory-paging"]?.rawType == "UInt8")
        #expect(byName["domctl-vmtrace"]?.rawType == "UInt32")
        #expect(byName["domctl"]?.payloadMembers?["XEN_DOMCTL_gdbsx_guestmemio"] == "gdbsx_guest_memio")
        #expect(byName["physdev"]?.payloadMembers?["PHYSDEVOP_free_irq_vector"] == "physdev_irq")
        #expect(byName["physdev"]?.payloadArgument == true)
        // From do_event_channel_op (xen/common/event_channel.c) and do_hvm_op (xen/arch/x86/hvm/hvm.c), Xen 4.17.0.
        #expect(byName["event-channel"]?.payloadMembers?["EVTCHNOP_status"] == "evtchn_status")
        #expect(byName["event-channel"]?.hypercall == "__HYPERVISOR_event_channel_op")
        #expect(
            byName["hvm"]?.payloadMembers?["HVMOP_get_param"] == "xen_hvm_param" && byName["hvm"]?.payloadMembers?["HVMOP_flush_tlbs"] == ""
        )
        #expect(byName["grant-table"]?.payloads?.count == 12)
    }

    @Test("a config row replaces the built-in row of the same name; a new name is appended")
    func configOverrides() throws {
        let row = FamilySpec(name: "domctl", prefix: "XEN_DOMCTL_", header: "domctl.h", swiftName: "MyDomctl")
        let extra = FamilySpec(name: "mine", prefix: "MY_", header: "mine.h", swiftName: "MyOp")
        let resolved = try Config(familyTable: [row, extra]).resolvedFamilies()
        #expect(resolved.count == (try BuiltinFamilies.table()).count + 1)
        #expect(resolved[1] == row)
        #expect(resolved.last == extra)
    }

    @Test("a constant group whose prefix a family row owns is refused in one line naming the group and the family")
    func constantGroupOwnedByFamily() throws {
        // EVTCHNSTAT_closed … are the evtchn-status family's ops; such a group used to be emitted empty.
        let owned = ConstantGroup(
            name: "event-channel-status", header: "event_channel.h", prefix: "EVTCHNSTAT_", kind: .values,
            swiftName: "EventChannelStatusCode", rawType: "UInt32")
        let error = #expect(throws: GeneratorDiagnostic.self) { try Config(constantGroups: [owned]).resolvedConstantGroups() }
        #expect(
            error?.message == "constantGroups row 'event-channel-status': family 'evtchn-status' owns the prefix 'EVTCHNSTAT_' "
                + "in event_channel.h, so the group would be empty; use the family's op enum, another prefix, or replace the group by its name"
        )
        #expect(error?.message.contains("\n") == false)
        // A group under a family's prefix whose members the family does not take as ops stays:
        // XEN_DOMCTL_CDF_* continue in upper case after XEN_DOMCTL_.
        #expect(try Config().resolvedConstantGroups() == (try BuiltinFamilies.constantGroups()))
        let other = ConstantGroup(
            name: "x", header: "event_channel.h", prefix: "EVTCHNSTAT", kind: .values, swiftName: "X", rawType: "UInt32")
        #expect(other.owningFamily(in: try BuiltinFamilies.table()) == nil)
    }

    /// The rows by name.
    private func byNameOf(_ table: [FamilySpec]) -> [String: FamilySpec] {
        Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0) })
    }
}
