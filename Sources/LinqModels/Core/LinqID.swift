/// A typed identifier: a chat id cannot be passed where a message id is expected.
///
/// `Kind` is a marker type only (see ``LinqIDKind``); the wire form is the plain string.
///
/// ```swift
/// let chat: ChatID = "7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357"
/// ```
public struct LinqID<Kind>: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The identifier as Linq sends it (usually a UUID string).
    public let rawValue: String

    /// Wraps an identifier string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps an identifier string.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Wraps an identifier literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The raw identifier.
    public var description: String { rawValue }

    /// Decodes the identifier from a JSON string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the identifier as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Marker types that tell identifiers apart.
public enum LinqIDKind {
    /// Marks chat identifiers.
    public enum Chat {}
    /// Marks message identifiers.
    public enum Message {}
    /// Marks participant-record (chat handle) identifiers.
    public enum ChatHandle {}
    /// Marks attachment identifiers.
    public enum Attachment {}
    /// Marks webhook subscription identifiers.
    public enum WebhookSubscription {}
    /// Marks webhook event identifiers.
    public enum WebhookEvent {}
    /// Marks reaction identifiers.
    public enum Reaction {}
    /// Marks phone number (line) record identifiers.
    public enum PhoneNumber {}
    /// Marks reputation audit identifiers.
    public enum ReputationAudit {}
}

/// Identifies a chat.
public typealias ChatID = LinqID<LinqIDKind.Chat>
/// Identifies a message.
public typealias MessageID = LinqID<LinqIDKind.Message>
/// Identifies a participant record in a chat.
public typealias ChatHandleID = LinqID<LinqIDKind.ChatHandle>
/// Identifies an uploaded attachment.
public typealias AttachmentID = LinqID<LinqIDKind.Attachment>
/// Identifies a webhook subscription.
public typealias WebhookSubscriptionID = LinqID<LinqIDKind.WebhookSubscription>
/// Identifies a webhook event (`event_id`, also sent as `webhook-id`).
public typealias WebhookEventID = LinqID<LinqIDKind.WebhookEvent>
/// Identifies a reaction (used to move a sticker).
public typealias ReactionID = LinqID<LinqIDKind.Reaction>
/// Identifies a phone number record (not the number itself).
public typealias PhoneNumberID = LinqID<LinqIDKind.PhoneNumber>
/// Identifies a reputation audit.
public typealias ReputationAuditID = LinqID<LinqIDKind.ReputationAudit>
