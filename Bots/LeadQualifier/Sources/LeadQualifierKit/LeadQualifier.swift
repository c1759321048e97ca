import Foundation
public import LinqBot
import LinqModels
import Logging

/// Builds the lead qualifier: anyone who texts the line is asked ``LeadStep``'s questions; the
/// answers are checked (a question is asked again after an answer that does not fit) and
/// scored. A qualified lead's summary goes to `sink` (by default a POST to
/// ``LeadQualifierConfiguration/handOffURL``) and the chat to a person, so the bot goes silent
/// there; a lead that does not qualify is thanked and closed. A day of silence brings one
/// gentle follow-up, never more.
///
/// ```swift
/// let bot = makeLeadQualifier(try .fromEnvironment())
/// await BotHost.runOrExit(bot)
/// ```
public func makeLeadQualifier(_ configuration: LeadQualifierConfiguration, sink: (any LeadSink)? = nil) -> Bot {
    let bot = Bot(configuration: .init(botID: configuration.botID))
    bot.useLineHealth(configuration.lineHealth)
    let flow = LeadQualifier.makeFlow(configuration, sink: sink ?? configuration.handOffURL.map { HTTPLeadSink(url: $0) })
    bot.add(flow, startWhen: EventFilter { $0.session(LeadQualifier.statusKey, as: String.self) == nil })
    bot.onText { context, _ in try await context.reply(configuration.closedMessage) }
    return bot
}

/// The qualifying flow and where it keeps its results.
public enum LeadQualifier {
    /// The flow's name (stored with each chat in it).
    public static let flowName = "qualify-lead"
    /// The session key of a finished lead's status: `qualified` or `closed`.
    public static let statusKey = "lead.status"
    /// The session key of a finished lead's ``LeadSummary``.
    public static let summaryKey = "lead.summary"

    /// The qualifying flow.
    public static func makeFlow(_ configuration: LeadQualifierConfiguration, sink: (any LeadSink)?) -> Flow<LeadStep, Lead> {
        let flow = Flow<LeadStep, Lead>(flowName, initial: .name, data: Lead())
        for step in LeadStep.allCases {
            flow.onEnter(step) { context, lead in
                try await context.reply(configuration.text(question(step, configuration).prompt, name: lead.name))
            }
            flow.timeout(step, after: configuration.followUpAfter) { context, lead in
                guard !lead.followedUp else { return .stay }  // one follow-up per lead, never more
                lead.followedUp = true
                let prompt = configuration.text(question(step, configuration).prompt, name: lead.name)
                try await context.reply(configuration.text(configuration.followUpMessage, name: lead.name).replacingOccurrences(of: "{question}", with: prompt))
                return .stay
            }
        }
        flow.on(.name) { context, lead in
            guard let name = LeadAnswers.name(context.text ?? "") else { return try await reprompt(.name, context, lead, configuration) }
            lead.name = name
            return .go(.need)
        }
        flow.on(.need) { context, lead in
            guard let need = LeadAnswers.need(context.text ?? "", from: configuration.needs) else {
                return try await reprompt(.need, context, lead, configuration)
            }
            lead.need = need.name
            lead.needPoints = need.points
            return .go(.budget)
        }
        flow.on(.budget) { context, lead in
            guard let budget = LeadAnswers.budget(context.text ?? "") else { return try await reprompt(.budget, context, lead, configuration) }
            lead.budget = budget
            return .go(.timeline)
        }
        flow.on(.timeline) { context, lead in
            guard let index = LeadAnswers.timeline(context.text ?? "", choices: configuration.timelines.count) else {
                return try await reprompt(.timeline, context, lead, configuration)
            }
            (lead.timelineMonths, lead.timelinePoints) = configuration.timelines[index]
            return .finish
        }
        flow.onFinish { context, lead in try await close(context, lead, configuration, sink: sink) }
        return flow
    }

    private static func question(_ step: LeadStep, _ configuration: LeadQualifierConfiguration) -> LeadQualifierConfiguration.Question {
        switch step {
        case .name: configuration.nameQuestion
        case .need: configuration.needQuestion
        case .budget: configuration.budgetQuestion
        case .timeline: configuration.timelineQuestion
        }
    }

    private static func reprompt(
        _ step: LeadStep, _ context: ChatContext, _ lead: Lead, _ configuration: LeadQualifierConfiguration
    ) async throws -> FlowTransition<LeadStep> {
        try await context.reply(configuration.text(question(step, configuration).reprompt, name: lead.name))
        return .stay
    }

    /// Scores the finished lead, records and delivers its summary, then hands a qualified lead
    /// to a person or closes the conversation politely.
    private static func close(_ context: ChatContext, _ lead: Lead, _ configuration: LeadQualifierConfiguration, sink: (any LeadSink)?) async throws {
        let score = lead.score(minimumBudget: configuration.minimumBudget, budgetPoints: configuration.budgetPoints)
        let qualified = score >= configuration.qualifyingScore
        let summary = LeadSummary(
            chatID: context.chatID?.rawValue ?? "", handle: context.sender, line: context.line, name: lead.name, need: lead.need,
            budget: lead.budget, timelineMonths: lead.timelineMonths, score: score, qualified: qualified, completedAt: context.now
        )
        // Delivered first: if it fails the event is retried, and the replies keep their idempotency keys.
        try await sink?.deliver(summary)
        context.setSession(summaryKey, summary)
        context.setSession(statusKey, qualified ? "qualified" : "closed")
        context.logger.info("lead finished", metadata: ["linq.lead_score": "\(score)", "linq.lead_qualified": "\(qualified)"])
        if qualified {
            try await context.reply(configuration.text(configuration.qualifiedMessage, name: lead.name))
            try await context.handOff(reason: "qualified lead (score \(score))")
        } else {
            try await context.reply(configuration.text(configuration.unqualifiedMessage, name: lead.name))
        }
    }
}
