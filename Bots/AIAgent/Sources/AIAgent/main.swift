// AIAgent: LinqBotAI's agent, configured from LINQBOT_AI_* variables (Chat Completions, Responses or Anthropic).
//
//     LINQBOT_AI_BASE_URL=http://127.0.0.1:11434/v1 LINQBOT_AI_MODEL=llama3.2 swift run AIAgent

import LinqBotAI
import Foundation
import LinqBot
import LinqBotHost

do {
    let bot = makeAIAgent(try AIAgentConfiguration.fromEnvironment())
    await BotHost.runOrExit(bot)
} catch {
    FileHandle.standardError.write(Data("ai-agent: \(error)\n".utf8))
    exit(1)
}
