public import Foundation

/// How line health protects a line: every rule on by default with Linq's numbers, each one
/// adjustable or (where it is optional by nature) switched off with `nil`.
///
/// ```swift
/// var health = LineHealthConfiguration(businessName: "Acme Dental")
/// health.quietHours = QuietHours(from: 20, to: 9)
/// health.markReadAfter = .seconds(2)
/// bot.useLineHealth(health)
/// ```
public struct LineHealthConfiguration: Sendable {
    /// The name opt-out, opt-in and help messages give (CTIA asks for the program's name);
    /// the bot id when `nil`.
    public var businessName: String?
    /// Opt-out, opt-in and help keywords, and what is said back.
    public var optOut: OptOutPolicy
    /// Spacing between messages and the per-pair budget.
    public var pacing: PacingPolicy
    /// Messages a line may take part in per UTC day, inbound and outbound together (Linq
    /// recommends at most 7,000; sandbox lines stop at 100). At the budget, proactive sends wait
    /// for the next day; replies still go, with a warning.
    public var dailyLineBudget: Int
    /// The share of ``dailyLineBudget`` at which a warning is logged.
    public var budgetWarningShare: Double
    /// Hours, in the person's time zone, when proactive messages wait; `nil`: none.
    public var quietHours: QuietHours?
    /// Proactive messages to a person stop after this many of ours in a row go unanswered; `nil`: no limit.
    public var followUpLimit: Int?
    /// Replies to a message older than this are not sent; the event is dead-lettered instead.
    public var staleReplyAge: Duration
    /// Whether a handler that works for a while shows the typing indicator, and when.
    public var typing: TypingPolicy?
    /// Whether our contact card is shared once a day, after the day's first message in a chat (iMessage only).
    public var shareContactCard: Bool
    /// Marks a person's message read after this human-like delay; `nil`: never.
    public var markReadAfter: Duration?
    /// What replies do while the line is FLAGGED (proactive sends always wait for ACTIVE).
    public var repliesWhileFlagged: FlaggedLineReplies
    /// How often a proactive send held by a FLAGGED line looks again.
    public var flaggedRecheck: Duration
    /// Long texts on SMS chats.
    public var sms: SMSPolicy
    /// Below this inbound:outbound ratio (Linq's guidance is 1:2) a warning is logged, once
    /// the line sent ``engagementMinimum`` messages since start.
    public var minimumReplyRatio: Double
    /// Outbound messages since start before the reply ratio is judged.
    public var engagementMinimum: Int
    /// Tapbacks as answers, the chats' `health_status`, and the line's 7-day response rate
    /// (warning under 25 %, new chats held under 15 %); see ``ReputationPolicy``.
    public var reputation = ReputationPolicy()
    /// What still goes to a group chat one of whose members opted out: by default
    /// (``GroupOptOutPolicy/answerOnly``) answers to the group's messages, nothing proactive.
    /// The opted-out person never gets anything directly, whatever this says.
    public var groupOptOut = GroupOptOutPolicy.answerOnly

    /// Creates a configuration; the defaults follow Linq's guidance and the reliability plan.
    public init(
        businessName: String? = nil, optOut: OptOutPolicy = OptOutPolicy(), pacing: PacingPolicy = PacingPolicy(),
        dailyLineBudget: Int = 7_000, budgetWarningShare: Double = 0.9, quietHours: QuietHours? = QuietHours(from: 21, to: 8),
        followUpLimit: Int? = 2, staleReplyAge: Duration = .seconds(15 * 60), typing: TypingPolicy? = TypingPolicy(),
        shareContactCard: Bool = true, markReadAfter: Duration? = nil, repliesWhileFlagged: FlaggedLineReplies = .send,
        flaggedRecheck: Duration = .seconds(300), sms: SMSPolicy = SMSPolicy(), minimumReplyRatio: Double = 0.5, engagementMinimum: Int = 20
    ) {
        self.businessName = businessName
        self.optOut = optOut
        self.pacing = pacing
        self.dailyLineBudget = max(1, dailyLineBudget)
        self.budgetWarningShare = min(max(budgetWarningShare, 0), 1)
        self.quietHours = quietHours
        self.followUpLimit = followUpLimit.map { max(1, $0) }
        self.staleReplyAge = staleReplyAge
        self.typing = typing
        self.shareContactCard = shareContactCard
        self.markReadAfter = markReadAfter
        self.repliesWhileFlagged = repliesWhileFlagged
        self.flaggedRecheck = flaggedRecheck
        self.sms = sms
        self.minimumReplyRatio = minimumReplyRatio
        self.engagementMinimum = engagementMinimum
    }

    /// The defaults for a sandbox account, whose lines stop at 100 messages a day.
    public static var sandbox: LineHealthConfiguration { LineHealthConfiguration(dailyLineBudget: 100) }
}

/// Hours of the day, in the person's time zone, when proactive messages wait.
public struct QuietHours: Sendable, Hashable {
    /// The hour (0–23) quiet begins.
    public var from: Int
    /// The hour (0–23) quiet ends; before `from` means the quiet spans midnight.
    public var to: Int

    /// Quiet from `from` o'clock to `to` o'clock, local time.
    public init(from: Int, to: Int) {
        self.from = min(max(from, 0), 23)
        self.to = min(max(to, 0), 23)
    }

    /// Whether `date` falls in the quiet hours in `zone`.
    public func contains(_ date: Date, in zone: TimeZone) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let hour = calendar.component(.hour, from: date)
        if from == to { return false }
        return from < to ? (hour >= from && hour < to) : (hour >= from || hour < to)
    }

    /// When the quiet that holds `date` ends, in `zone`.
    public func end(after date: Date, in zone: TimeZone) -> Date {
        (try? LocalTime.next(DateComponents(hour: to, minute: 0, second: 0), after: date, in: zone)) ?? date.addingTimeInterval(3600)
    }
}

/// Spacing between messages in one chat, and the budget of each line–person pair.
public struct PacingPolicy: Sendable, Hashable {
    /// Messages per ``pairWindow`` to one person from one line (Linq refuses above 30 per 60 s).
    public var pairLimit: Int
    /// The window of ``pairLimit``.
    public var pairWindow: Duration
    /// Messages that may go back to back before the pair's spacing applies. The spacing after a
    /// burst is `pairWindow / (pairLimit - pairBurst + 1)`, so no window ever holds more than
    /// ``pairLimit`` (the defaults: 5 at once, then one every 3.75 s).
    public var pairBurst: Int
    /// The least time between two messages in a chat.
    public var minimumGap: Duration
    /// Extra time per character of the next message, as if typed.
    public var perCharacter: Duration
    /// The most time between two messages in a chat.
    public var maximumGap: Duration
    /// The random share (0–1) the gap varies by, either way.
    public var jitter: Double
    /// Waits up to this long happen inside the handler (with the typing indicator); a longer
    /// one puts the event back in the queue until then.
    public var longestInlineWait: Duration

    /// Creates a policy; the defaults keep a pair at 20 per 60 s with bursts of 5.
    public init(
        pairLimit: Int = 20, pairWindow: Duration = .seconds(60), pairBurst: Int = 5, minimumGap: Duration = .milliseconds(600),
        perCharacter: Duration = .milliseconds(25), maximumGap: Duration = .seconds(4), jitter: Double = 0.2,
        longestInlineWait: Duration = .seconds(30)
    ) {
        self.pairLimit = max(1, pairLimit)
        self.pairWindow = pairWindow
        self.pairBurst = max(1, pairBurst)
        self.minimumGap = minimumGap
        self.perCharacter = perCharacter
        self.maximumGap = max(maximumGap, minimumGap)
        self.jitter = min(max(jitter, 0), 0.9)
        self.longestInlineWait = longestInlineWait
    }
}

/// When the typing indicator shows while a handler works.
public struct TypingPolicy: Sendable, Hashable {
    /// How long a handler works before the indicator starts.
    public var after: Duration
    /// How often it is sent again while the work lasts (Linq shows it for about 85–90 s).
    public var refresh: Duration
    /// Only in chats with activity this recent (Linq shows it reliably only then).
    public var recentActivity: Duration

    /// Creates a policy.
    public init(after: Duration = .milliseconds(1500), refresh: Duration = .seconds(60), recentActivity: Duration = .seconds(300)) {
        self.after = after
        self.refresh = refresh
        self.recentActivity = recentActivity
    }
}

/// What a reply does while its line is FLAGGED.
public enum FlaggedLineReplies: Sendable, Hashable {
    /// It is sent (the person wrote first; Linq may still refuse it).
    case send
    /// It waits, like proactive sends, until the line is ACTIVE.
    case hold
    /// It is dropped with a log line.
    case drop
}

/// How long texts are treated on SMS chats.
public struct SMSPolicy: Sendable, Hashable {
    /// What happens to a text longer than ``maxSegments``.
    public enum LongText: Sendable, Hashable {
        /// Sent as is, with a warning and a metric.
        case warn
        /// Split at word ends into texts of one segment each, sent one after another.
        case split
    }

    /// Segments a text may take before ``longText`` applies.
    public var maxSegments: Int
    /// What happens to a longer text.
    public var longText: LongText

    /// Creates a policy; by default a text over one segment is sent with a warning.
    public init(maxSegments: Int = 1, longText: LongText = .warn) {
        self.maxSegments = max(1, maxSegments)
        self.longText = longText
    }
}
