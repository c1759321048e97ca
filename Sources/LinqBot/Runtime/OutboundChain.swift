import LinqAPI
import LinqModels

/// Runs an action through the outbound middlewares, then through the client.
struct OutboundChain: Sendable {
    let middlewares: [any OutboundMiddleware]
    /// Line health, when on: it runs after every middleware, right before the client, so no
    /// middleware or handler can get around it.
    let gate: LineHealthEngine?
    let client: LinqClient
    let context: ChatContext

    func run(_ action: OutboundAction) async throws -> OutboundResult {
        try await EventTracing.outbound(action.kind) { allowed in try await gated(action, allowed: allowed) }
    }

    private func gated(_ action: OutboundAction, allowed: @escaping @Sendable () -> Void) async throws -> OutboundResult {
        switch action.kind {
        case .message, .voiceMemo, .autoFromMessage:
            // While Linq is failing a message cannot go: hold it before pacing books it a slot.
            do {
                try context.environment.circuitBreaker?.refuseIfOpen()
            } catch {
                RuntimeMetrics.outbound(action.kind, result: "circuit_open")
                throw error
            }
        default:
            break
        }
        let result = try await step(0, action, allowed: allowed)
        if case .refused = result { RuntimeMetrics.outbound(action.kind, result: "refused") }
        return result
    }

    private func step(_ index: Int, _ action: OutboundAction, allowed: @escaping @Sendable () -> Void) async throws -> OutboundResult {
        guard index < middlewares.count else {
            guard let gate else {
                allowed()
                return try await executeCounted(action)
            }
            return try await gate.handle(action, turn: context.lineHealthTurn) {
                allowed()
                return try await executeCounted($0)
            }
        }
        return try await middlewares[index].handle(action, context: context) { next in try await step(index + 1, next, allowed: allowed) }
    }

    private func executeCounted(_ action: OutboundAction) async throws -> OutboundResult {
        do {
            let result = try await execute(action)
            RuntimeMetrics.outbound(action.kind, result: "accepted")
            return result
        } catch let error as LinqAPIError where error.kind == .circuitOpen {
            RuntimeMetrics.outbound(action.kind, result: "circuit_open")
            throw error
        } catch {
            RuntimeMetrics.outbound(action.kind, result: "failed")
            throw error
        }
    }
}
