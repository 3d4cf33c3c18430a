import Foundation
import Testing
import XenIR
import XenSwiftGen

/// Inputs on which Scripts/fuzz.sh found the config decoder breaking an invariant, kept as tests.
@Suite struct ConfigFuzzRegressionTests {
    @Test("fuzz crash 1: an unknown key holding an escaped newline gave a two-line error")
    func crashOne() throws {
        let json = #"{"x\nHeaders": "/usr/includn", "output": "Generated", "accessLevel": "public", "families": ["domctl", "sysctl"], "#
            + #""defines": ["_^XEN_TOOLS__"], "target": "x67_64-linux-gnu"}"#
        let error = try #require(throws: GeneratorDiagnostic.self) {
            try ConfigLoader.decode(data: Data(json.utf8), path: "fuzz/config.json")
        }
        #expect(error.rendered(root: "") == "error: fuzz/config.json: unknown key 'x\\nHeaders' (known: accessLevel, defines, "
            + "families, familyTable, ledger, output, target, templates, xenHeaders)")
    }

    @Test("user text with control characters stays on one line in every config message", arguments: [
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
