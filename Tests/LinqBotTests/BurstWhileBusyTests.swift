import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import Testing

/// Coalescing with no debounce window: the messages that arrive while a turn runs become the
/// next turn, together.
@Suite struct BurstWhileBusyTests {
    @Test("messages that arrive while the handler runs are one turn after it")
    func arrivalsDuringATurnCoalesce() async throws {
        let started = Beacon<String>()
        let release = Beacon<Void>()
        let turns = Beacon<[String]>()
        let bot = Bot(configuration: .init(botID: "busy-bot", burst: .coalesce(window: .zero, maxWait: .zero)))
        bot.onText { ctx, _ in
            started.send(ctx.texts.joined(separator: "+"))
            if ctx.texts == ["one"] { _ = await release.next() }
            turns.send(ctx.texts)
        }
        let harness = try await RuntimeHarness(bot: bot, events: [.messageReceived])
        try await harness.running {
            await harness.personSends("one")
            #expect(await started.next() == ["one"])
            // Each message stored before the next is sent: two deliveries in flight at once may
            // reach the inbox in either order, as Linq's may.
            for (text, count) in [("two", 2), ("three", 3)] {
                await harness.personSends(text)
                _ = try await eventually { try await harness.store.pendingCount() >= count }
            }
            #expect(try await harness.store.pendingCount() == 3, "one running, two waiting behind it")
            release.send(())
            let seen = await turns.next(2)
            #expect(seen == [["one"], ["two", "three"]], "turns: \(seen)")
            try await harness.drained()
        }
    }
}
