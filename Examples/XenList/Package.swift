// swift-tools-version: 6.2
// A dom0 tool in the spirit of `xl list`, on the pre-generated bindings, the hypercall runtime and the devices (xenstore).
import PackageDescription

let package = Package(
    name: "XenList",
    dependencies: [
        // In your own package: .package(url: "https://github.com/<owner>/xen-swiftgen", from: "…").
        .package(name: "xen-swiftgen", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "XenList",
            dependencies: [
                .product(name: "XenPublic", package: "xen-swiftgen"),
                .product(name: "XenHypercall", package: "xen-swiftgen"),
                .product(name: "XenDevices", package: "xen-swiftgen"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
