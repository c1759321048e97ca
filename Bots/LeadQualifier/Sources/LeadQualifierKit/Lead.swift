/// What the qualifier learns about one lead, stored with the chat's flow.
public struct Lead: Codable, Sendable, Hashable {
    /// The person's name.
    public var name = ""
    /// The chosen need's name.
    public var need = ""
    /// The points of the chosen need.
    public var needPoints = 0
    /// The budget in dollars.
    public var budget = 0
    /// The timeline, in months from now.
    public var timelineMonths = 0
    /// The points of the chosen timeline.
    public var timelinePoints = 0
    /// Whether the one follow-up was sent.
    public var followedUp = false

    /// Creates an empty lead.
    public init() {}

    /// The lead's score, 0 to 100: the need's and the timeline's points, plus the budget's
    /// share of `budgetPoints` (full at `minimumBudget`, prorated below).
    public func score(minimumBudget: Int, budgetPoints: Int) -> Int {
        let share = minimumBudget <= 0 ? 1.0 : min(1.0, Double(budget) / Double(minimumBudget))
        return min(100, needPoints + timelinePoints + Int((share * Double(budgetPoints)).rounded(.down)))
    }
}
