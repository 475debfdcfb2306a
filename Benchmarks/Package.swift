// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package (as in swift-nio), so the main package's tests and CI never build them.
// Run: cd Benchmarks && swift package benchmark
let package = Package(
    name: "PlugphoneBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // 1,000 scripted conversations at once against one database file: no request lost or duplicated.
        .executableTarget(
            name: "PlugphoneLoad",
            dependencies: [
                .product(name: "PlugphoneDomain", package: "main"),
                .product(name: "PlugphoneStore", package: "main"),
                .product(name: "PlugphoneUnderstanding", package: "main"),
                .product(name: "PlugphoneCLI", package: "main"),
            ],
            path: "Sources/PlugphoneLoad"
        ),
        .executableTarget(
            name: "PlugphoneBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "PlugphoneDomain", package: "main"),
                .product(name: "PlugphoneStore", package: "main"),
                .product(name: "PlugphoneUnderstanding", package: "main"),
                .product(name: "PlugphoneConversation", package: "main"),
                .product(name: "PlugphoneCLI", package: "main"),
            ],
            path: "Benchmarks/PlugphoneBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
