// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "xen-swiftgen",
    products: [
        .executable(name: "xen-swiftgen", targets: ["xen-swiftgen"]),
        .library(name: "XenSwiftGen", targets: ["XenSwiftGen"]),
        // Pre-generated bindings for the installed libxen-dev headers: no libclang, no headers needed.
        .library(name: "XenPublic", targets: ["XenPublic"]),
        // The hypercall runtime and the support types every generated module imports.
        .library(name: "XenHypercall", targets: ["XenHypercall"]),
        // Linux's Xen devices for dom0 tools: event channels, grant sharing and mapping, foreign memory, xenstore.
        .library(name: "XenDevices", targets: ["XenDevices"]),
        // Generate at build time from a target's xen-swiftgen-config.json.
        .plugin(name: "XenSwiftGenPlugin", targets: ["XenSwiftGenPlugin"]),
        // `swift package generate-xen-bindings`: generate into the package, to commit the output.
        .plugin(name: "GenerateXenBindings", targets: ["GenerateXenBindings"]),
    ],
    traits: [
        // XenPublic leaves out its run-time layout self-check (XenRecordLayout, a fifth of its code) unless this is on.
        .trait(name: "LayoutCheck", description: "Compile XenRecordLayout, the run-time layout self-check, into XenPublic.")
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation` (Scripts/docs.sh): the DocC catalogs of the generator, runtime and XenPublic.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // Tests only: SwiftParser proves that hostile header text never changes the generated declarations.
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
    ],
    targets: [
        // Stage 0: libclang, declared by hand and loaded with dlopen (no unsafeFlags, any LLVM version).
        .target(name: "CLibClang"),
        .target(name: "LibClang", dependencies: ["CLibClang", "Subprocesses"]),
        // The one subprocess runner (posix_spawnp, poll, waitpid): llvm-config for the loader, git and tar for history.
        .target(name: "Subprocesses"),
        // Stage 1: the IR, plain Codable values. Never imports libclang.
        .target(name: "XenIR"),
        // Stage 2: reader, libclang to IR.
        .target(name: "XenReader", dependencies: ["LibClang", "XenIR"]),
        // Stage 3: checks and the op ledger.
        .target(name: "XenChecks", dependencies: ["XenIR"]),
        // Stage 3b: merge, one IR per target → what every target shares and what differs.
        .target(name: "XenMerge", dependencies: ["XenIR", "XenChecks"]),
        // Stage 4: emitter, IR to Swift through the templates.
        .target(
            name: "XenEmitter", dependencies: ["XenIR", "XenMerge", "XenTemplates", "Mustache"],
            // The acronyms of type names (AcronymCasing), embedded so no resource bundle is needed at run time.
            resources: [.embedInCode("Acronyms.txt")]
        ),
        // The Mustache engine: parse, compile against a Codable context type, render. Knows nothing of Xen.
        .target(name: "Mustache", dependencies: ["XenIR"]),
        .target(name: "XenTemplates", path: "Templates", exclude: ["README.md"], resources: [.copy("swift")]),
        // Stage 5: delivery, config, pipeline and atomic output.
        .target(
            name: "XenSwiftGen", dependencies: ["LibClang", "Subprocesses", "XenIR", "XenReader", "XenChecks", "XenMerge", "XenEmitter"],
            // The built-in family table, and the history ledger of every Xen release with its acknowledgements.
            resources: [.embedInCode("BuiltinFamilies.json"), .copy("History")]
        ),
        // The commands, as a library: the shipped tool runs them, and so does the tests' fault-injecting copy.
        .target(
            name: "XenSwiftGenCLI",
            dependencies: [
                "XenSwiftGen", "XenChecks", "XenIR", "XenReader", "XenEmitter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "xen-swiftgen", dependencies: ["XenSwiftGenCLI"]),
        // Tests only, in no product: `xen-swiftgen` with the atomicity tests' kill and failure hooks (RunCheckpoints).
        .executableTarget(name: "xen-swiftgen-faults", dependencies: ["XenSwiftGenCLI", "XenSwiftGen"], path: "Tests/FaultInjection"),
        // Vendored output for the installed headers.
        .target(
            name: "XenPublic", dependencies: ["XenHypercall"], path: "Generated",
            swiftSettings: [.define("XEN_SWIFTGEN_LAYOUT_OPT_IN"), .define("XEN_SWIFTGEN_LAYOUT_CHECK", .when(traits: ["LayoutCheck"]))]
        ),
        // Runtime: privcmd channel, hypercall-safe buffers, typed errors. Needs neither libclang nor XenPublic.
        .target(name: "XenHypercall"),
        // The device ABI (xen/sys/*.h, io/xs_wire.h), generated from its own config; `package` access.
        .target(
            name: "XenDeviceABI", dependencies: ["XenHypercall"], exclude: ["xen-swiftgen-config.json"],
            swiftSettings: [.define("XEN_SWIFTGEN_LAYOUT_OPT_IN"), .define("XEN_SWIFTGEN_LAYOUT_CHECK", .when(traits: ["LayoutCheck"]))]
        ),
        // The devices, one small type each over its descriptor. Needs neither libclang nor XenPublic.
        .target(name: "XenDevices", dependencies: ["XenHypercall", "XenDeviceABI"]),
        // Delivery as SwiftPM plugins, both running the CLI built from source.
        .plugin(name: "XenSwiftGenPlugin", capability: .buildTool(), dependencies: ["xen-swiftgen"]),
        .plugin(
            name: "GenerateXenBindings",
            capability: .command(
                intent: .custom(verb: "generate-xen-bindings", description: "Generate Swift bindings for Xen headers into the package."),
                permissions: [.writeToPackageDirectory(reason: "To write the generated Swift files (and the op ledger) into the package.")]
            ),
            dependencies: ["xen-swiftgen"]
        ),

        .testTarget(name: "XenHypercallTests", dependencies: ["XenHypercall"]),
        .testTarget(name: "XenDevicesTests", dependencies: ["XenDevices", "XenDeviceABI", "XenHypercall"]),
        .testTarget(name: "SubprocessesTests", dependencies: ["Subprocesses"]),
        .testTarget(name: "XenIRTests", dependencies: ["XenIR"]),
        .testTarget(name: "MustacheTests", dependencies: ["Mustache", "XenIR"]),
        .testTarget(name: "XenChecksTests", dependencies: ["XenChecks", "XenIR"]),
        .testTarget(name: "XenMergeTests", dependencies: ["XenMerge", "XenIR", "XenChecks"]),
        .testTarget(name: "XenReaderTests", dependencies: ["XenReader", "XenIR", "LibClang"]),
        .testTarget(
            name: "XenEmitterTests",
            dependencies: [
                "XenEmitter", "XenIR", .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
            ]
        ),
        .testTarget(
            name: "XenSwiftGenTests",
            dependencies: [
                "XenSwiftGen", "XenChecks", "XenIR", "XenMerge", "XenEmitter", "LibClang", "xen-swiftgen", "xen-swiftgen-faults",
                "XenHypercall",
            ],
            exclude: ["Fixtures"]
        ),
        // The end-to-end tests by concern; each links the shared helpers of Tests/XenSwiftGenTests/Support (symbolic links).
        // History, ledgers and releases, from the history bundle.
        .testTarget(
            name: "HistoryTests", dependencies: ["XenSwiftGen", "XenChecks", "XenIR", "XenEmitter", "xen-swiftgen", "XenHypercall"]),
        // Generated records compiled and compared with the C compiler's layouts, per architecture.
        .testTarget(name: "LayoutTests", dependencies: ["XenIR", "XenEmitter", "xen-swiftgen", "XenHypercall"]),
        // Delivery: the build tool plugin, the command plugin and the vendored library in consumer packages.
        .testTarget(name: "PluginTests", dependencies: ["XenIR", "XenEmitter", "xen-swiftgen", "XenHypercall"]),
    ],
    swiftLanguageModes: [.v6]
)
