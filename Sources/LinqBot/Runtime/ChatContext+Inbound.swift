public import LinqModels

/// Typed views of what came in: the tapback, the edit, the media, the membership change, the
/// typing bubble or the contact card an event carries.
///
/// ```swift
/// bot.on(.reaction) { ctx in
///     guard let tapback = ctx.reaction, !tapback.isFromMe else { return }
///     try await ctx.reply(tapback.isAdded ? "Glad you like it." : "Noted.")
/// }
/// bot.on(.edit) { ctx in try await ctx.reply("Now it says: \(ctx.text ?? "")") }
/// bot.on(.media) { ctx in
///     try await ctx.reply("Got \(ctx.attachments.map(\.filename).joined(separator: ", ")).")
/// }
/// ```
extension ChatContext {
    /// The tapback, emoji or sticker added or removed, when the event is `reaction.added` or
    /// `reaction.removed` (``ReactionEvent/isFromMe`` tells our line's own from a person's).
    public var reaction: ReactionEvent? {
        if case .reaction(let reaction) = event.payload { return reaction }
        return nil
    }

    /// The edit, when the event is `message.edited`; ``text`` is then the new text.
    public var edit: MessageEditedEvent? {
        if case .messageEdited(let edited) = event.payload { return edited }
        return nil
    }

    /// The media parts (images, videos, audio, files) of the inbound message, with their file
    /// names, types and URLs; for a coalesced burst, of every message, oldest first. Empty for
    /// other events and for our line's own messages.
    public var attachments: [MediaPart] {
        ([event] + absorbed).flatMap { event -> [MediaPart] in
            guard let message = event.message, message.kind == .received, message.isInbound else { return [] }
            return message.parts.compactMap { part in
                if case .media(let media) = part { return media }
                return nil
            }
        }
    }

    /// The person added to or taken out of a group, when the event is `participant.added` or
    /// `participant.removed` (also when our own line left).
    public var participant: ParticipantEvent? {
        if case .participant(let change) = event.payload { return change }
        return nil
    }

    /// The typing bubble that appeared or went away, when the event is a typing indicator.
    public var typing: TypingIndicatorEvent? {
        if case .typingIndicator(let typing) = event.payload { return typing }
        return nil
    }

    /// The card a person shared with our line, when the event is `contact_card.received`. Such
    /// an event belongs to the person and the line, not to a chat.
    public var contactCard: ContactCardReceivedEvent? {
        if case .contactCard(let card) = event.payload { return card }
        return nil
    }
}
