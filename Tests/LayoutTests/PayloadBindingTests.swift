import Foundation
import Testing
import XenIR

/// Op → payload binding on a fixture that has every case: comment and member name agreeing, a
/// comment alone, an explicit binding, a comment that contradicts the member name, and no hint.
/// The fixture also has a bitfield run with a signed field, a C enum, an anonymous union and a
/// flexible array member, which the installed domctl and sysctl records lack.
@Suite struct PayloadBindingTests {
    static let tree = Paths.fixture("payload-binding").path
    static let arguments = ["--xen-headers", tree, "--config", tree + "/config.json"]

    @Test("bindings come from comments, member names and payloadMembers; conflicts stay unbound")
    func sources() throws {
        let bindings = try GeneratedBindings.fixture("payload-binding")
        defer { try? FileManager.default.removeItem(at: bindings.folder) }
        let request = try #require(bindings.interface.requests.first)
        let byOp = Dictionary(uniqueKeysWithValues: request.bindings.map { ($0.op, $0) })
        #expect(
            byOp["XEN_DOMCTL_alpha"]
                == .init(op: "XEN_DOMCTL_alpha", member: "alpha", record: "xen_domctl_alpha", source: .commentAndMemberName))
        #expect(byOp["XEN_DOMCTL_beta"] == .init(op: "XEN_DOMCTL_beta", member: "shared", record: "xen_domctl_shared", source: .comment))
        #expect(byOp["XEN_DOMCTL_beta2"]?.member == "shared")
        #expect(byOp["XEN_DOMCTL_bits"]?.source == .memberName)
        #expect(byOp["XEN_DOMCTL_zeta"] == .init(op: "XEN_DOMCTL_zeta", member: "alpha", record: "xen_domctl_alpha", source: .override))
        #expect(byOp["XEN_DOMCTL_stop"] == .init(op: "XEN_DOMCTL_stop", member: nil, record: nil, source: .override))
        #expect(request.unmapped.map(\.op) == ["XEN_DOMCTL_gamma", "XEN_DOMCTL_epsilon"])
        #expect(bindings.interface.enums.first?.constants.map(\.value) == [0, 4])
    }

    @Test("generate --verbose lists the ops it cannot map and warns about explicit bindings for unknown ops")
    func verboseListsUnmapped() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try xenSwiftGen(["generate", "--output", folder.path, "--verbose"] + Self.arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("payloads of domctl: 6 ops bound, 2 not mapped\n"))
        #expect(
            result.stderr.contains(
                "  not mapped: XEN_DOMCTL_gamma: the header comment points at member 'delta' but the member named 'gamma' is another one\n")
        )
        #expect(
            result.stderr.contains(
                "  not mapped: XEN_DOMCTL_epsilon: no comment names it above a payload struct and no member of 'u' is named 'epsilon'\n"))
        #expect(
            result.stderr.contains(
                "\nwarning: these headers lack 1 entry of the family table, skipped: payloadMembers ops domctl: XEN_DOMCTL_omega\n"))
    }

    @Test("an unmapped op cannot be used: the compiler says why")
    func unmappedOpDoesNotCompile() throws {
        let bindings = try GeneratedBindings.fixture("payload-binding")
        defer { try? FileManager.default.removeItem(at: bindings.folder) }
        try "let a = XenDomctl(.epsilon, domain: 1)\nlet b = XenDomctl(.zeta, domain: 1, payload: XenDomctlAlpha())\n"
            .write(to: bindings.folder.appendingPathComponent("consumer.swift"), atomically: true, encoding: .utf8)
        let compile = try swiftc(
            ["-typecheck", "-swift-version", "6", "-diagnostic-style", "llvm"] + bindings.swiftFiles, in: bindings.folder)
        #expect(compile.status != 0)
        #expect(
            compile.stderr.contains(
                "consumer.swift:1:20: error: 'epsilon' is unavailable: xen-swiftgen cannot bind XEN_DOMCTL_epsilon "
                    + "to a payload: no comment names it above a payload struct and no member of 'u' is named 'epsilon'; add it to the family's payloadMembers"
            ))
        #expect(!compile.stderr.contains("consumer.swift:2:"), "\(compile.stderr)")
    }

    @Test("fixture records (bitfields, enum, anonymous union, flexible array) match the C compiler")
    func fixtureLayoutMatchesC() throws {
        let bindings = try GeneratedBindings.fixture("payload-binding")
        defer { try? FileManager.default.removeItem(at: bindings.folder) }
        let probe = LayoutProbe(bindings.interface)
        let c = LayoutProbe.Output(try bindings.runC(probe.cProgram(includes: bindings.cIncludes)))
        let swiftText = try bindings.runSwift(
            probe.swiftProgram() + """
                var bits = XenDomctlBits()
                bits.delta = -3
                bits.level = 5
                bits.narrow = 0xdead
                print("check", bits.delta, bits.level, bits.enabled, bits.wide, XenDomctlBits().mode == .off, FixtureMode.on.rawValue)
                """)
        let swift = LayoutProbe.Output(swiftText)
        let offsets = probe.absoluteSwiftOffsets(swift)
        #expect(!c.records.isEmpty && c.bitFields.count == 3)
        for (name, expected) in c.records { #expect(swift.records[name] == expected + [expected[0]], "\(name)") }
        for (key, expected) in c.fields { #expect(offsets[key] == expected[0] && swift.fields[key]?.last == expected[1], "\(key)") }
        for (key, expected) in c.bitFields { #expect(swift.bitFields[key] == expected, "\(key)") }
        #expect(swiftText.contains("check -3 5 0 57005 true 4\n"))
    }
}

/// A record Swift cannot lay out like C stops the run instead of producing a wrong mirror.
@Suite struct UnmirrorableRecordTests {
    @Test("a struct aligned only by its flexible array member is an error naming its line; nothing is written")
    func flexibleAlignment() throws {
        let tree = Paths.fixture("flexible-alignment").path
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out")
        let result = try xenSwiftGen(["generate", "--xen-headers", tree, "--config", tree + "/config.json", "--output", output.path])
        #expect(result.status == 1)
        #expect(
            result.stderr == tree + "/domctl.h:5:1: error: 'xen_domctl_list' is aligned to 4 by no field Swift can store "
                + "(its widest stored field is aligned to 2); xen-swiftgen cannot mirror it exactly\n")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}

/// The op enum's doc comments say when an op has no payload mapping.
@Suite struct UnmappedDocTests {
    @Test("unmapped ops carry a 'No payload mapping' doc line naming the reason; bound ops do not")
    func docLine() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try xenSwiftGen(["generate", "--output", folder.path] + PayloadBindingTests.arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: folder.appendingPathComponent("DomctlOp.swift"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let epsilon = try #require(lines.firstIndex { $0.hasPrefix("    case epsilon = ") })
        let epsilonDoc = lines[..<epsilon].reversed().prefix { $0.hasPrefix("    ///") }
        #expect(
            epsilonDoc.contains {
                $0.contains(
                    "No payload mapping: the generator could not bind this op to a payload "
                        + "(no comment names it above a payload struct and no member of 'u' is named 'epsilon')")
            })
        let alpha = try #require(lines.firstIndex { $0.hasPrefix("    case alpha = ") })
        #expect(!lines[..<alpha].reversed().prefix { $0.hasPrefix("    ///") }.contains { $0.contains("No payload mapping") })
    }
}
