/// The lines a bot spreads people over, and how (see ``Bot/useLinePool(_:)``).
///
/// ```swift
/// var pool = LinePoolConfiguration(lines: ["+15555550100", "+15555550101"])
/// pool.rampUp = LineRampUp(firstDay: 20)
/// bot.useLinePool(pool)
/// ```
public struct LinePoolConfiguration: Sendable, Hashable {
    /// The lines to use, in E.164; `nil` (the default): every line of the account, as
    /// `GET /v3/phone_numbers` lists them (read when first needed, and again once the list is
    /// older than ``refreshInterval``).
    /// `LINQBOT_LINES` sets it for a hosted bot.
    public var lines: [String]?
    /// How a line new to the bot warms up; `nil`: no ramp-up, every line takes new people up to its budget.
    public var rampUp: LineRampUp?
    /// Lines that need no ramp-up (they sent before the bot used them). A line with outreaches
    /// in its 7-day response rate when the bot first sees it needs none either.
    public var establishedLines: Set<String>
    /// How long the account's line list is used before it is read again.
    public var refreshInterval: Duration
    /// The message ``BotApplication/moveConversations(from:to:key:)`` sends each person from
    /// their new line; `{business}` becomes the business name (or the bot's id).
    public var invitation: String
    /// Whether a person on SMS or RCS gets a contact file (``ContactFile``: the business's
    /// name, their line and the pool's other lines as backups), once, after the bot's first
    /// answer to them. Off by default.
    public var contactFile: Bool
    /// With ``contactFile`` on, whether people on iMessage get the file too, once, after the
    /// bot's first answer (where line health shares the line's Name & Photo card, which holds
    /// no backup numbers). On by default; `false` leaves them the card share alone.
    public var contactFileOnIMessage: Bool
    /// Whether a person without a line is first offered Linq's own choice
    /// (`GET /v3/available_number?to=`: the line of a chat the person already has with the
    /// account, else its least recently used line, better reputations first), taken when that
    /// line is open in the pool; otherwise, or when Linq does not answer, the open line with the
    /// fewest people. On by default.
    public var linqSuggestions: Bool

    /// Creates a configuration: the account's lines, the default ramp-up, a 10-minute refresh.
    public init(
        lines: [String]? = nil, rampUp: LineRampUp? = LineRampUp(), establishedLines: Set<String> = [], refreshInterval: Duration = .seconds(600),
        invitation: String = "This is {business}'s new number: reply here to continue our conversation.", contactFile: Bool = false,
        contactFileOnIMessage: Bool = true, linqSuggestions: Bool = true
    ) {
        self.contactFile = contactFile
        self.contactFileOnIMessage = contactFileOnIMessage
        self.linqSuggestions = linqSuggestions
        self.lines = lines
        self.rampUp = rampUp
        self.establishedLines = establishedLines
        self.refreshInterval = max(refreshInterval, .seconds(1))
        self.invitation = invitation
    }
}
