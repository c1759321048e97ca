import Foundation
import Logging
import ServiceLifecycle

/// Listens for work that any instance sharing the store announces (``WorkNotifyingStore``)
/// and wakes as many idle workers as the announcement names, so an event stored by another
/// instance, or a timer it fired, runs here at once when this instance is free. When the
/// listening connection fails it listens again after a second; the idle poll covers the gap.
/// A ``BotApplication`` owns it when its store announces work.
final class BotWorkListener: ServiceLifecycle.Service, Sendable {
    let store: any WorkNotifyingStore
    let environment: BotEnvironment
    let signal: Signal
    let workers: Int
    /// Opens once the first listen is in place (for harnesses).
    let ready = Latch()

    init(store: any WorkNotifyingStore, environment: BotEnvironment, signal: Signal, workers: Int) {
        self.store = store
        self.environment = environment
        self.signal = signal
        self.workers = workers
    }

    /// Listens until graceful shutdown or cancellation.
    func run() async throws {
        let (signal, workers, ready) = (self.signal, self.workers, self.ready)
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown {
                    try await self.store.listenForWork(
                        ready: {
                            // Work announced before the listen began is found by one more look per worker.
                            for _ in 0..<workers { signal.notify() }
                            Task { await ready.open() }
                        },
                        onWork: { count in
                            for _ in 0..<min(max(count, 1), workers) { signal.notify() }
                        }
                    )
                }
            } catch {
                if Task.isCancelled || Task.isShuttingDownGracefully { break }
                environment.logger.warning("listening for work failed; polling until it listens again", metadata: ["linq.error": "\(error)"])
                do { try await environment.clock.sleepUnlessStopping(.seconds(1)) } catch { break }
            }
        }
    }
}

/// A one-way gate: ``wait()`` returns once ``open()`` was called.
actor Latch {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func open() {
        isOpen = true
        waiters.forEach { $0.resume() }
        waiters = []
    }

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}
