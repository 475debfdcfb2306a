// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package (as in swift-nio), so the main package's tests and CI never build them.
// Run: cd Benchmarks && swift package benchmark
let package = Package(
    name: "PlugphoneBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, so that the products below find it whatever folder the repository was cloned into (a path
        // dependency's identity is otherwise that folder's name).
        .package(name: "plugphone", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // 1,000 scripted conversations at once against one database file: no request lost or duplicated.
        .executableTarget(
            name: "PlugphoneLoad",
            dependencies: [
                .product(name: "PlugphoneDomain", package: "plugphone"),
                .product(name: "PlugphoneStore", package: "plugphone"),
                .product(name: "PlugphoneUnderstanding", package: "plugphone"),
                .product(name: "PlugphoneCLI", package: "plugphone"),
            ],
            path: "Sources/PlugphoneLoad"
        ),
        .executableTarget(
            name: "PlugphoneBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "PlugphoneDomain", package: "plugphone"),
                .product(name: "PlugphoneStore", package: "plugphone"),
                .product(name: "PlugphoneUnderstanding", package: "plugphone"),
                .product(name: "PlugphoneConversation", package: "plugphone"),
                .product(name: "PlugphoneCLI", package: "plugphone"),
            ],
            path: "Benchmarks/PlugphoneBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
