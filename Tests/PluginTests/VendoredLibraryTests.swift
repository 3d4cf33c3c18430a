import Foundation
import Testing

/// The vendored `Generated/` folder as the library product `XenPublic`: what it depends on, that it
/// builds for a consumer without the generator, and that `--check` notices a stale copy.
@Suite struct VendoredLibraryTests {
    /// Targets of the package's manifest (`swift package dump-package`), by name.
    static func manifestTargets() throws -> (targets: [String: [String: Any]], products: [String: [String: Any]]) {
        let scratch = try makeTemporaryFolder("xsg-dump")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let dump = try run(
            URL(fileURLWithPath: "/usr/bin/env"), ["swift", "package", "--scratch-path", scratch.path, "dump-package"],
            in: Paths.packageRoot)
        guard dump.status == 0 else { throw TestFailure("dump-package failed: \(dump.stderr)") }
        let root = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any] ?? [:]
        func byName(_ key: String) -> [String: [String: Any]] {
            let rows = root[key] as? [[String: Any]] ?? []
            return Dictionary(rows.map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        }
        return (byName("targets"), byName("products"))
    }

    @Test("product XenPublic is the Generated/ target on the XenHypercall runtime alone: no libclang, no reader, no package")
    func targetGraph() throws {
        let manifest = try Self.manifestTargets()
        let product = try #require(manifest.products["XenPublic"])
        #expect(product["targets"] as? [String] == ["XenPublic"])
        let target = try #require(manifest.targets["XenPublic"])
        #expect(target["path"] as? String == "Generated")
        let dependencies = (target["dependencies"] as? [[String: Any]] ?? []).compactMap { ($0["byName"] as? [Any])?.first as? String }
        #expect(dependencies == ["XenHypercall"], "XenPublic depends on \(target["dependencies"] ?? "?")")
        let runtime = try #require(manifest.targets["XenHypercall"])
        #expect((runtime["dependencies"] as? [Any])?.isEmpty == true, "XenHypercall depends on \(runtime["dependencies"] ?? "?")")
        // The same manifest does declare the generator's chain, so the empty list above is meaningful.
        #expect((manifest.targets["XenReader"]?["dependencies"] as? [Any])?.isEmpty == false)
    }

    @Test(
        "Examples/VendoredConsumer builds from a clean state, compiling XenPublic, its runtime and none of the generator; it builds as a static tool; the layout check is opt-in"
    )
    func vendoredConsumerBuilds() throws {
        let consumer = try ConsumerPackage(example: "VendoredConsumer")
        defer { consumer.remove() }
        let build = try consumer.swift("build")
        try #require(build.status == 0, "\(build.stdout)\n\(build.stderr)")
        let output = try consumer.runProduct("VendoredConsumer")
        #expect(output.stdout == "XEN_DOMCTL_getdomaininfo = 5 (XEN_DOMCTL_ from domctl.h, via __HYPERVISOR_domctl)\n")
        // A static dom0 tool from the vendored sources: the Swift runtime linked in, no Swift library loaded.
        try consumer.expectStaticTool("VendoredConsumer", prints: output.stdout)
        // SwiftPM lays out a folder for every target it plans, but only compiled ones hold objects.
        #expect(
            try Self.compiledModules(in: consumer.scratch.appendingPathComponent("debug")) == [
                "VendoredConsumer", "XenHypercall", "XenPublic",
            ])

        // The run-time layout self-check is opt-in for XenPublic consumers (package trait LayoutCheck): absent by
        // default, compiled in and finding nothing with the trait. `XenRecordLayout` mangles as `15XenRecordLayoutO`.
        let layoutObject = consumer.scratch.appendingPathComponent("debug/XenPublic.build/XenRecordLayout.swift.o")
        #expect(try Data(contentsOf: layoutObject).range(of: Data("15XenRecordLayoutO".utf8)) == nil)
        let manifest = try String(contentsOf: consumer.file("Package.swift"), encoding: .utf8)
        let root = "path: \"\(Paths.packageRoot.path)\""
        try #require(manifest.contains(root))
        try manifest.replacingOccurrences(of: root, with: root + ", traits: [\"LayoutCheck\"]")
            .write(to: consumer.file("Package.swift"), atomically: true, encoding: .utf8)
        try "import XenPublic\nprint(XenRecordLayout.recordCount, XenRecordLayout.mismatches())\n"
            .write(to: consumer.file("Sources/VendoredConsumer/main.swift"), atomically: true, encoding: .utf8)
        let checked = try consumer.swift("build")
        try #require(checked.status == 0, "\(checked.stdout)\n\(checked.stderr)")
        let check = try consumer.runProduct("VendoredConsumer")
        #expect(check.stdout.hasSuffix(" []\n") && !check.stdout.hasPrefix("0 "), "layout check: \(check.stdout)")
    }

    /// The modules of a build folder that have object files, sorted.
    /// - Parameter folder: A configuration folder such as `.build/debug`.
    /// - Returns: Module names.
    static func compiledModules(in folder: URL) throws -> [String] {
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return entries.filter { entry in
            guard entry.hasSuffix(".build") else { return false }
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(entry).path)) ?? []
            return files.contains { $0.hasSuffix(".o") }
        }.map { String($0.dropLast(".build".count)) }.sorted()
    }

    @Test(
        "generate --check with the repository's config names each hand-edited, missing or stale file of a copy of Generated/, and nothing else"
    )
    func checkNoticesHandEdits() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("Generated")
        try FileManager.default.copyItem(at: Paths.packageRoot.appendingPathComponent("Generated"), to: copy)
        // Generated/ is the release set the top-level config names, read from the history bundle. One run (seven
        // releases are read): the three notes below and no other prove every other file current.
        let config = Paths.packageRoot.appendingPathComponent("xen-swiftgen-config.json").path
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: config))) as? [String: Any]
        let releases = try #require(json?["releases"] as? [String])
        #expect(releases.count == 7, "the latest patch of every series 4.16 … 4.22: \(releases)")
        let arguments = ["generate", "--config", config, "--output", copy.path, "--check"]

        let domctl = copy.appendingPathComponent("DomctlOp.swift")
        let original = try String(contentsOf: domctl, encoding: .utf8)
        try original.replacingOccurrences(of: "case getdomaininfo = 5", with: "case getdomaininfo = 6")
            .write(to: domctl, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("SchedOp.swift"))
        try "// Generated by xen-swiftgen from old.h.\n".write(
            to: copy.appendingPathComponent("OldOp.swift"), atomically: true, encoding: .utf8)
        let before = snapshot(copy)
        let stale = try xenSwiftGen(arguments, environment: ["XEN_HISTORY_BUNDLE": HistoryBundle.bundlePath])
        #expect(stale.status == 1)
        #expect(
            stale.stderr == """
                error: '\(copy.path)' is not current with \(HistoryBundle.bundlePath) \(releases[0]) … \(releases[6]) (7 releases) \
                (run 'xen-swiftgen generate' to update it)
                note: missing: SchedOp.swift
                note: differs: DomctlOp.swift
                note: stale: OldOp.swift

                """)
        #expect(snapshot(copy) == before, "--check wrote to the folder")
    }
}
