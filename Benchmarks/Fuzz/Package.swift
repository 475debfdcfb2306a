// swift-tools-version: 6.1
import PackageDescription

// Coverage-guided fuzzing with libFuzzer (`swiftc -sanitize=fuzzer`), outside the main package so that `swift test`
// and CI never build it. Run: Benchmarks/Fuzz/run.sh [seconds per target].
//
// SwiftPM compiles the targets (instrumented); run.sh links each one itself with `swiftc -sanitize=fuzzer`, so that
// libFuzzer's own `main` drives `LLVMFuzzerTestOneInput` (SwiftPM would make the target's `main` the program's).
let package = Package(
    name: "PlugphoneFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, so the products resolve whatever folder the repository was cloned into.
        .package(name: "plugphone", path: "../.."),
    ],
    targets: [
        // Arbitrary bytes through the whole understanding: normalisation, number words, every extractor, the classifier.
        .executableTarget(
            name: "FuzzUnderstanding",
            dependencies: [
                .product(name: "PlugphoneUnderstanding", package: "plugphone"),
                .product(name: "PlugphoneDomain", package: "plugphone"),
            ]
        ),
        // Arbitrary bytes through the transcript parser of `Dialogues/`.
        .executableTarget(
            name: "FuzzTranscript",
            dependencies: [.product(name: "PlugphoneConversation", package: "plugphone")]
        ),
    ]
)
