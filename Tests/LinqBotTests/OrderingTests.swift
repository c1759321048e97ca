import Foundation
import LinqAPI
import LinqBot
import LinqModels
import LinqSimulator
import Logging
import Synchronization
import Testing

/// Per-chat order under concurrency: handler intervals never overlap within a chat, and a
/// per-chat counter ends at the number of distinct messages.
@Suite struct OrderingTests {
    @Test("200 chats × 50 interleaved messages, 8 workers: no overlap per chat, order kept, counters exact")
    func perChatOrder() async throws {
        let chats = 200
        let perChat = 50
        let active = Mutex<Set<String>>([])
        let overlaps = Atomic<Int>(0)
        let order = Mutex<[String: [Int]]>([:])
        let finished = Beacon<Int>()
        let bot = Bot(configuration: .init(concurrency: 8))
        bot.on(.unknown) { ctx in
            let chat = ctx.event.unknownData?["chat_id"]?.stringValue ?? "?"
            if !active.withLock({ $0.insert(chat).inserted }) { overlaps.add(1, ordering: .relaxed) }
            await Task.yield()
            let count = (ctx.session("count", as: Int.self) ?? 0) + 1
            ctx.setSession("count", count)
            let index = Int(ctx.event.eventID.rawValue.split(separator: "-").last!)!
            order.withLock { $0[chat, default: []].append(index) }
            active.withLock { _ = $0.remove(chat) }
            finished.send(index)
        }
        let store = InMemoryBotStore()
        let dispatcher = try TestApplication.make(bot, store: store)
        for index in 0..<(chats * perChat) {
            let chat = "chat-\(index % chats)"
            let body = Data(#"{"api_version":"v3","webhook_version":"2026-02-03","event_type":"custom.tick","event_id":"\#(chat)-\#(index)","created_at":"2026-03-10T15:42:07Z","data":{"chat_id":"\#(chat)"}}"#.utf8)
            _ = try await store.append(NewInboxEvent(eventID: "\(chat)-\(index)", chatKey: chat, eventType: "custom.tick", body: body, receivedAt: Date()))
        }
        let runner = Task { try await dispatcher.run() }
        _ = await finished.next(chats * perChat)
        // Handlers ran; wait (yielding, never sleeping) for their commits before stopping.
        var drained = false
        for _ in 0..<500_000 where !drained {
            drained = try await store.pendingCount() == 0
            if !drained { await Task.yield() }
        }
        runner.cancel()
        #expect(drained)
        #expect(overlaps.load(ordering: .relaxed) == 0)
        let seen = order.withLock { $0 }
        #expect(seen.count == chats)
        for (_, indices) in seen { #expect(indices == indices.sorted() && indices.count == perChat) }
        for chat in 0..<chats {
            let stored = try await store.session(chatKey: "chat-\(chat)")
            let decoded = try JSONDecoder().decode([String: Int].self, from: try #require(stored?.data))
            #expect(decoded["count"] == perChat)
        }
    }
}

/// A webhook transport that accepts everything (the ordering test sends no webhooks).
struct RecordingTransport: LinqTransport {
    func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse { LinqHTTPResponse(status: 200) }
}
