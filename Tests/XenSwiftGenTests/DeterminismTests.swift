import Foundation
import Testing

/// Two runs on the same input give byte-identical output, whatever the tree's path, the locale, or
/// the order in which directories list their entries.
@Suite struct DeterminismTests {
    /// Generates from `tree` into a fresh folder and returns every file, plus `dump-ir`'s JSON.
    static func outputs(_ tree: URL, environment: [String: String] = [:]) throws -> [String: Data] {
        let folder = try makeTemporaryFolder("det-out")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generate = try xenSwiftGen(["generate", "--xen-headers", tree.path, "--output", folder.path], environment: environment)
        guard generate.status == 0 else { throw TestFailure("generate failed: \(generate.stderr)") }
        let dump = try xenSwiftGen(["dump-ir", "--xen-headers", tree.path], environment: environment)
        guard dump.status == 0 else { throw TestFailure("dump-ir failed: \(dump.stderr)") }
        var files = snapshot(folder)
        files["(dump-ir)"] = Data(dump.stdout.utf8)
        return files
    }

    @Test("the header folder's absolute path does not change the output")
    func absolutePath() throws {
        let first = try makeTemporaryFolder("det-a")
        let second = try makeTemporaryFolder("det-b")
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        let shallow = first.appendingPathComponent("xen")
        let deep = second.appendingPathComponent("some/much/deeper/include/xen")
        try copyTree(URL(fileURLWithPath: Paths.realHeaders), to: shallow)
        try copyTree(URL(fileURLWithPath: Paths.realHeaders), to: deep)
        let a = try Self.outputs(shallow)
        let b = try Self.outputs(deep)
        #expect(a.count > 20)
        #expect(a == b)
        #expect(a == (try Self.outputs(URL(fileURLWithPath: Paths.realHeaders))))
    }

    // Only C, C.UTF-8 and POSIX are installed in the image; tr_TR and de_DE (dotless i, decimal comma)
    // are set too, so that any code consulting the locale variables at all would be exercised.
    @Test("the locale does not change the output")
    func locale() throws {
        let tree = URL(fileURLWithPath: Paths.realHeaders)
        let reference = try Self.outputs(tree, environment: ["LANG": "C", "LC_ALL": "C"])
        // Only an installed locale is a real test (an unknown one falls back to C); Scripts/test.sh makes them.
        let installed = try run(URL(fileURLWithPath: "/usr/bin/env"), ["locale", "-a"]).stdout
            .split(separator: "\n").map { $0.lowercased().replacingOccurrences(of: "-", with: "") }
        for locale in ["tr_TR.UTF-8", "de_DE.ISO-8859-1"] {
            try #require(
                installed.contains(locale.lowercased().replacingOccurrences(of: "-", with: "")), "locale \(locale) is not installed")
        }
        for locale in ["C.UTF-8", "POSIX", "tr_TR.UTF-8", "de_DE.ISO-8859-1"] {
            let other = try Self.outputs(tree, environment: ["LANG": locale, "LC_ALL": locale, "LC_CTYPE": locale, "LC_COLLATE": locale])
            #expect(other == reference, "\(locale)")
        }
    }

    /// The names of `folder` in the order the file system lists them (readdir order).
    static func listingOrder(_ folder: URL) -> [String] {
        guard let directory = opendir(folder.path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    // ext4 lists entries in hash order whatever the creation order, so the trees go on tmpfs
    // (/dev/shm), which lists the newest entry first; the test first proves the two orders differ.
    @Test("the order in which directories list their entries does not change the output")
    func listingOrderIndependence() throws {
        let base = URL(fileURLWithPath: "/dev/shm").appendingPathComponent("xsg-order-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let forward = base.appendingPathComponent("forward/xen")
        let backward = base.appendingPathComponent("backward/xen")
        try copyTree(URL(fileURLWithPath: Paths.realHeaders), to: forward)
        try copyTree(URL(fileURLWithPath: Paths.realHeaders), to: backward, reversed: true)
        try #require(Self.listingOrder(forward) != Self.listingOrder(backward), "the two trees list in the same order")
        // User templates listed in two orders too.
        let templatesForward = base.appendingPathComponent("templates-forward")
        let templatesBackward = base.appendingPathComponent("templates-backward")
        let builtin = Paths.packageRoot.appendingPathComponent("Templates/swift")
        try copyTree(builtin, to: templatesForward)
        try copyTree(builtin, to: templatesBackward, reversed: true)
        var results: [[String: Data]] = []
        for (tree, templates) in [(forward, templatesForward), (backward, templatesBackward)] {
            let folder = try makeTemporaryFolder("det-out")
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try xenSwiftGen(["generate", "--xen-headers", tree.path, "--templates", templates.path, "--output", folder.path])
            #expect(result.status == 0, "\(result.stderr)")
            results.append(snapshot(folder))
        }
        #expect(results[0].count > 20)
        #expect(results[0] == results[1])
        #expect(try results[0] == OutputBaseline.files())
    }

    @Test("two runs on the same input are byte-identical")
    func repeatRuns() throws {
        let tree = URL(fileURLWithPath: Paths.realHeaders)
        #expect(try Self.outputs(tree) == (try Self.outputs(tree)))
    }
}
