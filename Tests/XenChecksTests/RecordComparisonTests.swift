import Testing
import XenChecks
import XenIR

/// What the layout comparison counts as a break of the binary interface.
@Suite struct RecordComparisonTests {
    private func record(_ name: String, size: Int = 16, _ fields: [RecordField]) -> Record {
        Record(name: name, kind: .struct, size: size, alignment: 8, fields: fields, file: "domctl.h", line: 1)
    }

    private func field(_ name: String, _ type: TypeRef, _ cType: String, offset: Int, size: Int = 8) -> RecordField {
        RecordField(name: name, type: type, cType: cType, offset: offset, size: size, line: 2)
    }

    @Test("a field renamed at the same offset with the same type is no break; a changed offset is")
    func renamedField() {
        let old = record("r", [field("pad", .integer(bits: 64, signed: false), "uint64_t", offset: 0)])
        let renamed = record("r", [field("flags", .integer(bits: 64, signed: false), "uint64_t", offset: 0)])
        let changes = RecordComparison.compare([old], [renamed])
        #expect(changes.map(\.kind) == [.fieldRenamed])
        #expect(!changes.contains(where: RecordComparison.isIncompatible))
        let moved = record("r", [field("flags", .integer(bits: 64, signed: false), "uint64_t", offset: 8)])
        #expect(RecordComparison.compare([old], [moved]).contains(where: RecordComparison.isIncompatible))
    }

    @Test("a guest handle spelled anew with a pointee of the same layout is no break; one of another width is")
    func respelledHandle() {
        let ulong = TypeRef.guestHandle(pointee: .integer(bits: 64, signed: false))
        let pfn = TypeRef.guestHandle(pointee: .typedef(name: "xen_pfn_t", underlying: .integer(bits: 64, signed: false)))
        let narrow = TypeRef.guestHandle(pointee: .integer(bits: 32, signed: false))
        let old = record("r", [field("buffer", ulong, "__guest_handle_ulong", offset: 0)])
        let same = RecordComparison.compare([old], [record("r", [field("buffer", pfn, "__guest_handle_xen_pfn_t", offset: 0)])])
        #expect(same.map(\.kind) == [.typeRenamed])
        #expect(!same.contains(where: RecordComparison.isIncompatible))
        let other = RecordComparison.compare([old], [record("r", [field("buffer", narrow, "__guest_handle_uint32", offset: 0)])])
        #expect(other.map(\.kind) == [.type])
        #expect(other.contains(where: RecordComparison.isIncompatible))
    }

    @Test("a field wrapped in a struct at the same offset (4.21's altp2m_opts -> altp2m.opts) is no break; a wider one is")
    func wrappedField() {
        let u32 = TypeRef.integer(bits: 32, signed: false)
        let old = record("c", [field("altp2m_opts", u32, "uint32_t", offset: 8, size: 4)])
        let wrapper = Record(
            name: "c.altp2m", kind: .struct, size: 4, alignment: 4, fields: [field("opts", u32, "uint32_t", offset: 0, size: 4)],
            parent: "c", file: "domctl.h", line: 3)
        let new = record("c", [field("altp2m", .record(name: "c.altp2m"), "struct (unnamed struct)", offset: 8, size: 4)])
        let changes = RecordComparison.compare([old], [new, wrapper])
        #expect(changes.map(\.kind) == [.fieldRenamed], "\(changes)")
        let wide = Record(
            name: "c.altp2m", kind: .struct, size: 4, alignment: 4,
            fields: [
                field("opts", .integer(bits: 16, signed: false), "uint16_t", offset: 0, size: 2),
                field("nr", .integer(bits: 16, signed: false), "uint16_t", offset: 2, size: 2),
            ],
            parent: "c", file: "domctl.h", line: 3)
        #expect(RecordComparison.compare([old], [new, wide]).contains(where: RecordComparison.isIncompatible))
    }

    @Test("names shuffled over the same scalars (4.21's get_domain_state: pad0 -> caps, pad1 -> pad0) are renames by offset")
    func shuffledNames() {
        let u16 = TypeRef.integer(bits: 16, signed: false), u32 = TypeRef.integer(bits: 32, signed: false)
        let old = record(
            "s", size: 8,
            [
                field("state", u16, "uint16_t", offset: 0, size: 2), field("pad0", u16, "uint16_t", offset: 2, size: 2),
                field("pad1", u32, "uint32_t", offset: 4, size: 4),
            ])
        let new = record(
            "s", size: 8,
            [
                field("state", u16, "uint16_t", offset: 0, size: 2), field("caps", u16, "uint16_t", offset: 2, size: 2),
                field("pad0", u32, "uint32_t", offset: 4, size: 4),
            ])
        let changes = RecordComparison.compare([old], [new])
        #expect(
            changes.map(\.summary) == [
                "s.pad0: field renamed to caps (same offset and layout)", "s.pad1: field renamed to pad0 (same offset and layout)",
            ])
        #expect(!changes.contains(where: RecordComparison.isIncompatible))
    }

    @Test("an alias dropped from a union that keeps its size is no break (2017's _eax); a member that shrinks the union is")
    func unionAlias() {
        let u64 = TypeRef.integer(bits: 64, signed: false), u32 = TypeRef.integer(bits: 32, signed: false)
        func union(_ fields: [RecordField], size: Int) -> Record {
            Record(
                name: "cpu_user_regs.(anonymous 1)", kind: .union, size: size, alignment: size, fields: fields, parent: "cpu_user_regs",
                file: "x.h", line: 1)
        }
        let old = union([field("rax", u64, "uint64_t", offset: 0), field("_eax", u32, "uint32_t", offset: 0, size: 4)], size: 8)
        let dropped = RecordComparison.compare([old], [union([field("rax", u64, "uint64_t", offset: 0)], size: 8)])
        #expect(dropped.map(\.kind) == [.aliasRemoved])
        #expect(!dropped.contains(where: RecordComparison.isIncompatible))
        let shrunk = RecordComparison.compare([old], [union([field("_eax", u32, "uint32_t", offset: 0, size: 4)], size: 4)])
        #expect(shrunk.contains(where: RecordComparison.isIncompatible))
        // A named union is a payload per sub-op: a member dropped is a payload gone.
        let payload = Record(
            name: "xen_domctl.u", kind: .union, size: 8, alignment: 8, fields: old.fields, parent: "xen_domctl", file: "x.h", line: 1)
        let payloadDropped = Record(
            name: "xen_domctl.u", kind: .union, size: 8, alignment: 8, fields: [old.fields[0]], parent: "xen_domctl",
            file: "x.h", line: 1)
        #expect(RecordComparison.compare([payload], [payloadDropped]).map(\.kind) == [.fieldRemoved])
    }
}
