public import Foundation
import Synchronization

/// The last hour of one instance's inbox, minute by minute: events handled, the time their
/// handlers took, and the backlog the scheduler saw at its polls. The admin console draws it as
/// small charts; Prometheus (`/metrics`) keeps the long view. A ``BotApplication`` owns one.
public final class InboxActivity: Sendable {
    /// One minute of activity.
    public struct Minute: Sendable, Hashable {
        /// When the minute began.
        public var start: Date
        /// Events whose handler ran to its end in the minute.
        public var handled: Int = 0
        /// The handlers' time in all, in seconds.
        public var handlerSeconds: Double = 0
        /// The slowest handler of the minute, in seconds.
        public var slowestHandlerSeconds: Double = 0
        /// The inbox backlog at the minute's last poll, when there was one.
        public var backlog: Int?

        /// The handlers' mean time, in seconds, when any ran.
        public var meanHandlerSeconds: Double? { handled > 0 ? handlerSeconds / Double(handled) : nil }
    }

    /// How many minutes are kept.
    public static let minutes = 60
    private let kept = Mutex<[Int: Minute]>([:])
    private let now: @Sendable () -> Date

    /// Keeps the hour up to `now`, the bot's clock.
    init(now: @escaping @Sendable () -> Date) { self.now = now }

    /// Records a handler that ran for `duration`, ending at `date`.
    func handled(_ duration: Duration, at date: Date) {
        let seconds = duration.seconds
        update(at: date) { minute in
            minute.handled += 1
            minute.handlerSeconds += seconds
            minute.slowestHandlerSeconds = max(minute.slowestHandlerSeconds, seconds)
        }
    }

    /// Records the backlog seen at `date`.
    func backlog(_ pending: Int, at date: Date) {
        update(at: date) { $0.backlog = pending }
    }

    /// The hour up to now, oldest minute first; a minute with nothing recorded is empty.
    public func lastHour() -> [Minute] {
        let current = Self.index(now())
        let known = kept.withLock { $0 }
        return (current - Self.minutes + 1...current).map { known[$0] ?? Self.empty($0) }
    }

    private func update(at date: Date, _ change: (inout Minute) -> Void) {
        let index = Self.index(date)
        kept.withLock { kept in
            var minute = kept[index] ?? Self.empty(index)
            change(&minute)
            kept[index] = minute
            if kept.count > Self.minutes { kept = kept.filter { $0.key > index - Self.minutes } }
        }
    }

    /// The minute numbered `index` (minutes since 1970), with nothing recorded.
    private static func empty(_ index: Int) -> Minute { Minute(start: Date(timeIntervalSince1970: Double(index) * 60)) }

    private static func index(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 60).rounded(.down)) }
}
