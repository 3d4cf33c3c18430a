// swift-tools-version: 6.2
// An app that uses the pre-generated bindings (product XenPublic): no libclang, no Xen headers.
import PackageDescription

let package = Package(
    name: "VendoredConsumer",
    dependencies: [
        // In your own package: .package(url: "https://github.com/<owner>/xen-swiftgen", from: "…").
        .package(name: "xen-swiftgen", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "VendoredConsumer",
            dependencies: [.product(name: "XenPublic", package: "xen-swiftgen")]
        )
    ],
    swiftLanguageModes: [.v6]
)
