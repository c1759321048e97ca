/// The answer to `POST /v3/messages`: the chat Linq picked and the message sent.
public struct CreateMessageResponse: Codable, Hashable, Sendable {
    /// The chat the message went into.
    public var chatID: ChatID
    /// `true` when Linq opened a new chat.
    public var createdNewChat: Bool
    /// The E.164 line that sent it.
    public var from: String
    /// Why that line and chat were chosen.
    public var fromSelection: FromSelection
    /// The chat's participants.
    public var handles: [ChatHandle]
    /// Whether the chat is a group.
    public var isGroup: Bool
    /// The chat's service.
    public var service: Service
    /// The message sent.
    public var message: SentMessage
    /// On failover, the chat that could no longer send.
    public var previousChatID: ChatID?

    /// Creates a response.
    public init(
        chatID: ChatID, createdNewChat: Bool, from: String, fromSelection: FromSelection, handles: [ChatHandle],
        isGroup: Bool, service: Service, message: SentMessage, previousChatID: ChatID? = nil
    ) {
        self.chatID = chatID
        self.createdNewChat = createdNewChat
        self.from = from
        self.fromSelection = fromSelection
        self.handles = handles
        self.isGroup = isGroup
        self.service = service
        self.message = message
        self.previousChatID = previousChatID
    }

    enum CodingKeys: String, CodingKey {
        case from, handles, service, message
        case chatID = "chat_id"
        case createdNewChat = "created_new_chat"
        case fromSelection = "from_selection"
        case isGroup = "is_group"
        case previousChatID = "previous_chat_id"
    }

    /// How Linq chose the sending line.
    public struct FromSelection: Codable, Hashable, Sendable {
        /// The rule that decided.
        public var reason: Reason
        /// `true` when an existing chat was reused.
        public var reusedExistingChat: Bool

        /// Creates a selection record.
        public init(reason: Reason, reusedExistingChat: Bool) {
            self.reason = reason
            self.reusedExistingChat = reusedExistingChat
        }

        enum CodingKeys: String, CodingKey {
            case reason
            case reusedExistingChat = "reused_existing_chat"
        }

        /// The rule behind a line choice.
        public struct Reason: LinqStringValue {
            /// The raw value as Linq spells it.
            public let rawValue: String
            /// Wraps a raw value.
            public init(rawValue: String) { self.rawValue = rawValue }
            /// An active chat with exactly these recipients was reused.
            public static let reusedActiveChat = Reason(rawValue: "reused_active_chat")
            /// A new chat was opened on the best line.
            public static let newBestNumber = Reason(rawValue: "new_best_number")
            /// Matching chats sat on lines that cannot send; a fresh line took over.
            public static let failoverFlagged = Reason(rawValue: "failover_flagged")
        }
    }
}
