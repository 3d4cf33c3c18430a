import Foundation
import Testing
import XenIR
import XenSwiftGen

/// Inputs on which Scripts/fuzz.sh found the config decoder breaking an invariant, kept as tests.
@Suite struct ConfigFuzzRegressionTests {
    @Test("fuzz crash 1: an unknown key holding an escaped newline gave a two-line error")
    func crashOne() throws {
        let json =
            #"{"x\nHeaders": "/usr/includn", "output": "Generated", "accessLevel": "public", "families": ["domctl", "sysctl"], "#
            + #""defines": ["_^XEN_TOOLS__"], "target": "x67_64-linux-gnu"}"#
        let error = try #require(throws: GeneratorDiagnostic.self) {
            try ConfigLoader.decode(data: Data(json.utf8), path: "fuzz/config.json")
        }
        #expect(
            error.rendered(root: "")
                == "error: fuzz/config.json: unknown key 'x\\nHeaders' (known: accessLevel, acknowledgements, constantGroups, defines, "
                + "families, familyTable, ledger, output, releases, target, targets, templates, xenGit, xenHeaders)")
    }

    @Test("fuzz crash 2: a JSON syntax error quoting a newline gave a two-line error")
    func crashTwo() throws {
        let bytes: [UInt8] = [
            0x7b, 0x22, 0x66, 0x61, 0x6d, 0x69, 0x6c, 0x79, 0x54, 0x5c, 0x75, 0x00, 0x00, 0x00, 0x0a, 0x64, 0x65, 0x22, 0x3a, 0x20,
            0x5b, 0x22, 0x58, 0x5f, 0x22, 0x5d, 0x2c, 0x20, 0x22, 0x75, 0x5d, 0x74, 0x68, 0x69, 0x6e, 0x22, 0x3a, 0x20, 0x22, 0x73,
            0x22, 0x7d, 0x5d, 0x7d,
        ]
        let error = try #require(throws: GeneratorDiagnostic.self) {
            try ConfigLoader.decode(data: Data(bytes), path: "fuzz/config.json")
        }
        #expect(
            error.rendered(root: "") == #"fuzz/config.json:1:12: error: invalid JSON (Invalid hex encoded sequence in "\u{0}\u{0}\u{0}\n")"#
        )
    }

    @Test(
        "user text with control characters stays on one line in every config message",
        arguments: [
            #"{"familyTable": [{"name": "a", "prefix": "A_", "header": "a.h", "swiftName": "A", "x\ty": 1}]}"#,
            #"{"accessLevel": "open\r\nsesame"}"#,
            #"{"families": ["dom\nctl"]}"#,
            #"{"familyTable": [{"name": "a", "prefix": "A_", "header": "a.h", "swiftName": "A\u2028B"}]}"#,
        ])
    func controlCharacters(_ json: String) throws {
        let error = try #require(throws: GeneratorDiagnostic.self) {
            try ConfigLoader.decode(data: Data(json.utf8), path: "c.json").resolvedFamilies()
        }
        let text = error.rendered(root: "")
        let isOneLine = !text.contains { $0.isNewline }
        #expect(isOneLine, "\(text)")
        #expect(text.hasPrefix("error: c.json: ") || text.hasPrefix("error: config: "), "\(text)")
    }
}
