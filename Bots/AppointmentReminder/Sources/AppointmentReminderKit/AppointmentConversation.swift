import Foundation
import LinqBot
import LinqModels
import Logging

/// What the reminder flow does in each state: book, remind, follow up once, and act on the
/// person's answers, telling the business every outcome.
struct AppointmentConversation: Sendable {
    static let reminderPrefix = "appointment.reminder."
    static let dueTimer = "appointment.due"

    let configuration: AppointmentReminderConfiguration
    let slots: any AppointmentSlots
    let sink: (any OutcomeSink)?

    /// Entry of ``AppointmentStep/booked``: the booking message (which creates the chat), then the timers.
    func book(_ context: ChatContext, _ appointment: inout Appointment) async throws {
        if let zone = appointment.timeZone.flatMap(TimeZone.init(identifier:)) { context.setTimeZone(zone) }
        try await context.reply(text(configuration.bookedMessage, appointment, context))
        try await scheduleTimers(context, appointment)
    }

    /// Handles a reminder timer or the person's answer in `step`.
    func handle(_ context: ChatContext, _ appointment: inout Appointment, in step: AppointmentStep) async throws -> FlowTransition<AppointmentStep> {
        if let timer = context.timer { return try await fire(timer, context, &appointment, in: step) }
        let answer = AppointmentReply(context.text ?? "", offered: step == .rescheduling ? appointment.offered.count : 0)
        switch answer {
        case .confirm:
            if !appointment.confirmed { try await report(.confirmed, context, appointment) }
            appointment.confirmed = true
            appointment.offered = []
            try await context.reply(text(configuration.confirmedMessage, appointment, context))
            return .go(.waiting)
        case .cancel:
            try await report(.cancelled, context, appointment)
            try await context.reply(text(configuration.cancelledMessage, appointment, context))
            try await cancelTimers(context)
            return .finish
        case .reschedule:
            return try await offer(context, &appointment)
        case .pick(let index):
            let slot = appointment.offered[index]
            guard try await slots.book(slot, for: appointment) else {
                try await context.reply(configuration.slotTakenMessage)
                return try await offer(context, &appointment)
            }
            let old = appointment
            (appointment.time, appointment.confirmed, appointment.offered) = (slot, true, [])
            (appointment.remindersSent, appointment.followedUp) = (0, false)
            try await report(.rescheduled, context, old, newTime: slot)
            try await context.reply(text(configuration.rescheduledMessage, appointment, context))
            try await cancelTimers(context)
            try await scheduleTimers(context, appointment)
            return .go(.waiting)
        case .keep where step == .rescheduling:
            appointment.offered = []
            try await context.reply(text(configuration.keptMessage, appointment, context))
            return .go(.waiting)
        case .keep, nil:
            let help = step == .rescheduling ? configuration.pickHelpMessage : configuration.helpMessage
            try await context.reply(text(help, appointment, context))
            return .stay
        }
    }

    /// The one follow-up after an unanswered reminder; after it the bot stops writing (the
    /// remaining reminders are dropped) and only reports the outcome when the time comes.
    func followUp(_ context: ChatContext, _ appointment: inout Appointment) async throws -> FlowTransition<AppointmentStep> {
        guard !appointment.followedUp, !appointment.confirmed, appointment.time > context.now else { return .stay }
        appointment.followedUp = true
        try await context.reply(text(configuration.followUpMessage, appointment, context))
        for timer in try await context.store.timers(chatKey: context.chatID?.rawValue ?? "") where timer.name.hasPrefix(Self.reminderPrefix) {
            try await context.cancelTimer(timer.name)
        }
        return .stay
    }

    private func fire(
        _ timer: FiredTimer, _ context: ChatContext, _ appointment: inout Appointment, in step: AppointmentStep
    ) async throws -> FlowTransition<AppointmentStep> {
        if timer.name == Self.dueTimer {
            if !appointment.confirmed { try await report(.noResponse, context, appointment) }
            return .finish
        }
        guard timer.name.hasPrefix(Self.reminderPrefix) else { return .stay }
        appointment.remindersSent += 1
        if appointment.confirmed {
            try await context.reply(text(configuration.confirmedReminderMessage, appointment, context))
            return .stay
        }
        try await context.reply(text(configuration.reminderMessage, appointment, context))
        return step == .rescheduling ? .stay : .go(.reminded)
    }

    private func offer(_ context: ChatContext, _ appointment: inout Appointment) async throws -> FlowTransition<AppointmentStep> {
        let open = try await slots.openSlots(for: appointment, after: context.now, limit: configuration.slotsOffered)
        guard !open.isEmpty else {
            appointment.offered = []
            try await report(.noSlots, context, appointment)
            try await context.reply(text(configuration.noSlotsMessage, appointment, context))
            return .go(.waiting)
        }
        appointment.offered = Array(open.prefix(configuration.slotsOffered))
        let list = appointment.offered.enumerated().map { "\($0.offset + 1)) \(Self.when($0.element, in: context.timeZone))" }.joined(separator: ", ")
        try await context.reply(text(configuration.slotsMessage, appointment, context).replacingOccurrences(of: "{slots}", with: list))
        return .go(.rescheduling)
    }

    private func scheduleTimers(_ context: ChatContext, _ appointment: Appointment) async throws {
        let times = configuration.plan.times(for: appointment.time, in: context.timeZone, now: context.now)
        for (index, time) in times.enumerated() { try await context.schedule(Self.reminderPrefix + "\(index)", at: time) }
        try await context.schedule(Self.dueTimer, at: max(appointment.time, context.now))
    }

    private func cancelTimers(_ context: ChatContext) async throws {
        guard let chat = context.chatID else { return }
        for timer in try await context.store.timers(chatKey: chat.rawValue)
        where timer.name.hasPrefix(Self.reminderPrefix) || timer.name == Self.dueTimer {
            try await context.cancelTimer(timer.name)
        }
    }

    private func report(_ kind: AppointmentOutcome.Kind, _ context: ChatContext, _ appointment: Appointment, newTime: Date? = nil) async throws {
        let outcome = AppointmentOutcome(
            appointmentID: appointment.id, outcome: kind, time: appointment.time, newTime: newTime, chatID: context.chatID?.rawValue,
            handle: context.sender, at: context.now
        )
        try await sink?.deliver(outcome)
        var outcomes = context.session(AppointmentOutcome.sessionKey, as: [AppointmentOutcome].self) ?? []
        outcomes.append(outcome)
        context.setSession(AppointmentOutcome.sessionKey, outcomes)
        context.logger.info("appointment outcome", metadata: ["linq.appointment_id": "\(appointment.id)", "linq.outcome": "\(kind.rawValue)"])
    }

    private func text(_ template: String, _ appointment: Appointment, _ context: ChatContext) -> String {
        template.replacingOccurrences(of: "{description}", with: appointment.description)
            .replacingOccurrences(of: "{when}", with: Self.when(appointment.time, in: context.timeZone))
    }

    /// "Thu, Mar 12 at 3:00 PM" in `zone`.
    static func when(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "EEE, MMM d 'at' h:mm a"
        return formatter.string(from: date)
    }
}
