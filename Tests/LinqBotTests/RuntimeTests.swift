import Clocks
import Foundation
import LinqAPI
import LinqBot
import LinqModels
import LinqSimulator
import Synchronization
import Testing

@Suite struct RuntimeTests {
    @Test("a person's text reaches the handler through a signed webhook, and the reply reaches the person once")
    func echo() async throws {
        let bot = Bot()
        let handled = Beacon<String>()
        bot.onText { ctx, text in
            try await ctx.reply("You said: \(text)")
            handled.send(text)
        }
        let harness = try await RuntimeHarness(bot: bot)
        try await harness.running {
            await harness.personSends("hello")
            #expect(await handled.next() == ["hello"])
            try await harness.drained()
            // Our own message.sent webhook came back too: the loop guard kept it from the handler.
            await harness.personSends("again")
            #expect(await handled.next() == ["again"])
            try await harness.drained()
        }
        #expect(try await harness.sent() == ["You said: hello", "You said: again"])
    }

    @Test("sessions persist per chat across events")
    func sessions() async throws {
        let bot = Bot()
        let counts = Beacon<Int>()
        bot.onText { ctx, _ in
            let count = (ctx.session("count", as: Int.self) ?? 0) + 1
            ctx.setSession("count", count)
            counts.send(count)
        }
        let harness = try await RuntimeHarness(bot: bot)
        try await harness.running {
            for text in ["one", "two", "three"] {
                await harness.personSends(text)
                _ = await counts.next()
            }
            try await harness.drained()
        }
        let chats = try await harness.client.chats.list()
        let stored = try await harness.store.session(chatKey: try #require(chats.chats.first?.id.rawValue))
        #expect(try JSONDecoder().decode([String: Int].self, from: try #require(stored?.data)) == ["count": 3])
    }

    @Test("a handler that sends and then fails is retried with the same idempotency key: one message reaches the person")
    func retryDoesNotDoubleSend() async throws {
        let bot = Bot(configuration: .init(maxAttempts: 3))
        let attempts = Atomic<Int>(0)
        let done = Beacon<Int>()
        bot.onText { ctx, _ in
            try await ctx.reply("Booked for Friday at 3.")
            let attempt = attempts.add(1, ordering: .relaxed).newValue
            done.send(attempt)
            if attempt == 1 { throw HarnessError.notDrained }
        }
        let harness = try await RuntimeHarness(bot: bot, events: [.messageReceived])
        try await harness.running {
            await harness.personSends("book me")
            #expect(await done.next() == [1])
            // The retry waits up to 2 s (full jitter) from when it is recorded; keep the clocks
            // moving until it fires, however the recording and the test interleave.
            let clock = harness.clock
            let ticker = Task {
                while !Task.isCancelled {
                    await clock.advance(by: .milliseconds(500))
                    await Task.yield()
                }
            }
            #expect(await done.next() == [2])
            ticker.cancel()
            try await harness.drained()
        }
        #expect(try await harness.store.deadLetters(limit: 5).isEmpty)
        #expect(try await harness.sent() == ["Booked for Friday at 3."])
    }

    @Test("a handler that always fails is dead-lettered after its attempts and the chat moves on")
    func deadLetter() async throws {
        let bot = Bot(configuration: .init(maxAttempts: 1))
        let seen = Beacon<String>()
        bot.onText { ctx, text in
            seen.send(text)
            if text == "poison" { throw HarnessError.notDrained }
            try await ctx.reply("ok: \(text)")
        }
        let harness = try await RuntimeHarness(bot: bot, events: [.messageReceived])
        try await harness.running {
            await harness.personSends("poison")
            #expect(await seen.next() == ["poison"])
            await harness.personSends("fine")
            #expect(await seen.next() == ["fine"])
            try await harness.drained()
        }
        let dead = try await harness.store.deadLetters(limit: 5)
        #expect(dead.count == 1)
        #expect(try WebhookEvent.decode(from: dead[0].event.body).message?.text == "poison")
        #expect(try await harness.sent() == ["ok: fine"])
    }
}
