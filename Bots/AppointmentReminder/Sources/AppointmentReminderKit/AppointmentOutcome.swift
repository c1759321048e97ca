public import Foundation

/// What became of an appointment, told to the business (posted to the outcome URL) and kept in
/// the chat's session under ``sessionKey`` for the admin API's chat view.
public struct AppointmentOutcome: Codable, Sendable, Hashable {
    /// The session key of the chat's outcomes, oldest first.
    public static let sessionKey = "appointment.outcomes"

    /// The kinds of outcome.
    public enum Kind: String, Codable, Sendable, Hashable {
        /// The person confirmed.
        case confirmed
        /// The person cancelled.
        case cancelled
        /// The person picked another slot; ``AppointmentOutcome/newTime`` has it.
        case rescheduled
        /// The person asked for another time and no slot was open; the appointment stands.
        case noSlots = "no_slots"
        /// The appointment came without any answer from the person.
        case noResponse = "no_response"
    }

    /// The business's appointment id.
    public var appointmentID: String
    /// What happened.
    public var outcome: Kind
    /// The appointment's time (before a reschedule).
    public var time: Date
    /// The new time, after a reschedule.
    public var newTime: Date?
    /// The chat.
    public var chatID: String?
    /// The person.
    public var handle: String?
    /// When it happened.
    public var at: Date

    /// Creates an outcome.
    public init(appointmentID: String, outcome: Kind, time: Date, newTime: Date? = nil, chatID: String?, handle: String?, at: Date) {
        self.appointmentID = appointmentID
        self.outcome = outcome
        self.time = time
        self.newTime = newTime
        self.chatID = chatID
        self.handle = handle
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case outcome, time, handle, at
        case appointmentID = "appointment_id"
        case newTime = "new_time"
        case chatID = "chat_id"
    }
}
