import Testing
import XenIR
@testable import XenReader

/// Op recognition by the family table's rule and clang's value: a retired number cannot come back
/// under another spelling or another place, and nothing with the prefix is dropped in silence.
@Suite struct OpRecognitionTests {
    static let domctl = FamilySpec(
        name: "domctl", prefix: "XEN_DOMCTL_", header: "domctl.h", swiftName: "DomctlOp",
        interfaceVersion: "XEN_DOMCTL_INTERFACE_VERSION")

    /// The family read from `text` with the domctl row, and what it left out.
    static func read(_ text: String, spec: FamilySpec = domctl) throws -> (OpFamily, [LeftOutMacro]) {
        let scanned = try ReaderStageTests.scan(text)
        let reader = FamilyReader(specs: [spec], selected: [spec.name], recordSpans: [:], allDefines: [:], relativePath: { $0 })
        var warnings: [GeneratorDiagnostic] = []
        var skipped: [String] = []
        var leftOut: [LeftOutMacro] = []
        let family = try #require(try reader.families(in: scanned, warnings: &warnings, skipped: &skipped, leftOut: &leftOut).first)
        return (family, leftOut)
    }

    @Test("an op defined after the struct, through another macro or as an expression is read with clang's number")
    func everySpellingIsAnOp() throws {
        let (family, leftOut) = try Self.read(
            """
            struct xen_domctl { unsigned int cmd; };
            #define SIX 6
            #define XEN_DOMCTL_getdomaininfo 5
            /* #define XEN_DOMCTL_getmemlist 6 Removed */
            #define XEN_DOMCTL_sum (3 + 3)
            #define XEN_DOMCTL_through SIX
            #define XEN_DOMCTL_CDF_hvm (1U << 0)
            #define XEN_DOMCTL_alias XEN_DOMCTL_getdomaininfo
            """)
        #expect(
            family.ops.map { "\($0.name)=\($0.number) \($0.status.rawValue)" } == [
                "XEN_DOMCTL_getdomaininfo=5 live", "XEN_DOMCTL_getmemlist=6 retired", "XEN_DOMCTL_sum=6 live", "XEN_DOMCTL_through=6 live",
            ])
        #expect(family.aliases.map(\.name) == ["XEN_DOMCTL_alias"])
        #expect(
            leftOut.map { "\($0.name) \($0.position.line): \($0.reason)" } == [
                "XEN_DOMCTL_CDF_hvm 7: not an op name (ops continue in lower case after the prefix; constants in upper case)"
            ])
    }

    @Test("an op whose value is negative or no integer constant is an error at its define")
    func unreadableValues() throws {
        for (value, words) in [
            ("(-5)", "negative value -5"), ("18446744073709551616", "no integer constant"), ("1.5", "no integer constant"),
        ] {
            do {
                _ = try Self.read("#define XEN_DOMCTL_bad \(value)\n")
                Issue.record("\(value) was accepted")
            } catch let error as GeneratorDiagnostic {
                #expect(error.location == SourcePosition(file: "domctl.h", line: 1, column: 9), "\(value)")
                #expect(error.message.contains(words), "\(value): \(error.message)")
            }
        }
    }

    @Test("a family whose ops are upper case takes every name with its prefix; excluded prefixes are reported")
    func anyNameRule() throws {
        let spec = FamilySpec(
            name: "domctl", prefix: "XEN_DOMCTL_", header: "domctl.h", swiftName: "DomctlOp",
            exclude: ["XEN_DOMCTL_FLAG_"], opNames: .any)
        let (family, leftOut) = try Self.read(
            """
            #define XEN_DOMCTL_CREATE 1
            #define XEN_DOMCTL_FLAG_x 4
            """, spec: spec)
        #expect(family.ops.map(\.name) == ["XEN_DOMCTL_CREATE"])
        #expect(leftOut.map(\.reason) == ["excluded by the family table (exclude 'XEN_DOMCTL_FLAG_')"])
    }
}

extension OpRecognitionTests {
    @Test("a tombstone whose number is no literal is not read, and a warning says so at the comment")
    func unreadTombstoneWarns() throws {
        let scanned = try ReaderStageTests.scan(
            """
            /* #define XEN_DOMCTL_gone (3 + 3) Removed */
            #define XEN_DOMCTL_live 5
            """)
        let reader = FamilyReader(specs: [Self.domctl], selected: ["domctl"], recordSpans: [:], allDefines: [:], relativePath: { $0 })
        var warnings: [GeneratorDiagnostic] = []
        var skipped: [String] = []
        var leftOut: [LeftOutMacro] = []
        let family = try #require(try reader.families(in: scanned, warnings: &warnings, skipped: &skipped, leftOut: &leftOut).first)
        #expect(family.ops.map(\.name) == ["XEN_DOMCTL_live"])
        #expect(
            warnings.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)" } == [
                "1:4 '#define XEN_DOMCTL_gone' in a comment has no integer literal after the name, so it is not read as a retired domctl "
                    + "number; write the number as a literal"
            ])
    }
}
