import Foundation
import LinqAPI
import Logging

/// What a running bot acts through: its store, its client, its clock, its logger, and the
/// wake-up of its workers. A ``BotApplication`` makes one and hands it, explicitly, to each
/// part it owns and to every ``ChatContext``.
struct BotEnvironment: Sendable {
    let store: any BotStore
    var client: LinqClient
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    var logger: Logger
    /// Handlers paused on the clock, for harnesses that move a virtual clock.
    var pauses: PauseBoard? = nil
    /// Tells a worker that new work was queued.
    var wake: @Sendable () -> Void = {}
    /// The circuit breaker on the client's writes, when there is one.
    var circuitBreaker: LinqCircuitBreaker? = nil
    /// The bot's lines, once the application made the pool.
    var linePool: LinePool? = nil
    /// The last hour of the inbox, for the console's charts.
    var activity: InboxActivity? = nil

    /// Sleeps until `date` on the bot's clock; with a pause board, as a handler (`asHandler`)
    /// or as a helper task beside one (a typing refresher), so a harness knows who waits.
    func sleep(until date: Date, asHandler: Bool) async throws {
        if let pauses {
            try await pauses.sleep(until: date, now: now(), clock: clock, handler: asHandler)
        } else {
            let seconds = date.timeIntervalSince(now())
            if seconds > 0 { try await clock.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up)))) }
        }
    }
}
