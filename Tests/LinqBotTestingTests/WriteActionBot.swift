import Foundation
import LinqBot
import LinqModels

/// A bot that performs any write a handler can do, by name, from a handler ("do NAME"), a
/// timer ("later NAME") or a flow started by business code: for the send-layer tests.
enum WriteActionBot {
    /// A second and third person, for groups.
    static let friend = "+15555550177"
    static let neighbour = "+15555550178"
    /// The person the tests talk as (``BotTester``'s default).
    static let person = "+15555550123"

    enum Step: String, FlowState { case acting }

    /// Which write a started flow performs.
    struct Act: Codable, Sendable {
        var action = "reply"
    }

    /// Every write of the context, by name, with the kind the simulator logs it as.
    static let actions: [(name: String, logged: String)] = [
        ("reply", "message"), ("media_url", "message"), ("media_data", "message"), ("media_file", "message"),
        ("voice_memo_url", "voice_memo"), ("voice_memo_data", "voice_memo"), ("auto_from", "message"), ("start_group", "message"),
        ("edit", "edit"), ("delete", "delete"), ("react", "reaction"), ("sticker_move", "sticker_move"),
        ("app_card_update", "app_card_update"), ("typing", "typing_started"), ("mark_read", "read"), ("contact_card", "contact_card"),
        ("add_participant", "participant_added"), ("remove_participant", "participant_removed"), ("rename_group", "chat_update"),
        ("leave", "leave"), ("location_request", "location_request"), ("location_stop", "location_stop"),
    ]

    static func make(shareContactCard: Bool = true) -> Bot {
        let bot = Bot(configuration: .init(botID: "writes-bot"))
        var health = LineHealthConfiguration(businessName: "Acme Dental")
        health.quietHours = nil
        health.shareContactCard = shareContactCard
        bot.useLineHealth(health)
        let flow = Flow<Step, Act>("act", initial: .acting, data: Act())
        flow.onEnter(.acting) { ctx, data in try await perform(data.action, ctx) }
        flow.on(.acting) { _, _ in .finish }
        bot.add(flow)
        bot.onTimer("act") { ctx, timer in try await perform(timer.payload?.stringValue ?? "", ctx) }
        bot.onText(.regex("^later ")) { ctx, text in
            try await ctx.schedule("act", after: .seconds(60), payload: .string(String(text.dropFirst(6))))
        }
        bot.onText(.regex("^do ")) { ctx, text in try await perform(String(text.dropFirst(3)), ctx) }
        bot.onText { ctx, text in remember(try await ctx.reply("You said: \(text)"), ctx) }
        return bot
    }

    /// Performs the write called `name`; what Linq answered is kept in the session under
    /// `result` (`sent`, `done`, `refused: …` or `failed: …`).
    static func perform(_ name: String, _ ctx: ChatContext) async throws {
        let last = ctx.session("last_sent", as: String.self).map { MessageID($0) } ?? MessageID("none")
        let result: OutboundResult
        do {
            result = try await write(name, ctx, last: last)
        } catch let error as ChatContextError {
            throw error
        } catch {
            // Linq's own refusals (a group rule, nothing to stop) are results too.
            ctx.setSession("result", "failed: \(error)")
            return
        }
        remember(result, ctx)
    }

    private static func write(_ name: String, _ ctx: ChatContext, last: MessageID) async throws -> OutboundResult {
        switch name {
        case "reply": return try await ctx.reply("Hello again")
        case "media_url": return try await ctx.sendMedia(url: "https://example.com/menu.jpg", caption: "Today's menu")
        case "media_data": return try await ctx.sendMedia(Data(repeating: 7, count: 64), filename: "chart.png", caption: "Your chart")
        case "media_file":
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("linqbot-\(UUID().uuidString).pdf")
            try Data("%PDF-1.4 receipt".utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            return try await ctx.sendFile(at: file, caption: "Your receipt")
        case "voice_memo_url": return try await ctx.sendVoiceMemo(url: "https://example.com/hello.m4a")
        case "voice_memo_data": return try await ctx.sendVoiceMemo(Data(repeating: 1, count: 32), filename: "hello.m4a")
        case "auto_from": return try await ctx.sendAutoFrom(CreateMessageRequest(to: [person], message: .text("From any line")))
        case "start_group": return try await ctx.startChat(with: [person, friend], .text("Welcome, both of you"))
        case "edit": return try await ctx.edit(last, text: "Edited text")
        case "delete": return try await ctx.deleteMessage(last)
        case "react": return try await ctx.react(.add(.love), to: last)
        case "sticker_move": return try await ctx.moveSticker(ReactionID("sticker-1"), on: last, to: StickerPlacement(x: 0.5))
        case "app_card_update": return try await ctx.updateAppCard(last, UpdateAppCardRequest(layout: IMessageAppLayout(caption: "Updated")))
        case "app_card":
            let identity = IMessageAppIdentity(bundleID: "com.example.orders.extension", name: "Orders", teamID: "ABCDE12345")
            return try await ctx.reply(MessageContent(parts: [.iMessageApp(OutgoingIMessageApp(app: identity, layout: IMessageAppLayout(caption: "Order 1")))]))
        case "typing": return try await ctx.startTyping()
        case "mark_read": return try await ctx.markRead()
        case "contact_card": return try await ctx.shareContactCard()
        case "add_participant": return try await ctx.addParticipant(neighbour)
        case "add_person": return try await ctx.addParticipant(person)
        case "remove_participant": return try await ctx.removeParticipant(friend)
        case "rename_group": return try await ctx.renameGroup("Team")
        case "leave": return try await ctx.leaveChat()
        case "location_request": return try await ctx.requestLocation()
        case "location_stop": return try await ctx.stopLocationSharing(of: person)
        default: return .refused("no action \(name)")
        }
    }

    private static func remember(_ result: OutboundResult, _ ctx: ChatContext) {
        switch result {
        case .sent(let message):
            ctx.setSession("last_sent", message.id.rawValue)
            ctx.setSession("result", "sent")
        case .done: ctx.setSession("result", "done")
        case .refused(let reason): ctx.setSession("result", "refused: \(reason)")
        }
    }
}
