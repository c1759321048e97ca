import Foundation
import LinqBot
import Synchronization
import Testing

@testable import LinqBotSQLite

/// The group-commit mechanics, with a fake commit that records its batches.
@Suite struct GroupCommitTests {
    /// Opens when the test says so; records every batch.
    final class FakeCommit: Sendable {
        let batches = Mutex<[[String]]>([])
        let gate: AsyncStream<Void>
        let open: AsyncStream<Void>.Continuation
        let entered: AsyncStream<Void>
        let enter: AsyncStream<Void>.Continuation
        let failing: Set<String>

        init(failing: Set<String> = []) {
            (gate, open) = AsyncStream.makeStream()
            (entered, enter) = AsyncStream.makeStream()
            self.failing = failing
        }

        /// Stores each event under its number; holds the first batch until `open` yields.
        func callAsFunction(_ events: [NewInboxEvent]) async throws -> [InboxAppendResult] {
            let isFirst = batches.withLock { batches in
                batches.append(events.map(\.eventID))
                return batches.count == 1
            }
            if isFirst {
                enter.yield()
                var iterator = gate.makeAsyncIterator()
                _ = await iterator.next()
            }
            if events.contains(where: { failing.contains($0.eventID) }) { throw BotStoreError.unavailable("disk full") }
            return events.map { .stored(sequence: Int64($0.eventID.dropFirst())!) }
        }
    }

    static func event(_ number: Int) -> NewInboxEvent {
        NewInboxEvent(eventID: "e\(number)", chatKey: "c", eventType: "message.received", body: Data(), receivedAt: .distantPast)
    }

    /// Waits, without sleeping, until `count` appends are queued behind the running commit.
    static func waitUntilQueued(_ batcher: GroupCommit<NewInboxEvent, InboxAppendResult>, _ count: Int) async {
        while await batcher.waiting < count { await Task.yield() }
    }

    @Test func appendsArrivingDuringACommitShareTheNextOne() async throws {
        let commit = FakeCommit()
        let batcher = GroupCommit<NewInboxEvent, InboxAppendResult>(concurrency: 1) { try await commit($0) }
        try await withThrowingTaskGroup(of: (Int, InboxAppendResult).self) { group in
            group.addTask { (0, try await batcher.submit(Self.event(0))) }
            var entered = commit.entered.makeAsyncIterator()
            _ = await entered.next()
            for number in 1...20 { group.addTask { (number, try await batcher.submit(Self.event(number))) } }
            await Self.waitUntilQueued(batcher, 20)
            commit.open.yield()
            for try await (number, result) in group { #expect(result == .stored(sequence: Int64(number))) }
        }
        let batches = commit.batches.withLock { $0 }
        #expect(batches.map(\.count) == [1, 20])
        #expect(Set(batches[1]) == Set((1...20).map { "e\($0)" }))
        #expect(await batcher.waiting == 0)
        #expect(try await batcher.submit(Self.event(21)) == .stored(sequence: 21), "a later append starts a new batch")
    }

    @Test func aFailedBatchFailsItsCallersOnlyAndTheNextBatchStillRuns() async throws {
        let commit = FakeCommit(failing: ["e3"])
        let batcher = GroupCommit<NewInboxEvent, InboxAppendResult>(concurrency: 1, batchLimit: 5) { try await commit($0) }
        let results = try await withThrowingTaskGroup(of: (Int, Result<InboxAppendResult, any Error>).self) { group in
            group.addTask { (0, await Result(catching: { try await batcher.submit(Self.event(0)) })) }
            var entered = commit.entered.makeAsyncIterator()
            _ = await entered.next()
            // Queued one by one so the order is known: batches [0], [1...5] (fails on e3), [6...8].
            for number in 1...8 {
                group.addTask { (number, await Result(catching: { try await batcher.submit(Self.event(number)) })) }
                await Self.waitUntilQueued(batcher, number)
            }
            commit.open.yield()
            var results: [Int: Result<InboxAppendResult, any Error>] = [:]
            for try await (number, result) in group { results[number] = result }
            return results
        }
        #expect(commit.batches.withLock { $0.map(\.count) } == [1, 5, 3])
        for number in 0...8 {
            let stored = (try? results[number]?.get()) == .stored(sequence: Int64(number))
            #expect(stored == !(1...5).contains(number), "e\(number)")
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
