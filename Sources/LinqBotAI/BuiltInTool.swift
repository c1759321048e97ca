import Foundation
import LinqBot
import LinqModels

/// The tools LinqBotAI brings, turned on with ``AIAgentConfiguration/builtInTools`` or
/// `LINQBOT_AI_TOOLS`. Each acts through the chat's own helpers, so line health (opt-out,
/// pacing, quiet hours, the follow-up guard) governs what it sends.
public enum BuiltInTool: String, Sendable, Hashable, CaseIterable {
    /// `hand_off`: hands the chat to a person (the agent is silent there until it is handed back).
    case handOff = "hand_off"
    /// `schedule_follow_up`: a durable timer; when it falls due the model writes the follow-up.
    case scheduleFollowUp = "schedule_follow_up"
    /// `end_conversation`: the conversation is over; the next message starts afresh.
    case endConversation = "end_conversation"
    /// `react`: a tapback on the person's last message.
    case react
    /// `send_media`: sends an image or file from an https URL.
    case sendMedia = "send_media"

    /// The tool.
    public var tool: AITool {
        switch self {
        case .handOff: Self.handOffTool
        case .scheduleFollowUp: Self.followUpTool
        case .endConversation: Self.endTool
        case .react: Self.reactTool
        case .sendMedia: Self.mediaTool
        }
    }

    /// The timer a scheduled follow-up arrives as.
    public static let followUpTimer = "linqbot.ai.follow-up"

    struct HandOffArguments: Decodable { var reason: String }
    struct FollowUpArguments: Decodable {
        var minutes: Int
        var note: String
    }
    struct NoArguments: Decodable {}
    struct ReactArguments: Decodable { var reaction: Tapback }
    enum Tapback: String, Decodable, CaseIterable { case love, like, dislike, laugh, emphasize, question }
    struct MediaArguments: Decodable {
        var url: String
        var caption: String?
    }

    private static let handOffTool = AITool(
        "hand_off", description: "Hand the chat to a person on the team when the person needs something only a human can do, or asks for one."
    ) { (arguments: HandOffArguments, call) in
        await call.turn.handOff(reason: arguments.reason)
        return "The chat goes to a person once this turn ends. Write nothing more."
    }

    private static let followUpTool = AITool(
        "schedule_follow_up", description: "Schedule a follow-up message to this person in `minutes` minutes (1 to 43200); `note` says what it is about."
    ) { (arguments: FollowUpArguments, call) in
        guard (1...43_200).contains(arguments.minutes) else { throw ToolError("minutes must be between 1 and 43200") }
        try await call.context.schedule(followUpTimer, after: .seconds(arguments.minutes * 60), payload: ["note": .string(arguments.note)])
        return "Scheduled in \(arguments.minutes) minutes."
    }

    private static let endTool = AITool(
        "end_conversation", description: "End the conversation once the person's request is done; their next message starts a new one."
    ) { (_: NoArguments, call) in
        await call.forgetConversation()
        return "The conversation is over; say goodbye briefly if you have not."
    }

    private static let reactTool = AITool(
        "react", description: "React to the person's last message with a tapback instead of, or as well as, words."
    ) { (arguments: ReactArguments, call) in
        try await call.context.react(.add(ReactionType(rawValue: arguments.reaction.rawValue)))
        return "Reacted with \(arguments.reaction.rawValue)."
    }

    private static let mediaTool = AITool(
        "send_media", description: "Send the person an image or file from an https URL, with an optional caption."
    ) { (arguments: MediaArguments, call) in
        guard let url = URL(string: arguments.url), url.scheme == "https", url.host != nil else { throw ToolError("the url must be an https URL") }
        _ = try await call.context.sendMedia(url: arguments.url, caption: arguments.caption)
        return "Sent."
    }
}
