import SwiftParser
import Testing
import XenIR
@testable import XenEmitter

/// The value macros no constant group takes: one caseless enum per header, each macro a static member
/// typed as C types its value, named by the one naming rule, with a clear rule for names that collide
/// or are no identifier, and per-release and per-architecture values treated as other members are.
@Suite struct HeaderConstantTests {
    static let x86 = try! TargetArchitecture(triple: "x86_64-linux-gnu")
    static let arm = try! TargetArchitecture(triple: "aarch64-linux-gnu")

    static func constant(
        _ name: String, _ value: XenConstant.Value, cType: String? = "int", file: String = "io/fix_wire.h", line: Int = 3,
        releases: [ReleaseVersion]? = nil, releaseValues: [ReleaseConstantValue]? = nil
    ) -> XenConstant {
        XenConstant(
            name: name, value: value, cType: cType, file: file, line: line, releases: releases, releaseValues: releaseValues)
    }

    static func emit(_ variants: [(TargetArchitecture, [XenConstant])]) throws -> [String: String] {
        let merged = MergedInterface(
            variants: variants.map {
                .init(target: $0.0, interface: XenInterface(defines: [], headers: ["io/fix_wire.h"], families: [], constants: $0.1))
            })
        return Dictionary(uniqueKeysWithValues: try SwiftEmitter(options: .init()).emit(merged).map { ($0.path, $0.contents) })
    }

    @Test("each ungrouped value macro is a typed member of its header's enum, named by the records' file rule")
    func typedMembers() throws {
        let files = try Self.emit([
            (
                Self.x86,
                [
                    Self.constant("XEN_FIX_ONE", .unsigned(1)),
                    Self.constant("XEN_FIX_BIG", .unsigned(0x1_0000_0000), cType: "unsigned long"),
                    Self.constant("XEN_FIX_WIDE", .unsigned(0x1_0000_0000), cType: nil),
                    Self.constant("XEN_FIX_ERR", .negative(-2)),
                    Self.constant("XEN_FIX_NAME", .string("fix \"wire\"")),
                ]
            )
        ])
        let text = try #require(files["IOFixWireConstants.swift"], "\(files.keys.sorted())")
        #expect(!Parser.parse(source: text).hasError)
        #expect(text.contains("public enum IOFixWireConstants {"))
        #expect(text.contains("    /// `XEN_FIX_ONE` (1), io/fix_wire.h:3.\n    public static let xenFixOne: Int32 = 1\n"))
        #expect(text.contains("public static let xenFixBig: UInt = 0x100000000\n"))
        // No C type from clang: the first of C's literal types that holds the value.
        #expect(text.contains("public static let xenFixWide: Int64 = 0x100000000\n"))
        #expect(text.contains("public static let xenFixErr: Int32 = -2\n"))
        #expect(
            text.contains("    /// `XEN_FIX_NAME`, io/fix_wire.h:3.\n    public static let xenFixName: String = \"fix \\\"wire\\\"\"\n"))
    }

    @Test("names that collide after camel-casing keep their C names; a name that is no identifier is left out with its reason")
    func namingRule() throws {
        let constants = [
            Self.constant("_XEN_FIX_A", .unsigned(0)), Self.constant("XEN_FIX_A", .unsigned(1)),
            Self.constant("XEN_FIX_$", .unsigned(2)), Self.constant("__", .unsigned(3)), Self.constant("in", .unsigned(4)),
            Self.constant("XEN_FIX_B", .unsigned(5)),
        ]
        let result = HeaderConstantNames.names(constants)
        #expect(result.named.map(\.name) == ["_XEN_FIX_A", "XEN_FIX_A", "`in`", "xenFixB"])
        #expect(result.leftOut.map(\.constant.name) == ["XEN_FIX_$", "__"])
        #expect(result.leftOut.first?.reason == "its name is no ASCII C identifier, so it names no Swift member")
        #expect(HeaderConstantNames.leftOut(constants).count == 2)
        let text = try #require(try Self.emit([(Self.x86, constants)])["IOFixWireConstants.swift"])
        #expect(!Parser.parse(source: text).hasError, "\(text)")
        #expect(text.contains("public static let _XEN_FIX_A: Int32 = 0\n") && text.contains("public static let XEN_FIX_A: Int32 = 1\n"))
        #expect(text.contains("public static let `in`: Int32 = 4\n"))
        #expect(!text.contains("XEN_FIX_$"))
    }

    @Test("a value that differs between releases gets name(on:); one some releases lack says which have it")
    func perRelease() throws {
        let r16 = ReleaseVersion(major: 4, minor: 16), r17 = ReleaseVersion(major: 4, minor: 17), r18 = ReleaseVersion(major: 4, minor: 18)
        let files = try Self.emit([
            (
                Self.x86,
                [
                    Self.constant(
                        "XEN_FIX_VERSION", .unsigned(3),
                        releaseValues: [
                            .init(release: r16, value: .unsigned(2)), .init(release: r17, value: .unsigned(2)),
                            .init(release: r18, value: .unsigned(3)),
                        ]
                    ),
                    Self.constant("XEN_FIX_NEW", .unsigned(7), releases: [r17, r18]),
                ]
            )
        ])
        let text = try #require(files["IOFixWireConstants.swift"])
        #expect(!Parser.parse(source: text).hasError, "\(text)")
        #expect(text.contains("Its value differs between releases: `2` in 4.16 and 4.17; `3` in 4.18."))
        #expect(
            text.contains(
                "    public static func xenFixVersion(on release: XenRelease) -> Int32? {\n        switch (release.major, release.minor) {\n"
                    + "        case (4, 16), (4, 17): 2\n        case (4, 18): 3\n        default: nil\n"))
        #expect(
            text.contains(
                "    /// Defined in Xen 4.17 and 4.18 only, of the releases these bindings serve.\n    public static let xenFixNew"))
    }

    @Test("a value that differs between architectures sits under #if; one they share is written once")
    func perArchitecture() throws {
        let files = try Self.emit([
            (Self.x86, [Self.constant("XEN_FIX_SAME", .unsigned(1)), Self.constant("XEN_FIX_PAGE", .unsigned(12))]),
            (Self.arm, [Self.constant("XEN_FIX_SAME", .unsigned(1)), Self.constant("XEN_FIX_PAGE", .unsigned(16))]),
        ])
        let text = try #require(files["IOFixWireConstants.swift"])
        #expect(!Parser.parse(source: text).hasError, "\(text)")
        #expect(text.components(separatedBy: "static let xenFixSame").count == 2)
        #expect(text.contains("#if arch(x86_64)") && text.contains("public static let xenFixPage: Int32 = 0xc\n"))
        #expect(text.contains("public static let xenFixPage: Int32 = 0x10\n"))
    }
}
