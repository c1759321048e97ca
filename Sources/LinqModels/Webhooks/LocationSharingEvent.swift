public import Foundation

/// A `location.sharing.started` or `location.sharing.stopped` event (iMessage).
///
/// Sharing is per contact, not per chat; ``chatID`` names the chat where the share began.
public struct LocationSharingEvent: Hashable, Sendable {
    /// `true` for `started`, `false` for `stopped`.
    public var isSharing: Bool
    /// The person sharing their location (phone or Apple ID email).
    public var sharedBy: String
    /// Our line receiving the location.
    public var sharedWith: String
    /// The chat the share was first sent to, when known.
    public var chatID: ChatID?
    /// When the sharing session began.
    public var beganAt: Date?
    /// When sharing will end (`started` only; `nil` means indefinitely).
    public var endsAt: Date?
    /// When sharing was observed to stop (`stopped` only).
    public var endedAt: Date?

    /// Creates a location sharing event.
    public init(
        isSharing: Bool, sharedBy: String, sharedWith: String, chatID: ChatID? = nil, beganAt: Date? = nil,
        endsAt: Date? = nil, endedAt: Date? = nil
    ) {
        self.isSharing = isSharing
        self.sharedBy = sharedBy
        self.sharedWith = sharedWith
        self.chatID = chatID
        self.beganAt = beganAt
        self.endsAt = endsAt
        self.endedAt = endedAt
    }

    /// The webhook event type for this event.
    public var eventType: WebhookEventType { isSharing ? .locationSharingStarted : .locationSharingStopped }

    enum CodingKeys: String, CodingKey {
        case sharedBy = "shared_by"
        case sharedWith = "shared_with"
        case chatID = "chat_id"
        case beganAt = "began_at"
        case endsAt = "ends_at"
        case endedAt = "ended_at"
    }

    init(data decoder: any Decoder, isSharing: Bool) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            isSharing: isSharing,
            sharedBy: try container.decode(String.self, forKey: .sharedBy),
            sharedWith: try container.decode(String.self, forKey: .sharedWith),
            chatID: try container.decodeIDIfPresent(forKey: .chatID),
            beganAt: try container.decodeTimestampIfPresent(forKey: .beganAt),
            endsAt: try container.decodeTimestampIfPresent(forKey: .endsAt),
            endedAt: try container.decodeTimestampIfPresent(forKey: .endedAt)
        )
    }

    func encodeData(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sharedBy, forKey: .sharedBy)
        try container.encode(sharedWith, forKey: .sharedWith)
        try container.encodeNullable(chatID, forKey: .chatID)
        try container.encodeNullable(beganAt, forKey: .beganAt)
        if isSharing {
            try container.encodeNullable(endsAt, forKey: .endsAt)
        } else {
            try container.encodeNullable(endedAt, forKey: .endedAt)
        }
    }
}
