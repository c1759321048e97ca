/// A line's response rate over the last 7 UTC days (today and the 6 days before), as line
/// health counts it.
///
/// An *outreach* is a proactive message of ours (a timer, a scheduled or business send, a
/// first message that starts a chat) sent while the chat has no outreach waiting for an
/// answer; the proactive messages after it, until the person answers, belong to the same
/// outreach. It is *answered* when the person writes or taps back in the chat within 7 days.
/// Each outreach counts on the UTC day it began. Replies to a person's message are neither:
/// a person who wrote first is engaged already.
///
/// The counts are day-bucketed counters in the bot's store, so they survive restarts and are
/// shared by every instance on the store.
public struct ResponseRate: Sendable, Hashable {
    /// The line.
    public var line: String
    /// Outreaches begun in the window.
    public var outreaches: Int
    /// Of those, the ones the person answered so far.
    public var answered: Int

    /// Creates a figure.
    public init(line: String, outreaches: Int, answered: Int) {
        self.line = line
        self.outreaches = outreaches
        self.answered = answered
    }

    /// Answered ÷ outreaches (0–1); `nil` without outreaches.
    public var rate: Double? {
        guard outreaches > 0 else { return nil }
        return min(1, Double(answered) / Double(outreaches))
    }

    /// The rate as a whole percentage, for logs (`"12 %"`), or `"n/a"`.
    var percent: String { rate.map { "\(Int(($0 * 100).rounded())) %" } ?? "n/a" }
}
