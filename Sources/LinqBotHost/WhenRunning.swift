import LinqBot
import ServiceLifecycle

/// Hands the running application to business code, then waits for the stop. `BotHost`
/// prepares the application (the store migrated) before the group that runs this starts.
struct WhenRunning: ServiceLifecycle.Service {
    let app: BotApplication
    let body: @Sendable (BotApplication) async -> Void

    func run() async throws {
        await body(app)
        try? await gracefulShutdown()
    }
}
