import LinqBot
import ServiceLifecycle

/// Hands the running application to business code once the store is ready, then waits for the stop.
struct WhenRunning: ServiceLifecycle.Service {
    let app: BotApplication
    let body: @Sendable (BotApplication) async -> Void

    func run() async throws {
        try await app.prepare()
        await body(app)
        try? await gracefulShutdown()
    }
}
