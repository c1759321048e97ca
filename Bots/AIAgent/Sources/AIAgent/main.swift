// AIAgent: LinqBotAI's agent, configured from LINQBOT_AI_* variables (Chat Completions, Responses or Anthropic).
//
//     LINQBOT_AI_BASE_URL=http://127.0.0.1:11434/v1 LINQBOT_AI_MODEL=llama3.2 swift run AIAgent
//
// With LINQBOT_AI_OPENING_HOURS set (for example "Monday to Friday 9 am to 6 pm; Saturday 10 am
// to 2 pm; closed on Sundays"), the model gets an `opening_hours` tool that reads them out.

import LinqBotAI
import Foundation
import LinqBot
import LinqBotHost

/// What the model may pass when it asks for the opening hours.
struct HoursQuestion: Decodable {
    /// The day the person asked about, if any (the answer lists every day either way).
    var day: String?
}

/// The `opening_hours` tool, when `hours` are configured.
func openingHoursTool(_ hours: String?) -> [AITool] {
    guard let hours = hours?.trimmingCharacters(in: .whitespacesAndNewlines), !hours.isEmpty else { return [] }
    let tool = AITool(
        "opening_hours",
        description: "The business's opening hours for every day of the week. Call it whenever the person asks when the business is open."
    ) { (_: HoursQuestion, _) in hours }
    return [tool]
}

do {
    let configuration = try AIAgentConfiguration.fromEnvironment()
    let bot = makeAIAgent(configuration, tools: openingHoursTool(ProcessInfo.processInfo.environment["LINQBOT_AI_OPENING_HOURS"]))
    await BotHost.runOrExit(bot)
} catch {
    FileHandle.standardError.write(Data("ai-agent: \(error)\n".utf8))
    exit(1)
}
