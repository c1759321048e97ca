import LinqBot
public import Foundation
import LinqAPI

extension LeadQualifierConfiguration {
    /// Reads `LINQBOT_LEAD_HANDOFF_URL` (where summaries are posted), `LINQBOT_LEAD_MIN_BUDGET`,
    /// `LINQBOT_LEAD_QUALIFYING_SCORE` and `LINQBOT_LEAD_FOLLOW_UP_HOURS`; the rest keeps its defaults.
    /// Throws a ``LinqConfigurationError`` naming the variable to fix.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LeadQualifierConfiguration {
        var configuration = LeadQualifierConfiguration()
        configuration.lineHealth = try LineHealthConfiguration.fromEnvironment(environment)
        if let text = environment["LINQBOT_LEAD_HANDOFF_URL"], !text.isEmpty {
            guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw LinqConfigurationError("LINQBOT_LEAD_HANDOFF_URL is \"\(text)\"; use an http(s) URL.")
            }
            configuration.handOffURL = url
        }
        if let budget = try number(environment, "LINQBOT_LEAD_MIN_BUDGET") { configuration.minimumBudget = budget }
        if let score = try number(environment, "LINQBOT_LEAD_QUALIFYING_SCORE") { configuration.qualifyingScore = score }
        if let hours = try number(environment, "LINQBOT_LEAD_FOLLOW_UP_HOURS") { configuration.followUpAfter = .seconds(hours * 3600) }
        return configuration
    }

    private static func number(_ environment: [String: String], _ name: String) throws -> Int? {
        guard let text = environment[name], !text.isEmpty else { return nil }
        guard let number = Int(text), number >= 0 else { throw LinqConfigurationError("\(name) is \"\(text)\"; use a whole number.") }
        return number
    }
}
