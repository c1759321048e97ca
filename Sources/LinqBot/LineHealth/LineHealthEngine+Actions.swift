import Foundation
import LinqModels
import Logging

/// Line health for the actions that are not messages: who an action reaches for the opt-out
/// rule, and the FLAGGED-line rule for edits, deletes, app-card and sticker updates, group
/// changes and location requests.
extension LineHealthEngine {
    /// The handles whose opt-out stops `action`: the person of a direct chat; every recipient
    /// of an action that starts a chat (a first message, a new group, a `POST /v3/messages`
    /// send); and the person a group gains. A group's other members are not opted out of the
    /// group (Linq never blocks group threads).
    func optOutHandles(_ action: OutboundAction, target: Target) -> [String] {
        var handles = target.direct
        if action.chatID == nil {
            handles = target.people
        }
        switch action.kind {
        case .participantAdded(let handle):
            handles.append(handle)
        case .autoFromMessage(let request):
            handles += request.to
        default:
            break
        }
        var seen = Set<String>()
        return handles.filter { seen.insert($0).inserted }
    }

    /// A change to a chat or to one of our messages: the opt-out rule has let it through; on a
    /// FLAGGED line it waits (proactive, or replies set to hold) or is dropped like a message
    /// would be. No pacing and no counting: the person sees no new message.
    func chatChange(
        _ action: OutboundAction, target: Target, turn: LineHealthTurn, next: (OutboundAction) async throws -> OutboundResult
    ) async throws -> OutboundResult {
        if !action.isComplianceNotice, let line = target.line, try await isFlagged(line, store: turn.store, now: turn.now) {
            if action.isProactive || configuration.repliesWhileFlagged == .hold {
                LineHealthMetrics.rule("flagged_line", "held")
                throw LineHealthError.held(
                    until: turn.now.addingTimeInterval(configuration.flaggedRecheck.seconds), reason: "the line \(line) is FLAGGED"
                )
            }
            if configuration.repliesWhileFlagged == .drop { return refuse(action, "flagged_line", "the line \(line) is FLAGGED", turn) }
        }
        return try await next(action)
    }
}
