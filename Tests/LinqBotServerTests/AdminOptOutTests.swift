import Foundation
import LinqBot
import LinqBotServer
import LinqBotTesting
import LinqModels
import NIOHTTP1
import Testing

/// The admin API starts flows and sends messages through the same send layer as handlers: after
/// STOP, nothing it asks for reaches the person.
@Suite struct AdminOptOutTests {
    enum Step: String, FlowState { case acting }

    struct Act: Codable, Sendable {
        var action = "reply"
    }

    /// A bot with line health whose flow "act" performs the write named in its data.
    static func makeBot() -> Bot {
        let bot = Bot(configuration: .init(botID: "admin-writes"))
        var health = LineHealthConfiguration(businessName: "Acme Dental")
        health.quietHours = nil
        bot.useLineHealth(health)
        let flow = Flow<Step, Act>("act", initial: .acting, data: Act())
        flow.onEnter(.acting) { ctx, data in
            let result = try await write(data.action, ctx)
            if case .refused = result { ctx.setSession("refused", data.action) }
        }
        flow.on(.acting) { _, _ in .finish }
        bot.add(flow)
        bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
        return bot
    }

    static let actions = [
        "reply", "media_url", "media_data", "voice_memo", "auto_from", "start_group", "edit", "delete", "react", "sticker_move",
        "app_card_update", "typing", "mark_read", "contact_card", "add_participant", "remove_participant", "rename_group", "leave",
        "location_request", "location_stop",
    ]

    static func write(_ name: String, _ ctx: ChatContext) async throws -> OutboundResult {
        let person = "+15555550123"
        let message = MessageID("m-1")
        switch name {
        case "reply": return try await ctx.reply("Hello again")
        case "media_url": return try await ctx.sendMedia(url: "https://example.com/menu.jpg")
        case "media_data": return try await ctx.sendMedia(Data(repeating: 7, count: 16), filename: "chart.png")
        case "voice_memo": return try await ctx.sendVoiceMemo(url: "https://example.com/hello.m4a")
        case "auto_from": return try await ctx.sendAutoFrom(CreateMessageRequest(to: [person], message: .text("Hi")))
        case "start_group": return try await ctx.startChat(with: [person, "+15555550177"], .text("Welcome"))
        case "edit": return try await ctx.edit(message, text: "Edited")
        case "delete": return try await ctx.deleteMessage(message)
        case "react": return try await ctx.react(.add(.like), to: message)
        case "sticker_move": return try await ctx.moveSticker(ReactionID("r-1"), on: message, to: StickerPlacement(scale: 1))
        case "app_card_update": return try await ctx.updateAppCard(message, UpdateAppCardRequest(layout: IMessageAppLayout(caption: "New")))
        case "typing": return try await ctx.startTyping()
        case "mark_read": return try await ctx.markRead()
        case "contact_card": return try await ctx.shareContactCard()
        case "add_participant": return try await ctx.addParticipant("+15555550178")
        case "remove_participant": return try await ctx.removeParticipant("+15555550177")
        case "rename_group": return try await ctx.renameGroup("Team")
        case "leave": return try await ctx.leaveChat()
        case "location_request": return try await ctx.requestLocation()
        case "location_stop": return try await ctx.stopLocationSharing(of: person)
        default: return .done
        }
    }

    @Test("After STOP, no flow or message started through the admin API reaches the person")
    func adminCannotReachAnOptedOutPerson() async throws {
        let bot = Self.makeBot()
        let tester = try await BotTester(bot: bot)
        try await AdminHarness.serve(tester.app) { admin in
            try await tester.run {
                try await tester.simulatorEnforcesOptOut(false)
                #expect(try await tester.send("hello") == ["You said: hello"])
                let chat = try #require(try await tester.chatID())
                try await tester.send("STOP")
                let afterStop = tester.requests(involving: tester.person).count
                for action in Self.actions {
                    let started = try await admin.call(.POST, "/admin/flows/act/start", [
                        "chat_id": .string(chat.rawValue), "data": ["action": .string(action)],
                    ])
                    #expect(started.status == 202, "\(action): \(started.json)")
                    try await tester.settle()
                    #expect(try await tester.session()["refused"]?.stringValue == action, "\(action) was not refused")
                }
                let targets: [[String: JSONValue]] = [["chat_id": .string(chat.rawValue)], ["handle": .string(tester.person), "line": .string(tester.line)]]
                for var fields in targets {
                    fields["text"] = "Our summer offer"
                    let sent = try await admin.call(.POST, "/admin/messages", .object(fields))
                    #expect(sent.status == 202, "\(sent.json)")
                    try await tester.settle()
                }
                #expect(tester.requests(involving: tester.person).count == afterStop, "nothing after the STOP confirmation reached the person")
                #expect(try await tester.deadLetters().isEmpty)
            }
        }
    }
}
