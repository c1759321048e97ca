import Foundation

/// The typed `data` of a webhook event.
///
/// Message events arrive in two payload versions; both decode into the same ``MessageEvent``.
/// Event types LinqBot does not model are ``unknown``: their `data` is on ``WebhookEvent/unknownData``.
public enum WebhookPayload: Hashable, Sendable {
    /// `message.sent`, `message.received`, `message.delivered` or `message.read`, either version.
    case message(MessageEvent)
    /// `message.failed`.
    case messageFailed(MessageFailedEvent)
    /// `message.edited`.
    case messageEdited(MessageEditedEvent)
    /// `reaction.added` or `reaction.removed`.
    case reaction(ReactionEvent)
    /// `chat.typing_indicator.started` or `chat.typing_indicator.stopped`.
    case typingIndicator(TypingIndicatorEvent)
    /// `participant.added` or `participant.removed`.
    case participant(ParticipantEvent)
    /// `chat.created`.
    case chatCreated(ChatCreatedEvent)
    /// `phone_number.status_updated`.
    case phoneNumberStatus(PhoneNumberStatusEvent)
    /// `contact_card.received`.
    case contactCard(ContactCardReceivedEvent)
    /// `location.sharing.started` or `location.sharing.stopped`.
    case locationSharing(LocationSharingEvent)
    /// Any other event type; the raw `data` JSON is on the event.
    case unknown

    /// The event type this payload belongs to, or `nil` for ``unknown``.
    public var eventType: WebhookEventType? {
        switch self {
        case .message(let event): event.kind.eventType
        case .messageFailed: .messageFailed
        case .messageEdited: .messageEdited
        case .reaction(let event): event.eventType
        case .typingIndicator(let event): event.eventType
        case .participant(let event): event.eventType
        case .chatCreated: .chatCreated
        case .phoneNumberStatus: .phoneNumberStatusUpdated
        case .contactCard: .contactCardReceived
        case .locationSharing(let event): event.eventType
        case .unknown: nil
        }
    }

    /// Whether LinqBot decodes `data` of this event type into a typed payload.
    public static func isModelled(_ eventType: WebhookEventType) -> Bool {
        switch eventType {
        case .messageSent, .messageReceived, .messageDelivered, .messageRead, .messageFailed, .messageEdited,
            .reactionAdded, .reactionRemoved, .chatTypingIndicatorStarted, .chatTypingIndicatorStopped,
            .participantAdded, .participantRemoved, .chatCreated, .phoneNumberStatusUpdated, .contactCardReceived,
            .locationSharingStarted, .locationSharingStopped:
            true
        default:
            false
        }
    }

    /// Decodes `data` for a modelled event type; returns `nil` for types LinqBot does not model.
    static func decode(data decoder: any Decoder, eventType: WebhookEventType, version: WebhookVersion) throws
        -> WebhookPayload?
    {
        switch eventType {
        case .messageSent, .messageReceived, .messageDelivered, .messageRead:
            let kind = MessageEvent.Kind(eventType: eventType) ?? .received
            return .message(try decodeMessage(decoder, kind: kind, version: version))
        case .messageFailed: return .messageFailed(try MessageFailedEvent(data: decoder))
        case .messageEdited: return .messageEdited(try MessageEditedEvent(data: decoder))
        case .reactionAdded: return .reaction(try ReactionEvent(data: decoder, action: .added))
        case .reactionRemoved: return .reaction(try ReactionEvent(data: decoder, action: .removed))
        case .chatTypingIndicatorStarted: return .typingIndicator(try TypingIndicatorEvent(data: decoder, isTyping: true))
        case .chatTypingIndicatorStopped: return .typingIndicator(try TypingIndicatorEvent(data: decoder, isTyping: false))
        case .participantAdded: return .participant(try ParticipantEvent(data: decoder, change: .added))
        case .participantRemoved: return .participant(try ParticipantEvent(data: decoder, change: .removed))
        case .chatCreated: return .chatCreated(try ChatCreatedEvent(data: decoder))
        case .phoneNumberStatusUpdated: return .phoneNumberStatus(try PhoneNumberStatusEvent(data: decoder))
        case .contactCardReceived: return .contactCard(try ContactCardReceivedEvent(data: decoder))
        case .locationSharingStarted: return .locationSharing(try LocationSharingEvent(data: decoder, isSharing: true))
        case .locationSharingStopped: return .locationSharing(try LocationSharingEvent(data: decoder, isSharing: false))
        default: return nil
        }
    }

    /// Reads a message event in the layout of `version`; for versions LinqBot does not know, by the layout's shape.
    private static func decodeMessage(_ decoder: any Decoder, kind: MessageEvent.Kind, version: WebhookVersion) throws
        -> MessageEvent
    {
        switch version {
        case .v2025_01_01:
            return try MessageEvent(v2025: decoder, kind: kind)
        case .v2026_02_03:
            return try MessageEvent(v2026: decoder, kind: kind)
        default:
            let keys = try decoder.container(keyedBy: MessageEvent.V2025Keys.self)
            if keys.contains(.message) || keys.contains(.isFromMe) || keys.contains(.chatID) {
                return try MessageEvent(v2025: decoder, kind: kind)
            }
            return try MessageEvent(v2026: decoder, kind: kind)
        }
    }

    /// Writes `data` in the layout of `version` (message events only differ; unknown versions get the latest layout).
    func encodeData(to encoder: any Encoder, version: WebhookVersion, eventCreatedAt: Date, unknownData: JSONValue?)
        throws
    {
        switch self {
        case .message(let event):
            if version == .v2025_01_01 {
                try event.encodeV2025(to: encoder, eventCreatedAt: eventCreatedAt)
            } else {
                try event.encodeV2026(to: encoder)
            }
        case .messageFailed(let event): try event.encodeData(to: encoder)
        case .messageEdited(let event): try event.encodeData(to: encoder)
        case .reaction(let event): try event.encodeData(to: encoder)
        case .typingIndicator(let event): try event.encodeData(to: encoder)
        case .participant(let event): try event.encodeData(to: encoder)
        case .chatCreated(let event): try event.encodeData(to: encoder)
        case .phoneNumberStatus(let event): try event.encodeData(to: encoder)
        case .contactCard(let event): try event.encodeData(to: encoder)
        case .locationSharing(let event): try event.encodeData(to: encoder)
        case .unknown: try (unknownData ?? .object([:])).encode(to: encoder)
        }
    }
}
