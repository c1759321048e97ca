public import LinqBot

/// Where an appointment's conversation stands.
public enum AppointmentStep: String, FlowState {
    /// Just booked: the booking message goes out and the reminders are scheduled.
    case booked
    /// Waiting for the next reminder; the person may answer at any time.
    case waiting
    /// A reminder went out and the person has not answered it yet.
    case reminded
    /// Slots were offered; the person picks one.
    case rescheduling
}
