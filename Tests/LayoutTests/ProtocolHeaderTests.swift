import Foundation
import Testing
import XenIR

/// The patterns of the protocol headers (issue 23) on the `protocol-header` fixture: a family whose ops
/// are a C enum with a removed member (`io/xs_wire.h`'s `XS_RESTRICT`), the records of a header that no
/// payload reaches, a header that is not self-contained, a header of records only, and a record Swift
/// cannot mirror, which is left out with its reason instead of stopping the run.
@Suite struct ProtocolHeaderTests {
    static let tree = Paths.fixture("protocol-header").path
    static let arguments = ["--xen-headers", tree, "--config", tree + "/config.json"]

    /// The fixture's IR.
    static func interface() throws -> XenInterface {
        let dump = try xenSwiftGen(["dump-ir"] + arguments)
        guard dump.status == 0 else { throw TestFailure("dump-ir failed: \(dump.stderr)") }
        return try JSONDecoder().decode(XenInterface.self, from: Data(dump.stdout.utf8))
    }

    @Test("a C enum's enumerators are the ops; the comment in its gap retires the member it names, with the skipped number")
    func enumWithRemovedMember() throws {
        let interface = try Self.interface()
        let wire = try #require(interface.family(named: "wire"))
        #expect(wire.ops.map(\.name) == ["WIRE_HELLO", "WIRE_READ", "WIRE_WRITE", "WIRE_LOCK", "WIRE_UNLOCK", "WIRE_CLOSE"])
        #expect(wire.ops.map(\.number) == [0, 1, 2, 3, 4, 5])
        #expect(wire.ops.map(\.status) == [.live, .live, .live, .retired, .live, .obsolete])
        let lock = try #require(wire.ops.first { $0.name == "WIRE_LOCK" })
        #expect(lock.marker == "WIRE_LOCK has been removed" && lock.line == 12)
        // The tombstone comment is no doc of the enumerator under it.
        #expect(wire.ops.first { $0.name == "WIRE_UNLOCK" }?.doc == nil)
        #expect(wire.ops.first { $0.name == "WIRE_CLOSE" }?.replacement == "WIRE_UNLOCK")
        #expect(wire.aliases.map(\.name) == ["WIRE_GREETING"])
        // Only the named headers' records: base.h is included for proto.h, not mirrored.
        #expect(interface.records.filter { !$0.isNested }.map(\.name) == ["wire_header", "wire_payload", "proto_request", "only_record"])
        #expect(interface.families.map(\.name) == ["wire", "proto"], "records.h has no numbered group: records only")
    }

    @Test("the output compiles with no diagnostics, the retired member is a compile error, and the guard holds its number")
    func compiles() throws {
        let folder = try makeTemporaryFolder("xsg-protocol")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generate = try xenSwiftGen(["generate", "--output", folder.path] + Self.arguments)
        #expect(generate.status == 0 && !generate.stderr.contains("warning:") && !generate.stderr.contains("error:"), "\(generate.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
        #expect(files.contains("IOWireRecords.swift") && files.contains("RecordsRecords.swift") && files.contains("ProtoRecords.swift"))
        #expect(!files.contains("BaseRecords.swift"))
        let guardText = try String(contentsOf: folder.appendingPathComponent("WireMessage.swift"), encoding: .utf8)
        #expect(guardText.contains("    case WIRE_LOCK = 3 // retired: WIRE_LOCK has been removed\n"))
        let consumer = "let a = WireMessage.lock\nlet b: WireMessage = .close\n"
        try consumer.write(to: folder.appendingPathComponent("consumer.swift"), atomically: true, encoding: .utf8)
        let compile = try swiftc(
            ["-typecheck", "-swift-version", "6", "-diagnostic-style", "llvm"] + files + ["consumer.swift"], in: folder)
        #expect(
            compile.stderr.contains(
                "consumer.swift:1:21: error: 'lock' is unavailable: WIRE_LOCK (3) was retired: WIRE_LOCK has been removed"),
            "\(compile.stderr.prefix(3000))")
        #expect(compile.stderr.contains("consumer.swift:2:23: warning: 'close' is deprecated"), "\(compile.stderr.prefix(3000))")
    }

    @Test("every record matches the C compiler's layout, the not self-contained header's included")
    func layoutMatchesC() throws {
        let bindings = try GeneratedBindings.fixture("protocol-header")
        defer { try? FileManager.default.removeItem(at: bindings.folder) }
        let probe = LayoutProbe(bindings.interface)
        let includes = [
            "#include <stdio.h>", "#include <string.h>", "#include <stddef.h>",
            "#include \"base.h\"", "#include \"io/wire.h\"", "#include \"proto.h\"", "#include \"records.h\"",
        ]
        let c = LayoutProbe.Output(try bindings.runC(probe.cProgram(includes: includes.joined(separator: "\n"))))
        let swift = LayoutProbe.Output(try bindings.runSwift(probe.swiftProgram()))
        #expect(Set(c.records.keys) == ["wire_header", "wire_payload", "proto_request", "only_record"])
        for (name, expected) in c.records {
            #expect(swift.records[name] == expected + [expected[0]], "\(name): Swift \(swift.records[name] ?? []), C \(expected)")
        }
        #expect(c.bitFields.count == 2)
        for (key, expected) in c.bitFields { #expect(swift.bitFields[key] == expected, "\(key)") }
    }

    @Test("coverage lists the unmirrored record with its reason, the enumerators left out, and each header's counts")
    func coverage() throws {
        let result = try xenSwiftGen(["coverage"] + Self.arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                Self.tree + "/io/wire.h:38:8: note: wire_batch (wire): record not mirrored: it is aligned to 8 by no "
                    + "field with bytes (its widest is aligned to 4); a Swift struct takes its alignment from stored fields only"))
        #expect(
            lines.contains(
                Self.tree + "/io/wire.h:15:5: note: WIRE_TYPE_COUNT (wire): excluded by the family table (exclude 'WIRE_TYPE_COUNT')"))
        #expect(
            lines.contains(
                "coverage: header io/wire.h: groups wire; 5 ops; 2 tombstones (1 retired, 1 obsolete); 2 records read, 1 left out"))
        #expect(
            lines.contains(
                "coverage: header records.h: no numbered group; 0 ops; 0 tombstones (0 retired, 0 obsolete); 1 records read, 0 left out"))
    }

    @Test("a removed member whose number the values around it do not tell is a warning, and no number is invented")
    func unknownGap() throws {
        let folder = try makeTemporaryFolder("xsg-protocol")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try xenSwiftGen([
            "generate", "--xen-headers", Self.tree, "--config", Self.tree + "/config-state.json", "--output", folder.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                Self.tree + "/io/wire.h:25:5: warning: the comment says WIRE_STATE_BUSY was removed from enum "
                    + "wire_state, but WIRE_STATE_IDLE and WIRE_STATE_DONE around it do not skip exactly one number, so its number is unknown and not reserved"
            ))
        let text = try String(contentsOf: folder.appendingPathComponent("WireState.swift"), encoding: .utf8)
        #expect(!text.contains("case WIRE_STATE_BUSY") && !text.contains("busy"))
    }
}
