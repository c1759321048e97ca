/// What the bot may send to a group chat one of whose members opted out.
///
/// Linq never blocks group threads: an opted-out person's STOP stops what goes to them
/// directly, while the groups they are in keep receiving messages. LinqBot goes further by
/// default (``answerOnly``): such a group gets answers to its own messages and nothing the bot
/// starts. Whatever the policy, the opted-out person gets nothing directly (no direct chat is
/// written to or started because of a STOP said in a group), and the one STOP confirmation
/// goes into the group where the STOP was said.
///
/// ```swift
/// var health = LineHealthConfiguration(businessName: "Book Club")
/// health.groupOptOut = .silent   // LINQBOT_GROUP_OPT_OUT=silent
/// bot.useLineHealth(health)
/// ```
public enum GroupOptOutPolicy: String, Sendable, Hashable, CaseIterable {
    /// The default: the bot still answers a message written in the group, and sends nothing of
    /// its own there (business sends, timers and follow-ups, scheduled messages, greetings of
    /// newcomers): a group is only ever answered while it holds someone who said STOP.
    case answerOnly = "answer-only"
    /// Nothing at all goes to the group, answers included, after the STOP's one confirmation.
    case silent
    /// Linq's own behaviour: groups are not affected by their members' opt-outs.
    case unrestricted
}
