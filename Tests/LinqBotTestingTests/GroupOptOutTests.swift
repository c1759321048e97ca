import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import LinqSimulator
import Testing

/// Reliability row F5: STOP said in a group chat. The person is opted out of everything sent
/// to them directly (and nothing is ever sent to them directly because of it); the group gets
/// what ``GroupOptOutPolicy`` allows; the one confirmation goes into the group.
@Suite struct GroupOptOutTests {
    static let ann = "+15555550141"
    static let ben = "+15555550142"
    static let cy = "+15555550143"

    /// The replier bot with the rules that would also stop proactive sends (quiet hours, the
    /// follow-up guard) off, so what stops them here is the group policy.
    static func makeBot(_ policy: GroupOptOutPolicy? = nil) -> Bot {
        LineHealthBots.replier { health in
            if let policy { health.groupOptOut = policy }
            health.quietHours = nil
            health.followUpLimit = nil
            health.shareContactCard = false
        }
    }

    /// Ann has a direct chat with the bot, then says STOP in a group with Ben. Returns the
    /// group, Ann's direct chat, the confirmation, and how many calls involved Ann before the STOP.
    static func stopInGroup(_ tester: BotTester) async throws -> (group: ChatID, direct: ChatID, confirmation: [String], before: Int) {
        try await tester.simulatorEnforcesOptOut(false)
        #expect(try await tester.send("hi", from: ann) == ["You said: hi"])
        let direct = try #require(try await tester.chatID(with: ann))
        let group = try await tester.startGroup(with: [ann, ben], named: "Book club")
        #expect(try await tester.send("remind me", in: group, from: ben) == ["I will remind you in an hour."])
        let before = tester.requests(involving: ann).count
        let confirmation = try await tester.send("STOP", in: group, from: ann)
        #expect(try await tester.app.isOptedOut(ann))
        #expect(try await !tester.app.isOptedOut(ben))
        return (group, direct, confirmation, before)
    }

    /// What went to Ann since the STOP: only calls into the group, and one confirmation among them.
    static func expectNothingDirect(_ tester: BotTester, group: ChatID, since before: Int) {
        let after = tester.requests(involving: ann).dropFirst(before)
        #expect(after.filter { $0.chatID != group.rawValue }.isEmpty, "never a direct send to Ann: \(after.filter { $0.chatID != group.rawValue })")
        let confirmations = after.filter(\.overrideOptOut)
        #expect(confirmations.count == 1, "one confirmation, in the group")
        #expect(confirmations.first?.chatID == group.rawValue)
    }

    @Test("F5 default (answer-only): the group's messages are answered; nothing proactive goes to it, nothing to the person directly")
    func answerOnly() async throws {
        #expect(LineHealthConfiguration().groupOptOut == .answerOnly)
        let tester = try await BotTester(bot: Self.makeBot())
        try await tester.run {
            let (group, direct, confirmation, before) = try await Self.stopInGroup(tester)
            #expect(confirmation.count == 1)
            #expect(confirmation.first?.hasPrefix("\(LineHealthBots.name): you are unsubscribed") == true)
            #expect(confirmation.first?.contains("no further messages from us directly") == true)

            // Answers to the group's messages still go.
            #expect(try await tester.send("hello", in: group, from: Self.ben) == ["You said: hello"])
            // Nothing the bot starts: the timer set before the STOP, one set after it, a business send.
            #expect(try await tester.send("remind me again", in: group, from: Self.ben) == ["I will remind you in an hour."])
            let groupBefore = try await tester.replies(in: group)
            try await tester.app.send(.text("Our summer offer!"), to: group)
            try await tester.settle()
            try await tester.advance(by: .seconds(7200))
            #expect(try await tester.replies(in: group) == groupBefore, "no proactive message reached the group")

            // Nor anything to Ann directly, business sends included.
            try await tester.app.send(.text("A direct offer"), to: direct)
            try await tester.settle()
            #expect(try await tester.send("are you there?", from: Self.ann).isEmpty)
            Self.expectNothingDirect(tester, group: group, since: before)

            // A group without Ann is not affected.
            let other = try await tester.startGroup(with: [Self.ben, Self.cy], named: "Chess")
            #expect(try await tester.send("remind me", in: other, from: Self.cy) == ["I will remind you in an hour."])
            try await tester.app.send(.text("Chess night on Friday"), to: other)
            try await tester.settle()
            try await tester.advance(by: .seconds(3700))
            let otherReplies = try await tester.replies(in: other)
            #expect(otherReplies.contains("Chess night on Friday"))
            #expect(otherReplies.contains("Reminder: your appointment is tomorrow."))
            #expect(try await tester.deadLetters().isEmpty, "refused sends are no failures")
        }
    }

    @Test("F5 silent: after the confirmation nothing goes to the group, answers included")
    func silent() async throws {
        let tester = try await BotTester(bot: Self.makeBot(.silent))
        try await tester.run {
            let (group, _, confirmation, before) = try await Self.stopInGroup(tester)
            #expect(confirmation.count == 1)
            #expect(try await tester.send("hello", in: group, from: Self.ben).isEmpty)
            #expect(try await tester.send("HELP", in: group, from: Self.ben).isEmpty)
            try await tester.app.send(.text("Our summer offer!"), to: group)
            try await tester.settle()
            try await tester.advance(by: .seconds(7200))
            let replies = try await tester.replies(in: group)
            #expect(replies.last == confirmation.last, "the confirmation was the group's last message")
            Self.expectNothingDirect(tester, group: group, since: before)

            // Once Ann opts in again (the START is answered: Ann is no longer opted out), the group is open again.
            #expect(try await tester.send("START", in: group, from: Self.ann).count == 1)
            #expect(try await tester.send("hello again", in: group, from: Self.ben) == ["You said: hello again"])
        }
    }

    @Test("F5 unrestricted (Linq's behaviour): the group gets everything, its timers run on; the person still nothing directly")
    func unrestricted() async throws {
        let tester = try await BotTester(bot: Self.makeBot(.unrestricted))
        try await tester.run {
            let (group, direct, confirmation, before) = try await Self.stopInGroup(tester)
            #expect(confirmation.count == 1)
            #expect(try await tester.send("hello", in: group, from: Self.ben) == ["You said: hello"])
            try await tester.app.send(.text("Our summer offer!"), to: group)
            try await tester.settle()
            try await tester.advance(by: .seconds(3700))
            let replies = try await tester.replies(in: group)
            #expect(replies.contains("Our summer offer!"))
            #expect(replies.contains("Reminder: your appointment is tomorrow."), "the timer set before the STOP fired")

            try await tester.app.send(.text("A direct offer"), to: direct)
            try await tester.settle()
            let directSends = tester.requests(involving: Self.ann).dropFirst(before).filter { $0.chatID != group.rawValue }
            #expect(directSends.isEmpty, "never a direct send to Ann")
        }
    }

    @Test("F5: a member who opted out in a direct chat and never wrote in the group still stops proactive sends to it")
    func silentMemberOptedOutElsewhere() async throws {
        let tester = try await BotTester(bot: Self.makeBot())
        try await tester.run {
            try await tester.simulatorEnforcesOptOut(false)
            try await tester.send("STOP", from: Self.ann)
            let group = try await tester.startGroup(with: [Self.ann, Self.ben])
            #expect(try await tester.send("hi", in: group, from: Self.ben) == ["You said: hi"])
            try await tester.app.send(.text("Our summer offer!"), to: group)
            try await tester.settle()
            #expect(try await tester.replies(in: group) == ["You said: hi"])
        }
    }

    @Test("LINQBOT_GROUP_OPT_OUT chooses the policy; another value fails with what to write")
    func environment() throws {
        #expect(try LineHealthConfiguration.fromEnvironment([:]).groupOptOut == .answerOnly)
        #expect(try LineHealthConfiguration.fromEnvironment(["LINQBOT_GROUP_OPT_OUT": "silent"]).groupOptOut == .silent)
        #expect(try LineHealthConfiguration.fromEnvironment(["LINQBOT_GROUP_OPT_OUT": "Unrestricted"]).groupOptOut == .unrestricted)
        #expect(try LineHealthConfiguration.fromEnvironment(["LINQBOT_GROUP_OPT_OUT": "answer-only"]).groupOptOut == .answerOnly)
        let error = #expect(throws: (any Error).self) { try LineHealthConfiguration.fromEnvironment(["LINQBOT_GROUP_OPT_OUT": "quiet"]) }
        #expect(error.map { "\($0)" } == "LINQBOT_GROUP_OPT_OUT is \"quiet\"; use one of answer-only, silent, unrestricted.")
    }
}
