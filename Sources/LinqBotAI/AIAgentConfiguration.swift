public import LinqBot
public import Foundation
public import LinqAPI

/// Everything the AI agent needs: where the model is, how it should behave, and how its answers
/// become text messages. Every value has a default except ``baseURL`` and ``model``.
///
/// ```swift
/// var configuration = AIAgentConfiguration(baseURL: URL(string: "http://127.0.0.1:11434/v1")!, model: "llama3.2")
/// configuration.systemPrompt = "You answer questions about Rosa's Bakery in short, friendly texts."
/// let bot = makeAIAgent(configuration)
/// ```
public struct AIAgentConfiguration: Sendable {
    /// The model's API (``AIProvider``): Chat Completions unless set.
    public var provider: AIProvider = .chatCompletions
    /// The API's base URL; requests go to `<baseURL>/chat/completions`, `<baseURL>/responses`
    /// or `<baseURL>/messages` by ``provider`` (for example `https://api.openai.com/v1`, or a
    /// local server such as `http://127.0.0.1:11434/v1`).
    public var baseURL: URL
    /// The model name sent with each request.
    public var model: String
    /// The bearer token, when the server needs one.
    public var apiKey: Secret?
    /// The instructions sent first in every request.
    public var systemPrompt: String
    /// The sampling temperature, when set.
    public var temperature: Double?
    /// The most tokens one answer may have (the server's limit when unset; 1024 for Anthropic).
    public var maxOutputTokens: Int?
    /// How many times in one turn the model may call tools and be asked again; the last
    /// request offers no tools, so the turn always ends with an answer.
    public var maxToolRounds = 4
    /// Whether images the person sends go to the model with the text (for models that see
    /// images); when off, or in later turns of the history, the model reads
    /// ``ChatTurn/imagePlaceholder(count:)`` instead.
    public var sendsImages = true
    /// The built-in tools the model may use (``BuiltInTool``); none unless set.
    public var builtInTools: Set<BuiltInTool> = []
    /// Condenses the turns that no longer fit the history into a summary sent with the
    /// instructions (``HistorySummary/using(_:)`` asks a model); without one they are forgotten.
    public var summarizer: HistorySummarizer?
    /// Words that, sent alone (any case), forget the chat's conversation.
    public var resetKeywords: [String] = ["reset"]
    /// Sent after a reset.
    public var resetMessage = "Okay, let's start over. What can I do for you?"
    /// In group chats the agent answers only messages that name it: that contain one of these
    /// names as a word (any case). Empty (the default): it stays silent in groups; `["*"]`:
    /// it answers every message of a group.
    public var groupNames: [String] = []
    /// How many turns (a person's or the model's) of a chat's history are kept and sent.
    public var maxHistoryTurns: Int
    /// How many characters of history are kept at most; the oldest turns go first.
    public var maxHistoryCharacters: Int
    /// Messages within this window of the last one become one turn.
    public var burstWindow: Duration
    /// A burst waits at most this long from its first message.
    public var burstMaxWait: Duration
    /// What happens when the person writes again while an answer is still being written
    /// (``TurnPolicy``): by default the answer stops and the next turn answers everything.
    public var turnPolicy: TurnPolicy = .restart
    /// How often the typing indicator is shown again while the model thinks (Linq hides it after about 90 s).
    public var typingRefresh: Duration
    /// The model call fails when the stream shows no progress for this long.
    public var timeout: Duration
    /// The text the model writes to ask for a person (told to it in the system prompt); never shown.
    public var handOffMarker: String
    /// Phrases that, found in a person's message (any case), hand the chat to a person at once.
    public var handOffPhrases: [String]
    /// Sent when the chat is handed to a person and the model said nothing itself.
    public var handOffMessage: String
    /// Sent when the model cannot be reached or fails.
    public var fallbackMessage: String
    /// The longest bubble on iMessage and RCS, in characters.
    public var maxBubbleLength: Int
    /// The longest bubble on SMS (160 fits one GSM-7 segment).
    public var maxSMSBubbleLength: Int
    /// A sentence end closes a bubble once the bubble has at least this many characters.
    public var minBubbleLength: Int
    /// Whether each bubble's Markdown is flattened into plain text before it is sent
    /// (``MarkdownFlattener``: no `**`, `•` list items, code kept as written). On by default.
    public var plainText = true
    /// The tokens (prompt and answer, as the API counts them) one person may spend in a day of
    /// the chat's time zone; once spent, each turn gets ``budgetMessage`` instead of an answer
    /// until the next day. `nil` (the default): no limit.
    public var dailyTokenBudget: Int?
    /// Sent instead of an answer once the person's ``dailyTokenBudget`` is spent.
    public var budgetMessage = "I've answered a lot of questions today and need a break. Write again tomorrow, or say \"human\" to reach our team."
    /// Opt-out, pacing, quiet hours and the other line-health rules (``LineHealthConfiguration``).
    public var lineHealth = LineHealthConfiguration()
    /// The bot's id in idempotency keys.
    public var botID: String

    /// The system prompt used when none is configured.
    public static let defaultSystemPrompt = """
        You are a helpful assistant answering by text message. Keep answers short: a few sentences, \
        plain text, no Markdown. If the person needs something only a human can do, or asks for one, \
        write [HANDOFF] and nothing after it.
        """

    /// Creates a configuration for `model` at `baseURL`.
    public init(
        baseURL: URL, model: String, apiKey: Secret? = nil, systemPrompt: String = AIAgentConfiguration.defaultSystemPrompt,
        temperature: Double? = nil, maxHistoryTurns: Int = 20, maxHistoryCharacters: Int = 12_000, burstWindow: Duration = .seconds(3),
        burstMaxWait: Duration = .seconds(15), typingRefresh: Duration = .seconds(60), timeout: Duration = .seconds(45),
        handOffMarker: String = "[HANDOFF]",
        handOffPhrases: [String] = ["human", "real person", "representative", "talk to someone", "speak to someone"],
        handOffMessage: String = "I'm bringing in someone from our team. They'll reply here shortly.",
        fallbackMessage: String = "Sorry, I can't answer right now. Please try again in a few minutes.",
        maxBubbleLength: Int = 320, maxSMSBubbleLength: Int = 160, minBubbleLength: Int = 60, botID: String = "ai-agent"
    ) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.systemPrompt = systemPrompt
        self.temperature = temperature
        self.maxHistoryTurns = max(1, maxHistoryTurns)
        self.maxHistoryCharacters = max(1, maxHistoryCharacters)
        self.burstWindow = burstWindow
        self.burstMaxWait = burstMaxWait
        self.typingRefresh = typingRefresh
        self.timeout = timeout
        self.handOffMarker = handOffMarker
        self.handOffPhrases = handOffPhrases
        self.handOffMessage = handOffMessage
        self.fallbackMessage = fallbackMessage
        self.maxBubbleLength = max(20, maxBubbleLength)
        self.maxSMSBubbleLength = max(20, maxSMSBubbleLength)
        self.minBubbleLength = max(0, minBubbleLength)
        self.botID = botID
    }

    /// Whether `text` is one of the ``resetKeywords``.
    public func isReset(_ text: String) -> Bool {
        let word = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)).lowercased()
        return resetKeywords.contains { $0.lowercased() == word }
    }

    /// Whether a group message `text` is addressed to the agent (see ``groupNames``).
    public func isAddressed(_ text: String) -> Bool {
        if groupNames.contains("*") { return true }
        return groupNames.contains { name in
            let name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return false }
            // The name as a word: "Rosa," and "@rosa" name Rosa, "Rosalind" does not.
            let pattern = "(?<![\\p{L}\\p{N}])" + NSRegularExpression.escapedPattern(for: name) + "(?![\\p{L}\\p{N}])"
            return text.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil
        }
    }

    /// Whether `text` asks for a person (one of ``handOffPhrases``, any case).
    public func asksForPerson(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return handOffPhrases.contains { !$0.isEmpty && lowered.contains($0.lowercased()) }
    }
}
