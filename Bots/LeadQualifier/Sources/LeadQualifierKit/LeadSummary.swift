public import Foundation

/// The summary of a finished lead, posted to the hand-off URL and kept in the chat's session.
public struct LeadSummary: Codable, Sendable, Hashable {
    /// The chat with the lead.
    public var chatID: String
    /// The lead's phone number or address.
    public var handle: String?
    /// The line the lead texted.
    public var line: String?
    /// The answers.
    public var name: String, need: String, budget: Int, timelineMonths: Int
    /// The score, 0 to 100.
    public var score: Int
    /// Whether the lead qualified (and was handed to a person).
    public var qualified: Bool
    /// When the last answer came.
    public var completedAt: Date

    enum CodingKeys: String, CodingKey {
        case name, need, budget, score, qualified, handle, line
        case chatID = "chat_id"
        case timelineMonths = "timeline_months"
        case completedAt = "completed_at"
    }
}
