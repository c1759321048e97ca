public import LinqBot
public import Foundation

/// The reminder's texts, timing and where outcomes go. In texts, `{description}` is the
/// appointment's description, `{when}` its local day and time, `{slots}` the offered slots.
public struct AppointmentReminderConfiguration: Sendable {
    /// The flow's name, as business code starts it (`POST /admin/flows/appointment/start`).
    public var flowName = "appointment"
    /// When reminders go out.
    public var plan = ReminderPlan()
    /// How long after an unanswered reminder the one follow-up goes out.
    public var followUpAfter: Duration = .seconds(3600)
    /// How many slots are offered for rescheduling.
    public var slotsOffered = 3
    /// Sent when the appointment is booked (it starts the chat).
    public var bookedMessage = "Hi! You're booked for {description} on {when}. We'll remind you before. Reply C to confirm, X to cancel or R to reschedule."
    /// Sent at each reminder until the person confirms.
    public var reminderMessage = "Reminder: {description} on {when}. Reply C to confirm, X to cancel or R to reschedule."
    /// Sent at each reminder after the person confirmed.
    public var confirmedReminderMessage = "Reminder: {description} on {when}. See you then!"
    /// The one follow-up after an unanswered reminder.
    public var followUpMessage = "Just checking: will you make it to {description} on {when}? Reply C to confirm, X to cancel or R to reschedule."
    /// Sent when the person confirms.
    public var confirmedMessage = "Thanks, you're confirmed for {when}. See you then!"
    /// Sent when the person cancels.
    public var cancelledMessage = "Your appointment on {when} is cancelled. Text us any time to book again."
    /// Offers slots; `{slots}` lists them numbered.
    public var slotsMessage = "Which time suits you better? {slots}. Reply with a number, or K to keep {when}."
    /// Sent when there is no open slot to offer.
    public var noSlotsMessage = "Sorry, there are no other open times right now. Your appointment on {when} stays booked, and we'll contact you to find another time."
    /// Sent when the person picked a slot and it was booked.
    public var rescheduledMessage = "Done! You're now booked for {description} on {when}."
    /// Sent when the picked slot was taken meanwhile, before fresh slots are offered.
    public var slotTakenMessage = "Sorry, that time was just taken."
    /// Sent when the person keeps the current time.
    public var keptMessage = "No problem, you're still booked for {when}."
    /// Sent for an answer that is none of the above.
    public var helpMessage = "Reply C to confirm, X to cancel or R to reschedule {description} on {when}."
    /// Sent for an answer that picks no slot.
    public var pickHelpMessage = "Please reply with the number of a time, or K to keep {when}."
    /// Where outcomes are posted as JSON; `nil` keeps them in the chat's session only.
    public var outcomeURL: URL?
    /// Opt-out, pacing, quiet hours and the other line-health rules (``LineHealthConfiguration``).
    public var lineHealth = LineHealthConfiguration()
    /// The bot's id in idempotency keys.
    public var botID = "appointment-reminder"

    /// Creates the default configuration.
    public init() {}
}
