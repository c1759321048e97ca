public import Foundation

/// One appointment, as business code gives it when it starts the reminder flow (the flow's
/// data), plus what the flow has done about it.
///
/// Through the admin API (`time` in ISO-8601; `time_zone` may also be given beside `data`):
///
/// ```json
/// {"handle": "+15555550123", "line": "+15555550100", "time_zone": "America/New_York",
///  "data": {"id": "appt-4711", "time": "2026-03-12T15:00:00Z", "description": "your cleaning with Dr. Reyes"}}
/// ```
public struct Appointment: Codable, Sendable, Hashable {
    /// The business's id for it.
    public var id: String
    /// When it is.
    public var time: Date
    /// What it is, as it reads after "Reminder:", e.g. "your cleaning with Dr. Reyes".
    public var description: String
    /// The person's time zone (IANA name), when given with the appointment.
    public var timeZone: String?
    /// How many reminders were sent.
    public var remindersSent = 0
    /// Whether the one follow-up was sent.
    public var followedUp = false
    /// Whether the person confirmed.
    public var confirmed = false
    /// The slots offered for rescheduling, while the person picks one.
    public var offered: [Date] = []

    /// Creates an appointment.
    public init(id: String, time: Date, description: String, timeZone: String? = nil) {
        self.id = id
        self.time = time
        self.description = description
        self.timeZone = timeZone
    }

    enum CodingKeys: String, CodingKey {
        case id, time, description, confirmed, offered
        case timeZone = "time_zone"
        case remindersSent = "reminders_sent"
        case followedUp = "followed_up"
    }

    /// Decodes `time` and `offered` from ISO-8601 text (or seconds since 1970).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        time = try Self.date(container, .time)
        description = try container.decode(String.self, forKey: .description)
        timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone)
        if let zone = timeZone, TimeZone(identifier: zone) == nil {
            throw DecodingError.dataCorruptedError(forKey: .timeZone, in: container, debugDescription: "\"\(zone)\" is not an IANA time zone")
        }
        remindersSent = try container.decodeIfPresent(Int.self, forKey: .remindersSent) ?? 0
        followedUp = try container.decodeIfPresent(Bool.self, forKey: .followedUp) ?? false
        confirmed = try container.decodeIfPresent(Bool.self, forKey: .confirmed) ?? false
        offered = try (container.decodeIfPresent([String].self, forKey: .offered) ?? []).map { text in
            guard let date = try? Date(text, strategy: .iso8601) else {
                throw DecodingError.dataCorruptedError(forKey: .offered, in: container, debugDescription: "\"\(text)\" is not an ISO-8601 time")
            }
            return date
        }
    }

    /// Encodes times as ISO-8601 text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(time.formatted(.iso8601), forKey: .time)
        try container.encode(description, forKey: .description)
        try container.encodeIfPresent(timeZone, forKey: .timeZone)
        try container.encode(remindersSent, forKey: .remindersSent)
        try container.encode(followedUp, forKey: .followedUp)
        try container.encode(confirmed, forKey: .confirmed)
        try container.encode(offered.map { $0.formatted(.iso8601) }, forKey: .offered)
    }

    private static func date(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Date {
        if let seconds = try? container.decode(Double.self, forKey: key) { return Date(timeIntervalSince1970: seconds) }
        let text = try container.decode(String.self, forKey: key)
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\"\(text)\" is not an ISO-8601 time such as 2026-03-12T15:00:00Z")
        }
        return date
    }
}
