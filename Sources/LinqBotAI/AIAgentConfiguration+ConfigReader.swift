import LinqBot
public import Foundation
import LinqAPI

extension AIAgentConfiguration {
    /// Reads the configuration from the environment:
    ///
    /// | Variable | Default |
    /// | --- | --- |
    /// | `LINQBOT_AI_PROVIDER` | `chat-completions`; or `responses`, `anthropic` |
    /// | `LINQBOT_AI_BASE_URL` | the provider's ``AIProvider/defaultBaseURL`` |
    /// | `LINQBOT_AI_MODEL` | `llama3.2` |
    /// | `LINQBOT_AI_API_KEY` | none |
    /// | `LINQBOT_AI_SYSTEM_PROMPT` or `LINQBOT_AI_SYSTEM_PROMPT_FILE` | ``defaultSystemPrompt`` |
    /// | `LINQBOT_AI_TEMPERATURE` | the server's |
    /// | `LINQBOT_AI_MAX_TURNS`, `LINQBOT_AI_MAX_HISTORY_CHARS` | 20, 12000 |
    /// | `LINQBOT_AI_MAX_OUTPUT_TOKENS` | the server's (1024 for Anthropic) |
    /// | `LINQBOT_AI_MAX_TOOL_ROUNDS` | 4 |
    /// | `LINQBOT_AI_DAILY_TOKEN_BUDGET`, `LINQBOT_AI_BUDGET_MESSAGE` | no limit; see ``budgetMessage`` |
    /// | `LINQBOT_AI_PLAIN_TEXT` | `on`: Markdown flattened; `off` sends it as the model wrote it |
    /// | `LINQBOT_AI_IMAGES` | `on`: images the person sends go to the model; `off` for text-only models |
    /// | `LINQBOT_AI_TOOLS` | comma-separated ``BuiltInTool`` names; none |
    /// | `LINQBOT_AI_RESET_WORDS` | `reset`; comma-separated, empty turns it off |
    /// | `LINQBOT_AI_GROUP_NAMES` | none: silent in groups; comma-separated names: answers messages naming one; `*`: every message |
    /// | `LINQBOT_AI_TIMEOUT_SECONDS` | 45 |
    /// | `LINQBOT_AI_BURST_WINDOW_SECONDS` | 3 |
    /// | `LINQBOT_AI_TURN_POLICY` | `restart`; or `queue` (see ``TurnPolicy``) |
    /// | `LINQBOT_AI_HANDOFF_MARKER` | `[HANDOFF]` |
    /// | `LINQBOT_AI_HANDOFF_PHRASES` | comma-separated; empty turns them off |
    /// | `LINQBOT_AI_HANDOFF_MESSAGE`, `LINQBOT_AI_FALLBACK_MESSAGE` | see ``init(baseURL:model:apiKey:systemPrompt:temperature:maxHistoryTurns:maxHistoryCharacters:burstWindow:burstMaxWait:typingRefresh:timeout:handOffMarker:handOffPhrases:handOffMessage:fallbackMessage:maxBubbleLength:maxSMSBubbleLength:minBubbleLength:botID:)`` |
    ///
    /// Throws a ``LinqConfigurationError`` naming the variable to fix.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AIAgentConfiguration {
        var provider = AIProvider.chatCompletions
        if let name = value(environment, "LINQBOT_AI_PROVIDER") {
            guard let named = AIProvider(rawValue: name.lowercased()) else {
                throw LinqConfigurationError(
                    "LINQBOT_AI_PROVIDER is \"\(name)\"; use one of \(AIProvider.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            }
            provider = named
        }
        let urlText = value(environment, "LINQBOT_AI_BASE_URL") ?? provider.defaultBaseURL.absoluteString
        guard let url = URL(string: urlText), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw LinqConfigurationError("LINQBOT_AI_BASE_URL is \"\(urlText)\"; use an http(s) URL such as https://api.openai.com/v1.")
        }
        var configuration = AIAgentConfiguration(baseURL: url, model: value(environment, "LINQBOT_AI_MODEL") ?? "llama3.2")
        configuration.provider = provider
        configuration.maxOutputTokens = try number(environment, "LINQBOT_AI_MAX_OUTPUT_TOKENS")
        configuration.maxToolRounds = try number(environment, "LINQBOT_AI_MAX_TOOL_ROUNDS") ?? configuration.maxToolRounds
        configuration.dailyTokenBudget = try number(environment, "LINQBOT_AI_DAILY_TOKEN_BUDGET")
        if let text = value(environment, "LINQBOT_AI_BUDGET_MESSAGE") { configuration.budgetMessage = text }
        if let text = value(environment, "LINQBOT_AI_PLAIN_TEXT") {
            switch text.lowercased() {
            case "on", "1", "true": configuration.plainText = true
            case "off", "0", "false": configuration.plainText = false
            default: throw LinqConfigurationError("LINQBOT_AI_PLAIN_TEXT is \"\(text)\"; use on or off.")
            }
        }
        if let text = value(environment, "LINQBOT_AI_IMAGES") {
            switch text.lowercased() {
            case "on", "true", "yes", "1": configuration.sendsImages = true
            case "off", "false", "no", "0": configuration.sendsImages = false
            default: throw LinqConfigurationError("LINQBOT_AI_IMAGES is \"\(text)\"; use on or off.")
            }
        }
        for name in list(environment, "LINQBOT_AI_TOOLS") ?? [] {
            guard let tool = BuiltInTool(rawValue: name) else {
                throw LinqConfigurationError(
                    "LINQBOT_AI_TOOLS names \"\(name)\"; use any of \(BuiltInTool.allCases.map(\.rawValue).joined(separator: ", ")), comma-separated."
                )
            }
            configuration.builtInTools.insert(tool)
        }
        if let words = list(environment, "LINQBOT_AI_RESET_WORDS") { configuration.resetKeywords = words }
        if let names = list(environment, "LINQBOT_AI_GROUP_NAMES") { configuration.groupNames = names }
        configuration.lineHealth = try LineHealthConfiguration.fromEnvironment(environment)
        configuration.apiKey = value(environment, "LINQBOT_AI_API_KEY").map { Secret($0) }
        if let prompt = value(environment, "LINQBOT_AI_SYSTEM_PROMPT") {
            configuration.systemPrompt = prompt
        } else if let path = value(environment, "LINQBOT_AI_SYSTEM_PROMPT_FILE") {
            do {
                configuration.systemPrompt = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw LinqConfigurationError("LINQBOT_AI_SYSTEM_PROMPT_FILE is \"\(path)\", which cannot be read: \(error.localizedDescription)")
            }
        }
        if let text = value(environment, "LINQBOT_AI_TEMPERATURE") {
            guard let temperature = Double(text), (0...2).contains(temperature) else {
                throw LinqConfigurationError("LINQBOT_AI_TEMPERATURE is \"\(text)\"; use a number from 0 to 2.")
            }
            configuration.temperature = temperature
        }
        configuration.maxHistoryTurns = try number(environment, "LINQBOT_AI_MAX_TURNS") ?? configuration.maxHistoryTurns
        configuration.maxHistoryCharacters = try number(environment, "LINQBOT_AI_MAX_HISTORY_CHARS") ?? configuration.maxHistoryCharacters
        if let seconds = try number(environment, "LINQBOT_AI_TIMEOUT_SECONDS") { configuration.timeout = .seconds(seconds) }
        if let seconds = try number(environment, "LINQBOT_AI_BURST_WINDOW_SECONDS") {
            configuration.burstWindow = .seconds(seconds)
            configuration.burstMaxWait = .seconds(seconds * 5)
        }
        if let name = value(environment, "LINQBOT_AI_TURN_POLICY") {
            guard let policy = TurnPolicy(rawValue: name.lowercased()) else {
                throw LinqConfigurationError(
                    "LINQBOT_AI_TURN_POLICY is \"\(name)\"; use one of \(TurnPolicy.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            }
            configuration.turnPolicy = policy
        }
        if let marker = value(environment, "LINQBOT_AI_HANDOFF_MARKER") { configuration.handOffMarker = marker }
        if let phrases = list(environment, "LINQBOT_AI_HANDOFF_PHRASES") { configuration.handOffPhrases = phrases }
        if let message = value(environment, "LINQBOT_AI_HANDOFF_MESSAGE") { configuration.handOffMessage = message }
        if let message = value(environment, "LINQBOT_AI_FALLBACK_MESSAGE") { configuration.fallbackMessage = message }
        return configuration
    }

    private static func value(_ environment: [String: String], _ name: String) -> String? {
        guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    /// A comma-separated list; `nil` when the variable is unset, empty when it is set empty.
    private static func list(_ environment: [String: String], _ name: String) -> [String]? {
        guard let text = environment[name] else { return nil }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func number(_ environment: [String: String], _ name: String) throws -> Int? {
        guard let text = value(environment, name) else { return nil }
        guard let number = Int(text), number > 0 else { throw LinqConfigurationError("\(name) is \"\(text)\"; use a whole number above 0.") }
        return number
    }
}
