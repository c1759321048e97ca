import Foundation
import Logging
import ServiceLifecycle

/// Prunes the store on every ``Bot/Configuration/pruneInterval``: finished inbox rows after 7
/// days, message-id dedup keys and sent records after 30, expired counters at once; opt-outs
/// never. A ``BotApplication`` owns it.
final class BotMaintenance: ServiceLifecycle.Service, Sendable {
    let environment: BotEnvironment
    let configuration: Bot.Configuration

    init(environment: BotEnvironment, configuration: Bot.Configuration) {
        self.environment = environment
        self.configuration = configuration
    }

    /// Prunes on every interval until graceful shutdown or cancellation.
    func run() async throws {
        while true {
            do { try await environment.clock.sleepUnlessStopping(configuration.pruneInterval) } catch { break }
            await pruneOnce()
        }
    }

    /// One prune with the configured retention, at the current time.
    @discardableResult
    func pruneOnce() async -> PruneReport? {
        do {
            let report = try await environment.store.prune(PruneCutoffs(now: environment.now(), retention: configuration.retention))
            RuntimeMetrics.pruned(report)
            environment.logger.info("pruned the store", metadata: [
                "linq.pruned.inbox": "\(report.inboxRows)", "linq.pruned.dedup_keys": "\(report.dedupKeys)",
                "linq.pruned.sent_messages": "\(report.sentMessages)", "linq.pruned.counters": "\(report.counters)",
                "linq.pruned.sessions": "\(report.sessions)",
            ])
            return report
        } catch {
            environment.logger.error("prune failed; will try again next cycle", metadata: ["linq.error": "\(error)"])
            return nil
        }
    }
}
