import Foundation
import Testing

/// `XenSwiftGenPlugin` in a real consumer: a copy of `Examples/PluginConsumer` outside the
/// repository, built with `swift build` from a clean state.
///
/// The plugin's command runs on every build; the generator then decides from its input fingerprint
/// whether anything changed. So each step below is one `swift build` after one change, and each
/// asserts what the generator printed (regenerated, or up to date) and what the build compiled.
@Suite(.serialized) struct BuildPluginTests {
    /// The line SwiftPM prints for the plugin's build command, on every build.
    static let command = "xen-swiftgen: checking XenBindings.swift for PluginConsumer"
    /// The start of the generator's line when it read the headers and wrote (or kept) the file.
    static let regenerated = "op families and"
    /// The generator's line when no input changed.
    static let upToDate = "is up to date (no input changed since the last run)"
    /// SwiftPM's line when the consumer's own sources are compiled.
    static let compiling = "Compiling PluginConsumer"

    /// Runs `swift build` in `consumer` and requires success.
    static func build(_ consumer: ConsumerPackage, _ step: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try consumer.swift("build")
        try #require(result.status == 0, "\(step): \(result.stdout)\n\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.contains(command), "\(step): \(result.stdout)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// The generated file of the consumer.
    static func bindings(_ consumer: ConsumerPackage) throws -> String {
        let url = consumer.scratch.appendingPathComponent(
            "plugins/outputs/\(consumer.folder.lastPathComponent.lowercased())/PluginConsumer/destination/XenSwiftGenPlugin/GeneratedSources/XenBindings.swift"
        )
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// One consumer, built once from clean and then once after each change (a consumer's first
    /// build compiles this whole package, so the steps share it).
    /// Then the command plugin, in a second copy that builds in the first one's build folder: this
    /// package is compiled once for both (about a minute of the suite's CPU), the copy's target anew.
    @Test(
        "the example builds; no-op builds compile nothing; edit, add and delete a header, another header folder, a template and the ledger are each followed; errors name the header line and the config key; then the command plugin"
    )
    func everyInput() throws {
        let consumer = try ConsumerPackage(example: "PluginConsumer")
        defer { consumer.remove() }
        try Self.exampleAsShipped(consumer)
        try Self.followsInputs(consumer)
        try Self.pluginHint(consumer)
        try Self.headerErrors(consumer)
        let command = try ConsumerPackage(example: "PluginConsumer", scratch: consumer.scratch)
        defer { command.remove() }
        try CommandPluginTests.commandPlugin(command)
    }

    /// The example as shipped: a clean build generates and compiles; later builds find nothing changed.
    static func exampleAsShipped(_ consumer: ConsumerPackage) throws {
        let clean = try Self.build(consumer, "clean build")
        #expect(clean.contains(Self.regenerated) && clean.contains(Self.compiling), "\(clean)")
        #expect(!clean.contains("warning:"), "\(clean)")
        let output = try consumer.runProduct("PluginConsumer")
        #expect(output.stdout == ConsumerPackage.pluginConsumerOutput)
        // The plugin's output is multi-architecture, whichever machine builds: arm64's records are in it too.
        let bindings = try Self.bindings(consumer)
        #expect(bindings.contains("// MARK: - ArchArmRecords.swift") && bindings.contains("\n#elseif arch(arm64)\n"))
        // SwiftPM may relink the tool after a clean build; its build ID stays, so the generator still
        // finds nothing changed.
        for step in ["second build", "no-op build"] {
            let log = try Self.build(consumer, "\(step)")
            #expect(log.contains(Self.upToDate) && !log.contains(Self.regenerated) && !log.contains(Self.compiling), "\(step): \(log)")
        }
        // A static dom0 tool with the build plugin: the Swift runtime linked in, the generator the plugin
        // runs still built for the host as it was. Then back to the default build for the steps below.
        try consumer.expectStaticTool("PluginConsumer", prints: ConsumerPackage.pluginConsumerOutput)
        _ = try Self.build(consumer, "dynamic build after the static one")
    }

    /// Each input change, followed by one build.
    static func followsInputs(_ consumer: ConsumerPackage) throws {
        let headers = consumer.file("headers")
        try FileManager.default.copyItem(atPath: Paths.realHeaders, toPath: headers.path)
        let config = consumer.file("Sources/PluginConsumer/xen-swiftgen-config.json")
        func configure(_ headerFolder: String, _ extra: String = "") throws {
            try #"{ "xenHeaders": "../../\#(headerFolder)", "families": ["hypercall", "domctl"]\#(extra) }"#
                .write(to: config, atomically: true, encoding: .utf8)
        }
        try configure("headers")
        try "print(DomctlOp.allCases.count)\n".write(
            to: consumer.file("Sources/PluginConsumer/main.swift"), atomically: true, encoding: .utf8)
        let copied = try Self.build(consumer, "header copy configured")
        #expect(copied.contains(Self.regenerated) && copied.contains(Self.compiling), "\(copied)")
        let liveOps = try #require(Int(try consumer.runProduct("PluginConsumer").stdout.dropLast()))

        // Edit: a new op inside struct xen_domctl.
        let domctl = headers.appendingPathComponent("domctl.h")
        let original = try String(contentsOf: domctl, encoding: .utf8)
        let edited = original.replacingOccurrences(
            of: "#define XEN_DOMCTL_getdomaininfo", with: "#define XEN_DOMCTL_shiny 200\n#define XEN_DOMCTL_getdomaininfo")
        try #require(edited != original)
        try edited.write(to: domctl, atomically: false, encoding: .utf8)
        let afterEdit = try Self.build(consumer, "header edited")
        #expect(afterEdit.contains(Self.regenerated) && afterEdit.contains(Self.compiling), "\(afterEdit)")
        #expect(try Self.bindings(consumer).contains("case shiny = 200"))
        #expect(try consumer.runProduct("PluginConsumer").stdout == "\(liveOps + 1)\n")

        // Add, then delete, a header: both are noticed, and neither fails the build.
        try "/* a header added after the first build */\n".write(
            to: headers.appendingPathComponent("newfile.h"), atomically: true, encoding: .utf8)
        let afterAdd = try Self.build(consumer, "header added")
        #expect(afterAdd.contains(Self.regenerated) && !afterAdd.contains(Self.compiling), "\(afterAdd)")
        try FileManager.default.removeItem(at: headers.appendingPathComponent("newfile.h"))
        let afterDelete = try Self.build(consumer, "header deleted")
        #expect(afterDelete.contains(Self.regenerated) && !afterDelete.contains(Self.compiling), "\(afterDelete)")

        // Another header folder in the config: the unedited copy, so shiny disappears.
        try FileManager.default.copyItem(atPath: Paths.realHeaders, toPath: consumer.file("other-headers").path)
        try configure("other-headers")
        let afterSwitch = try Self.build(consumer, "xenHeaders changed")
        #expect(afterSwitch.contains(Self.regenerated) && afterSwitch.contains(Self.compiling), "\(afterSwitch)")
        #expect(try !Self.bindings(consumer).contains("case shiny = 200"))
        #expect(try consumer.runProduct("PluginConsumer").stdout == "\(liveOps)\n")

        // A template override, then an edit of it.
        let templates = consumer.file("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let family = try String(contentsOf: Paths.packageRoot.appendingPathComponent("Templates/swift/family.mustache"), encoding: .utf8)
        try (family + "// template mark one\n").write(
            to: templates.appendingPathComponent("family.mustache"), atomically: true, encoding: .utf8)
        try configure("other-headers", #", "templates": "../../templates""#)
        _ = try Self.build(consumer, "template added")
        #expect(try Self.bindings(consumer).contains("// template mark one"))
        try (family + "// template mark two\n").write(
            to: templates.appendingPathComponent("family.mustache"), atomically: false, encoding: .utf8)
        let afterTemplate = try Self.build(consumer, "template edited")
        #expect(afterTemplate.contains(Self.regenerated), "\(afterTemplate)")
        #expect(try Self.bindings(consumer).contains("// template mark two"))

        // A ledger, then an edit that gives number 5 another name: the next build fails on it.
        let ledger = consumer.file("ops.ledger.json")
        let made = try xenSwiftGen([
            "generate", "--config", config.path, "--output", consumer.file("scratch-out").path,
            "--ledger", ledger.path, "--update-ledger",
        ])
        try #require(made.status == 0, "\(made.stderr)")
        try configure("other-headers", #", "templates": "../../templates", "ledger": "../../ops.ledger.json""#)
        let withLedger = try Self.build(consumer, "ledger added")
        #expect(withLedger.contains(Self.regenerated), "\(withLedger)")
        let ledgerText = try String(contentsOf: ledger, encoding: .utf8)
        let renamed = ledgerText.replacingOccurrences(of: "\"XEN_DOMCTL_getdomaininfo\"", with: "\"XEN_DOMCTL_olddomaininfo\"")
        try #require(renamed != ledgerText)
        try renamed.write(to: ledger, atomically: false, encoding: .utf8)
        let afterLedger = try consumer.swift("build")
        #expect(afterLedger.status != 0)
        #expect(
            (afterLedger.stdout + afterLedger.stderr).contains(
                "XEN_DOMCTL_getdomaininfo takes 5, which the ledger records for XEN_DOMCTL_olddomaininfo"),
            "\(afterLedger.stdout)\n\(afterLedger.stderr)")
    }

    /// A reused number fails the build with the header location; fixing the header builds.
    static func headerErrors(_ consumer: ConsumerPackage) throws {
        let headers = consumer.file("reuse-headers")
        try FileManager.default.copyItem(at: Paths.fixture("plugin-reuse"), to: headers)
        try #"{ "xenHeaders": "../../reuse-headers", "families": ["domctl"] }"#
            .write(to: consumer.file("Sources/PluginConsumer/xen-swiftgen-config.json"), atomically: true, encoding: .utf8)
        try "print(DomctlOp.shinyNewOp.rawValue)\n"
            .write(to: consumer.file("Sources/PluginConsumer/main.swift"), atomically: true, encoding: .utf8)

        let reused = try consumer.swift("build")
        #expect(reused.status != 0)
        let log = reused.stdout + reused.stderr
        #expect(
            log.contains(
                "/reuse-headers/domctl.h:8:9: error: XEN_DOMCTL_shiny_new_op reuses 6, retired from XEN_DOMCTL_getmemlist (\"Removed\")"),
            "\(log)")
        #expect(log.contains("/reuse-headers/domctl.h:7:4: note: XEN_DOMCTL_getmemlist was retired here"), "\(log)")

        let header = headers.appendingPathComponent("domctl.h")
        let text = try String(contentsOf: header, encoding: .utf8)
        try text.replacingOccurrences(of: "shiny_new_op                   6", with: "shiny_new_op                   8")
            .write(to: header, atomically: true, encoding: .utf8)
        let fixed = try Self.build(consumer, "header fixed")
        #expect(fixed.contains(Self.regenerated) && fixed.contains(Self.compiling), "new bindings must be recompiled: \(fixed)")
        #expect(try consumer.runProduct("PluginConsumer").stdout == "8\n")
    }

    /// A missing header folder names the config key a plugin user sets, not a command-line flag.
    static func pluginHint(_ consumer: ConsumerPackage) throws {
        try #"{ "xenHeaders": "../../no-such-headers" }"#
            .write(to: consumer.file("Sources/PluginConsumer/xen-swiftgen-config.json"), atomically: true, encoding: .utf8)
        let result = try consumer.swift("build")
        #expect(result.status != 0)
        #expect(
            (result.stdout + result.stderr).contains(
                "error: Xen header folder '\(consumer.folder.path)/no-such-headers' does not exist; install libxen-dev or set 'xenHeaders' in the target's xen-swiftgen-config.json"
            ),
            "\(result.stdout)\n\(result.stderr)")
    }
}
