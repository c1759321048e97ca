// swift-tools-version: 6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "LinqBot",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LinqModels", targets: ["LinqModels"]),
        .library(name: "LinqAPI", targets: ["LinqAPI"]),
        .library(name: "LinqAPIAsyncHTTPClient", targets: ["LinqAPIAsyncHTTPClient"]),
        .library(name: "LinqSimulator", targets: ["LinqSimulator"]),
        .library(name: "LinqBot", targets: ["LinqBot"]),
        .library(name: "LinqBotServer", targets: ["LinqBotServer"]),
        .library(name: "LinqBotSQLite", targets: ["LinqBotSQLite"]),
        .library(name: "LinqBotPostgres", targets: ["LinqBotPostgres"]),
        .library(name: "LinqBotHost", targets: ["LinqBotHost"]),
        .library(name: "LinqBotTesting", targets: ["LinqBotTesting"]),
        .library(name: "LinqBotAI", targets: ["LinqBotAI"]),
        .library(name: "LinqBotMCP", targets: ["LinqBotMCP"]),
        .executable(name: "linqbot", targets: ["LinqBotCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/pointfreeco/swift-clocks.git", from: "1.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", from: "0.12.1"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        // OTLP over HTTP only: the gRPC exporter's dependencies would double the build.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        .target(
            name: "LinqModels",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinqAPI",
            dependencies: [
                "LinqModels",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinqAPIAsyncHTTPClient",
            dependencies: [
                "LinqAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinqBot",
            dependencies: [
                "LinqModels",
                "LinqAPI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinqBotServer",
            dependencies: [
                "LinqBot",
                "LinqAPI",
                "LinqModels",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: [
                "Console/console.html", "Console/console.css", "Console/console-core.js", "Console/console-chats.js", "Console/console-panels.js",
                "Console/console.png",
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinqBotSQLite",
            dependencies: [
                "LinqBot",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinqBotPostgres",
            dependencies: [
                "LinqBot",
                "LinqModels",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinqBotHost",
            dependencies: [
                "LinqBot",
                "LinqBotServer",
                "LinqBotSQLite",
                "LinqBotPostgres",
                "LinqSimulator",
                "LinqAPI",
                "LinqAPIAsyncHTTPClient",
                "LinqModels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "OTel", package: "swift-otel"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "EchoBot",
            dependencies: ["LinqBot", "LinqBotHost"],
            path: "Bots/EchoBot",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        // Language models in chats: the models' streaming APIs, tools, and the agent that answers.
        .target(
            name: "LinqBotAI",
            dependencies: [
                "LinqBot",
                "LinqAPI",
                "LinqModels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // Tools from Model Context Protocol servers, through the official MCP Swift SDK: a product
        // of its own, so bots without MCP servers do not build the SDK.
        .target(
            name: "LinqBotMCP",
            dependencies: [
                "LinqBotAI",
                "LinqModels",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "AIAgent",
            dependencies: ["LinqBotAI", "LinqBot", "LinqBotHost"],
            path: "Bots/AIAgent/Sources/AIAgent",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LeadQualifierKit",
            dependencies: [
                "LinqBot",
                "LinqBotHost",
                "LinqAPI",
                "LinqModels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Bots/LeadQualifier/Sources/LeadQualifierKit",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "LeadQualifier",
            dependencies: ["LeadQualifierKit", "LinqBot", "LinqBotHost"],
            path: "Bots/LeadQualifier/Sources/LeadQualifier",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AppointmentReminderKit",
            dependencies: [
                "LinqBot",
                "LinqBotHost",
                "LinqAPI",
                "LinqModels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Bots/AppointmentReminder/Sources/AppointmentReminderKit",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "AppointmentReminder",
            dependencies: ["AppointmentReminderKit", "LinqBot", "LinqBotHost"],
            path: "Bots/AppointmentReminder/Sources/AppointmentReminder",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinqBotTesting",
            dependencies: [
                "LinqBot",
                "LinqBotServer",
                "LinqSimulator",
                "LinqAPIAsyncHTTPClient",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                "LinqAPI",
                "LinqModels",
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinqBotStoreConformance",
            dependencies: ["LinqBot", "LinqModels"],
            path: "Tests/LinqBotStoreConformance",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinqSimulator",
            dependencies: [
                "LinqModels",
                "LinqAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md", "chat-page.png", "Page/chat.html"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinqBotCommands",
            dependencies: [
                "LinqAPI",
                "LinqModels",
                "LinqAPIAsyncHTTPClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["EmbedTemplates"]
        ),
        // Templates/ compiled into `linqbot`: the plugin runs the embedder on every build.
        .executableTarget(
            name: "LinqBotTemplateEmbedder",
            swiftSettings: swiftSettings
        ),
        .plugin(
            name: "EmbedTemplates",
            capability: .buildTool(),
            dependencies: ["LinqBotTemplateEmbedder"]
        ),
        .executableTarget(
            name: "LinqBotCLI",
            dependencies: [
                "LinqBotCommands",
                "LinqSimulator",
                "LinqAPIAsyncHTTPClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinqFixtures",
            dependencies: [
                "LinqAPI",
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/LinqFixtures",
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "LinqBenchmarks",
            dependencies: [
                "LinqAPI",
                "LinqModels",
                "LinqBot",
                "LinqBotSQLite",
                "LinqBotPostgres",
                "LinqBotServer",
                "LinqBotHost",
                "LinqSimulator",
                "LinqAPIAsyncHTTPClient",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            path: "Benchmarks/LinqBenchmarks",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinqModelsTests",
            dependencies: ["LinqModels", "LinqFixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinqAPITests",
            dependencies: [
                "LinqAPI",
                "LinqModels",
                "LinqFixtures",
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinqAPIAsyncHTTPClientTests",
            dependencies: [
                "LinqAPI",
                "LinqAPIAsyncHTTPClient",
                "LinqModels",
                "LinqFixtures",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinqBotTests",
            dependencies: [
                "LinqBot",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                "LinqBotTesting",
                "LinqBotStoreConformance",
                "LinqAPI",
                "LinqModels",
                "LinqFixtures",
                "LinqSimulator",
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinqBotSQLiteTests",
            dependencies: [
                "LinqBotSQLite",
                "LinqBot",
                "LinqBotTesting",
                "LinqModels",
                "LinqAPI",
                "LinqFixtures",
                .product(name: "Clocks", package: "swift-clocks"),
                "LinqBotStoreConformance",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinqBotPostgresTests",
            dependencies: [
                "LinqBotPostgres",
                "LinqBot",
                "LinqAPI",
                "LinqModels",
                "LinqBotStoreConformance",
                "LinqBotTesting",
                "LinqSimulator",
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinqBotServerTests",
            dependencies: [
                "LinqBotServer",
                "LinqBotPostgres",
                "LinqBotTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                "LinqBotHost",
                "LinqBot",
                "LinqAPI",
                "LinqAPIAsyncHTTPClient",
                "LinqModels",
                "LinqFixtures",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            exclude: ["FailCases"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinqBotTestingTests",
            dependencies: ["LinqBotTesting", "LinqBot", "LinqBotSQLite", "LinqAPI", "LinqModels", "LinqSimulator", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ExampleBotsTests",
            dependencies: [
                "LinqBotAI",
                "LeadQualifierKit",
                "AppointmentReminderKit",
                "AIAgent",
                "LeadQualifier",
                "AppointmentReminder",
                "LinqBotTesting",
                "LinqBot",
                "LinqModels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinqBotAITests",
            dependencies: [
                "LinqBotAI",
                "LinqBotMCP",
                "LinqBotServer",
                .product(name: "Prometheus", package: "swift-prometheus"),
                "LinqBot",
                "LinqBotTesting",
                "LinqAPI",
                "LinqModels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinqBotCLITests",
            dependencies: [
                "LinqBotCommands",
                "LinqBot",
                "LinqBotServer",
                "LinqBotTesting",
                "LinqSimulator",
                "LinqAPI",
                "LinqModels",
                "LinqAPIAsyncHTTPClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinqSimulatorTests",
            dependencies: [
                "LinqSimulator",
                "LinqAPI",
                "LinqModels",
                "LinqFixtures",
                "LinqAPIAsyncHTTPClient",
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

// The libFuzzer targets of Fuzz/ (the webhook path and the admin API), declared only when
// LINQBOT_FUZZ is set (`Fuzz/run.sh` sets it), so the ordinary build never sees them. Coverage
// and AddressSanitizer go to LinqBot's own modules on the fuzzed paths only: the dependencies
// build as usual (and are reused from an ordinary build in the same scratch folder). Each
// target's `main` hands the process to libFuzzer's driver (FuzzDriver, in C).
if Context.environment["LINQBOT_FUZZ"] != nil {
    let instrumented: Set<String> = ["LinqModels", "LinqAPI", "LinqBot", "LinqBotServer"]
    for target in package.targets where instrumented.contains(target.name) {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-sanitize=fuzzer,address"])]
    }
    let fuzzerSwift = swiftSettings + [.unsafeFlags(["-sanitize=fuzzer,address"])]
    let fuzzerLink: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]
    package.targets += [
        .target(name: "FuzzDriver", path: "Fuzz/Sources/FuzzDriver"),
        .target(
            name: "FuzzSupport",
            dependencies: ["LinqAPI", .product(name: "Logging", package: "swift-log")],
            path: "Fuzz/Sources/FuzzSupport",
            swiftSettings: swiftSettings + [.unsafeFlags(["-sanitize=fuzzer,address"])]
        ),
        .executableTarget(
            name: "FuzzWebhook",
            dependencies: ["FuzzDriver", "FuzzSupport", "LinqBot", "LinqAPI", "LinqModels"],
            path: "Fuzz/Sources/FuzzWebhook",
            swiftSettings: fuzzerSwift,
            linkerSettings: fuzzerLink
        ),
        .executableTarget(
            name: "FuzzAdminAPI",
            dependencies: [
                "FuzzDriver",
                "FuzzSupport",
                "LinqBot",
                "LinqBotServer",
                "LinqAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            path: "Fuzz/Sources/FuzzAdminAPI",
            swiftSettings: fuzzerSwift,
            linkerSettings: fuzzerLink
        ),
    ]
}
