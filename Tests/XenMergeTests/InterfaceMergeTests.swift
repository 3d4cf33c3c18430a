import Testing
import XenIR
import XenMerge

/// `InterfaceMerge` on hand-built IRs: what is shared between targets and what is emitted per target.
@Suite struct InterfaceMergeTests {
    static let x86 = try! TargetArchitecture(triple: "x86_64-linux-gnu")
    static let arm = try! TargetArchitecture(triple: "aarch64-linux-gnu")

    static func family(_ ops: [Op], reserved: [ReservedNumber]? = nil) -> OpFamily {
        OpFamily(name: "domctl", prefix: "XEN_DOMCTL_", swiftName: "DomctlOp", rawType: "UInt32", file: "domctl.h", ops: ops, reserved: reserved)
    }

    static func op(_ name: String, _ number: UInt64, line: Int) -> Op {
        Op(name: name, number: number, status: .live, file: "domctl.h", line: line, column: 9)
    }

    static func record(_ name: String, size: Int, parent: String? = nil) -> Record {
        Record(name: name, kind: .struct, size: size, alignment: 4, fields: [
            RecordField(name: "a", type: .integer(bits: 32, signed: false), cType: "uint32_t", offset: 0, size: 4, line: 2),
        ], parent: parent, file: "domctl.h", line: 1)
    }

    static func merge(_ x86: XenInterface, _ arm: XenInterface) -> MergedInterface {
        InterfaceMerge.merge([.init(target: Self.x86, interface: x86), .init(target: Self.arm, interface: arm)])
    }

    @Test("equal families and records are shared; no variants, nothing shared")
    func equal() {
        let interface = XenInterface(defines: [], headers: ["domctl.h"], families: [Self.family([Self.op("XEN_DOMCTL_a", 1, line: 3)])],
                                     records: [Self.record("xen_domctl", size: 4)])
        let merged = Self.merge(interface, interface)
        #expect(merged.shared == [.family("domctl"), .record("xen_domctl"), .recordSupport, .recordLayout])
        #expect(InterfaceMerge.merge([]).shared.isEmpty)
    }

    @Test("a family differing in one op, one source line or its reserved numbers is emitted per target")
    func familyDiffers() {
        let base = Self.family([Self.op("XEN_DOMCTL_a", 1, line: 3)])
        let variants = [
            Self.family([Self.op("XEN_DOMCTL_a", 1, line: 3), Self.op("XEN_DOMCTL_b", 2, line: 4)]),
            Self.family([Self.op("XEN_DOMCTL_a", 1, line: 5)]),
            Self.family([Self.op("XEN_DOMCTL_a", 1, line: 3)], reserved: [ReservedNumber(name: "XEN_DOMCTL_gone", number: 9, marker: nil)]),
        ]
        for other in variants {
            let merged = Self.merge(XenInterface(defines: [], headers: [], families: [base]), XenInterface(defines: [], headers: [], families: [other]))
            #expect(!merged.isShared(.family("domctl")))
        }
        let reserving = Self.family([Self.op("XEN_DOMCTL_a", 1, line: 3)], reserved: [ReservedNumber(name: "XEN_DOMCTL_gone", number: 9, marker: nil)])
        let both = XenInterface(defines: [], headers: [], families: [reserving])
        #expect(Self.merge(both, both).isShared(.family("domctl")), "the same reservations on every target are shared")
    }

    @Test("records group under their top-level record; a group differing anywhere is per target, the others stay shared")
    func recordGroups() {
        let parent = Self.record("xen_domctl", size: 8)
        let nested = Self.record("xen_domctl_u", size: 4, parent: "xen_domctl")
        let other = Self.record("xen_sysctl", size: 4)
        let x86 = XenInterface(defines: [], headers: [], families: [], records: [parent, nested, other])
        #expect(InterfaceMerge.recordGroups(x86).mapValues { $0.map(\.name) } == ["xen_domctl": ["xen_domctl", "xen_domctl_u"], "xen_sysctl": ["xen_sysctl"]])
        var armNested = nested
        armNested.size = 8
        let arm = XenInterface(defines: [], headers: [], families: [], records: [parent, armNested, other])
        let merged = Self.merge(x86, arm)
        #expect(!merged.isShared(.record("xen_domctl")))
        #expect(merged.isShared(.record("xen_sysctl")))
        #expect(!merged.isShared(.recordLayout))
        #expect(merged.isShared(.recordSupport))
    }
}
