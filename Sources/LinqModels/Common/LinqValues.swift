/// A messaging service: the transport a message or chat uses.
public struct Service: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Apple iMessage.
    public static let iMessage = Service(rawValue: "iMessage")
    /// RCS (Android rich messaging).
    public static let rcs = Service(rawValue: "RCS")
    /// Plain SMS.
    public static let sms = Service(rawValue: "SMS")
    /// Automatic choice (seen as a `preferred_service` value in webhooks).
    public static let auto = Service(rawValue: "auto")
}

/// The kind of one of our lines: iMessage-capable, or RCS-only (sends RCS and SMS).
public struct LineType: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// An iMessage-capable line.
    public static let iMessage = LineType(rawValue: "iMessage")
    /// An RCS-only line.
    public static let rcs = LineType(rawValue: "RCS")
}

/// Where a participant stands in a chat.
public struct ParticipantStatus: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Still in the chat.
    public static let active = ParticipantStatus(rawValue: "active")
    /// Left the chat.
    public static let left = ParticipantStatus(rawValue: "left")
    /// Removed from the chat.
    public static let removed = ParticipantStatus(rawValue: "removed")
}

/// The delivery state of a message.
public struct DeliveryStatus: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Accepted, not yet queued.
    public static let pending = DeliveryStatus(rawValue: "pending")
    /// Queued for sending.
    public static let queued = DeliveryStatus(rawValue: "queued")
    /// Sent by the line.
    public static let sent = DeliveryStatus(rawValue: "sent")
    /// Delivered to the recipient's device.
    public static let delivered = DeliveryStatus(rawValue: "delivered")
    /// Received (inbound).
    public static let received = DeliveryStatus(rawValue: "received")
    /// Read by the recipient.
    public static let read = DeliveryStatus(rawValue: "read")
    /// Failed.
    public static let failed = DeliveryStatus(rawValue: "failed")
}

/// A tapback or sticker reaction type.
public struct ReactionType: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// ❤️
    public static let love = ReactionType(rawValue: "love")
    /// 👍
    public static let like = ReactionType(rawValue: "like")
    /// 👎
    public static let dislike = ReactionType(rawValue: "dislike")
    /// 😂
    public static let laugh = ReactionType(rawValue: "laugh")
    /// ‼️
    public static let emphasize = ReactionType(rawValue: "emphasize")
    /// ❓
    public static let question = ReactionType(rawValue: "question")
    /// Any emoji, carried in `custom_emoji`.
    public static let custom = ReactionType(rawValue: "custom")
    /// A sticker placed on the message.
    public static let sticker = ReactionType(rawValue: "sticker")
}

/// A chat's health (beta). Gate sends on the API's 403 answer, not on this value.
public struct ChatHealth: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Healthy.
    public static let healthy = ChatHealth(rawValue: "HEALTHY")
    /// At risk: slow down.
    public static let atRisk = ChatHealth(rawValue: "AT_RISK")
    /// Critical: pause outbound.
    public static let critical = ChatHealth(rawValue: "CRITICAL")
    /// The recipient opted out.
    public static let optedOut = ChatHealth(rawValue: "OPTED_OUT")
}
