import AppointmentReminderKit
import Foundation
import LinqBot
import LinqBotTesting
import Synchronization

/// Collects outcomes in memory.
final class CollectedOutcomes: OutcomeSink {
    private let outcomes = Mutex<[AppointmentOutcome]>([])
    var all: [AppointmentOutcome] { outcomes.withLock { $0 } }
    var kinds: [AppointmentOutcome.Kind] { all.map(\.outcome) }
    func deliver(_ outcome: AppointmentOutcome) async throws { outcomes.withLock { $0.append(outcome) } }
}

/// A calendar with fixed open slots. A slot in `taken` looks open but is refused when booked
/// (someone else got it first), and is not offered again.
final class FixedSlots: AppointmentSlots {
    let open: [Date]
    let taken: Set<Date>
    private let state = Mutex<(booked: [Date], refused: Set<Date>)>((booked: [], refused: []))

    init(_ open: [Date], taken: Set<Date> = []) {
        self.open = open
        self.taken = taken
    }

    var bookings: [Date] { state.withLock { $0.booked } }

    func openSlots(for appointment: Appointment, after date: Date, limit: Int) async throws -> [Date] {
        let (booked, refused) = state.withLock { ($0.booked, $0.refused) }
        return Array(open.filter { $0 > date && !booked.contains($0) && !refused.contains($0) }.prefix(limit))
    }

    func book(_ slot: Date, for appointment: Appointment) async throws -> Bool {
        state.withLock { state in
            guard !taken.contains(slot) else {
                state.refused.insert(slot)
                return false
            }
            state.booked.append(slot)
            return true
        }
    }
}

/// The reminder bot with a tester and a booked appointment: Thursday 12 March 2026 at 3 pm in New York.
struct ReminderHarness {
    static let zone = TimeZone(identifier: "America/New_York")!
    static let time = date("2026-03-12T19:00:00Z")
    static let appointment = Appointment(id: "appt-4711", time: time, description: "your cleaning with Dr. Reyes")
    static let when = "Thu, Mar 12 at 3:00 PM"

    let reminder: AppointmentReminder
    let tester: BotTester
    let outcomes: CollectedOutcomes
    let configuration: AppointmentReminderConfiguration

    static func date(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    static func make(slots: any AppointmentSlots = FixedSlots([]), configuration: AppointmentReminderConfiguration = .init()) async throws -> ReminderHarness {
        let outcomes = CollectedOutcomes()
        let reminder = makeAppointmentReminder(configuration, slots: slots, sink: outcomes)
        let tester = try await BotTester(bot: reminder.bot)
        return ReminderHarness(reminder: reminder, tester: tester, outcomes: outcomes, configuration: configuration)
    }

    /// Books the appointment for the tester's person; returns the booking message.
    func book() async throws -> [String] {
        try await reminder.book(Self.appointment, for: tester.person, from: tester.line, timeZone: Self.zone, through: tester.app)
        try await tester.settle()
        return try await tester.replies()
    }

    /// Moves the virtual clock to `date` (plus a second, so work due then is done).
    func advance(to date: Date) async throws {
        try await tester.advance(by: .seconds(max(0, date.timeIntervalSince(tester.date)) + 1))
    }
}
