import LinqBot
public import Foundation
import LinqAPI

extension AppointmentReminderConfiguration {
    /// Reads `LINQBOT_REMINDER_OFFSETS` (comma-separated durations before the appointment such
    /// as `24h,2h` or `90m`; units `d`, `h`, `m`), `LINQBOT_REMINDER_FOLLOW_UP_MINUTES`,
    /// `LINQBOT_REMINDER_HOURS` (the local daytime window, e.g. `8-20`) and
    /// `LINQBOT_REMINDER_OUTCOME_URL`. Throws a ``LinqConfigurationError`` naming the variable to fix.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppointmentReminderConfiguration {
        var configuration = AppointmentReminderConfiguration()
        configuration.lineHealth = try LineHealthConfiguration.fromEnvironment(environment)
        if let text = environment["LINQBOT_REMINDER_OFFSETS"], !text.isEmpty {
            let offsets = text.split(separator: ",").map { duration(String($0).trimmingCharacters(in: .whitespaces)) }
            guard !offsets.isEmpty, offsets.allSatisfy({ $0 != nil }) else {
                throw LinqConfigurationError("LINQBOT_REMINDER_OFFSETS is \"\(text)\"; use durations such as 24h,2h (units d, h, m).")
            }
            configuration.plan.offsets = offsets.compactMap { $0 }
        }
        if let text = environment["LINQBOT_REMINDER_FOLLOW_UP_MINUTES"], !text.isEmpty {
            guard let minutes = Int(text), minutes > 0 else {
                throw LinqConfigurationError("LINQBOT_REMINDER_FOLLOW_UP_MINUTES is \"\(text)\"; use a whole number above 0.")
            }
            configuration.followUpAfter = .seconds(minutes * 60)
        }
        if let text = environment["LINQBOT_REMINDER_HOURS"], !text.isEmpty {
            let parts = text.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, (0...23).contains(parts[0]), (parts[0]...23).contains(parts[1]) else {
                throw LinqConfigurationError("LINQBOT_REMINDER_HOURS is \"\(text)\"; use a local hour range such as 8-20.")
            }
            configuration.plan = ReminderPlan(offsets: configuration.plan.offsets, earliestHour: parts[0], latestHour: parts[1])
        }
        if let text = environment["LINQBOT_REMINDER_OUTCOME_URL"], !text.isEmpty {
            guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw LinqConfigurationError("LINQBOT_REMINDER_OUTCOME_URL is \"\(text)\"; use an http(s) URL.")
            }
            configuration.outcomeURL = url
        }
        return configuration
    }

    /// `24h`, `90m`, `1d` as a duration.
    static func duration(_ text: String) -> Duration? {
        guard let unit = text.last, let value = Int(text.dropLast()), value > 0 else { return nil }
        switch unit {
        case "d": return .seconds(value * 86_400)
        case "h": return .seconds(value * 3600)
        case "m": return .seconds(value * 60)
        default: return nil
        }
    }
}
