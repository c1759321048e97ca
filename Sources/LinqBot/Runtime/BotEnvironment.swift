import Foundation
import LinqAPI
import Logging

/// What a running bot acts through: its store, its client, its clock, its logger, and the
/// wake-up of its workers. A ``BotApplication`` makes one and hands it, explicitly, to each
/// part it owns and to every ``ChatContext``.
struct BotEnvironment: Sendable {
    let store: any BotStore
    let client: LinqClient
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    var logger: Logger
    /// Handlers paused on the clock, for harnesses that move a virtual clock.
    var pauses: PauseBoard? = nil
    /// Tells a worker that new work was queued.
    var wake: @Sendable () -> Void = {}
}
