import Foundation
import Testing

/// `XenSwiftGenPlugin` in a real consumer: a copy of `Examples/PluginConsumer` outside the
/// repository, built with `swift build` from a clean state.
@Suite struct BuildPluginTests {
    /// The line SwiftPM prints when it runs the plugin's build command.
    static let generating = "xen-swiftgen: generating XenBindings.swift for PluginConsumer"

    @Test("the consumer builds and runs; no-op builds skip the generator; touching the config re-runs it")
    func incrementalBuilds() throws {
        let consumer = try ConsumerPackage(example: "PluginConsumer")
        defer { consumer.remove() }
        let clean = try consumer.swift("build")
        try #require(clean.status == 0, "\(clean.stdout)\n\(clean.stderr)")
        #expect(clean.stdout.contains(Self.generating))
        #expect(!(clean.stdout + clean.stderr).contains("warning:"), "\(clean.stdout)\n\(clean.stderr)")
        let output = try consumer.runProduct("PluginConsumer")
        #expect(output.stdout == "XEN_DOMCTL_getdomaininfo = 5 (XEN_DOMCTL_ from domctl.h, via __HYPERVISOR_domctl)\n")
        // The plugin's output is multi-architecture, whichever machine builds: arm64's records are in it too.
        let files = FileManager.default.enumerator(atPath: consumer.scratch.path)?.compactMap { $0 as? String } ?? []
        let bundle = try #require(files.first { $0.hasSuffix("/XenBindings.swift") }, "no XenBindings.swift under \(consumer.scratch.path)")
        let bindings = try String(contentsOf: consumer.scratch.appendingPathComponent(bundle), encoding: .utf8)
        #expect(bindings.contains("// MARK: - ArchArmRecords.swift") && bindings.contains("\n#elseif arch(arm64)\n"))

        // The build right after a clean build relinks the tool and so runs it once more (SwiftPM's
        // doing, documented in the README); from then on a no-op build must not run it.
        let relink = try consumer.swift("build")
        try #require(relink.status == 0, "\(relink.stderr)")
        let noOp = try consumer.swift("build")
        try #require(noOp.status == 0, "\(noOp.stderr)")
        #expect(!noOp.stdout.contains(Self.generating), "\(noOp.stdout)")

        let config = consumer.file("Sources/PluginConsumer/xen-swiftgen-config.json")
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: config.path)
        let touched = try consumer.swift("build")
        try #require(touched.status == 0, "\(touched.stderr)")
        #expect(touched.stdout.contains(Self.generating), "\(touched.stdout)")
        // Same bytes out, so the generated file was left alone and nothing was recompiled.
        #expect(!touched.stdout.contains("Compiling PluginConsumer"), "\(touched.stdout)")
        let quiet = try consumer.swift("build")
        #expect(!quiet.stdout.contains(Self.generating), "\(quiet.stdout)")
    }

    @Test("a header edit re-runs the generator, and a reused number fails the build with the header location")
    func headerInputsAndErrors() throws {
        let consumer = try ConsumerPackage(example: "PluginConsumer")
        defer { consumer.remove() }
        let headers = consumer.file("headers")
        try FileManager.default.copyItem(at: Paths.fixture("plugin-reuse"), to: headers)
        try #"{ "xenHeaders": "../../headers", "families": ["domctl"] }"#
            .write(to: consumer.file("Sources/PluginConsumer/xen-swiftgen-config.json"), atomically: true, encoding: .utf8)
        try "print(DomctlOp.shinyNewOp.rawValue)\n"
            .write(to: consumer.file("Sources/PluginConsumer/main.swift"), atomically: true, encoding: .utf8)

        let reused = try consumer.swift("build")
        #expect(reused.status != 0)
        let log = reused.stdout + reused.stderr
        #expect(log.contains("/headers/domctl.h:8:9: error: XEN_DOMCTL_shiny_new_op reuses 6, retired from XEN_DOMCTL_getmemlist (\"Removed\")"), "\(log)")
        #expect(log.contains("/headers/domctl.h:7:4: note: XEN_DOMCTL_getmemlist was retired here"), "\(log)")

        let header = headers.appendingPathComponent("domctl.h")
        let text = try String(contentsOf: header, encoding: .utf8)
        try text.replacingOccurrences(of: "shiny_new_op                   6", with: "shiny_new_op                   8")
            .write(to: header, atomically: true, encoding: .utf8)
        let fixed = try consumer.swift("build")
        try #require(fixed.status == 0, "\(fixed.stdout)\n\(fixed.stderr)")
        #expect(fixed.stdout.contains(Self.generating))
        #expect(try consumer.runProduct("PluginConsumer").stdout == "8\n")
    }
}
