@testable import LinqBot
import Testing

/// Group commit with one and two slots: what queues while batches commit goes in one.
@Suite struct GroupCommitSlotsTests {
    @Test("writes that wait while every slot commits go out together, each with its own result", arguments: [1, 2])
    func waitingWritesShareABatch(slots: Int) async throws {
        let gate = Gate()
        let batches = BatchLog()
        let batcher = GroupCommit<Int, Int>(concurrency: slots) { items in
            await batches.record(items)
            await gate.wait()
            return items.map { $0 * 10 }
        }
        try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            // The first writes take every slot and hold them at the gate.
            for item in 1...slots { group.addTask { (item, try await batcher.submit(item)) } }
            while await batches.count < slots { await Task.yield() }
            // Ten more wait for a slot.
            for item in (slots + 1)...(slots + 10) { group.addTask { (item, try await batcher.submit(item)) } }
            while await batcher.waiting < 10 { await Task.yield() }
            await gate.open()
            var results: [Int: Int] = [:]
            for try await (item, result) in group { results[item] = result }
            #expect(results == Dictionary(uniqueKeysWithValues: (1...(slots + 10)).map { ($0, $0 * 10) }))
        }
        let sizes = await batches.sizes
        #expect(sizes.prefix(slots) == Array(repeating: 1, count: slots)[...])
        let later = Array(sizes.dropFirst(slots))
        #expect(later.reduce(0, +) == 10)
        #expect(later.count <= slots, "the ten waiting writes went out in one batch per freed slot: \(later)")
    }

    @Test("a failed batch fails every write in it, and the next batch goes on")
    func failedBatchFailsItsWrites() async throws {
        let batcher = GroupCommit<Int, Int>(concurrency: 1) { items in
            if items.contains(13) { throw BotStoreError.unavailable("unlucky") }
            return items
        }
        await #expect(throws: BotStoreError.unavailable("unlucky")) { try await batcher.submit(13) }
        #expect(try await batcher.submit(7) == 7)
    }
}

/// Holds callers until opened.
private actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        guard !isOpen else { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}

/// The batches a commit saw, in order.
private actor BatchLog {
    private(set) var sizes: [Int] = []
    var count: Int { sizes.count }

    func record(_ items: [Int]) {
        sizes.append(items.count)
    }
}
