import AppointmentReminderKit
import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import Testing

/// The appointment reminder's conversations on the virtual clock (now: Tuesday 10 March 2026, 11:42 in New York).
@Suite struct AppointmentReminderTests {
    typealias H = ReminderHarness
    static let firstReminder = H.date("2026-03-11T19:00:00Z")   // a day before, 3 pm local
    static let secondReminder = H.date("2026-03-12T17:00:00Z")  // two hours before, 1 pm local
    static let config = AppointmentReminderConfiguration()
    static let reminderText = "Reminder: your cleaning with Dr. Reyes on \(H.when). Reply C to confirm, X to cancel or R to reschedule."

    @Test("booked, reminded a day before, confirmed; the two-hour reminder says see you; the business hears it once")
    func confirms() async throws {
        let h = try await H.make()
        try await h.tester.run {
            #expect(try await h.book() == [
                "Hi! You're booked for your cleaning with Dr. Reyes on \(H.when). We'll remind you before. Reply C to confirm, X to cancel or R to reschedule.",
            ])
            let chat = try #require(try await h.tester.chatID())
            #expect(try await h.tester.app.chat(chat).timers.map(\.dueAt) == [Self.firstReminder, Self.secondReminder, H.time])
            try await h.advance(to: Self.firstReminder.addingTimeInterval(-2))
            #expect(try await h.tester.replies().count == 1, "not before its time")
            try await h.advance(to: Self.firstReminder)
            #expect(try await h.tester.replies().last == Self.reminderText)
            #expect(try await h.tester.send("C") == ["Thanks, you're confirmed for \(H.when). See you then!"])
            #expect(h.outcomes.kinds == [.confirmed])
            try await h.tester.advance(by: .seconds(2 * 3600))
            #expect(try await h.tester.replies().count == 3, "no follow-up after an answer")
            try await h.advance(to: Self.secondReminder)
            #expect(try await h.tester.replies().last == "Reminder: your cleaning with Dr. Reyes on \(H.when). See you then!")
            try await h.advance(to: H.time.addingTimeInterval(86_400))
            #expect(try await h.tester.replies().count == 4)
            #expect(h.outcomes.kinds == [.confirmed])
            let snapshot = try await h.tester.app.chat(chat)
            #expect(snapshot.flow == nil, "the flow ends when the appointment comes")
            let seen = try snapshot.session[AppointmentOutcome.sessionKey]?.decoded(as: [AppointmentOutcome].self) ?? []
            #expect(seen.map(\.outcome) == [.confirmed], "the admin API's chat view shows the outcome")
            #expect(seen.first?.appointmentID == "appt-4711")
        }
    }

    @Test("silence: the reminder, one follow-up an hour later, then nothing; the business hears no_response")
    func silence() async throws {
        let h = try await H.make()
        try await h.tester.run {
            _ = try await h.book()
            try await h.advance(to: Self.firstReminder)
            try await h.tester.advance(by: .seconds(3600))
            #expect(try await h.tester.replies().dropFirst() == [
                Self.reminderText,
                "Just checking: will you make it to your cleaning with Dr. Reyes on \(H.when)? Reply C to confirm, X to cancel or R to reschedule.",
            ])
            #expect(h.outcomes.kinds.isEmpty)
            try await h.advance(to: H.time.addingTimeInterval(3 * 86_400))
            #expect(try await h.tester.replies().count == 3, "no second reminder or follow-up after the follow-up")
            #expect(h.outcomes.kinds == [.noResponse])
            let chat = try #require(try await h.tester.chatID())
            #expect(try await h.tester.app.chat(chat).flow == nil)
            #expect(try await h.tester.app.chat(chat).timers.isEmpty)
        }
    }

    @Test("STOP after booking: one confirmation, the reminders are cancelled, nothing more reaches the person")
    func optOutStopsReminders() async throws {
        let h = try await H.make()
        try await h.tester.run {
            try await h.tester.simulatorEnforcesOptOut(false)
            _ = try await h.book()
            let confirmation = try await h.tester.send("STOP")
            #expect(confirmation.count == 1)
            #expect(confirmation.first?.contains("no further messages") == true)
            let chat = try #require(try await h.tester.chatID())
            #expect(try await h.tester.app.chat(chat).timers.isEmpty)
            #expect(try await h.tester.app.chat(chat).flow == nil)
            try await h.advance(to: H.time.addingTimeInterval(86_400))
            #expect(try await h.tester.replies().count == 2, "the booking and the confirmation only")
        }
    }

    @Test("cancel: the appointment is cancelled, the business told, and no reminder follows")
    func cancels() async throws {
        let h = try await H.make()
        try await h.tester.run {
            _ = try await h.book()
            #expect(try await h.tester.send("x") == ["Your appointment on \(H.when) is cancelled. Text us any time to book again."])
            #expect(h.outcomes.kinds == [.cancelled])
            let chat = try #require(try await h.tester.chatID())
            #expect(try await h.tester.app.chat(chat).timers.isEmpty)
            try await h.advance(to: H.time.addingTimeInterval(86_400))
            #expect(try await h.tester.replies().count == 2)
        }
    }

    @Test("reschedule: slots offered in the person's time, a taken one re-offered, the picked one booked and reminded anew")
    func reschedules() async throws {
        let slots = [H.date("2026-03-13T13:00:00Z"), H.date("2026-03-13T14:00:00Z"), H.date("2026-03-16T18:00:00Z")]
        let calendar = FixedSlots(slots, taken: [slots[0]])
        let h = try await H.make(slots: calendar)
        try await h.tester.run {
            _ = try await h.book()
            let offer = "Which time suits you better? 1) Fri, Mar 13 at 9:00 AM, 2) Fri, Mar 13 at 10:00 AM, 3) Mon, Mar 16 at 2:00 PM. Reply with a number, or K to keep \(H.when)."
            #expect(try await h.tester.send("R") == [offer])
            #expect(try await h.tester.send("maybe") == ["Please reply with the number of a time, or K to keep \(H.when)."])
            #expect(try await h.tester.send("1") == [
                "Sorry, that time was just taken.",
                "Which time suits you better? 1) Fri, Mar 13 at 10:00 AM, 2) Mon, Mar 16 at 2:00 PM. Reply with a number, or K to keep \(H.when).",
            ])
            #expect(try await h.tester.send("1") == ["Done! You're now booked for your cleaning with Dr. Reyes on Fri, Mar 13 at 10:00 AM."])
            #expect(calendar.bookings == [slots[1]])
            #expect(h.outcomes.kinds == [.rescheduled])
            #expect(h.outcomes.all.first?.time == H.time)
            #expect(h.outcomes.all.first?.newTime == slots[1])
            let chat = try #require(try await h.tester.chatID())
            #expect(try await h.tester.app.chat(chat).timers.map(\.dueAt) == [
                H.date("2026-03-12T14:00:00Z"), H.date("2026-03-13T12:00:00Z"), slots[1],
            ], "reminders at 10 am the day before and 8 am the same day")
            try await h.advance(to: H.date("2026-03-13T12:00:00Z"))
            #expect(try await h.tester.replies().last == "Reminder: your cleaning with Dr. Reyes on Fri, Mar 13 at 10:00 AM. See you then!")
        }
    }

    @Test("reschedule with no open slot: the person is told, the appointment stands, and the business hears no_slots")
    func noSlots() async throws {
        let h = try await H.make(slots: FixedSlots([]))
        try await h.tester.run {
            _ = try await h.book()
            #expect(try await h.tester.send("reschedule please") == [
                "Sorry, there are no other open times right now. Your appointment on \(H.when) stays booked, and we'll contact you to find another time.",
            ])
            #expect(h.outcomes.kinds == [.noSlots])
            try await h.advance(to: Self.firstReminder)
            #expect(try await h.tester.replies().last == Self.reminderText, "the appointment still stands")
            #expect(try await h.tester.send("what?") == ["Reply C to confirm, X to cancel or R to reschedule your cleaning with Dr. Reyes on \(H.when)."])
        }
    }

    @Test("reminders keep to daytime in the person's zone, skip the past, and never come twice within an hour")
    func planTimes() {
        let plan = ReminderPlan()
        let now = H.date("2026-03-10T12:00:00Z")
        let early = H.date("2026-03-12T12:00:00Z")  // 8 am in New York
        #expect(plan.times(for: early, in: H.zone, now: now) == [H.date("2026-03-11T12:00:00Z"), H.date("2026-03-12T00:00:00Z")],
                "8 am the day before, and 8 pm the evening before instead of 6 am")
        let late = H.date("2026-03-13T03:30:00Z")  // 11:30 pm on the 12th in New York
        #expect(plan.times(for: late, in: H.zone, now: now) == [H.date("2026-03-12T00:00:00Z"), H.date("2026-03-13T00:00:00Z")],
                "both move back to 8 pm")
        #expect(plan.times(for: early, in: H.zone, now: H.date("2026-03-11T13:00:00Z")) == [H.date("2026-03-12T00:00:00Z")], "the past is skipped")
        let close = ReminderPlan(offsets: [.seconds(2 * 3600), .seconds(90 * 60)])
        #expect(close.times(for: early, in: H.zone, now: now).count == 1, "two reminders that meet become one")
        #expect(plan.times(for: early, in: TimeZone(identifier: "Asia/Tokyo")!, now: now).count == 2, "each zone keeps its own daytime")
    }

    @Test("settings from the environment")
    func readsEnvironment() throws {
        let configuration = try AppointmentReminderConfiguration.fromEnvironment([
            "LINQBOT_REMINDER_OFFSETS": "1d, 90m", "LINQBOT_REMINDER_FOLLOW_UP_MINUTES": "30", "LINQBOT_REMINDER_HOURS": "9-19",
            "LINQBOT_REMINDER_OUTCOME_URL": "https://example.com/hooks/appointments",
        ])
        #expect(configuration.plan.offsets == [.seconds(86_400), .seconds(5400)])
        #expect(configuration.followUpAfter == .seconds(1800))
        #expect(configuration.plan.earliestHour == 9 && configuration.plan.latestHour == 19)
        #expect(configuration.outcomeURL?.host == "example.com")
        #expect(throws: (any Error).self) { try AppointmentReminderConfiguration.fromEnvironment(["LINQBOT_REMINDER_OFFSETS": "soon"]) }
    }
}
