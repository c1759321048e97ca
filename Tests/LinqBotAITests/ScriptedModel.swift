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
        var usage: TokenUsage?
    }

    /// Something that happens while an answer streams: before piece `piece` of the next answer
    /// that gets that far.
    struct Interruption: Sendable {
        var piece: Int
        var action: @Sendable () async throws -> Void
    }

    private let state: Mutex<(steps: [Step], requests: [ModelRequest], interruption: Interruption?, finished: Int)>

    init(_ steps: [Step]) { state = Mutex((steps: steps, requests: [], interruption: nil, finished: 0)) }

    /// The requests, oldest first.
    var requests: [ModelRequest] { state.withLock { $0.requests } }
    /// How many answers streamed to their end (the others were cancelled on the way).
    var finished: Int { state.withLock { $0.finished } }

    /// Runs `action` before piece `piece` of the next answer that gets that far.
    func interrupt(beforePiece piece: Int, _ action: @escaping @Sendable () async throws -> Void) {
        state.withLock { $0.interruption = Interruption(piece: piece, action: action) }
    }

    func respond(to request: ModelRequest, onText: @Sendable (String) async throws -> Void) async throws -> ModelResponse {
        let step = try state.withLock { state -> Step in
            state.requests.append(request)
            guard !state.steps.isEmpty else { throw AIModelError.status(500, "nothing scripted") }
            return state.steps.removeFirst()
        }
        for (index, piece) in step.pieces.enumerated() {
            let interruption = state.withLock { state -> Interruption? in
                guard let interruption = state.interruption, interruption.piece == index else { return nil }
                state.interruption = nil
                return interruption
            }
            try await interruption?.action()
            try await onText(piece)
        }
        state.withLock { $0.finished += 1 }
        return ModelResponse(text: step.pieces.joined(), toolCalls: step.calls, usage: step.usage)
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

/// Fails the first event once its handler has run: the turn's sends went out but its
/// completion is not stored, as if the process had died there, and LinqBot runs it again.
final class FailAfterFirstTurn: InboundMiddleware {
    private let failed = Mutex(false)

    struct Broken: Error {}

    func handle(_ context: ChatContext, next: (ChatContext) async throws -> Void) async throws {
        try await next(context)
        let first = failed.withLock { failed -> Bool in
            defer { failed = true }
            return !failed
        }
        if first { throw Broken() }
    }
}
