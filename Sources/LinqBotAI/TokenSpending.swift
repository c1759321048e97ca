import Foundation
import LinqBot
import Logging
import Metrics

/// Where the model's tokens go: each call's usage becomes metrics by line and model
/// (`linqbot_ai_tokens_total{direction="input"|"output",line,model}`), a running total in the
/// chat's session (`linqbot.ai_tokens`: what this conversation cost), and, with a
/// ``AIAgentConfiguration/dailyTokenBudget``, a counter per person and local day in the store
/// (`linqbot.ai_tokens:<handle>:<yyyy-MM-dd>`, kept two days), shared by every instance.
struct TokenSpending {
    let configuration: AIAgentConfiguration

    init(_ configuration: AIAgentConfiguration) {
        self.configuration = configuration
    }

    /// The running total of one conversation, in its session.
    struct ChatTotal: Codable {
        var inputTokens = 0
        var outputTokens = 0
        var calls = 0
    }

    static let sessionKey = "linqbot.ai_tokens"

    /// Records one call's `usage`; a store that fails only costs the budget its count (logged).
    func record(_ usage: TokenUsage, _ context: ChatContext) async {
        let line = context.line ?? "unknown"
        for (direction, count) in [("input", usage.inputTokens), ("output", usage.outputTokens)] where count > 0 {
            Counter(label: "linqbot_ai_tokens_total", dimensions: [("direction", direction), ("line", line), ("model", configuration.model)])
                .increment(by: count)
        }
        var total = context.session(Self.sessionKey, as: ChatTotal.self) ?? ChatTotal()
        total.inputTokens += usage.inputTokens
        total.outputTokens += usage.outputTokens
        total.calls += 1
        context.setSession(Self.sessionKey, total)
        context.logger.debug("model call", metadata: ["linq.ai_input_tokens": "\(usage.inputTokens)", "linq.ai_output_tokens": "\(usage.outputTokens)"])
        guard configuration.dailyTokenBudget != nil, let key = key(context) else { return }
        do {
            _ = try await context.store.incrementCounter(
                key, by: usage.inputTokens + usage.outputTokens, expiresAt: context.now.addingTimeInterval(2 * 86_400), now: context.now
            )
        } catch {
            context.logger.warning("the person's token count could not be stored", metadata: ["linq.error": "\(error)"])
        }
    }

    /// Whether the person of `context` spent their daily budget (never without one, nor in a group).
    func isSpent(_ context: ChatContext) async throws -> Bool {
        guard let budget = configuration.dailyTokenBudget, let key = key(context) else { return false }
        return try await context.store.counter(key, now: context.now) >= budget
    }

    /// The person's counter of today (in the chat's time zone), or `nil` in a group or without a person.
    private func key(_ context: ChatContext) -> String? {
        guard context.isGroup != true, let handle = context.sender else { return nil }
        return "linqbot.ai_tokens:\(handle):\(context.localDay)"
    }
}
