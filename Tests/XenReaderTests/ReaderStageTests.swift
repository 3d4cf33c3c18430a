import Foundation
import LibClang
import Testing
import XenIR
@testable import XenReader

/// The reader's stages one at a time: the directive scanner and the family reader on small headers
/// parsed by the real libclang (in memory), the payload binder on hand-built records.
@Suite struct ReaderStageTests {
    /// The loaded libclang (the real one; the test fails with the reason when it is missing).
    static func clang() throws -> LibClang {
        try LibClang.load(environment: ProcessInfo.processInfo.environment)
    }

    /// Parses `text` as `/fixture/<file>` under `defines` and scans its tokens.
    static func scan(_ text: String, file: String = "domctl.h", defines: [String] = ["__XEN_TOOLS__"]) throws -> ScannedHeader {
        let path = "/fixture/" + file
        let unit = try TranslationUnit(
            clang: try clang(), path: path, contents: text,
            arguments: ["-x", "c", "-std=gnu11", "-ffreestanding"] + defines.map { "-D" + $0 })
        let tokens = try #require(unit.tokens(inFile: path), "no tokens for \(path)")
        var header = DirectiveScanner().scan(tokens: tokens, file: file, skipped: unit.skippedSpans(inFile: path))
        // Every object-like define gets clang's value, as the header reader gives the ones it needs.
        let indices = header.defines.indices.filter { !header.defines[$0].isFunctionLike }
        let values = try ValueEvaluator.evaluate(
            indices.map { header.defines[$0].value },
            parse: .init(
                clang: try clang(), mainPath: path, source: text + "\n",
                arguments: ["-x", "c", "-std=gnu11", "-ffreestanding"] + defines.map { "-D" + $0 }, virtualFiles: [:]))
        for (index, value) in zip(indices, values) { header.defines[index].evaluated = value }
        return header
    }

    static let header = """
        #ifndef __XEN_PUBLIC_DOMCTL_H__
        #define __XEN_PUBLIC_DOMCTL_H__
        #define XEN_DOMCTL_INTERFACE_VERSION 0x00000015
        #define XEN_DOMCTL_createdomain                   1
        /* #define XEN_DOMCTL_getmemlist                  6 Removed */
        #define XEN_DOMCTL_real_mode_area                26 /* Obsolete PPC only */
        #if defined(__XEN__)
        #define XEN_DOMCTL_soft_reset_cont               23
        #else
        #define XEN_DOMCTL_tools_only                    24
        #endif
        #define XEN_DOMCTL_FLAG_x                        (1U << 3)
        #define XEN_DOMCTL_dropped_op                    30 /* Removed */
        #endif
        """

    @Test("the scanner: include guard dropped and without condition, #if/#else conditions, activity, values, comments")
    func scanner() throws {
        let scanned = try Self.scan(Self.header)
        let defines = Dictionary(scanned.defines.map { ($0.name, $0) }) { first, _ in first }
        // The include guard's own define is not kept, and it adds no condition to the rest.
        #expect(
            scanned.defines.map(\.name) == [
                "XEN_DOMCTL_INTERFACE_VERSION", "XEN_DOMCTL_createdomain", "XEN_DOMCTL_real_mode_area",
                "XEN_DOMCTL_soft_reset_cont", "XEN_DOMCTL_tools_only", "XEN_DOMCTL_FLAG_x", "XEN_DOMCTL_dropped_op",
            ])
        #expect(defines["XEN_DOMCTL_createdomain"]?.condition == nil)
        #expect(defines["XEN_DOMCTL_createdomain"]?.value.map(\.spelling) == ["1"])
        #expect(defines["XEN_DOMCTL_createdomain"]?.location.line == 4)
        #expect(defines["XEN_DOMCTL_soft_reset_cont"]?.condition == "defined(__XEN__)")
        #expect(defines["XEN_DOMCTL_soft_reset_cont"]?.isActive == false)
        #expect(defines["XEN_DOMCTL_tools_only"]?.condition == "!(defined(__XEN__))")
        #expect(defines["XEN_DOMCTL_tools_only"]?.isActive == true)
        #expect(defines["XEN_DOMCTL_real_mode_area"]?.trailingComment?.spelling == "/* Obsolete PPC only */")
        #expect(defines["XEN_DOMCTL_FLAG_x"]?.value.map(\.spelling) == ["(", "1U", "<<", "3", ")"])
        #expect(scanned.comments.map(\.token.spelling).contains("/* #define XEN_DOMCTL_getmemlist                  6 Removed */"))
        // Under __XEN__ the other branch is the active one.
        let hypervisor = try Self.scan(Self.header, defines: ["__XEN__"])
        #expect(hypervisor.defines.first { $0.name == "XEN_DOMCTL_soft_reset_cont" }?.isActive == true)
        #expect(hypervisor.defines.first { $0.name == "XEN_DOMCTL_tools_only" }?.isActive == false)
    }

    @Test("the family reader: a nested list's ops stay out of its parent when only the parent is selected")
    func selectionDoesNotMoveOps() throws {
        let scanned = try Self.scan(
            """
            #define XENMEM_increase_reservation 0
            #define XENMEM_maximum_ram_page     2
            /* #define XENMEM_access_op_enable_emulate 2 do not reuse */
            #define XENMEM_access_op_set_access 0
            """, file: "memory.h")
        let memory = FamilySpec(name: "memory", prefix: "XENMEM_", header: "memory.h", swiftName: "MemoryOp")
        let access = FamilySpec(name: "memory-access", prefix: "XENMEM_access_op_", header: "memory.h", swiftName: "MemoryAccessOp")
        for selected: Set<String> in [["memory"], ["memory", "memory-access"]] {
            let reader = FamilyReader(specs: [memory, access], selected: selected, recordSpans: [:], allDefines: [:], relativePath: { $0 })
            var warnings: [GeneratorDiagnostic] = []
            var skipped: [String] = []
            var leftOut: [LeftOutMacro] = []
            let families = try reader.families(in: scanned, warnings: &warnings, skipped: &skipped, leftOut: &leftOut)
            #expect(families.map(\.name) == ["memory", "memory-access"].filter(selected.contains))
            #expect(families.first?.ops.map(\.name) == ["XENMEM_increase_reservation", "XENMEM_maximum_ram_page"], "selected: \(selected)")
        }
    }

    @Test("the family reader: live, obsolete and retired ops with their places; flags and the version macro are not ops")
    func familyReader() throws {
        let scanned = try Self.scan(Self.header)
        let spec = FamilySpec(
            name: "domctl", prefix: "XEN_DOMCTL_", header: "domctl.h", swiftName: "DomctlOp",
            interfaceVersion: "XEN_DOMCTL_INTERFACE_VERSION", exclude: ["XEN_DOMCTL_FLAG_", "XEN_DOMCTL_INTERFACE_VERSION"])
        let defines = Dictionary(scanned.defines.map { ($0.name, $0) }) { first, _ in first }
        let reader = FamilyReader(specs: [spec], selected: ["domctl"], recordSpans: [:], allDefines: defines, relativePath: { $0 })
        var warnings: [GeneratorDiagnostic] = []
        var skipped: [String] = []
        var leftOut: [LeftOutMacro] = []
        let families = try reader.families(in: scanned, warnings: &warnings, skipped: &skipped, leftOut: &leftOut)
        #expect(warnings.isEmpty && skipped.isEmpty)
        #expect(
            leftOut.map { "\($0.name): \($0.reason)" } == [
                "XEN_DOMCTL_INTERFACE_VERSION: excluded by the family table (exclude 'XEN_DOMCTL_INTERFACE_VERSION')",
                "XEN_DOMCTL_FLAG_x: excluded by the family table (exclude 'XEN_DOMCTL_FLAG_')",
            ])
        let family = try #require(families.first)
        #expect(families.count == 1)
        #expect(family.interfaceVersion?.value == 0x15)
        #expect(family.interfaceVersion?.spelling == "0x00000015")
        let summary = family.ops.map {
            "\($0.name) \($0.number) \($0.status.rawValue) \($0.line):\($0.column) \($0.marker ?? "-") \($0.isActive)"
        }
        #expect(
            summary == [
                "XEN_DOMCTL_createdomain 1 live 4:9 - true",
                "XEN_DOMCTL_getmemlist 6 retired 5:4 Removed true",
                "XEN_DOMCTL_real_mode_area 26 obsolete 6:9 Obsolete PPC only true",
                "XEN_DOMCTL_soft_reset_cont 23 live 8:9 - false",
                "XEN_DOMCTL_tools_only 24 live 10:9 - true",
                "XEN_DOMCTL_dropped_op 30 obsolete 13:9 Removed true",
            ])
        #expect(family.ops.first { $0.name == "XEN_DOMCTL_soft_reset_cont" }?.condition == "defined(__XEN__)")
    }

    /// A request record `xen_domctl { cmd; interface_version; union u }` with members `alpha` and `beta`.
    static func requestRecords(betaDoc: String?) -> [String: Record] {
        func field(_ name: String, _ type: TypeRef, offset: Int, size: Int) -> RecordField {
            RecordField(name: name, type: type, cType: "", offset: offset, size: size, line: 1)
        }
        let records = [
            Record(
                name: "xen_domctl", kind: .struct, size: 24, alignment: 8,
                fields: [
                    field("cmd", .integer(bits: 32, signed: false), offset: 0, size: 4),
                    field("interface_version", .integer(bits: 32, signed: false), offset: 4, size: 4),
                    field("u", .record(name: "xen_domctl_u"), offset: 8, size: 16),
                ], file: "domctl.h", line: 40),
            Record(
                name: "xen_domctl_u", kind: .union, size: 16, alignment: 8,
                fields: [
                    field("alpha", .record(name: "xen_domctl_alpha"), offset: 0, size: 8),
                    field("beta", .record(name: "xen_domctl_beta"), offset: 0, size: 16),
                ], parent: "xen_domctl", member: "u", file: "domctl.h", line: 44),
            Record(name: "xen_domctl_alpha", kind: .struct, size: 8, alignment: 8, fields: [], file: "domctl.h", line: 10),
            Record(name: "xen_domctl_beta", kind: .struct, size: 16, alignment: 8, fields: [], file: "domctl.h", line: 20, doc: betaDoc),
        ]
        return Dictionary(uniqueKeysWithValues: records.map { ($0.name, $0) })
    }

    @Test("the payload binder: by member name, by comment, by table entry, and unmapped with the reason")
    func payloadBinder() throws {
        let spec = FamilySpec(
            name: "domctl", prefix: "XEN_DOMCTL_", header: "domctl.h", swiftName: "DomctlOp",
            request: RequestSpec(record: "xen_domctl"), payloadMembers: ["XEN_DOMCTL_stop": "", "XEN_DOMCTL_ghost": "alpha"])
        let family = OpFamily(
            name: "domctl", prefix: "XEN_DOMCTL_", swiftName: "DomctlOp", rawType: "UInt32", file: "domctl.h",
            ops: [
                Op(name: "XEN_DOMCTL_alpha", number: 1, status: .live, file: "domctl.h", line: 2),
                Op(name: "XEN_DOMCTL_setbeta", number: 2, status: .live, file: "domctl.h", line: 3),
                Op(name: "XEN_DOMCTL_stop", number: 3, status: .live, file: "domctl.h", line: 4),
                Op(name: "XEN_DOMCTL_lonely", number: 4, status: .live, file: "domctl.h", line: 5),
                Op(name: "XEN_DOMCTL_old", number: 5, status: .retired, file: "domctl.h", line: 6),
            ])
        var warnings: [GeneratorDiagnostic] = []
        var gaps = TableGaps()
        let binding = try #require(
            try PayloadBinder(spec: spec, records: Self.requestRecords(betaDoc: "XEN_DOMCTL_setbeta"))
                .bind(family, warnings: &warnings, gaps: &gaps))
        #expect(
            binding.bindings == [
                .init(op: "XEN_DOMCTL_alpha", member: "alpha", record: "xen_domctl_alpha", source: .memberName),
                .init(op: "XEN_DOMCTL_setbeta", member: "beta", record: "xen_domctl_beta", source: .comment),
                .init(op: "XEN_DOMCTL_stop", member: nil, record: nil, source: .override),
            ])
        #expect(
            binding.unmapped == [
                .init(
                    op: "XEN_DOMCTL_lonely",
                    reason: "no comment names it above a payload struct and no member of 'u' is named 'lonely'")
            ])
        // An op the table binds but these headers lack is a table gap (one warning per run), not a finding here.
        #expect(warnings.isEmpty)
        #expect(gaps.members == ["domctl: XEN_DOMCTL_ghost"])
        // Without the request record, nothing is bound (an older tree).
        var none: [GeneratorDiagnostic] = []
        #expect(try PayloadBinder(spec: spec, records: [:]).bind(family, warnings: &none, gaps: &gaps) == nil)
    }

    @Test("the argument binder reads the struct an `@arg ==` comment points at")
    func argumentWord() {
        #expect(ArgumentPayloadBinder.argumentWord(in: "@arg == pointer to physdev_eoi structure.") == "physdev_eoi")
        #expect(ArgumentPayloadBinder.argumentWord(in: "arg == addr of struct xen_memory_reservation") == "xen_memory_reservation")
        #expect(ArgumentPayloadBinder.argumentWord(in: "no argument here") == nil)
    }
}
