import Foundation
import Testing
import XenIR

/// The IR's own rules: what its values encode to, what they refuse, and the helpers every stage shares.
@Suite struct IRValueTests {
    static let family = OpFamily(
        name: "domctl", prefix: "XEN_DOMCTL_", swiftName: "DomctlOp", rawType: "UInt32", file: "domctl.h",
        ops: [
            Op(name: "XEN_DOMCTL_a", number: 1, status: .live, file: "domctl.h", line: 3, column: 9)
        ])

    /// `value` as the IR's JSON (sorted keys), decoded back.
    static func roundTrip<T: Codable>(_ value: T) throws -> (json: String, decoded: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return (String(decoding: data, as: UTF8.self), try JSONDecoder().decode(T.self, from: data))
    }

    @Test("a family's reserved numbers are part of the IR: encoded when set, absent when not, decoded field for field")
    func reservedNumbers() throws {
        let plain = try Self.roundTrip(Self.family)
        #expect(!plain.json.contains("reserved"))
        #expect(plain.decoded.reserved == nil)
        var reserving = Self.family
        reserving.reserved = [ReservedNumber(name: "XEN_DOMCTL_gone", number: 9, marker: "vanished")]
        let both = try Self.roundTrip(reserving)
        #expect(both.json.contains(#""reserved":[{"marker":"vanished","name":"XEN_DOMCTL_gone","number":9}]"#))
        #expect(both.decoded.reserved?.first?.name == "XEN_DOMCTL_gone")
        #expect(both.decoded.reserved?.first?.number == 9)
        #expect(both.decoded == reserving)
        #expect(both.decoded != Self.family, "families that reserve differently are different declarations")
    }

    @Test("an op's JSON keys and values read back into the same fields")
    func opFields() throws {
        let op = Op(
            name: "XEN_DOMCTL_old", number: 12, status: .retired, marker: "Removed", replacement: "XEN_DOMCTL_new",
            condition: "defined(__XEN__)", isActive: false, file: "domctl.h", line: 40, column: 4, doc: "Gone.")
        let decoded = try JSONDecoder().decode(
            Op.self,
            from: Data(
                #"""
                {"name": "XEN_DOMCTL_old", "number": 12, "status": "retired", "marker": "Removed", "replacement": "XEN_DOMCTL_new",
                 "condition": "defined(__XEN__)", "isActive": false, "file": "domctl.h", "line": 40, "column": 4, "doc": "Gone."}
                """#.utf8))
        #expect(decoded == op)
        #expect(decoded.location == SourcePosition(file: "domctl.h", line: 40, column: 4))
    }

    @Test("access levels: the three words decode, any other is refused with the levels named")
    func accessLevels() throws {
        for level in AccessLevel.allCases {
            #expect(try JSONDecoder().decode([AccessLevel].self, from: Data(#"["\#(level.rawValue)"]"#.utf8)) == [level])
        }
        #expect(AccessLevel.allCases.map(\.rawValue) == ["public", "internal", "package"])
        let error = try #require(throws: DecodingError.self) { try JSONDecoder().decode([AccessLevel].self, from: Data(#"["open"]"#.utf8)) }
        guard case .dataCorrupted(let context) = error else { Issue.record("\(error)"); return }
        #expect(context.debugDescription == "must be public, internal or package, not 'open'")
    }

    @Test(
        "edit distance: insertions, deletions and substitutions each count one",
        arguments: [
            ("support", "suport", 1), ("family", "familly", 1), ("records", "recrods", 2), ("", "abc", 3), ("abc", "", 3),
            ("layout", "layout", 0), ("kitten", "sitting", 3),
        ])
    func editDistance(_ pair: (String, String, Int)) {
        #expect(EditDistance.between(pair.0, pair.1) == pair.2)
        #expect(EditDistance.between(pair.1, pair.0) == pair.2)
    }

    @Test("the defaults are stated once and are what the documentation says")
    func defaults() {
        #expect(Defaults.sharedVersionFamily == "hypercall")
        #expect(Defaults.vanishedMarker == "vanished")
        #expect(Defaults.rootHeader == "xen.h")
        #expect(Defaults.xenHeaders == "/usr/include/xen")
        #expect(Defaults.output == "Generated")
        #expect(Defaults.defines == ["__XEN_TOOLS__"])
    }
}
