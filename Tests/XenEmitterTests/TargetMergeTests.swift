import Testing
import XenIR
@testable import XenEmitter

/// Per-member sharing between targets: what every target has is written once, only what differs
/// sits under `#if arch(…)`, and the output parses as the declarations the model says.
@Suite struct TargetMergeTests {
    static let x86 = try! TargetArchitecture(triple: "x86_64-linux-gnu")
    static let arm = try! TargetArchitecture(triple: "aarch64-linux-gnu")

    /// A family with the ops `numbers` (name `XEN_DOMCTL_op<N>`).
    static func family(_ numbers: [UInt64]) -> OpFamily {
        OpFamily(
            name: "domctl", prefix: "XEN_DOMCTL_", swiftName: "DomctlOp", rawType: "UInt32", file: "domctl.h",
            ops: numbers.map { Op(name: "XEN_DOMCTL_op\($0)", number: $0, status: .live, file: "domctl.h", line: Int($0) + 10, column: 9) })
    }

    /// A struct with `fields` (name, C type, size, offset) of `UInt32`s or `UInt64`s.
    static func record(_ fields: [(String, Int, Int)]) -> Record {
        let size = fields.map { $0.1 + $0.2 }.max() ?? 0
        return Record(
            name: "xen_probe", kind: .struct, size: size, alignment: fields.map(\.1).max() ?? 1,
            fields: fields.map { name, bytes, offset in
                RecordField(
                    name: name, type: .integer(bits: bytes * 8, signed: false), cType: "uint\(bytes * 8)_t",
                    offset: offset, size: bytes, line: 3)
            }, file: "domctl.h", line: 2)
    }

    static func emit(_ interfaces: [(TargetArchitecture, XenInterface)]) throws -> [String: String] {
        let merged = MergedInterface(variants: interfaces.map { MergedInterface.Variant(target: $0.0, interface: $0.1) })
        let files = try SwiftEmitter(options: .init()).emit(merged)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
    }

    @Test("an op only x86_64 has is its one conditional case; the others are written once")
    func caseUnderCondition() throws {
        let files = try Self.emit([
            (Self.x86, XenInterface(defines: [], headers: ["domctl.h"], families: [Self.family([1, 2, 3])])),
            (Self.arm, XenInterface(defines: [], headers: ["domctl.h"], families: [Self.family([1, 3])])),
        ])
        let text = try #require(files["DomctlOp.swift"])
        #expect(text.components(separatedBy: "case op1 = 1").count == 2, "op1 written more than once:\n\(text)")
        #expect(text.contains("    case op1 = 1\n#if arch(x86_64)\n    /// `XEN_DOMCTL_op2` (2), domctl.h:12.\n    case op2 = 2\n#endif\n"))
        // allCases lists every target's raw values once; the switch and the guard carry the same condition.
        #expect(
            text.contains(
                "        rawValues.append(1)\n#if arch(x86_64)\n        rawValues.append(2)\n#endif\n        rawValues.append(3)\n"))
        #expect(text.contains("#if arch(x86_64)\n        case .op2: \"XEN_DOMCTL_op2\"\n#endif\n"))
        #expect(text.contains("#if arch(x86_64)\n    case XEN_DOMCTL_op2 = 2 // live\n#endif\n"))
        #expect(!text.contains("arch(arm64)\n"), "nothing is arm64-only:\n\(text)")
        // One guard for every other architecture, in the support file only.
        #expect(
            files["XenArchitectureGuard.swift"]?.hasSuffix(
                "#if !(arch(x86_64) || arch(arm64))\n#error(\"xen-swiftgen generated these declarations for x86_64 and arm64 only; generate for this architecture with --target\")\n#endif\n"
            ) == true)
        #expect(!text.contains("#error"))
    }

    @Test("a record whose one field differs is declared once, with that field per target in one #if/#elseif chain")
    func fieldUnderCondition() throws {
        let x86Record = Self.record([("a", 4, 0), ("b", 4, 4)])
        let armRecord = Self.record([("a", 4, 0), ("c", 4, 4)])
        let files = try Self.emit([
            (Self.x86, XenInterface(defines: [], headers: ["domctl.h"], families: [], records: [x86Record])),
            (Self.arm, XenInterface(defines: [], headers: ["domctl.h"], families: [], records: [armRecord])),
        ])
        let text = try #require(files["DomctlRecords.swift"])
        #expect(text.components(separatedBy: "public struct XenProbe:").count == 2, "the struct is declared more than once:\n\(text)")
        #expect(
            text.contains(
                "    public var a: UInt32\n#if arch(x86_64)\n    /// C: `uint32_t b` at offset 4.\n    public var b: UInt32\n"
                    + "#elseif arch(arm64)\n    /// C: `uint32_t c` at offset 4.\n    public var c: UInt32\n#endif\n"), "\(text)")
    }

    @Test("a record whose declaration differs only in its documentation (its size) is declared once, the doc merged as prose")
    func recordDocMerged() throws {
        let files = try Self.emit([
            (Self.x86, XenInterface(defines: [], headers: ["domctl.h"], families: [], records: [Self.record([("a", 4, 0)])])),
            (Self.arm, XenInterface(defines: [], headers: ["domctl.h"], families: [], records: [Self.record([("a", 8, 0)])])),
        ])
        let text = try #require(files["DomctlRecords.swift"])
        #expect(text.components(separatedBy: "public struct XenProbe:").count == 2, "the struct is declared more than once:\n\(text)")
        #expect(
            text.contains(
                "/// On x86_64: `struct xen_probe` (domctl.h:2): 4 bytes, aligned to 4.\n"
                    + "/// On arm64: `struct xen_probe` (domctl.h:2): 8 bytes, aligned to 8.\npublic struct XenProbe"),
            "\(text)")
        // The field's code differs (its type), so it is one member per target.
        #expect(
            text.contains("#if arch(x86_64)\n    /// C: `uint32_t a` at offset 0.\n    public var a: UInt32\n#elseif arch(arm64)\n"),
            "\(text)")
    }

    @Test("a field whose code is the same on every target is written once, whatever its doc says on each")
    func fieldDocMerged() throws {
        var arm = Self.record([("a", 4, 0)])
        arm.fields[0].cType = "unsigned int"
        let files = try Self.emit([
            (Self.x86, XenInterface(defines: [], headers: ["domctl.h"], families: [], records: [Self.record([("a", 4, 0)])])),
            (Self.arm, XenInterface(defines: [], headers: ["domctl.h"], families: [], records: [arm])),
        ])
        let text = try #require(files["DomctlRecords.swift"])
        #expect(!text.contains("#if arch") && !text.contains("#elseif"), "\(text)")
        #expect(
            text.contains(
                "    /// On x86_64: C: `uint32_t a` at offset 0.\n    /// On arm64: C: `unsigned int a` at offset 0.\n    public var a: UInt32\n"
            ),
            "\(text)")
    }

    @Test("identical targets give output without any #if arch but the guard")
    func identical() throws {
        let interface = XenInterface(
            defines: [], headers: ["domctl.h"], families: [Self.family([1, 2])], records: [Self.record([("a", 4, 0)])])
        let files = try Self.emit([(Self.x86, interface), (Self.arm, interface)])
        for (path, text) in files where path != "XenArchitectureGuard.swift" {
            #expect(!text.contains("#if arch") && !text.contains("#elseif"), "\(path):\n\(text)")
        }
    }
}
