import Testing
import XenEmitter
import XenIR

/// The naming rule for records, nested records, typedefs and fields.
@Suite struct RecordNamingTests {
    static func record(_ name: String, parent: String? = nil, member: String? = nil, fields: [String?] = []) -> Record {
        Record(
            name: name, kind: .struct, size: 8, alignment: 4,
            fields: fields.map {
                RecordField(name: $0, type: .integer(bits: 32, signed: false), cType: "uint32_t", offset: 0, size: 4, line: 1)
            },
            parent: parent, member: member, file: "x.h", line: 1
        )
    }

    @Test("tags become UpperCamelCase; untagged records nest under their member's name or AnonymousN")
    func typeNames() {
        let interface = XenInterface(
            defines: [], headers: [], families: [],
            records: [
                Self.record("xen_domctl"), Self.record("xen_domctl.u", parent: "xen_domctl", member: "u"),
                Self.record("cpu_user_regs"), Self.record("cpu_user_regs.(anonymous 3)", parent: "cpu_user_regs"),
                Self.record("foo"), Self.record("foo.type", parent: "foo", member: "type"),
            ])
        let naming = RecordNaming(interface)
        #expect(naming.typeName("xen_domctl") == "XenDomctl")
        #expect(naming.typeName("xen_domctl.u") == "XenDomctl.U")
        #expect(naming.typeName("cpu_user_regs.(anonymous 3)") == "CPUUserRegs.Anonymous3")
        // `Foo.Type` would be the metatype.
        #expect(naming.typeName("foo.type") == "Foo.TypeRecord")
    }

    @Test("a record whose name an op enum or a support type already has gets a Record suffix")
    func collisions() {
        let family = OpFamily(name: "physdev", prefix: "PHYSDEVOP_", swiftName: "PhysdevOp", rawType: "UInt32", file: "physdev.h")
        let interface = XenInterface(
            defines: [], headers: [], families: [family],
            records: [
                Self.record("physdev_op"), Self.record("xen_no_payload"), Self.record("physdev_command"),
            ])
        let naming = RecordNaming(interface)
        #expect(naming.typeName("physdev_op") == "PhysdevOpRecord")
        #expect(naming.typeName("xen_no_payload") == "XenNoPayloadRecord")
        #expect(naming.typeName("physdev_command") == "PhysdevCommandRecord")
    }

    @Test("fields become lowerCamelCase; a collision keeps the C name; anonymous members are _anonymousN")
    func fieldNames() {
        let names = RecordNaming.storedNames(of: Self.record("r", fields: ["interface_version", "pad", "_pad", nil, "default", nil]))
        #expect(names == ["interfaceVersion", "pad", "_pad", "_anonymous0", "`default`", "_anonymous1"])
        #expect(RecordNaming.typedefName("domid_t") == "Domid")
        #expect(RecordNaming.typedefName("xen_pfn_t") == "XenPfn")
    }
}
