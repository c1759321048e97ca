public import Foundation
public import LinqBot

/// The appointment reminder bot and its flow. Business code books an appointment by starting
/// the flow for a person (``book(_:for:from:timeZone:)``, or `POST /admin/flows/appointment/start`);
/// the person gets a booking message, reminders at the plan's offsets in their time zone, and
/// can confirm, cancel or reschedule. Every outcome goes to the business.
///
/// ```swift
/// let reminder = makeAppointmentReminder(try .fromEnvironment(), slots: DemoSlots())
/// await BotHost.runOrExit(reminder.bot) { app in
///     try? await reminder.book(appointment, for: "+15555550123", from: "+15555550100", through: app)
/// }
/// ```
public struct AppointmentReminder: Sendable {
    /// The bot to run.
    public let bot: Bot
    /// The flow, as business code starts it.
    public let flow: Flow<AppointmentStep, Appointment>

    /// Books `appointment` for `handle` on `line` through `app` (the running bot): the booking
    /// message goes out now and creates the chat if needed. `timeZone` is the person's (else the
    /// appointment's, else the bot's). Booking the same appointment id twice for a handle is queued once.
    public func book(
        _ appointment: Appointment, for handle: String, from line: String, timeZone: TimeZone? = nil, through app: BotApplication
    ) async throws {
        try await app.startFlow(
            flow, with: handle, from: line, data: appointment,
            timeZone: timeZone ?? appointment.timeZone.flatMap(TimeZone.init(identifier:)), key: "appointment-\(appointment.id)"
        )
    }
}

/// Builds the appointment reminder. `slots` is the business's calendar for rescheduling;
/// `sink` receives every outcome (by default a POST to
/// ``AppointmentReminderConfiguration/outcomeURL`` when set); outcomes are also kept in the
/// chat's session (``AppointmentOutcome/sessionKey``), visible in the admin API's chat view.
public func makeAppointmentReminder(
    _ configuration: AppointmentReminderConfiguration, slots: any AppointmentSlots, sink: (any OutcomeSink)? = nil
) -> AppointmentReminder {
    let bot = Bot(configuration: .init(botID: configuration.botID))
    bot.useLineHealth(configuration.lineHealth)
    let conversation = AppointmentConversation(
        configuration: configuration, slots: slots, sink: sink ?? configuration.outcomeURL.map { HTTPOutcomeSink(url: $0) }
    )
    let flow = Flow<AppointmentStep, Appointment>(configuration.flowName, initial: .booked, data: Appointment(id: "", time: .distantPast, description: ""))
    flow.kinds = [.text, .timer]  // reminders arrive as the chat's timers, in the chat's order
    flow.onEnter(.booked) { context, appointment in try await conversation.book(context, &appointment) }
    for step in [AppointmentStep.booked, .waiting, .reminded, .rescheduling] {
        flow.on(step) { context, appointment in try await conversation.handle(context, &appointment, in: step) }
    }
    flow.timeout(.reminded, after: configuration.followUpAfter) { context, appointment in
        try await conversation.followUp(context, &appointment)
    }
    bot.add(flow)
    bot.onText { context, _ in
        guard !context.isProactive else { return }
        try await context.reply("This number sends appointment reminders. Please call us to book or change an appointment.")
    }
    return AppointmentReminder(bot: bot, flow: flow)
}
