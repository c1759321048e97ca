public import Foundation
import Synchronization

/// A demo calendar: hourly slots on weekdays during opening hours in one time zone, starting
/// the day after the request; a slot once booked is taken. For trying the bot locally.
public final class DemoSlots: AppointmentSlots {
    /// The first and last slot hour of a day (local).
    public let hours: ClosedRange<Int>
    /// The calendar's time zone.
    public let timeZone: TimeZone
    /// How many days ahead slots are looked for.
    public let daysAhead: Int
    private let taken = Mutex<Set<Date>>([])

    /// Creates a calendar open `hours` on weekdays in `timeZone`, `daysAhead` days ahead.
    public init(hours: ClosedRange<Int> = 9...16, timeZone: TimeZone = .current, daysAhead: Int = 14) {
        self.hours = hours
        self.timeZone = timeZone
        self.daysAhead = daysAhead
    }

    /// The next open slots from the day after `date`, skipping the appointment's own time.
    public func openSlots(for appointment: Appointment, after date: Date, limit: Int) async throws -> [Date] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let taken = self.taken.withLock { $0 }
        var slots: [Date] = []
        let start = calendar.startOfDay(for: date)
        for day in 1...max(1, daysAhead) {
            guard let midnight = calendar.date(byAdding: .day, value: day, to: start), !calendar.isDateInWeekend(midnight) else { continue }
            for hour in hours {
                guard let slot = calendar.date(bySettingHour: hour, minute: 0, second: 0, of: midnight) else { continue }
                if slot != appointment.time, !taken.contains(slot) { slots.append(slot) }
                if slots.count == limit { return slots }
            }
        }
        return slots
    }

    /// Books `slot` unless it is taken.
    public func book(_ slot: Date, for appointment: Appointment) async throws -> Bool {
        taken.withLock { $0.insert(slot).inserted }
    }
}
