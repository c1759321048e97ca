// LeadQualifier: asks a new lead four questions, scores the answers, and hands qualified leads
// to a person.
//
//     LINQBOT_LEAD_HANDOFF_URL=https://crm.example.com/hooks/leads swift run LeadQualifier

import Foundation
import LeadQualifierKit
import LinqBot
import LinqBotHost

do {
    let bot = makeLeadQualifier(try LeadQualifierConfiguration.fromEnvironment())
    await BotHost.runOrExit(bot)
} catch {
    FileHandle.standardError.write(Data("lead-qualifier: \(error)\n".utf8))
    exit(1)
}
