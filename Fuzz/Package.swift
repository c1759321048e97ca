// swift-tools-version: 6.2
import PackageDescription

// libFuzzer targets for LinqBot's untrusted inputs: the webhook path and the admin API.
// A package of its own so the sanitizer build never touches the main one; `run.sh` builds
// and runs them (`swift build --sanitize=fuzzer --sanitize=address` on Linux).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "LinqBotFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "LinqBot", path: ".."),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "LinqAPI", package: "LinqBot"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FuzzWebhook",
            dependencies: [
                "FuzzSupport",
                .product(name: "LinqBot", package: "LinqBot"),
                .product(name: "LinqAPI", package: "LinqBot"),
                .product(name: "LinqModels", package: "LinqBot"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FuzzAdminAPI",
            dependencies: [
                "FuzzSupport",
                .product(name: "LinqBot", package: "LinqBot"),
                .product(name: "LinqBotServer", package: "LinqBot"),
                .product(name: "LinqAPI", package: "LinqBot"),
                .product(name: "LinqModels", package: "LinqBot"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
