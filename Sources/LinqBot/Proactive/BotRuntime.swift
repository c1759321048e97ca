import Foundation
import LinqAPI
import LinqModels
import Synchronization
import Logging

/// What a running bot acts through outside its handlers: set by the dispatcher that runs it.
struct BotRuntime: Sendable {
    let store: any BotStore
    let client: LinqClient
    let now: @Sendable () -> Date
    let clock: any Clock<Duration>
    let logger: Logger
    let wake: @Sendable () -> Void
}

/// Why business code could not act through a bot.
public enum BotRuntimeError: Error, Sendable, Hashable {
    /// The bot has no dispatcher yet: create its `BotDispatcher` (or run it with `BotHost`) first.
    case notRunning
}

extension Bot {
    /// Connects the bot to the dispatcher that runs it.
    func attach(_ runtime: BotRuntime) { self.runtime.withLock { $0 = runtime } }

    func requireRuntime() throws -> BotRuntime {
        guard let runtime = runtime.withLock({ $0 }) else { throw BotRuntimeError.notRunning }
        return runtime
    }

    /// Queues `command` now, or schedules it for `date`, under a stable id.
    func enqueue(_ command: BotCommand, key: String?, at date: Date?) async throws {
        let runtime = try requireRuntime()
        let key = key ?? UUID().uuidString.lowercased()
        let now = runtime.now()
        if let date, date > now {
            let timer = ScheduledTimer(
                chatKey: command.queueKey, name: BotCommand.timerPrefix + key, dueAt: date, payload: try JSONValue(encoding: command)
            )
            try await runtime.store.scheduleTimer(timer)
            return
        }
        _ = try await runtime.store.append(command.inboxEvent(id: "command:\(key)", at: now))
        runtime.wake()
    }
}
