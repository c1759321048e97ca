public import Foundation
public import LinqBot

/// Appointments from a JSON file, booked when the bot starts: a way to try the reminder
/// locally without writing business code.
///
/// ```json
/// [{"id": "demo-1", "handle": "+15555550123", "in_minutes": 1500,
///   "time_zone": "America/New_York", "description": "your haircut with Sam"}]
/// ```
///
/// Each entry has `id`, `handle`, `description`, either `time` (ISO-8601) or `in_minutes`
/// (from the moment the file is read), and optionally `time_zone` and `line`.
public struct DemoAppointments: Sendable {
    /// One appointment of the file.
    public struct Entry: Sendable, Hashable {
        /// The appointment.
        public var appointment: Appointment
        /// Who it is for.
        public var handle: String
        /// The line to text from, when not the first.
        public var line: String?
    }

    private struct Row: Decodable {
        var id: String
        var handle: String
        var description: String
        var time: String?
        var inMinutes: Double?
        var timeZone: String?
        var line: String?

        enum CodingKeys: String, CodingKey {
            case id, handle, description, time, line
            case inMinutes = "in_minutes"
            case timeZone = "time_zone"
        }
    }

    /// The entries.
    public var entries: [Entry]

    /// Reads the file at `path`; `in_minutes` counts from `now`.
    public init(contentsOf path: String, now: Date) throws {
        let rows = try JSONDecoder().decode([Row].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        entries = try rows.map { row in
            let time: Date
            if let text = row.time {
                time = try Date(text, strategy: .iso8601)
            } else if let minutes = row.inMinutes {
                time = now.addingTimeInterval(minutes * 60)
            } else {
                throw DemoAppointmentsError(message: "appointment \"\(row.id)\" in \(path) has neither time nor in_minutes")
            }
            if let zone = row.timeZone, TimeZone(identifier: zone) == nil {
                throw DemoAppointmentsError(message: "appointment \"\(row.id)\" in \(path) has an unknown time zone \"\(zone)\"")
            }
            return Entry(appointment: Appointment(id: row.id, time: time, description: row.description, timeZone: row.timeZone), handle: row.handle, line: row.line)
        }
    }

    /// Books every entry through `reminder` running as `app`, texting from `line` unless an
    /// entry names its own. Failures are returned, not thrown.
    public func book(with reminder: AppointmentReminder, app: BotApplication, line: String) async -> [any Error] {
        var errors: [any Error] = []
        for entry in entries {
            do {
                try await reminder.book(entry.appointment, for: entry.handle, from: entry.line ?? line, through: app)
            } catch {
                errors.append(error)
            }
        }
        return errors
    }
}

/// A demo appointments file that cannot be used.
public struct DemoAppointmentsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// What is wrong.
    public var description: String { message }
}
