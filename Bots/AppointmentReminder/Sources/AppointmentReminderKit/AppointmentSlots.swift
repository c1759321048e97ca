public import Foundation

/// The business's calendar, as the reminder needs it: open slots to offer a person who wants
/// another time, and booking the one they pick.
///
/// ```swift
/// struct ClinicCalendar: AppointmentSlots {
///     func openSlots(for appointment: Appointment, after date: Date, limit: Int) async throws -> [Date] {
///         try await clinic.freeSlots(near: appointment.time, after: date).prefix(limit).map(\.start)
///     }
///     func book(_ slot: Date, for appointment: Appointment) async throws -> Bool {
///         try await clinic.move(appointment.id, to: slot)
///     }
/// }
/// ```
public protocol AppointmentSlots: Sendable {
    /// Up to `limit` open slots after `date` to offer instead of `appointment`'s time, soonest first.
    func openSlots(for appointment: Appointment, after date: Date, limit: Int) async throws -> [Date]
    /// Moves `appointment` to `slot`; returns `false` when the slot was taken meanwhile.
    func book(_ slot: Date, for appointment: Appointment) async throws -> Bool
}
