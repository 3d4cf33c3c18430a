import SwiftParser
import SwiftSyntax
import Testing
import XenIR
@testable import XenEmitter

/// Header text is untrusted: whatever a comment, a marker, a condition, a file name or a ledger note
/// holds, the generated Swift declares exactly what the model says. Each file is parsed with
/// swift-syntax's `SwiftParser` and compared, token for token outside comments and string
/// contents, with the same model rendered from plain text.
@Suite struct HostileTextTests {
    /// What an attacker puts into header text: every line terminator Swift or an editor knows, NUL and
    /// other controls, the Trojan Source bidi controls, comment and string delimiters.
    static let payloads = [
        "x\r} public func pwned() {}\r// ",
        "x\n} public func pwned() {}\n// ",
        "x\r\n} public func pwned() {}\r\n/// ",
        "x\u{0B}\u{0C}\u{85}\u{2028}\u{2029}} public func pwned() {} //",
        "NUL\u{0}here \u{1B}[2J \u{7F}\u{9B}",
        "access \u{202E}level\u{2066} \u{2069}\u{202A}\u{202B}\u{202C}\u{202D}\u{2067}\u{2068}\u{200E}\u{200F}\u{61C}",
        "*/ \" \\\" \\(pwned()) \"\"\" #\" ` @available",
    ]

    /// A family and a record whose every text slot holds `text`.
    static func interface(_ text: String) -> XenInterface {
        let family = OpFamily(
            name: "domctl", prefix: "XEN_DOMCTL_", swiftName: "DomctlOp", rawType: "UInt32", file: "domctl.h",
            summary: "Summary " + text,
            interfaceVersion: InterfaceVersion(
                name: "XEN_DOMCTL_INTERFACE_VERSION", value: 0x15, spelling: "0x15",
                location: SourcePosition(file: "dir/" + text + ".h", line: 3)),
            ops: [
                Op(
                    name: "XEN_DOMCTL_createdomain", number: 1, status: .live, marker: "note " + text, condition: "defined(" + text + ")",
                    file: "domctl.h", line: 4, column: 9, doc: "Doc " + text),
                Op(
                    name: "XEN_DOMCTL_getmemlist", number: 6, status: .retired, marker: "Removed " + text, file: "domctl.h", line: 5,
                    column: 4),
                Op(
                    name: "XEN_DOMCTL_real_mode_area", number: 26, status: .obsolete, marker: "Obsolete " + text,
                    file: "domctl.h", line: 7, column: 9),
            ],
            aliases: [
                OpAlias(
                    name: "XEN_DOMCTL_create_alias", target: "XEN_DOMCTL_createdomain", condition: text, isActive: true,
                    file: "domctl.h", line: 8)
            ]
        )
        let record = Record(
            name: "xen_domctl_createdomain", kind: .struct, size: 8, alignment: 4,
            fields: [
                RecordField(
                    name: "flags", type: .integer(bits: 32, signed: false), cType: "uint32_t", offset: 0, size: 4, line: 11,
                    doc: "Field " + text),
                RecordField(name: "ssidref", type: .integer(bits: 32, signed: false), cType: "uint32_t", offset: 4, size: 4, line: 12),
            ],
            file: "domctl.h", line: 10, doc: "Record " + text
        )
        // Typed commands too: the op table of the command type's documentation holds the unbound op's reason.
        let request = RequestBinding(
            family: "domctl", record: nil, opField: nil, versionField: nil, unionField: nil,
            bindings: [.init(op: "XEN_DOMCTL_createdomain", member: nil, record: "xen_domctl_createdomain", source: .argumentComment)],
            unmapped: [.init(op: "XEN_DOMCTL_real_mode_area", reason: "reason " + text)])
        // Constants: a doc comment and a string value from the header.
        let constants = [
            XenConstant(name: "XEN_HOSTILE_DOC", value: .unsigned(1), cType: "int", doc: "Constant " + text, file: "domctl.h", line: 5),
            XenConstant(name: "XEN_HOSTILE_TEXT", value: .string("value " + text), file: "domctl.h", line: 6),
        ]
        return XenInterface(
            defines: [], headers: ["domctl.h"], families: [family], records: [record], requests: [request], constants: constants)
    }

    /// The emitted files for `text`, by path.
    static func files(_ text: String) throws -> [String: String] {
        var interface = interface(text)
        interface.families[0].reserved = [ReservedNumber(name: "XEN_DOMCTL_gone", number: 9, marker: "vanished " + text)]
        let variant = MergedInterface.Variant(target: try TargetArchitecture(triple: "x86_64-linux-gnu"), interface: interface)
        let files = try SwiftEmitter(options: .init()).emit(
            MergedInterface(variants: [variant]))
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
    }

    /// The file's tokens as code sees them: comments (trivia) left out, string contents replaced by a marker.
    static func codeTokens(_ source: String) -> [String] {
        let tree = Parser.parse(source: source)
        return tree.tokens(viewMode: .sourceAccurate).map { token in
            if case .stringSegment = token.tokenKind { return "<string>" }
            return token.text
        }
    }

    @Test("hostile text changes no declaration: the parsed files equal the plain model's outside comments and strings")
    func declarationsAreTheModels() throws {
        let plain = try Self.files("plain")
        #expect(plain["DomctlOp.swift"] != nil)
        #expect(plain["DomctlCommand.swift"]?.contains("/// | `XEN_DOMCTL_real_mode_area` | 26 | not bound: reason plain | - |") == true)
        #expect(plain["DomctlConstants.swift"]?.contains("public static let xenHostileText: String = \"value plain\"\n") == true)
        for payload in Self.payloads {
            let hostile = try Self.files(payload)
            #expect(hostile.keys.sorted() == plain.keys.sorted())
            for (path, text) in hostile.sorted(by: { $0.key < $1.key }) {
                let tree = Parser.parse(source: text)
                #expect(!tree.hasError, "\(path) does not parse with payload \(payload.debugDescription)")
                #expect(
                    Self.codeTokens(text) == Self.codeTokens(plain[path] ?? ""), "\(path): code changed with \(payload.debugDescription)")
                #expect(!Self.codeTokens(text).contains("pwned"), "\(path) declares pwned with payload \(payload.debugDescription)")
            }
        }
    }

    @Test("no line terminator but LF, no control and no bidi control reaches a generated file")
    func noHiddenCharacters() throws {
        for payload in Self.payloads {
            for (path, text) in try Self.files(payload) {
                let hidden = text.unicodeScalars.filter { $0 != "\n" && (SwiftText.isHidden($0) || SwiftText.isLineTerminator($0)) }
                #expect(
                    hidden.isEmpty, "\(path) holds \(hidden.map { String($0.value, radix: 16) }) with payload \(payload.debugDescription)")
            }
        }
    }

    @Test("each context's escaping: doc lines split at every terminator, line comments stay one line, literals keep the value")
    func contexts() {
        #expect(SwiftText.docCommentLines("a\rb\r\nc\u{2028}d\u{0}") == ["a", "b", "c", "d\\u{0}"])
        #expect(SwiftText.lineComment("a\r} func x() {}\u{202E}") == "a } func x() {}\\u{202E}")
        #expect(SwiftText.stringLiteral("a\"b\\c\u{202E}\r") == "\"a\\\"b\\\\c\\u{202E} \"")
        // Markdown (a table cell of a doc comment): one line, each character Markdown reads escaped, so no
        // link, emphasis, HTML, code span or cell end can open; code spans only for plain names.
        #expect(SwiftText.markdownText("a | b `c` *d* [e](f) <g>\r\\") == "a \\| b \\`c\\` \\*d\\* \\[e\\](f) \\<g\\> \\\\")
        #expect(SwiftText.markdownText("x\u{202E}") == "x\\\\u{202E}")
        // Only what Markdown reads is escaped: quotes and commas stay (the op tables' reasons read as written).
        #expect(SwiftText.markdownText("'domid_t', and") == "'domid\\_t', and")
        #expect(SwiftText.markdownText("&amp; ~~s~~ ![i](u) <!-- h -->") == "\\&amp; \\~\\~s\\~\\~ \\!\\[i\\](u) \\<\\!-- h --\\>")
        #expect(
            SwiftText.markdownText("# h") == "\\# h" && SwiftText.markdownText("- l") == "\\- l" && SwiftText.markdownText("a-b") == "a-b")
        #expect(
            SwiftText.markdownCode("XEN_DOMCTL_x1") == "`XEN_DOMCTL_x1`"
                && SwiftText.markdownCode("struct xen_domctl") == "`struct xen_domctl`")
        #expect(SwiftText.markdownCode("a|b`") == "a\\|b\\`" && SwiftText.markdownCode("") == "")
        #expect(
            SwiftText.isASCIIIdentifier("XEN_DOMCTL_x1") && !SwiftText.isASCIIIdentifier("XEN_\u{202E}x")
                && !SwiftText.isASCIIIdentifier("1x") && !SwiftText.isASCIIIdentifier(""))
    }
}
