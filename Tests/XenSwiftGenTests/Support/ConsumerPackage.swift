import Foundation
import Testing

/// A copy of one of the packages in `Examples/`, in a temporary folder outside the repository,
/// depending on this package by absolute path, with its own fresh build folder: a clean state.
struct ConsumerPackage {
    /// The copy's root folder.
    let folder: URL
    /// The copy's build folder (`--scratch-path`).
    let scratch: URL

    /// Copies `Examples/<example>` (its manifest and sources only, never a build folder).
    /// - Parameters:
    ///   - example: The example's folder name, such as `PluginConsumer`.
    ///   - scratch: Another copy's build folder to build in, whose build of this package (the dependency)
    ///     is then reused; the copy's own target is compiled anew (its sources are at another path). By
    ///     default the copy's own, fresh build folder.
    /// - Throws: When the copy cannot be made.
    init(example: String, scratch: URL? = nil) throws {
        let source = Paths.packageRoot.appendingPathComponent("Examples").appendingPathComponent(example)
        folder = try makeTemporaryFolder("xsg-\(example)")
        self.scratch = scratch ?? folder.appendingPathComponent(".build-consumer")
        try FileManager.default.copyItem(at: source.appendingPathComponent("Sources"), to: folder.appendingPathComponent("Sources"))
        let manifest = try String(contentsOf: source.appendingPathComponent("Package.swift"), encoding: .utf8)
        let relocated = manifest.replacingOccurrences(of: "path: \"../..\"", with: "path: \"\(Paths.packageRoot.path)\"")
        guard relocated != manifest else { throw TestFailure("\(example)/Package.swift has no path: \"../..\" dependency") }
        try relocated.write(to: folder.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
    }

    /// A file of the copy.
    /// - Parameter path: Relative to the copy's root.
    /// - Returns: Its URL.
    func file(_ path: String) -> URL {
        folder.appendingPathComponent(path)
    }

    /// Removes the build tool plugin from the manifest, for the generate-and-commit workflow.
    /// - Throws: When the manifest does not apply the plugin in the expected words.
    func dropBuildPlugin() throws {
        let url = file("Package.swift")
        let manifest = try String(contentsOf: url, encoding: .utf8)
        let edited = manifest.replacingOccurrences(
            of: #"plugins: [.plugin(name: "XenSwiftGenPlugin", package: "xen-swiftgen")]"#, with: "plugins: []")
        guard edited != manifest else { throw TestFailure("Package.swift does not apply XenSwiftGenPlugin as expected") }
        try edited.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Runs `swift <subcommand> --scratch-path <scratch> <arguments>` in the copy.
    /// - Parameters:
    ///   - subcommand: `build` or `package`.
    ///   - arguments: The rest of the command line.
    /// - Returns: Exit status and output.
    func swift(_ subcommand: String, _ arguments: [String] = []) throws -> RunResult {
        try run(URL(fileURLWithPath: "/usr/bin/env"), ["swift", subcommand, "--scratch-path", scratch.path] + arguments, in: folder)
    }

    /// Runs a product the copy built.
    /// - Parameter product: The executable's name.
    /// - Returns: Exit status and output.
    func runProduct(_ product: String) throws -> RunResult {
        try run(scratch.appendingPathComponent("debug").appendingPathComponent(product), [])
    }

    /// Builds the copy with the Swift runtime linked in (`swift build --static-swift-stdlib`, as the
    /// README's "A static dom0 tool" says), runs `product`, and expects it to print `expected` and to
    /// load no Swift library at run time (`ldd`).
    /// - Parameters:
    ///   - product: The executable's name.
    ///   - expected: What it prints off Xen.
    ///   - sourceLocation: The caller's place, for the expectations' reports.
    /// - Throws: When a process cannot be started.
    func expectStaticTool(_ product: String, prints expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let build = try swift("build", ["--static-swift-stdlib"])
        try #require(build.status == 0, "\(build.stdout)\n\(build.stderr)", sourceLocation: sourceLocation)
        let ran = try runProduct(product)
        #expect(ran.stdout == expected, "\(ran.stderr)", sourceLocation: sourceLocation)
        let binary = scratch.appendingPathComponent("debug").appendingPathComponent(product)
        let ldd = try run(URL(fileURLWithPath: "/usr/bin/ldd"), [binary.path])
        let libraries = ldd.stdout.split(separator: "\n").compactMap {
            $0.split(separator: " ").first.map { String($0.drop { $0 == "\t" }) }
        }
        #expect(
            !libraries.isEmpty && !libraries.contains { $0.hasPrefix("libswift") || $0.hasPrefix("libFoundation") }, "\(libraries)",
            sourceLocation: sourceLocation)
    }

    /// What `Examples/PluginConsumer` prints off Xen: an op of the generated bindings, then the runtime's
    /// error for the missing privcmd device (the tests run on hosts without Xen).
    static let pluginConsumerOutput =
        "XEN_DOMCTL_getdomaininfo = 5 (XEN_DOMCTL_ from domctl.h, via __HYPERVISOR_domctl)\n"
        + "cannot open /dev/xen/privcmd: ENOENT (No such file or directory): not running in a Xen domain,"
        + " or the privcmd driver is not loaded (load it: modprobe xen-privcmd)\n"

    /// Deletes the copy and its build folder.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
