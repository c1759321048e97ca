public import Foundation

/// When an appointment's reminders go out: at each offset before it, moved into the person's
/// daytime (``earliestHour`` to ``latestHour`` local), never in the past, never two within an
/// hour of each other.
///
/// A reminder that would fall before ``earliestHour`` goes out the evening before at
/// ``latestHour``; one after ``latestHour`` goes out at ``latestHour`` the same day. (The
/// framework's line-health rules add quiet hours for every proactive send on top.)
public struct ReminderPlan: Sendable, Hashable {
    /// How long before the appointment each reminder goes out, e.g. a day and two hours.
    public var offsets: [Duration]
    /// The earliest local hour for a reminder.
    public var earliestHour: Int
    /// The latest local hour for a reminder (a reminder goes out at the latest at this hour, `:00`).
    public var latestHour: Int

    /// Creates a plan.
    public init(offsets: [Duration] = [.seconds(24 * 3600), .seconds(2 * 3600)], earliestHour: Int = 8, latestHour: Int = 20) {
        self.offsets = offsets
        self.earliestHour = min(max(0, earliestHour), 23)
        self.latestHour = min(max(self.earliestHour, latestHour), 23)
    }

    /// The reminder times for an appointment at `time`, soonest first, in `zone`, after `now`.
    public func times(for time: Date, in zone: TimeZone, now: Date) -> [Date] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var times: [Date] = []
        for offset in offsets {
            var date = time.addingTimeInterval(-Double(offset.components.seconds))
            let hour = calendar.component(.hour, from: date)
            if hour < earliestHour, let evening = calendar.date(byAdding: .day, value: -1, to: date) {
                date = calendar.date(bySettingHour: latestHour, minute: 0, second: 0, of: evening) ?? date
            } else if hour > latestHour || (hour == latestHour && calendar.component(.minute, from: date) > 0) {
                date = calendar.date(bySettingHour: latestHour, minute: 0, second: 0, of: date) ?? date
            }
            guard date > now, date < time else { continue }
            times.append(date)
        }
        var kept: [Date] = []
        for date in times.sorted() where kept.last.map({ date.timeIntervalSince($0) >= 3600 }) ?? true {
            kept.append(date)
        }
        return kept
    }
}
