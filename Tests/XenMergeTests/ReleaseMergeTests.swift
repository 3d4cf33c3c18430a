import Testing
import XenChecks
import XenIR
import XenMerge

/// Folding releases: the union of ops, each with the releases that define it, renames kept as
/// retired members with a fix-it, every release's interface version, and the series parsed from tags.
@Suite struct ReleaseMergeTests {
    static func family(_ ops: [(String, UInt64)], version: UInt64) -> OpFamily {
        OpFamily(
            name: "domctl", prefix: "XEN_DOMCTL_", swiftName: "DomctlOp", rawType: "UInt32", file: "domctl.h",
            interfaceVersion: InterfaceVersion(
                name: "XEN_DOMCTL_INTERFACE_VERSION", value: version, spelling: "0x\(version)",
                location: SourcePosition(file: "domctl.h", line: 1)),
            ops: ops.map { Op(name: $0.0, number: $0.1, status: .live, file: "domctl.h", line: Int($0.1) + 2) })
    }

    static func release(_ minor: Int, _ ops: [(String, UInt64)], version: UInt64) -> ReleaseMerge.Release {
        ReleaseMerge.Release(
            version: ReleaseVersion(major: 4, minor: minor),
            interface: XenInterface(defines: [], headers: ["domctl.h"], families: [family(ops, version: version)]))
    }

    @Test("an op added later is available from its release on; one renamed keeps the newest name, the old one a retired fix-it")
    func opsOverReleases() throws {
        let merged = try ReleaseMerge.merge([
            Self.release(18, [("XEN_DOMCTL_a", 1), ("XEN_DOMCTL_old", 2)], version: 0x16),
            Self.release(17, [("XEN_DOMCTL_a", 1), ("XEN_DOMCTL_old", 2)], version: 0x15),
            Self.release(19, [("XEN_DOMCTL_a", 1), ("XEN_DOMCTL_new", 2), ("XEN_DOMCTL_b", 3)], version: 0x17),
        ])
        let v17 = ReleaseVersion(major: 4, minor: 17), v18 = ReleaseVersion(major: 4, minor: 18), v19 = ReleaseVersion(major: 4, minor: 19)
        #expect(merged.releases == [v17, v18, v19])
        let family = try #require(merged.family(named: "domctl"))
        let ops = Dictionary(uniqueKeysWithValues: family.ops.map { ($0.name, $0) })
        #expect(ops["XEN_DOMCTL_a"]?.releases == [v17, v18, v19])
        #expect(ops["XEN_DOMCTL_b"]?.releases == [v19])
        #expect(ops["XEN_DOMCTL_new"]?.releases == [v19])
        #expect(ops["XEN_DOMCTL_old"]?.status == .retired && ops["XEN_DOMCTL_old"]?.replacement == "XEN_DOMCTL_new")
        #expect(family.interfaceVersions?.map(\.value) == [0x15, 0x16, 0x17])
        #expect(family.interfaceVersions?.map(\.release) == [v17, v18, v19])
    }

    @Test("a number retired in one release and given to another name later stays retired: the reuse check refuses the new name")
    func numberRetiredInOneRelease() throws {
        var retiring = Self.release(18, [("XEN_DOMCTL_a", 1)], version: 0x16)
        retiring.interface.families[0].ops.append(Op(name: "XEN_DOMCTL_old", number: 2, status: .retired, file: "domctl.h", line: 9))
        let merged = try ReleaseMerge.merge([
            Self.release(17, [("XEN_DOMCTL_a", 1), ("XEN_DOMCTL_old", 2)], version: 0x15),
            retiring,
            Self.release(19, [("XEN_DOMCTL_a", 1), ("XEN_DOMCTL_new", 2)], version: 0x17),
        ])
        let family = try #require(merged.family(named: "domctl"))
        let old = try #require(family.ops.first { $0.name == "XEN_DOMCTL_old" })
        #expect(old.status == .retired && old.replacement == nil && old.marker?.contains("retired in 4.18") == true, "\(old)")
        let findings = ReuseCheck.check(merged).filter { $0.severity == .error }
        #expect(
            findings.contains { $0.message.hasPrefix("XEN_DOMCTL_new reuses 2, retired from XEN_DOMCTL_old (\"retired in 4.18") },
            "\(findings.map(\.message))")
    }

    /// A sysctl-like release: request `xen_sysctl { cmd; union u { list } }`, payload `list { max; handle(info) buffer }`,
    /// and the element record `info` as `infoFields` lay it out (`infoSize` bytes).
    static func handleRelease(_ minor: Int, infoFields: [(String, Int)], infoSize: Int) -> ReleaseMerge.Release {
        func field(_ name: String, _ type: TypeRef, _ offset: Int, _ size: Int) -> RecordField {
            RecordField(name: name, type: type, cType: "", offset: offset, size: size, line: 1)
        }
        let u64 = TypeRef.integer(bits: 64, signed: false), u32 = TypeRef.integer(bits: 32, signed: false)
        let records = [
            Record(
                name: "xen_sysctl", kind: .struct, size: 24, alignment: 8,
                fields: [field("cmd", u32, 0, 4), field("u", .record(name: "xen_sysctl.u"), 8, 16)], file: "sysctl.h", line: 1),
            Record(
                name: "xen_sysctl.u", kind: .union, size: 16, alignment: 8, fields: [field("list", .record(name: "list"), 0, 16)],
                parent: "xen_sysctl", member: "u", file: "sysctl.h", line: 2),
            Record(
                name: "list", kind: .struct, size: 16, alignment: 8,
                fields: [field("max", u32, 0, 4), field("buffer", .guestHandle(pointee: .record(name: "info")), 8, 8)],
                file: "sysctl.h", line: 3),
            Record(
                name: "info", kind: .struct, size: infoSize, alignment: 8, fields: infoFields.map { field($0.0, u64, $0.1, 8) },
                file: "sysctl.h", line: 4),
        ]
        var family = Self.family([("XEN_SYSCTL_list", 6)], version: 0x10)
        family.name = "sysctl"
        let request = RequestBinding(
            family: "sysctl", record: "xen_sysctl", opField: "cmd", versionField: nil, unionField: "u",
            bindings: [.init(op: "XEN_SYSCTL_list", member: "list", record: "list", source: .memberName)], unmapped: [])
        return ReleaseMerge.Release(
            version: ReleaseVersion(major: 4, minor: minor),
            interface: XenInterface(defines: [], headers: ["sysctl.h"], families: [family], records: records, requests: [request]))
    }

    @Test(
        "an op whose guest handle points at an array of a record an older release lays out otherwise is takeable there: the element gets a storage layout"
    )
    func guestHandleElementLayout() throws {
        let v17 = ReleaseVersion(major: 4, minor: 17), v18 = ReleaseVersion(major: 4, minor: 18)
        let merged = try ReleaseMerge.merge([
            Self.handleRelease(17, infoFields: [("domain", 0), ("pages", 8)], infoSize: 16),
            Self.handleRelease(18, infoFields: [("domain", 0), ("extra", 8), ("pages", 16)], infoSize: 24),
        ])
        let op = try #require(merged.family(named: "sysctl")?.ops.first { $0.name == "XEN_SYSCTL_list" })
        #expect(op.releases == [v17, v18])
        // The request and its payload are laid out alike in both: a request built by hand serves 4.17 too.
        #expect(op.recordReleases == nil)
        let layout = try #require(merged.records.first { $0.name == "layout 4.17 info" })
        #expect(layout.releaseLayout == ReleaseLayout(releases: [v17], stores: "info", isPayload: true))
        #expect(layout.parent == "info" && layout.size == 16 && layout.fields.map(\.offset) == [0, 8])
        #expect(!merged.records.contains { $0.name.hasPrefix("layout 4.17 list") }, "the payload itself needs no layout")

        // An element that differs in the record it points at through a handle of its own is not served.
        var nested = Self.handleRelease(17, infoFields: [("domain", 0), ("pages", 8)], infoSize: 16)
        nested.interface.records[3].fields[1].type = .guestHandle(pointee: .record(name: "page"))
        nested.interface.records.append(
            Record(
                name: "page", kind: .struct, size: 8, alignment: 8,
                fields: [RecordField(name: "a", type: .integer(bits: 64, signed: false), cType: "", offset: 0, size: 8, line: 1)],
                file: "sysctl.h", line: 5))
        var newest = Self.handleRelease(18, infoFields: [("domain", 0), ("pages", 8)], infoSize: 16)
        newest.interface.records[3].fields[1].type = .guestHandle(pointee: .record(name: "page"))
        newest.interface.records.append(
            Record(
                name: "page", kind: .struct, size: 16, alignment: 8,
                fields: [RecordField(name: "a", type: .integer(bits: 64, signed: false), cType: "", offset: 8, size: 8, line: 1)],
                file: "sysctl.h", line: 5))
        let refused = try ReleaseMerge.merge([nested, newest])
        #expect(refused.family(named: "sysctl")?.ops.first?.releases == [v18])
    }

    @Test("two revisions of one series, and no release, are refused")
    func refused() {
        #expect(throws: GeneratorDiagnostic.self) {
            try ReleaseMerge.merge([Self.release(17, [], version: 1), Self.release(17, [], version: 1)])
        }
        #expect(throws: GeneratorDiagnostic.self) { try ReleaseMerge.merge([]) }
    }

    @Test("a revision's series: release tags, stable branches, candidates; none in master")
    func series() {
        #expect(ReleaseVersion(revision: "RELEASE-4.17.7") == ReleaseVersion(major: 4, minor: 17))
        #expect(ReleaseVersion(revision: "stable-4.9") == ReleaseVersion(major: 4, minor: 9))
        #expect(ReleaseVersion(revision: "4.21.0-rc3") == ReleaseVersion(major: 4, minor: 21))
        #expect(ReleaseVersion(revision: "master") == nil)
        #expect(ReleaseVersion(revision: "RELEASE-4") == nil)
        #expect(ReleaseVersion(major: 4, minor: 9) < ReleaseVersion(major: 4, minor: 10))
    }
}
