import Foundation
import LinqAPI
import LinqBot
import LinqBotTesting
import LinqModels
import LinqSimulator
import Testing

/// After STOP, no write of any kind reaches the person, whoever starts it: a handler, a timer,
/// business code (`bot.send`, a flow started from outside). The simulator's own opt-out rule
/// is off, so what stops each call is the send layer.
@Suite struct OptOutEveryWriteTests {
    @Test("After STOP, each write reaches the person through no path", arguments: WriteActionBot.actions.map(\.name))
    func stopBlocksEveryWrite(action: String) async throws {
        let bot = WriteActionBot.make()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.simulatorEnforcesOptOut(false)
            #expect(try await tester.send("hello") == ["You said: hello"])
            let chat = try #require(try await tester.chatID())
            let before = tester.requests(involving: tester.person).count
            try await tester.send("STOP")
            #expect(try await tester.app.isOptedOut(tester.person))
            let confirmation = tester.requests(involving: tester.person).dropFirst(before)
            #expect(confirmation.count == 1 && confirmation.first?.overrideOptOut == true, "one confirmation: \(confirmation)")
            let afterStop = before + 1

            // A handler answering the person.
            try await tester.send("do \(action)")
            #expect(try await tester.session()["result"]?.stringValue?.hasPrefix("refused") == true, "handler: \(action)")
            // A timer of the chat.
            try await tester.send("later \(action)")
            try await tester.advance(by: .seconds(120))
            #expect(try await tester.session()["result"]?.stringValue?.hasPrefix("refused") == true, "timer: \(action)")
            // Business code: a flow started from outside, and a plain send.
            try await tester.app.startFlow(named: "act", in: chat, data: ["action": .string(action)])
            try await tester.settle()
            #expect(try await tester.session()["result"]?.stringValue?.hasPrefix("refused") == true, "flow: \(action)")
            try await tester.app.send(.text("Our summer offer"), to: chat)
            try await tester.settle()

            let reached = tester.requests(involving: tester.person).dropFirst(afterStop)
            #expect(reached.isEmpty, "\(action) reached the person: \(reached.map(\.kind))")
            #expect(try await tester.deadLetters().isEmpty)
        }
    }

    @Test("Adding a person who opted out to a group is refused; the group's other writes go on")
    func addingAnOptedOutPersonToAGroup() async throws {
        let bot = WriteActionBot.make()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.simulatorEnforcesOptOut(false)
            try await tester.send("hello")
            try await tester.send("STOP")
            let before = tester.requests(involving: tester.person).count
            // A group of two other people, the bot's line the third participant.
            let group = try await tester.client.chats.create(
                CreateChatRequest(from: tester.line, to: [WriteActionBot.friend, WriteActionBot.neighbour], message: .text("Hello, team"))
            ).chat.id
            try await tester.app.startFlow(named: "act", in: group, data: ["action": "add_person"])
            try await tester.settle()
            #expect(tester.requests(involving: tester.person).count == before, "nothing reached the person")
            try await tester.app.startFlow(named: "act", in: group, data: ["action": "rename_group"])
            try await tester.settle()
            let renamed = tester.requests(involving: WriteActionBot.friend).filter { $0.kind == .chatUpdate }
            #expect(renamed.map(\.status) == [200], "the group itself is not opted out")
            #expect(try await tester.client.chats.get(group).displayName == "Team")
        }
    }

    @Test("Starting a group with a person who opted out is refused")
    func startingAGroupWithAnOptedOutPerson() async throws {
        let bot = WriteActionBot.make()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.simulatorEnforcesOptOut(false)
            try await tester.send("hello")
            try await tester.send("STOP")
            let before = tester.requests().count
            try await tester.send("do start_group")
            #expect(tester.requests().count == before, "no call for a group that includes the opted-out person")
            #expect(try await tester.session()["result"]?.stringValue?.contains("opted out") == true)
        }
    }
}
