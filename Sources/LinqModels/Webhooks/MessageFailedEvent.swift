public import Foundation

/// A `message.failed` event: a message could not be delivered (same in both payload versions).
public struct MessageFailedEvent: Hashable, Sendable {
    /// The webhook error code: 3007, 4001, 4002, 4005, 4006, 4007 or 4008.
    public var code: Int
    /// When the failure was detected.
    public var failedAt: Date
    /// The chat, when known.
    public var chatID: ChatID?
    /// The message that failed, when known.
    public var messageID: MessageID?
    /// A human-readable description.
    public var reason: String?
    /// An opaque diagnostic code: log it, do not branch on it.
    public var detailCode: Int?
    /// The service used.
    public var service: Service?
    /// The service the sender asked for.
    public var preferredService: Service?

    /// Creates a failure event.
    public init(
        code: Int, failedAt: Date, chatID: ChatID? = nil, messageID: MessageID? = nil, reason: String? = nil,
        detailCode: Int? = nil, service: Service? = nil, preferredService: Service? = nil
    ) {
        self.code = code
        self.failedAt = failedAt
        self.chatID = chatID
        self.messageID = messageID
        self.reason = reason
        self.detailCode = detailCode
        self.service = service
        self.preferredService = preferredService
    }

    enum CodingKeys: String, CodingKey {
        case code, reason, service
        case failedAt = "failed_at"
        case chatID = "chat_id"
        case messageID = "message_id"
        case detailCode = "detail_code"
        case preferredService = "preferred_service"
    }

    init(data decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try container.decode(Int.self, forKey: .code),
            failedAt: try container.decodeTimestamp(forKey: .failedAt),
            chatID: try container.decodeIDIfPresent(forKey: .chatID),
            messageID: try container.decodeIDIfPresent(forKey: .messageID),
            reason: try container.decodeIfPresent(String.self, forKey: .reason),
            detailCode: try container.decodeIfPresent(Int.self, forKey: .detailCode),
            service: try container.decodeValueIfPresent(forKey: .service),
            preferredService: try container.decodeValueIfPresent(forKey: .preferredService)
        )
    }

    func encodeData(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encodeNullable(reason, forKey: .reason)
        try container.encode(failedAt, forKey: .failedAt)
        try container.encodeNullable(chatID, forKey: .chatID)
        try container.encodeNullable(messageID, forKey: .messageID)
        try container.encodeNullable(detailCode, forKey: .detailCode)
        try container.encodeNullable(preferredService, forKey: .preferredService)
        try container.encodeNullable(service, forKey: .service)
    }
}
