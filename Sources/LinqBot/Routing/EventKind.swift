import LinqModels

/// What an event is about, for routing.
public enum EventKind: Hashable, Sendable, CaseIterable {
    /// An inbound message with text (and maybe more).
    case text
    /// An inbound message with media and no text.
    case media
    /// An inbound message that is a link.
    case link
    /// A tapback or sticker, added or removed.
    case reaction
    /// A message edited by someone in the chat (our line's own edits are ``unknown``, like its sends).
    case edit
    /// One of our messages delivered.
    case delivered
    /// One of our messages read.
    case read
    /// One of our messages failed.
    case failed
    /// A typing indicator started or stopped.
    case typing
    /// A participant added or removed.
    case participant
    /// A chat created.
    case chatCreated
    /// A line's status changed.
    case lineStatus
    /// A person shared their contact card.
    case contactCard
    /// One of the bot's own timers fell due (``ChatContext/timer``).
    case timer
    /// Anything else (including one of our own sends, `message.sent`).
    case unknown

    static func of(_ event: WebhookEvent) -> EventKind {
        switch event.payload {
        case .message(let message):
            switch message.kind {
            case .delivered: return .delivered
            case .read: return .read
            case .sent: return .unknown
            default:
                if message.parts.contains(where: { $0.text != nil }) { return .text }
                if message.parts.contains(where: { if case .link = $0 { true } else { false } }) { return .link }
                if message.parts.contains(where: { if case .media = $0 { true } else { false } }) { return .media }
                return .unknown
            }
        case .messageEdited(let edited): return edited.direction == .outbound ? .unknown : .edit
        case .messageFailed: return .failed
        case .reaction: return .reaction
        case .typingIndicator: return .typing
        case .participant: return .participant
        case .chatCreated: return .chatCreated
        case .phoneNumberStatus: return .lineStatus
        case .contactCard: return .contactCard
        case .locationSharing: return .unknown
        case .unknown: return event.eventType.rawValue == ScheduledTimer.eventType ? .timer : .unknown
        }
    }
}
