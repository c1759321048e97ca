import LinqBot
import LinqBotAI
import Synchronization

/// A model that answers from a script (text pieces and tool calls per request) and records
/// each request.
final class ScriptedModel: ChatModel {
    /// One answer.
    struct Step: Sendable {
        var pieces: [String]
        var calls: [ToolCall] = []
    }

    private let state: Mutex<(steps: [Step], requests: [ModelRequest])>

    init(_ steps: [Step]) { state = Mutex((steps: steps, requests: [])) }

    /// The requests, oldest first.
    var requests: [ModelRequest] { state.withLock { $0.requests } }

    func respond(to request: ModelRequest, onText: @Sendable (String) async throws -> Void) async throws -> ModelResponse {
        let step = try state.withLock { state -> Step in
            state.requests.append(request)
            guard !state.steps.isEmpty else { throw AIModelError.status(500, "nothing scripted") }
            return state.steps.removeFirst()
        }
        for piece in step.pieces { try await onText(piece) }
        return ModelResponse(text: step.pieces.joined(), toolCalls: step.calls)
    }
}

/// Fails the `failingAt`-th message the bot sends, once: the turn stops between two bubbles,
/// as if the process had died there, and LinqBot runs it again.
final class SendBreaker: OutboundMiddleware {
    private let count = Mutex(0)
    let failingAt: Int

    init(failingAt: Int) { self.failingAt = failingAt }

    struct Broken: Error {}

    func handle(_ action: OutboundAction, context: ChatContext, next: (OutboundAction) async throws -> OutboundResult) async throws -> OutboundResult {
        if case .message = action.kind {
            let number = count.withLock { count -> Int in
                count += 1
                return count
            }
            if number == failingAt { throw Broken() }
        }
        return try await next(action)
    }
}
