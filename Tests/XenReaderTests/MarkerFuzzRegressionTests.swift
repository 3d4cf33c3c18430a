import Testing
@testable import XenReader

/// Inputs on which Scripts/fuzz.sh found the marker parser breaking an invariant, kept as tests.
@Suite struct MarkerFuzzRegressionTests {
    /// The invariant the harness checks: one comment line per LF byte.
    static func lineCountMatchesBytes(_ comment: String) -> Bool {
        MarkerParser.lines(of: comment).count == comment.utf8.filter { $0 == 0x0A }.count + 1
    }

    @Test("fuzz crash 1: a CR LF pair counted as no line break (\"\\r\\n\" is one Swift Character)")
    func crashOne() {
        let bytes: [UInt8] = [
            0x2f, 0x2a, 0x13, 0x0a, 0x0a, 0x0a, 0x0a, 0x2f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x0a,
            0x0a, 0x0a, 0x0a, 0x3b, 0x0a, 0x0a, 0x10, 0x0a, 0x0a, 0x20, 0x0a, 0x0d, 0x0a, 0x20, 0x44,
        ]
        let comment = String(decoding: bytes, as: UTF8.self) + "*/"
        #expect(Self.lineCountMatchesBytes(comment))
    }

    @Test("a tombstone in a CR LF comment block is found on its own line")
    func crlfTombstone() {
        let comment = "/*\r\n * #define XEN_DOMCTL_getmemlist 6 Removed\r\n * #define XEN_DOMCTL_old 7\r\n */"
        let found = MarkerParser.tombstones(in: comment)
        #expect(found.map(\.name) == ["XEN_DOMCTL_getmemlist", "XEN_DOMCTL_old"])
        #expect(found.map(\.lineIndex) == [1, 2])
        #expect(found.first?.marker == "Removed")
        #expect(Self.lineCountMatchesBytes(comment))
    }
}
