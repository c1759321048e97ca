public import LinqBot
public import Foundation

/// What the lead qualifier asks, how it scores, and where qualified leads go.
///
/// ```swift
/// var configuration = LeadQualifierConfiguration()
/// configuration.handOffURL = URL(string: "https://crm.example.com/hooks/leads")
/// configuration.minimumBudget = 250_000
/// let bot = makeLeadQualifier(configuration)
/// ```
public struct LeadQualifierConfiguration: Sendable {
    /// One question: how it is asked, and how it is asked again after an answer that does not fit.
    public struct Question: Sendable, Hashable {
        /// The question.
        public var prompt: String
        /// Sent after an answer that does not fit, before the person tries again.
        public var reprompt: String

        /// Creates a question.
        public init(_ prompt: String, reprompt: String) {
            self.prompt = prompt
            self.reprompt = reprompt
        }
    }

    /// A choice for the need question: words that pick it, and whether it counts toward qualifying.
    public struct Need: Sendable, Hashable {
        /// The stored name, e.g. `buy`.
        public var name: String
        /// Words that pick it (the name always does, and so does its number in the list).
        public var keywords: [String]
        /// Points it adds to the score.
        public var points: Int

        /// Creates a choice.
        public init(_ name: String, keywords: [String] = [], points: Int) {
            self.name = name
            self.keywords = keywords
            self.points = points
        }
    }

    /// Asked first; `{name}` in later texts becomes the answer.
    public var nameQuestion = Question("Hi! Thanks for reaching out. What's your name?", reprompt: "Sorry, I didn't catch that. What's your first name?")
    /// What the person needs; the answer must pick one of ``needs``.
    public var needQuestion = Question(
        "Nice to meet you, {name}! Are you looking to 1) buy, 2) sell or 3) rent?", reprompt: "Please reply 1, 2 or 3 (buy, sell or rent)."
    )
    /// The budget, in dollars ("350k", "$1.2m" and "350,000" all work).
    public var budgetQuestion = Question(
        "What budget do you have in mind, in dollars?", reprompt: "Please reply with an amount, for example 350000 or 350k."
    )
    /// When; the answer must pick one of ``timelines``.
    public var timelineQuestion = Question(
        "When would you like to move? 1) within a month, 2) in 1 to 3 months, 3) in 3 to 6 months, 4) later or not sure",
        reprompt: "Please reply 1, 2, 3 or 4."
    )
    /// The needs to choose from.
    public var needs = [Need("buy", keywords: ["purchase", "buying"], points: 30), Need("sell", keywords: ["selling"], points: 30),
                        Need("rent", keywords: ["renting", "lease"], points: 10)]
    /// The timeline choices, in order, as months from now, with their points.
    public var timelines: [(months: Int, points: Int)] = [(1, 30), (3, 25), (6, 10), (12, 0)]
    /// A budget at or above this earns ``budgetPoints``; half of it earns half.
    public var minimumBudget = 200_000
    /// Points for a budget at the minimum or above.
    public var budgetPoints = 40
    /// The score (0–100) from which a lead is qualified.
    public var qualifyingScore = 70
    /// Sent to a qualified lead before a person takes over.
    public var qualifiedMessage = "Thanks {name}! You're a great fit. One of our agents will text you here shortly."
    /// Sent to a lead that does not qualify; the conversation ends.
    public var unqualifiedMessage =
        "Thanks {name}, that's everything I need. We'll keep your details and reach out if something fits. Have a great day!"
    /// Sent to a closed lead who writes again.
    public var closedMessage = "Thanks for your message! We have your details and will be in touch if something fits."
    /// Sent once after a day of silence, whatever the question.
    public var followUpMessage = "Hi {name}, just checking in. Whenever you have a minute, I'd love to finish up: {question}"
    /// How long the person may stay silent before the one follow-up.
    public var followUpAfter: Duration = .seconds(24 * 3600)
    /// Where the summary of each finished lead is posted as JSON; `nil` keeps it in the chat's session only.
    public var handOffURL: URL?
    /// Opt-out, pacing, quiet hours and the other line-health rules (``LineHealthConfiguration``).
    public var lineHealth = LineHealthConfiguration()
    /// The bot's id in idempotency keys.
    public var botID = "lead-qualifier"

    /// Creates the default configuration.
    public init() {}

    /// `template` with `{name}` replaced.
    func text(_ template: String, name: String) -> String {
        template.replacingOccurrences(of: "{name}", with: name.isEmpty ? "there" : name)
    }
}
