import Testing
import XenIR
@testable import XenEmitter

/// The family file rendered from a hand-built family with the built-in templates: the op enum, the
/// unavailable retired members and the number guard, each line written out here.
@Suite struct FamilyEmissionTests {
    static let family = OpFamily(
        name: "domctl", prefix: "XEN_DOMCTL_", swiftName: "DomctlOp", rawType: "UInt32", file: "domctl.h",
        interfaceVersion: InterfaceVersion(
            name: "XEN_DOMCTL_INTERFACE_VERSION", value: 0x15, spelling: "0x00000015",
            location: SourcePosition(file: "domctl.h", line: 3)),
        ops: [
            Op(name: "XEN_DOMCTL_createdomain", number: 1, status: .live, file: "domctl.h", line: 4, column: 9),
            Op(name: "XEN_DOMCTL_getmemlist", number: 6, status: .retired, marker: "Removed", file: "domctl.h", line: 5, column: 4),
            Op(
                name: "XEN_DOMCTL_getpageframeinfo", number: 7, status: .retired, marker: "Obsolete - use getpageframeinfo3",
                replacement: "XEN_DOMCTL_getpageframeinfo3", file: "domctl.h", line: 6, column: 4),
            Op(
                name: "XEN_DOMCTL_real_mode_area", number: 26, status: .obsolete, marker: "Obsolete PPC only", file: "domctl.h", line: 7,
                column: 9),
            Op(name: "XEN_DOMCTL_getpageframeinfo3", number: 28, status: .live, file: "domctl.h", line: 8, column: 9),
        ]
    )

    /// The rendered DomctlOp.swift, its lines without indentation.
    static func lines(reserved: [ReservedNumber] = []) throws -> [String] {
        // One target, so the file is the family's text with no `#if arch` inside.
        var family = family
        family.reserved = reserved.isEmpty ? nil : reserved
        let variant = MergedInterface.Variant(
            target: try TargetArchitecture(triple: "x86_64-linux-gnu"),
            interface: XenInterface(defines: [], headers: ["domctl.h"], families: [family]))
        let files = try SwiftEmitter(options: .init()).emit(MergedInterface(variants: [variant]))
        #expect(files.map(\.path) == ["DomctlOp.swift", "XenArchitectureGuard.swift"])
        let text = try #require(files.first { $0.path == "DomctlOp.swift" }).contents
        return text.split(separator: "\n").map { String($0.drop { $0 == " " }) }
    }

    /// The lines between `enum DomctlOpNumberGuard: UInt32 {` and its closing brace.
    static func guardBody(_ lines: [String]) throws -> [String] {
        let start = try #require(lines.firstIndex(of: "enum DomctlOpNumberGuard: UInt32 {"))
        let end = try #require(lines[start...].firstIndex(of: "}"))
        return Array(lines[(start + 1)..<end])
    }

    @Test("the guard lists every number once, live, obsolete, retired and reserved, ascending")
    func guardEntries() throws {
        let body = try Self.guardBody(try Self.lines(reserved: [ReservedNumber(name: "XEN_DOMCTL_gone", number: 9, marker: "vanished")]))
        #expect(
            body == [
                "case XEN_DOMCTL_createdomain = 1 // live",
                "case XEN_DOMCTL_getmemlist = 6 // retired: Removed",
                "case XEN_DOMCTL_getpageframeinfo = 7 // retired: Obsolete - use getpageframeinfo3",
                "case XEN_DOMCTL_gone = 9 // reserved by the ledger: vanished",
                "case XEN_DOMCTL_real_mode_area = 26 // obsolete",
                "case XEN_DOMCTL_getpageframeinfo3 = 28 // live",
            ])
    }

    @Test("the op enum holds live and obsolete ops only; retired ones are unavailable members with the fix-it")
    func opEnum() throws {
        let lines = try Self.lines()
        let cases = lines.filter { $0.hasPrefix("case ") && $0.contains(" = ") && !$0.contains("//") }
        #expect(cases == ["case createdomain = 1", "case realModeArea = 26", "case getpageframeinfo3 = 28"])
        #expect(lines.contains(#"@available(*, unavailable, message: "XEN_DOMCTL_getmemlist (6) was retired: Removed")"#))
        #expect(
            lines.contains(
                #"@available(*, unavailable, renamed: "getpageframeinfo3", message: "XEN_DOMCTL_getpageframeinfo (7) was retired: Obsolete - use getpageframeinfo3")"#
            ))
        #expect(lines.contains("public static let interfaceVersion: UInt32 = 0x15"))
        // Every case is tied to its guard entry.
        #expect(lines.contains("case .createdomain: .XEN_DOMCTL_createdomain"))
        #expect(lines.contains("case .realModeArea: .XEN_DOMCTL_real_mode_area"))
        #expect(lines.contains("case .getpageframeinfo3: .XEN_DOMCTL_getpageframeinfo3"))
    }
}
