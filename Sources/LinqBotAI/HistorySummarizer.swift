import Foundation

/// Condenses the turns that no longer fit a chat's history budget into a short summary that is
/// sent with the instructions from then on, so a long conversation keeps its thread. It gets
/// the summary so far (if any) and the turns just dropped, oldest first.
public typealias HistorySummarizer = @Sendable (_ summary: String?, _ dropped: [ChatTurn]) async throws -> String

/// Ready-made summarizers.
public enum HistorySummary {
    /// A summarizer that asks `model` (often a small, cheap one) to fold the dropped turns into
    /// the summary in a few sentences.
    public static func using(_ model: any ChatModel) -> HistorySummarizer {
        { summary, dropped in
            var text = dropped.filter { $0.role == .user || $0.role == .assistant }
                .map { "\($0.role == .user ? "Person" : "Assistant"): \($0.content)" }
                .joined(separator: "\n")
            if let summary, !summary.isEmpty { text = "Summary so far: \(summary)\n\n\(text)" }
            let request = ModelRequest(
                systemPrompt: "Summarise this part of a text conversation in at most three sentences, keeping names, dates, orders and open questions.",
                turns: [ChatTurn(.user, text)]
            )
            return try await model.respond(to: request) { _ in }.text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
