import Foundation
import LinqAPI
import LinqModels
import Logging

/// Groups with an opted-out member (reliability row F5): the ``GroupOptOutPolicy`` decides what
/// still goes to them. A person's own opt-out is checked by the opt-out rule; this one stands
/// for the group.
extension LineHealthEngine {
    /// Refuses `action` when it goes into a group that holds an opted-out person and the
    /// policy does not let it through; `nil` lets it go on to the other rules.
    func groupOptOutRefusal(_ action: OutboundAction, facts: ChatFacts?, turn: LineHealthTurn) async throws -> OutboundResult? {
        let policy = configuration.groupOptOut
        guard policy != .unrestricted, !action.isComplianceNotice, let chat = action.chatID else { return nil }
        guard facts?.isGroup ?? (chat == turn.knownChat ? turn.isGroup : nil) == true else { return nil }
        if policy == .answerOnly, Self.answersGroupMessage(action, chat: chat, turn: turn) { return nil }
        let ledger = OptOutLedger(store: turn.store)
        var checked = Set<String>()
        // The members line health knows first (the STOP's sender among them), then Linq's list,
        // which also names members who never wrote.
        for source in [facts?.people ?? [], await groupMembers(chat, turn: turn)] {
            for handle in source where checked.insert(handle).inserted {
                if try await ledger.isOptedOut(handle, now: turn.now) {
                    return refuse(action, "group_opt_out", "\(handle) in this group opted out (group policy \(policy.rawValue))", turn)
                }
            }
        }
        return nil
    }

    /// Whether `action` answers a person's message in the group `chat`: the turn is that
    /// message's, and the action is not the bot's own initiative.
    static func answersGroupMessage(_ action: OutboundAction, chat: ChatID, turn: LineHealthTurn) -> Bool {
        guard !action.isProactive, chat == turn.knownChat, let message = turn.event.message else { return false }
        return message.kind == .received && !Bot.isOwn(message)
    }

    /// The group's current members at Linq (our line, and people who left or were removed, left
    /// out), looked up once per turn; empty when the lookup fails (the known members still count).
    private func groupMembers(_ chat: ChatID, turn: LineHealthTurn) async -> [String] {
        if let known = turn.record.groupMembers(of: chat) { return known }
        do {
            let group = try await turn.environment.client.chats.get(chat)
            let members = group.handles.filter { $0.isMe != true && $0.status != .removed && $0.status != .left }.map(\.handle)
            turn.record.noteGroupMembers(members, of: chat)
            return members
        } catch {
            turn.logger.warning("line health could not look the group's members up", metadata: ["linq.error": "\(error)"])
            return []
        }
    }
}
