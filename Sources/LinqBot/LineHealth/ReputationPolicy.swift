/// The reputation signals Linq documents, and what line health does with them.
///
/// - Tapbacks: a reaction from the person counts as an answer, as it does for Linq, both for
///   the follow-up guard and for the line's engagement figures.
/// - Chat health: every chat carries a `health_status`. `OPTED_OUT` records an opt-out for
///   the person of a direct chat; `CRITICAL` holds proactive sends to the chat (replies still
///   go) and looks again every ``criticalRecheck``; `AT_RISK` lowers the follow-up guard to
///   ``atRiskFollowUpLimit``; `HEALTHY` lifts both.
/// - Response rate: the share of the line's outreaches of the last 7 UTC days that the person
///   answered (see ``ResponseRate``). Below ``responseRateWarning`` a warning is logged; below
///   ``responseRateFloor`` proactive first messages (new chats) on the line wait, once the line
///   has ``responseRateMinimumSample`` outreaches in the window.
///
/// ```swift
/// var health = LineHealthConfiguration()
/// health.reputation.responseRateFloor = 0.2
/// health.reputation.criticalRecheck = .seconds(30 * 60)
/// bot.useLineHealth(health)
/// ```
public struct ReputationPolicy: Sendable, Hashable {
    /// Whether a tapback from the person counts as an answer (Linq: "both replies and tapbacks count").
    public var tapbacksCountAsReplies: Bool
    /// Whether the chat's `health_status` gates sends.
    public var followsChatHealth: Bool
    /// The follow-up guard's limit in an AT_RISK chat: proactive messages stop after this many
    /// of ours in a row go unanswered (the lower of this and the usual limit applies); `nil`:
    /// the usual limit.
    public var atRiskFollowUpLimit: Int?
    /// How long a proactive send to a CRITICAL chat waits before the chat's health is looked up again.
    public var criticalRecheck: Duration
    /// Below this 7-day response rate (0–1) a warning is logged, at most once a day per line.
    public var responseRateWarning: Double
    /// Below this 7-day response rate (0–1) proactive first messages on the line wait (Linq
    /// throttles lines under 15 %); `nil`: they never wait for it.
    public var responseRateFloor: Double?
    /// Outreaches the line needs in the 7-day window before its response rate is judged.
    public var responseRateMinimumSample: Int
    /// How long a first message held by a low response rate waits before the rate is read again.
    public var responseRateRecheck: Duration

    /// Creates a policy; by default tapbacks count, chat health gates sends, an AT_RISK chat
    /// allows one unanswered message, a CRITICAL chat is looked at again every hour, and a
    /// line warns under 25 % and holds new chats under 15 % once it has 20 outreaches.
    public init(
        tapbacksCountAsReplies: Bool = true, followsChatHealth: Bool = true, atRiskFollowUpLimit: Int? = 1,
        criticalRecheck: Duration = .seconds(3600), responseRateWarning: Double = 0.25, responseRateFloor: Double? = 0.15,
        responseRateMinimumSample: Int = 20, responseRateRecheck: Duration = .seconds(3600)
    ) {
        self.tapbacksCountAsReplies = tapbacksCountAsReplies
        self.followsChatHealth = followsChatHealth
        self.atRiskFollowUpLimit = atRiskFollowUpLimit.map { max(1, $0) }
        self.criticalRecheck = max(criticalRecheck, .seconds(1))
        self.responseRateWarning = min(max(responseRateWarning, 0), 1)
        self.responseRateFloor = responseRateFloor.map { min(max($0, 0), 1) }
        self.responseRateMinimumSample = max(1, responseRateMinimumSample)
        self.responseRateRecheck = max(responseRateRecheck, .seconds(1))
    }
}
