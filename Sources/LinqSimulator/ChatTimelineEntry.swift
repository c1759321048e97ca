import Foundation
import LinqModels

/// Something that happened in a chat besides a message: an edit, a tapback, a membership
/// change, a rename, a voice memo, a contact card. The simulator keeps these per chat, in
/// order, with the number of messages the chat had at the time, so the control API can lay
/// them out between the messages (`GET /sim/chats/{id}/timeline`).
struct ChatTimelineEntry {
    /// What changed.
    enum Change {
        /// A text part of a message got new text in place of `previous`.
        case edited(MessageID, partIndex: Int, text: String, previous: String)
        /// A tapback was put on a message or taken off it.
        case reaction(MessageID, type: ReactionType, customEmoji: String?, removed: Bool)
        /// Someone joined a group.
        case added(String)
        /// Someone was taken out of a group, or left it (then `handle` is the actor).
        case removed(String)
        /// Our line left the group.
        case left
        /// The group got a new name (`nil`: the name was cleared).
        case renamed(String?)
        /// The group got a new icon (`nil`: the icon was cleared).
        case iconChanged(String?)
        /// The message was sent as a voice memo.
        case voiceMemo(MessageID)
        /// A person shared their contact card with the line.
        case contactCard(firstName: String, lastName: String)
    }

    /// What changed.
    var change: Change
    /// Who made the change: a person's handle or our line.
    var actor: String
    /// When.
    var at: Date
    /// How many messages the chat had when it happened.
    var position: Int
}

extension SimulatorState {
    /// Notes `change` by `actor` in `chat`'s timeline.
    mutating func record(_ change: ChatTimelineEntry.Change, by actor: String, in chat: ChatID, at date: Date) {
        let entry = ChatTimelineEntry(change: change, actor: actor, at: date, position: messagesByChat[chat]?.count ?? 0)
        timelines[chat, default: []].append(entry)
    }

    /// The messages sent as voice memos in `chat`.
    func voiceMemos(in chat: ChatID) -> Set<MessageID> {
        Set((timelines[chat] ?? []).compactMap { entry -> MessageID? in
            if case .voiceMemo(let id) = entry.change { return id }
            return nil
        })
    }

    /// Notes a person's contact card in their direct chat with `line`, when there is one (Linq
    /// reports cards per person and line, not per chat).
    mutating func recordCard(from handle: String, line: String, firstName: String, lastName: String, at date: Date) {
        guard let chat = chatOrder.compactMap({ chats[$0] }).first(where: { $0.line == line && !$0.isGroup && $0.people == [handle] }) else { return }
        record(.contactCard(firstName: firstName, lastName: lastName), by: handle, in: chat.id, at: date)
    }
}
