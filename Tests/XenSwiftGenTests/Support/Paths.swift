import Foundation

/// Locations the end-to-end tests need: the package root, the built CLI, fixtures, the real headers.
enum Paths {
    /// The package root (the folder holding Package.swift).
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The `xen-swiftgen` executable built beside the test bundle.
    static let cli: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
            packageRoot.appendingPathComponent(".build/debug"),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("xen-swiftgen")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/xen-swiftgen")
    }()

    /// The tests' `xen-swiftgen-faults` (Tests/FaultInjection), built beside `xen-swiftgen`: the same commands, with the
    /// kill and failure hooks `XEN_SWIFTGEN_KILL_AT` and `XEN_SWIFTGEN_FAIL_AT` that the shipped tool lacks.
    static let faultsCLI = cli.deletingLastPathComponent().appendingPathComponent("xen-swiftgen-faults")

    /// The build's module folder, holding `XenHypercall.swiftmodule` (the test target depends on it).
    static let modules = cli.deletingLastPathComponent().appendingPathComponent("Modules")

    /// The object files of the XenHypercall runtime, to link programs built from generated files.
    static var runtimeObjects: [String] {
        let folder = cli.deletingLastPathComponent().appendingPathComponent("XenHypercall.build")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".o") }.sorted().map { folder.appendingPathComponent($0).path }
    }

    /// The installed Xen headers.
    static let realHeaders = "/usr/include/xen"

    /// A fixture folder of this test target.
    static func fixture(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/XenSwiftGenTests/Fixtures").appendingPathComponent(name)
    }
}
