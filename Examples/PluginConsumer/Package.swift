// swift-tools-version: 6.2
// An app that generates its Xen bindings at build time with XenSwiftGenPlugin.
import PackageDescription

let package = Package(
    name: "PluginConsumer",
    dependencies: [
        // In your own package: .package(url: "https://github.com/<owner>/xen-swiftgen", from: "…").
        .package(name: "xen-swiftgen", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "PluginConsumer",
            // The generated code imports the runtime, which also issues its requests.
            dependencies: [.product(name: "XenHypercall", package: "xen-swiftgen")],
            plugins: [.plugin(name: "XenSwiftGenPlugin", package: "xen-swiftgen")]
        )
    ],
    swiftLanguageModes: [.v6]
)
