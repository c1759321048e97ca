public import Foundation
import LinqAPI

extension LineHealthConfiguration {
    /// The defaults, changed by `LINQBOT_BUSINESS_NAME` (the name in opt-out and help
    /// answers), `LINQBOT_QUIET_HOURS` (`21-8`, or `off`), `LINQBOT_DAILY_LINE_BUDGET` (a whole
    /// number; 100 for a sandbox account), `LINQBOT_CONTACT_CARD` (`off` to never share it) and
    /// `LINQBOT_GROUP_OPT_OUT` (`answer-only`, `silent` or `unrestricted`; see ``GroupOptOutPolicy``).
    /// Throws a ``LinqConfigurationError`` naming the variable to fix.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LineHealthConfiguration {
        var configuration = LineHealthConfiguration()
        if let name = environment["LINQBOT_BUSINESS_NAME"], !name.isEmpty { configuration.businessName = name }
        if let text = environment["LINQBOT_QUIET_HOURS"], !text.isEmpty {
            if text.lowercased() == "off" {
                configuration.quietHours = nil
            } else {
                let hours = text.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard hours.count == 2, hours.allSatisfy({ (0...23).contains($0) }) else {
                    throw LinqConfigurationError("LINQBOT_QUIET_HOURS is \"\(text)\"; use FROM-TO hours such as 21-8, or off.")
                }
                configuration.quietHours = QuietHours(from: hours[0], to: hours[1])
            }
        }
        if let text = environment["LINQBOT_DAILY_LINE_BUDGET"], !text.isEmpty {
            guard let budget = Int(text), budget > 0 else {
                throw LinqConfigurationError("LINQBOT_DAILY_LINE_BUDGET is \"\(text)\"; use a whole number above 0 (7000 recommended, 100 on sandbox).")
            }
            configuration.dailyLineBudget = budget
        }
        if let text = environment["LINQBOT_CONTACT_CARD"], !text.isEmpty {
            guard ["on", "off"].contains(text.lowercased()) else { throw LinqConfigurationError("LINQBOT_CONTACT_CARD is \"\(text)\"; use on or off.") }
            configuration.shareContactCard = text.lowercased() == "on"
        }
        if let text = environment["LINQBOT_GROUP_OPT_OUT"], !text.isEmpty {
            guard let policy = GroupOptOutPolicy(rawValue: text.lowercased()) else {
                let choices = GroupOptOutPolicy.allCases.map(\.rawValue).joined(separator: ", ")
                throw LinqConfigurationError("LINQBOT_GROUP_OPT_OUT is \"\(text)\"; use one of \(choices).")
            }
            configuration.groupOptOut = policy
        }
        return configuration
    }
}
