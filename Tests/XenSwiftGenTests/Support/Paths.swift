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

    /// The build folder of the test bundle (`.build/debug`), holding the modules and objects it was built from.
    static let buildFolder: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
            packageRoot.appendingPathComponent(".build/debug"),
        ]
        for folder in candidates where FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("xen-swiftgen").path) {
            return folder
        }
        return packageRoot.appendingPathComponent(".build/debug")
    }()

    /// The `xen-swiftgen` the tests run: `$XEN_SWIFTGEN_CLI` when set (Scripts/test.sh sets the release build, the
    /// tool as users install it, about 3 times faster over the suite's 500 runs), else the one built beside the test bundle.
    static let cli: URL = {
        if let path = ProcessInfo.processInfo.environment["XEN_SWIFTGEN_CLI"], !path.isEmpty {
            precondition(
                FileManager.default.isExecutableFile(atPath: path),
                "XEN_SWIFTGEN_CLI=\(path) is not an executable: build it (swift build -c release --product xen-swiftgen) or unset it")
            return URL(fileURLWithPath: path)
        }
        return buildFolder.appendingPathComponent("xen-swiftgen")
    }()

    /// The tests' `xen-swiftgen-faults` (Tests/FaultInjection), built beside the test bundle: the same commands, with the
    /// kill and failure hooks `XEN_SWIFTGEN_KILL_AT` and `XEN_SWIFTGEN_FAIL_AT` that the shipped tool lacks.
    static let faultsCLI = buildFolder.appendingPathComponent("xen-swiftgen-faults")

    /// The build's module folder, holding `XenHypercall.swiftmodule` (the test target depends on it).
    static let modules = buildFolder.appendingPathComponent("Modules")

    /// The object files of the XenHypercall runtime, to link programs built from generated files.
    static var runtimeObjects: [String] {
        let folder = buildFolder.appendingPathComponent("XenHypercall.build")
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
