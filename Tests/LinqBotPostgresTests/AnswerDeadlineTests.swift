import Clocks
import LinqBot
@testable import LinqBotPostgres
import Synchronization
import Testing

/// The deadline on PostgreSQL answers: a statement lost with its connection fails instead of
/// keeping its caller (and the chat lease the caller renews) forever. No server needed.
@Suite struct AnswerDeadlineTests {
    @Test("an answer that comes in time is returned")
    func answerInTime() async throws {
        let clock = TestClock()
        let value = try await AnswerDeadline.run(within: .seconds(30), clock: clock) { 42 }
        #expect(value == 42)
    }

    @Test("an operation that never answers fails as unavailable once the deadline passed, and is cancelled")
    func lostAnswerFails() async throws {
        let clock = TestClock()
        let lost = AsyncStream<Void>.makeStream()
        let ended = Flag()
        let waiting = Task {
            defer { ended.raise() }
            return try await AnswerDeadline.run(within: .seconds(30), clock: clock) { () async throws -> Int in
                // A statement whose answer never comes: it ends only when cancelled.
                for await _ in lost.stream {}
                try Task.checkCancellation()
                return 0
            }
        }
        // Move the clock on (once the deadline's sleep began) until the wait ends.
        var rounds = 0
        while !ended.isRaised, rounds < 100_000 {
            await clock.advance(by: .seconds(31))
            await Task.yield()
            rounds += 1
        }
        if !ended.isRaised { waiting.cancel() }
        await #expect(throws: BotStoreError.self) { try await waiting.value }
        lost.continuation.finish()
    }

    @Test("a cancelled caller gets CancellationError at once, though the lost operation ignores cancellation", .timeLimit(.minutes(5)))
    func cancelledCallerReturnsAtOnce() async throws {
        let clock = TestClock()
        let lost = Parked()
        let started = AsyncStream<Void>.makeStream()
        let waiting = Task {
            try await AnswerDeadline.run(within: .seconds(30), clock: clock) { () async throws -> Int in
                started.continuation.yield()
                // A statement whose answer never comes and that does not heed cancellation.
                await withCheckedContinuation { lost.hold($0) }
                return 0
            }
        }
        for await _ in started.stream { break }
        waiting.cancel()
        // The clock never moves: only the cancellation can end the wait.
        await #expect(throws: CancellationError.self) { try await waiting.value }
        lost.release()
    }

    @Test("the operation's own error comes through unchanged")
    func operationErrorPassesThrough() async throws {
        let clock = TestClock()
        await #expect(throws: BotStoreError.leaseLost(chatKey: "c")) {
            try await AnswerDeadline.run(within: .seconds(30), clock: clock) { () async throws -> Int in throw BotStoreError.leaseLost(chatKey: "c") }
        }
    }
}

/// A flag one task raises and another reads.
private final class Flag: Sendable {
    private let state = Mutex(false)
    var isRaised: Bool { state.withLock { $0 } }
    func raise() { state.withLock { $0 = true } }
}

/// A wait that ignores cancellation and ends only when released.
private final class Parked: Sendable {
    private let state = Mutex<(waiter: CheckedContinuation<Void, Never>?, released: Bool)>((nil, false))

    func hold(_ waiter: CheckedContinuation<Void, Never>) {
        let now = state.withLock { state -> Bool in
            if state.released { return true }
            state.waiter = waiter
            return false
        }
        if now { waiter.resume() }
    }

    func release() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.released = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}
