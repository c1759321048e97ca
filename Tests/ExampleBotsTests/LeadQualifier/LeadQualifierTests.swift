import Foundation
import LeadQualifierKit
import LinqBot
import LinqBotTesting
import LinqModels
import Synchronization
import Testing

/// Collects delivered lead summaries in memory.
final class CollectedLeads: LeadSink {
    private let leads = Mutex<[LeadSummary]>([])
    var all: [LeadSummary] { leads.withLock { $0 } }
    func deliver(_ summary: LeadSummary) async throws { leads.withLock { $0.append(summary) } }
}

/// The lead qualifier's conversations on the virtual clock.
@Suite struct LeadQualifierTests {
    static let day = Duration.seconds(24 * 3600)

    @Test("a qualified lead answers four questions, is scored, posted and handed to a person; the bot goes silent")
    func qualifiedLead() async throws {
        let leads = CollectedLeads()
        let bot = makeLeadQualifier(LeadQualifierConfiguration(), sink: leads)
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            #expect(try await tester.send("Hi, I saw your listing on Elm St") == ["Hi! Thanks for reaching out. What's your name?"])
            #expect(try await tester.send("i'm ada lovelace") == ["Nice to meet you, Ada Lovelace! Are you looking to 1) buy, 2) sell or 3) rent?"])
            #expect(try await tester.send("Buying") == ["What budget do you have in mind, in dollars?"])
            #expect(try await tester.send("around $450k") == [LeadQualifierConfiguration().timelineQuestion.prompt])
            #expect(try await tester.send("1") == ["Thanks Ada Lovelace! You're a great fit. One of our agents will text you here shortly."])
            let summary = try #require(leads.all.first)
            #expect(leads.all.count == 1)
            #expect(summary.name == "Ada Lovelace" && summary.need == "buy" && summary.budget == 450_000 && summary.timelineMonths == 1)
            #expect(summary.score == 100 && summary.qualified)
            #expect(summary.handle == tester.person)
            let chat = try #require(try await tester.chatID())
            #expect(summary.chatID == chat.rawValue)
            let snapshot = try await tester.app.chat(chat)
            #expect(snapshot.handOff?.reason == "qualified lead (score 100)")
            #expect(snapshot.flow == nil, "the flow is finished")
            #expect(snapshot.timers.isEmpty && snapshot.handOff?.paused.isEmpty == true, "no follow-up is left behind")
            #expect(try await tester.send("When can we talk?").isEmpty, "a person has the chat now")
            try await tester.advance(by: Self.day * 3)
            #expect(try await tester.replies().count == 5)
        }
    }

    @Test("STOP in the middle of the questions: one confirmation, the flow and its follow-up end, nothing more is sent")
    func optOutMidFlow() async throws {
        let leads = CollectedLeads()
        let bot = makeLeadQualifier(LeadQualifierConfiguration(), sink: leads)
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.simulatorEnforcesOptOut(false)
            try await tester.send("Hi")
            try await tester.send("Ada")
            let confirmation = try await tester.send("STOP")
            #expect(confirmation.count == 1)
            #expect(confirmation.first?.contains("no further messages") == true)
            let chat = try #require(try await tester.chatID())
            let snapshot = try await tester.app.chat(chat)
            #expect(snapshot.flow == nil, "the questions stop")
            #expect(snapshot.timers.isEmpty, "no follow-up is left")
            #expect(try await tester.send("buy").isEmpty)
            try await tester.advance(by: Self.day * 3)
            #expect(try await tester.replies().count == 3, "the two questions and the confirmation")
            #expect(leads.all.isEmpty)
        }
    }

    @Test("answers that do not fit are asked again, with the same question's reprompt")
    func invalidAnswers() async throws {
        let configuration = LeadQualifierConfiguration()
        let tester = try await BotTester(bot: makeLeadQualifier(configuration, sink: CollectedLeads()))
        try await tester.run {
            try await tester.send("hello")
            #expect(try await tester.send("12345") == [configuration.nameQuestion.reprompt])
            #expect(try await tester.send("Grace") == ["Nice to meet you, Grace! Are you looking to 1) buy, 2) sell or 3) rent?"])
            #expect(try await tester.send("maybe") == [configuration.needQuestion.reprompt])
            #expect(try await tester.send("buy or rent") == [configuration.needQuestion.reprompt], "two choices are not an answer")
            #expect(try await tester.send("3") == [configuration.budgetQuestion.prompt])
            #expect(try await tester.send("a lot") == [configuration.budgetQuestion.reprompt])
            #expect(try await tester.send("1.2m") == [configuration.timelineQuestion.prompt])
            #expect(try await tester.send("whenever") == [configuration.timelineQuestion.reprompt])
            #expect(try await tester.send("7") == [configuration.timelineQuestion.reprompt])
            let snapshot = try await tester.session()
            #expect(snapshot["linqbot.flow"]?["state"]?.stringValue == "timeline")
            #expect(snapshot["linqbot.flow"]?["data"]?["budget"]?.numberValue == 1_200_000)
        }
    }

    @Test("a lead that does not qualify is thanked and closed; later texts get a short note")
    func unqualifiedLead() async throws {
        let leads = CollectedLeads()
        let configuration = LeadQualifierConfiguration()
        let bot = makeLeadQualifier(configuration, sink: leads)
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            for answer in ["hi", "Sam", "rent", "50000"] { try await tester.send(answer) }
            #expect(try await tester.send("not sure") == [
                "Thanks Sam, that's everything I need. We'll keep your details and reach out if something fits. Have a great day!",
            ])
            let summary = try #require(leads.all.first)
            #expect(summary.score == 20 && !summary.qualified, "rent 10 + a quarter of the budget's 40 + later 0")
            let chat = try #require(try await tester.chatID())
            #expect(try await tester.app.chat(chat).handOff == nil)
            #expect(try await tester.session()[LeadQualifier.statusKey]?.stringValue == "closed")
            #expect(try await tester.send("hello again") == [configuration.closedMessage], "the questions do not start over")
        }
    }

    @Test("a day of silence brings one gentle follow-up, never more")
    func oneFollowUp() async throws {
        let tester = try await BotTester(bot: makeLeadQualifier(LeadQualifierConfiguration(), sink: CollectedLeads()))
        try await tester.run {
            try await tester.send("hi")
            try await tester.send("Ada")
            try await tester.advance(by: Self.day - .seconds(1))
            #expect(try await tester.replies().count == 2, "not before a full day")
            try await tester.advance(by: .seconds(2))
            #expect(try await tester.replies().last
                == "Hi Ada, just checking in. Whenever you have a minute, I'd love to finish up: Nice to meet you, Ada! Are you looking to 1) buy, 2) sell or 3) rent?")
            try await tester.advance(by: Self.day * 5)
            #expect(try await tester.replies().count == 3, "nothing more in that question")
            #expect(try await tester.send("buy") == ["What budget do you have in mind, in dollars?"])
            try await tester.advance(by: Self.day * 5)
            #expect(try await tester.replies().count == 4, "nor in the next: one follow-up per lead")
        }
    }

    @Test("the summary is posted as JSON; a failing endpoint makes the event retry until it takes it, with one reply")
    func postsTheSummary() async throws {
        let receiver = FakeReceiver(statuses: [503])
        try await receiver.run { url in
            var configuration = LeadQualifierConfiguration()
            configuration.handOffURL = url
            let bot = makeLeadQualifier(configuration)
            let tester = try await BotTester(bot: bot)
            try await tester.run {
                for answer in ["hi", "Ada", "sell", "600k"] { try await tester.send(answer) }
                #expect(try await tester.send("2").isEmpty, "the post failed: the event waits for a retry")
                try await tester.advance(by: .seconds(60))
                #expect(try await tester.replies().last == "Thanks Ada! You're a great fit. One of our agents will text you here shortly.")
                #expect(try await tester.replies().count(where: { $0.hasPrefix("Thanks Ada!") }) == 1)
                let posts = receiver.posts
                #expect(posts.count == 2, "the failed post and its retry")
                let post = try #require(posts.last)
                #expect(post["name"] as? String == "Ada")
                #expect(post["need"] as? String == "sell")
                #expect(post["budget"] as? Int == 600_000)
                #expect(post["timeline_months"] as? Int == 3)
                #expect(post["score"] as? Int == 95)
                #expect(post["qualified"] as? Bool == true)
                #expect((post["completed_at"] as? String)?.hasSuffix("Z") == true)
                #expect(try await tester.app.chats().map(\.handedOff) == [true])
            }
        }
    }

    @Test("answers are read leniently")
    func readsAnswers() {
        #expect(LeadAnswers.name("My name is jean-luc") == "Jean-luc")
        #expect(LeadAnswers.name("call me at 555 1234") == nil)
        #expect(LeadAnswers.budget("$350,000") == 350_000)
        #expect(LeadAnswers.budget("1.5 million") == 1_500_000)
        #expect(LeadAnswers.budget("0") == nil)
        #expect(LeadAnswers.timeline("ASAP!", choices: 4) == 0)
        #expect(LeadAnswers.timeline("in 6 months", choices: 4) == 2)
        #expect(LeadAnswers.need("I want to sell my flat", from: LeadQualifierConfiguration().needs)?.name == "sell")
    }
}
