public import LinqModels

/// Something a bot does in a chat; every one passes the outbound middleware chain.
public struct OutboundAction: Sendable {
    /// What is done.
    public enum Kind: Sendable {
        /// Send a message.
        case message(MessageContent, overrideOptOut: Bool)
        /// React to a message.
        case reaction(ReactionRequest, on: MessageID)
        /// Start (`true`) or stop the typing indicator.
        case typing(Bool)
        /// Mark the chat read.
        case markRead
        /// Share our contact card.
        case shareContactCard
    }

    /// What is done.
    public var kind: Kind
    /// The chat it is done in; `nil` for a proactive first message, which creates the chat
    /// from ``line`` to ``recipients``.
    public var chatID: ChatID?
    /// Our line, when known.
    public var line: String?
    /// The handles it reaches, when known: the person of a direct chat, or a first message's recipients.
    public var recipients: [String]
    /// Whether it is the bot's own initiative (timers, scheduled and business sends) rather
    /// than an answer to the person.
    public var isProactive: Bool
    /// The idempotency key of a message send (deterministic per bot, event and step).
    public var idempotencyKey: String?
    /// Line health's own opt-out, opt-in and help answers, which the opt-out rule lets through.
    var isComplianceNotice = false

    /// Creates an action.
    public init(
        kind: Kind, chatID: ChatID?, line: String? = nil, recipients: [String] = [], isProactive: Bool = false, idempotencyKey: String? = nil
    ) {
        self.kind = kind
        self.chatID = chatID
        self.line = line
        self.recipients = recipients
        self.isProactive = isProactive
        self.idempotencyKey = idempotencyKey
    }
}

/// What became of an outbound action.
public enum OutboundResult: Sendable {
    /// Linq accepted a message.
    case sent(SentMessage)
    /// Linq accepted a non-message action.
    case done
    /// A middleware refused it, with the reason.
    case refused(String)
}
