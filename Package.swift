// swift-tools-version: 6.1
import PackageDescription

/// One set of settings for every target: Swift 6 mode plus the upcoming features we hold ourselves to.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "plugphone",
    // macOS 15 for the Synchronization module's Mutex (the line editor and the background loading of the understanding).
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "plugphone", targets: ["plugphone"]),
        .library(name: "PlugphoneDomain", targets: ["PlugphoneDomain"]),
        .library(name: "PlugphoneStore", targets: ["PlugphoneStore"]),
        .library(name: "PlugphoneUnderstanding", targets: ["PlugphoneUnderstanding"]),
        .library(name: "PlugphoneConversation", targets: ["PlugphoneConversation"]),
        .library(name: "PlugphoneCLI", targets: ["PlugphoneCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Value types, rules and deposit arithmetic. No I/O.
        .target(name: "PlugphoneDomain", swiftSettings: swiftSettings),
        // SQLite through GRDB: migrations, records, one transaction per command.
        .target(
            name: "PlugphoneStore",
            dependencies: ["PlugphoneDomain", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // Locales/<lang>/*.yaml loaded at run time: messages, money and date formatting.
        .target(
            name: "PlugphoneLocalization",
            dependencies: ["PlugphoneDomain", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // Text → intent + slots (with its own Snowball French and English stemmers, in Swift).
        .target(
            name: "PlugphoneUnderstanding",
            dependencies: ["PlugphoneDomain", "PlugphoneLocalization", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // The dialogue manager: a pure state machine, and the transcript format.
        .target(
            name: "PlugphoneConversation",
            dependencies: ["PlugphoneDomain", "PlugphoneLocalization", "PlugphoneUnderstanding"],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // The line editor over GNU readline; plain readLine() when stdin is not a terminal.
        .target(name: "PlugphoneTerminal", dependencies: ["CReadline", "PlugphoneLocalization"], swiftSettings: swiftSettings),
        // Locales/ compiled into the program (the EmbedLocales plugin), so an installed binary needs no folder beside it.
        // A module of its own, depending on nothing: editing a locale file recompiles only it and what imports it.
        .target(name: "PlugphoneBuiltInLocales", swiftSettings: swiftSettings, plugins: ["EmbedLocales"]),
        .executableTarget(name: "EmbedLocalesTool", swiftSettings: swiftSettings),
        .plugin(name: "EmbedLocales", capability: .buildTool(), dependencies: ["EmbedLocalesTool"]),
        // The commands, wiring the parts; the executable only calls into it.
        .target(
            name: "PlugphoneCLI",
            dependencies: [
                "PlugphoneDomain", "PlugphoneStore", "PlugphoneLocalization", "PlugphoneUnderstanding",
                "PlugphoneConversation", "PlugphoneTerminal", "PlugphoneBuiltInLocales",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "plugphone", dependencies: ["PlugphoneCLI"], swiftSettings: swiftSettings),

        .testTarget(name: "PlugphoneDomainTests", dependencies: ["PlugphoneDomain"], swiftSettings: swiftSettings),
        .testTarget(name: "PlugphoneLocalizationTests", dependencies: ["PlugphoneLocalization", "PlugphoneDomain", "PlugphoneBuiltInLocales"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PlugphoneStoreTests",
            dependencies: ["PlugphoneStore", "PlugphoneDomain", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlugphoneUnderstandingTests",
            dependencies: ["PlugphoneUnderstanding", "PlugphoneLocalization", "PlugphoneDomain"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlugphoneConversationTests",
            dependencies: [
                "PlugphoneConversation", "PlugphoneUnderstanding", "PlugphoneLocalization", "PlugphoneDomain", "PlugphoneCLI", "PlugphoneStore",
                "PlugphoneTerminal",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "PlugphoneTerminalTests", dependencies: ["PlugphoneTerminal", "PlugphoneLocalization"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PlugphonePropertyTests",
            dependencies: [
                "PlugphoneCLI", "PlugphoneConversation", "PlugphoneUnderstanding", "PlugphoneLocalization", "PlugphoneDomain", "PlugphoneStore",
                .product(name: "PropertyBased", package: "swift-property-based"),
                // The back office's changes to the catalogue and lines, made beneath a conversation.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlugphoneEndToEndTests",
            dependencies: ["plugphone"],
            swiftSettings: swiftSettings
        ),
    ]
)
