/// The `message` object of every send: either ``parts`` or an ``experience``, plus options.
///
/// ```swift
/// let hello = MessageContent.text("Hello")
/// var content = MessageContent(parts: [.text("Your receipt"), .media(attachment: receiptID)])
/// content.idempotencyKey = "order-1234-receipt"
/// try content.validate(forNewChat: false)
/// ```
public struct MessageContent: Codable, Hashable, Sendable {
    /// The parts, shown in order (1–100). `nil` when sending an ``experience``.
    public var parts: [OutgoingPart]?
    /// An experience invocation, sent instead of ``parts``.
    public var experience: MessageExperience?
    /// A screen or bubble effect (iMessage only; not on a new chat's first message).
    public var effect: MessageEffect?
    /// The message this one replies to (not on a new chat's first message).
    public var replyTo: ReplyTo?
    /// Up to 255 characters; a replay returns the original message instead of sending again.
    public var idempotencyKey: String?
    /// Pins the service: `iMessage` never falls back, `RCS` falls back to SMS; `nil` is automatic.
    public var preferredService: Service?

    /// Creates message content.
    public init(
        parts: [OutgoingPart]? = nil, experience: MessageExperience? = nil, effect: MessageEffect? = nil,
        replyTo: ReplyTo? = nil, idempotencyKey: String? = nil, preferredService: Service? = nil
    ) {
        self.parts = parts
        self.experience = experience
        self.effect = effect
        self.replyTo = replyTo
        self.idempotencyKey = idempotencyKey
        self.preferredService = preferredService
    }

    /// A message of one plain text part.
    public static func text(_ value: String, idempotencyKey: String? = nil) -> MessageContent {
        MessageContent(parts: [.text(value)], idempotencyKey: idempotencyKey)
    }

    enum CodingKeys: String, CodingKey {
        case parts, experience, effect
        case replyTo = "reply_to"
        case idempotencyKey = "idempotency_key"
        case preferredService = "preferred_service"
    }
}
