import Foundation
import LinqBot
import LinqModels
import Logging
import Synchronization

/// The lead-qualification flow the flow tests talk to: three steps with branches, a
/// follow-up after a day of silence, global RESTART and HELP.
enum QualificationBot {
    enum Step: String, FlowState { case name, need, budget }

    struct Lead: Codable, Sendable, Hashable {
        var name = ""
        var need = ""
        var budget = 0
    }

    static let day = Duration.seconds(86_400)

    static func makeFlow() -> Flow<Step, Lead> {
        let flow = Flow<Step, Lead>("qualify", initial: .name, data: Lead())
        flow.onEnter(.name) { ctx, _ in try await ctx.reply("Hi! What is your name?") }
        flow.on(.name) { ctx, lead in
            let name = (ctx.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, name.count <= 40 else {
                try await ctx.reply("Please tell me your name.")
                return .stay
            }
            lead.name = name
            return .go(.need)
        }
        flow.onEnter(.need) { ctx, lead in try await ctx.reply("Thanks \(lead.name). Are you looking to BUY or RENT?") }
        flow.on(.need) { ctx, lead in
            switch ctx.text?.lowercased() {
            case "buy":
                lead.need = "buy"
                return .go(.budget)
            case "rent":
                lead.need = "rent"
                try await ctx.reply("We only sell homes, sorry. Goodbye!")
                return .finish
            default:
                try await ctx.reply("Please answer BUY or RENT.")
                return .stay
            }
        }
        flow.timeout(.need, after: day) { ctx, lead in
            try await ctx.reply("Still there, \(lead.name)? Reply BUY or RENT.")
            return .stay
        }
        flow.onEnter(.budget) { ctx, _ in try await ctx.reply("What is your budget in dollars?") }
        flow.on(.budget) { ctx, lead in
            guard let budget = Int((ctx.text ?? "").filter(\.isNumber)), budget > 0 else {
                try await ctx.reply("A number, please.")
                return .stay
            }
            lead.budget = budget
            return .finish
        }
        flow.onFinish { ctx, lead in
            guard lead.need == "buy" else { return }
            try await ctx.reply(lead.budget >= 100_000 ? "You qualify, \(lead.name)! An agent will call you." : "Thanks, \(lead.name). We will keep in touch.")
        }
        return flow
    }

    /// A bot with the flow; `observed` collects the texts of handed-off chats.
    static func makeBot(observed: Collected? = nil, configuration: Bot.Configuration = .init(botID: "qualify-bot")) -> (Bot, Flow<Step, Lead>) {
        let bot = Bot(configuration: configuration)
        // The bot answers HELP itself (line health would otherwise answer it first).
        bot.adjustLineHealth { $0.optOut.helpKeywords = [] }
        let flow = makeFlow()
        bot.add(flow, startWhen: .keyword("start"))
        bot.global { routes in
            routes.on(.text, .keyword("restart")) { ctx in
                try await ctx.endFlow()
                try await ctx.reply("Cancelled. Text START to begin again.")
            }
            routes.on(.text, .keyword("help")) { ctx in try await ctx.reply("Answer the questions, or text RESTART.") }
        }
        bot.observeHandedOff { ctx in observed?.append(ctx.text ?? "") }
        bot.onText { ctx, _ in try await ctx.reply("Text START to begin.") }
        return (bot, flow)
    }
}

/// Strings collected from handlers and log handlers.
final class Collected: Sendable {
    private let values = Mutex<[String]>([])

    func append(_ value: String) { values.withLock { $0.append(value) } }

    var all: [String] { values.withLock { $0 } }
}

/// Collects log messages at warning level and above, for tests that expect a warning.
struct WarningCollector: LogHandler {
    let box: Collected
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .warning

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        guard event.level >= .warning else { return }
        box.append(event.message.description)
    }
}
