import Foundation
import Testing

/// `swift package generate-xen-bindings` in a copy of `Examples/PluginConsumer` whose target does
/// not apply the build tool plugin: the generate-and-commit workflow. ``BuildPluginTests`` runs these
/// steps after its own, in the build folder of its consumer, so that this package is built once.
enum CommandPluginTests {
    /// The constant groups of the headers domctl.h reads (it includes xen.h, grant_table.h, memory.h,
    /// event_channel.h).
    static let constantFiles = [
        "XenAssignedDeviceType.swift", "XenCreateDomainFlags.swift", "XenDomainID.swift", "XenDomainInfoFlags.swift",
        "XenDomainTrigger.swift", "XenGrantCopyFlags.swift", "XenGrantMapFlags.swift", "XenGrantStatus.swift", "XenIOMMUOptions.swift",
        "XenMaxVCPUID.swift", "XenMemoryFlags.swift", "XenMonitorEvent.swift", "XenPhysmapSpace.swift", "XenShadowEnableFlags.swift",
        "XenStartInfoFlags.swift", "XenVCPUAffinityFlags.swift", "XenVirtualIRQ.swift",
    ]
    /// The per-header containers of the value macros no group takes, for the same headers.
    static let headerConstantFiles = [
        "ArchArmConstants.swift", "ArchX86HVMSaveConstants.swift", "ArchX86XenConstants.swift", "ArchX86XenX8664Constants.swift",
        "DomctlConstants.swift", "EventChannelConstants.swift", "GrantTableConstants.swift", "MemoryConstants.swift",
        "PhysdevConstants.swift", "XenCompatConstants.swift", "XenConstants.swift",
    ]
    /// The plugin's command line, with the write permission granted.
    static func command(_ arguments: [String]) -> [String] {
        ["--allow-writing-to-package-directory", "generate-xen-bindings"] + arguments
    }

    /// One consumer for every step: the package's config, --check with the plugin's own hint, --target
    /// with a target's config, and --target without a name.
    static func commandPlugin(_ consumer: ConsumerPackage) throws {
        try consumer.dropBuildPlugin()
        try Self.targetConfig(consumer)
        try Self.packageConfig(consumer)
    }

    /// With the package's config it writes bindings the target then compiles, and --check reaches generate.
    static func packageConfig(_ consumer: ConsumerPackage) throws {
        try FileManager.default.removeItem(at: consumer.file("Sources/PluginConsumer/Generated"))
        try FileManager.default.removeItem(at: consumer.file("Sources/PluginConsumer/xen-swiftgen-config.json"))
        try #"{ "families": ["hypercall", "domctl"], "output": "Sources/PluginConsumer/XenBindings", "accessLevel": "internal" }"#
            .write(to: consumer.file("xen-swiftgen-config.json"), atomically: true, encoding: .utf8)

        let write = try consumer.swift("package", Self.command([]))
        try #require(write.status == 0, "\(write.stdout)\n\(write.stderr)")
        let folder = consumer.file("Sources/PluginConsumer/XenBindings")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == ([
                    "ArchArmRecords.swift", "ArchX86HVMSaveRecords.swift", "ArchX86XenRecords.swift", "ArchX86XenX8664Records.swift",
                    "DomctlCommand.swift",
                    "DomctlOp.swift", "DomctlRecords.swift", "Hypercall.swift", "MemoryRecords.swift", "XenArchitectureGuard.swift",
                    "XenRecordLayout.swift", "XenRecordSupport.swift", "XenRecords.swift",
                ] + Self.constantFiles + Self.headerConstantFiles).sorted())
        // Multi-architecture by default: arm64's own records under its condition, other architectures refused.
        let arm = try String(contentsOf: folder.appendingPathComponent("ArchArmRecords.swift"), encoding: .utf8)
        let support = try String(contentsOf: folder.appendingPathComponent("XenArchitectureGuard.swift"), encoding: .utf8)
        #expect(
            arm.contains("\n#if arch(arm64)\n")
                && support.contains("\n#error(\"xen-swiftgen generated these declarations for x86_64 and arm64 only"))
        let build = try consumer.swift("build")
        try #require(build.status == 0, "\(build.stdout)\n\(build.stderr)")
        #expect(!(build.stdout + build.stderr).contains("warning:"), "\(build.stdout)\n\(build.stderr)")
        #expect(try consumer.runProduct("PluginConsumer").stdout == ConsumerPackage.pluginConsumerOutput)

        let current = try consumer.swift("package", Self.command(["--check"]))
        #expect(current.status == 0, "\(current.stdout)\n\(current.stderr)")
        let domctl = folder.appendingPathComponent("DomctlOp.swift")
        try (try String(contentsOf: domctl, encoding: .utf8) + "// a hand edit\n").write(to: domctl, atomically: true, encoding: .utf8)
        let stale = try consumer.swift("package", Self.command(["--check"]))
        #expect(stale.status != 0)
        // SwiftPM relays what a command plugin's tools print on its own standard output.
        let log = stale.stdout + stale.stderr
        #expect(
            log.contains(
                "error: '\(folder.path)' is not current with /usr/include/xen "
                    + "(run 'swift package --allow-writing-to-package-directory generate-xen-bindings' to update it)"), "\(log)")
        #expect(log.contains("\nnote: differs: DomctlOp.swift\n"), "\(log)")
    }

    /// --target uses the target's config and writes among its sources; a target without one, or a
    /// --target without a name, is refused.
    static func targetConfig(_ consumer: ConsumerPackage) throws {
        let nameless = try consumer.swift("package", Self.command(["--target"]))
        #expect(nameless.status != 0)
        #expect(
            (nameless.stdout + nameless.stderr).contains(
                "--target needs a target name (--target NAME); the package's targets are: PluginConsumer"),
            "\(nameless.stdout)\n\(nameless.stderr)")
        let config = consumer.file("Sources/PluginConsumer/xen-swiftgen-config.json")
        let saved = try Data(contentsOf: config)
        try FileManager.default.removeItem(at: config)
        let refused = try consumer.swift("package", Self.command(["--target", "PluginConsumer"]))
        #expect(refused.status != 0)
        #expect(
            (refused.stdout + refused.stderr).contains(
                "no xen-swiftgen-config.json in \(consumer.file("Sources/PluginConsumer").path); add one or pass --config FILE"),
            "\(refused.stdout)\n\(refused.stderr)")

        try saved.write(to: config)
        let write = try consumer.swift("package", Self.command(["--target", "PluginConsumer"]))
        try #require(write.status == 0, "\(write.stdout)\n\(write.stderr)")
        let folder = consumer.file("Sources/PluginConsumer/Generated")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == ([
                    "ArchArmRecords.swift", "ArchX86HVMSaveRecords.swift", "ArchX86XenRecords.swift", "ArchX86XenX8664Records.swift",
                    "DomctlCommand.swift",
                    "DomctlOp.swift", "DomctlRecords.swift", "Hypercall.swift", "MemoryRecords.swift", "PhysdevRecords.swift",
                    "SysctlCommand.swift", "SysctlOp.swift", "SysctlRecords.swift", "XenArchitectureGuard.swift", "XenRecordLayout.swift",
                    "XenRecordSupport.swift", "XenRecords.swift", "XenPhysicalCapabilities.swift", "XenLivepatchAction.swift",
                    "SysctlConstants.swift",
                ] + Self.constantFiles + Self.headerConstantFiles).sorted())
        // The target's config chose internal access.
        let domctl = try String(contentsOf: folder.appendingPathComponent("DomctlOp.swift"), encoding: .utf8)
        #expect(domctl.contains("\ninternal enum DomctlOp: UInt32"))
    }
}
