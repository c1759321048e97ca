public import LinqModels

/// Something a bot does in a chat; every one passes the outbound middleware chain.
///
/// Every Linq write that reaches a person or changes a chat has a kind here, so that
/// middleware and line health see it whoever starts it (a handler, a flow, a timer, business
/// code). Account-level writes that reach nobody (webhook subscriptions, contact-card setup,
/// blocked handles, call forwarding, reputation audits, attachment slots, capability checks)
/// stay on the client.
public struct OutboundAction: Sendable {
    /// What is done.
    public enum Kind: Sendable {
        /// Send a message (text, media by URL or uploaded attachment, link, app card, effect,
        /// reply-to) into the chat, or, with no chat, start one with the action's recipients:
        /// `POST /v3/chats/{id}/messages` or `POST /v3/chats`.
        case message(MessageContent, overrideOptOut: Bool)
        /// Send audio as a voice-memo bubble: `POST /v3/chats/{id}/voicememo`.
        case voiceMemo(VoiceMemoRequest)
        /// Send with Linq choosing the line and the chat: `POST /v3/messages`.
        case autoFromMessage(CreateMessageRequest)
        /// Edit the text of one of our messages: `PATCH /v3/messages/{id}`.
        case edit(EditMessageRequest, of: MessageID)
        /// Delete one of our messages: `DELETE /v3/messages/{id}`.
        case delete(MessageID)
        /// React to a message: `POST /v3/messages/{id}/reactions`.
        case reaction(ReactionRequest, on: MessageID)
        /// Move a sticker we placed: `PATCH /v3/messages/{id}/reactions/{reactionId}`.
        case stickerMove(ReactionID, on: MessageID, to: StickerPlacement)
        /// Replace one of our iMessage app cards: `POST /v3/messages/{id}/update`.
        case appCardUpdate(UpdateAppCardRequest, of: MessageID)
        /// Start (`true`) or stop the typing indicator.
        case typing(Bool)
        /// Mark the chat read.
        case markRead
        /// Share our contact card.
        case shareContactCard
        /// Add a person to a group: `POST /v3/chats/{id}/participants`.
        case participantAdded(String)
        /// Remove a person from a group: `DELETE /v3/chats/{id}/participants`.
        case participantRemoved(String)
        /// Rename a group or set its icon: `PUT /v3/chats/{id}`.
        case chatUpdate(UpdateChatRequest)
        /// Our line leaves a group: `POST /v3/chats/{id}/leave`.
        case leave
        /// Ask the person to share their location: `POST /v3/chats/{id}/location/request`.
        case locationRequest
        /// End a person's location share: `DELETE /v3/chats/{id}/location`.
        case locationStop(String)
    }

    /// What is done.
    public var kind: Kind
    /// The chat it is done in; `nil` for a proactive first message, which creates the chat
    /// from ``line`` to ``recipients``, and for a ``Kind/autoFromMessage(_:)`` send.
    public var chatID: ChatID?
    /// Our line, when known.
    public var line: String?
    /// The handles it reaches, when known: the person of a direct chat, a first message's
    /// recipients, or the person a group gains.
    public var recipients: [String]
    /// Whether it is the bot's own initiative (timers, scheduled and business sends) rather
    /// than an answer to the person.
    public var isProactive: Bool
    /// The idempotency key of a message send (deterministic per bot, event and step).
    public var idempotencyKey: String?
    /// A file uploaded to Linq right before the action runs, once every middleware and line
    /// health let it through; its attachment id replaces ``OutboundUpload/placeholder``.
    public var upload: OutboundUpload?
    /// Line health's own opt-out, opt-in and help answers, which the opt-out rule lets through.
    var isComplianceNotice = false

    /// Creates an action.
    public init(
        kind: Kind, chatID: ChatID?, line: String? = nil, recipients: [String] = [], isProactive: Bool = false, idempotencyKey: String? = nil,
        upload: OutboundUpload? = nil
    ) {
        self.kind = kind
        self.chatID = chatID
        self.line = line
        self.recipients = recipients
        self.isProactive = isProactive
        self.idempotencyKey = idempotencyKey
        self.upload = upload
    }
}

/// What became of an outbound action.
public enum OutboundResult: Sendable {
    /// Linq accepted a message (a voice memo's record carries its id and time).
    case sent(SentMessage)
    /// Linq accepted a non-message action.
    case done
    /// A middleware refused it, with the reason.
    case refused(String)
}
