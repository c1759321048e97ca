import LinqBotAI
import Foundation
import LinqAPI
import LinqModels
import Testing

/// The agent's pure parts: bubbles, the hand-off marker, history, settings, argument schemas.
@Suite struct AIAgentPartsTests {
    @Test("bubbles: paragraph breaks always cut, sentence ends cut once a bubble is long enough")
    func splitsBubbles() {
        var splitter = BubbleSplitter(maxLength: 320, minLength: 30)
        #expect(splitter.feed("Hi! We open at 9.").isEmpty, "too short to cut, and the last sentence may go on")
        #expect(splitter.feed(" Saturdays we open at 10 am. Sund") == ["Hi! We open at 9. Saturdays we open at 10 am."])
        #expect(splitter.feed("ays we rest.\n\nAnything") == ["Sundays we rest."])
        #expect(splitter.finish() == ["Anything"])
    }

    @Test("bubbles for SMS stay within one segment: long sentences are cut at a sentence end or a space")
    func keepsSMSBubblesShort() {
        var splitter = BubbleSplitter(maxLength: 160, minLength: 200)
        let sentence = "Our kitchen uses separate boards and ovens for gluten-free bread, and every loaf is labelled. "
        let words = String(repeating: "crumb ", count: 60)
        var bubbles = splitter.feed(sentence + sentence + words)
        bubbles += splitter.finish()
        #expect(bubbles.allSatisfy { $0.count <= 160 })
        #expect(bubbles.first == sentence.trimmingCharacters(in: .whitespaces), "cut at the sentence end within reach")
        #expect(bubbles.joined(separator: " ").split(separator: " ").count == (sentence + sentence + words).split(separator: " ").count, "no word lost")
    }

    @Test("the hand-off marker is found across pieces and never shown")
    func findsTheMarker() {
        var filter = HandOffMarkerFilter(marker: "[HANDOFF]")
        #expect(filter.feed("One moment. [HAN") == "One moment. ")
        #expect(!filter.found)
        #expect(filter.feed("DOFF] and more") == "")
        #expect(filter.found)
        #expect(filter.finish() == "")
        var harmless = HandOffMarkerFilter(marker: "[HANDOFF]")
        #expect(harmless.feed("an array [H") == "an array ")
        #expect(harmless.feed("ello]") == "[Hello]")
        #expect(harmless.feed(" [HA") == " ")
        #expect(harmless.finish() == "[HA", "held text that was not the marker comes out at the end")
    }

    @Test("history: the last turns within the character cap, starting with the person")
    func boundsHistory() {
        var history = ChatHistory()
        for index in 1...6 {
            history.append(ChatTurn(.user, "question \(index)"), maxTurns: 4, maxCharacters: 1000)
            history.append(ChatTurn(.assistant, "answer \(index)"), maxTurns: 4, maxCharacters: 1000)
        }
        #expect(history.turns.map(\.content) == ["question 5", "answer 5", "question 6", "answer 6"])
        history.append(ChatTurn(.user, String(repeating: "x", count: 30)), maxTurns: 10, maxCharacters: 40)
        #expect(history.turns.map(\.content.count) == [30], "older turns give way to the character cap; an answer never leads")
        history.append(ChatTurn(.user, String(repeating: "y", count: 100)), maxTurns: 10, maxCharacters: 40)
        #expect(history.turns.map(\.content.count) == [40], "a turn longer than the cap keeps its end")
    }

    @Test("settings come from the environment, and bad values name the variable")
    func readsEnvironment() throws {
        let configuration = try AIAgentConfiguration.fromEnvironment([
            "LINQBOT_AI_BASE_URL": "https://models.example.com/v1", "LINQBOT_AI_MODEL": "small", "LINQBOT_AI_API_KEY": "sk-test",
            "LINQBOT_AI_SYSTEM_PROMPT": "You sell bread.", "LINQBOT_AI_MAX_TURNS": "8", "LINQBOT_AI_HANDOFF_PHRASES": "manager, human",
            "LINQBOT_AI_TIMEOUT_SECONDS": "20",
        ])
        #expect(configuration.baseURL.absoluteString == "https://models.example.com/v1")
        #expect(configuration.model == "small")
        #expect(configuration.apiKey?.reveal() == "sk-test")
        #expect(configuration.systemPrompt == "You sell bread.")
        #expect(configuration.maxHistoryTurns == 8)
        #expect(configuration.timeout == .seconds(20))
        #expect(configuration.handOffPhrases == ["manager", "human"])
        #expect(configuration.asksForPerson("Get me your MANAGER"))
        #expect(!configuration.asksForPerson("a loaf please"))

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("prompt-\(UUID().uuidString).txt")
        try "  You answer for a bakery.\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try AIAgentConfiguration.fromEnvironment(["LINQBOT_AI_SYSTEM_PROMPT_FILE": file.path]).systemPrompt == "You answer for a bakery.")

        #expect(throws: LinqConfigurationError.self) { try AIAgentConfiguration.fromEnvironment(["LINQBOT_AI_BASE_URL": "ftp://x"]) }
        #expect(throws: LinqConfigurationError.self) { try AIAgentConfiguration.fromEnvironment(["LINQBOT_AI_MAX_TURNS": "none"]) }
    }

    @Test("provider, tools, limits, reset words and group names come from the environment; bad values name the variable")
    func readsProviderSettings() throws {
        let anthropic = try AIAgentConfiguration.fromEnvironment([
            "LINQBOT_AI_PROVIDER": "anthropic", "LINQBOT_AI_MODEL": "claude-test", "LINQBOT_AI_MAX_OUTPUT_TOKENS": "500",
            "LINQBOT_AI_TOOLS": "hand_off, react", "LINQBOT_AI_MAX_TOOL_ROUNDS": "2", "LINQBOT_AI_RESET_WORDS": "reset, start over",
            "LINQBOT_AI_GROUP_NAMES": "Rosa",
        ])
        #expect(anthropic.provider == .anthropic)
        #expect(anthropic.baseURL.absoluteString == "https://api.anthropic.com/v1")
        #expect(anthropic.maxOutputTokens == 500)
        #expect(anthropic.builtInTools == [.handOff, .react])
        #expect(anthropic.maxToolRounds == 2)
        #expect(anthropic.isReset("Start over!"))
        #expect(anthropic.isAddressed("hey rosa, a table?") && !anthropic.isAddressed("see you all"))
        #expect(anthropic.makeModel() is AnthropicModel)
        #expect(try AIAgentConfiguration.fromEnvironment(["LINQBOT_AI_PROVIDER": "responses"]).makeModel() is ResponsesModel)
        #expect(try AIAgentConfiguration.fromEnvironment([:]).makeModel() is ChatCompletionsModel)
        #expect(throws: LinqConfigurationError.self) { try AIAgentConfiguration.fromEnvironment(["LINQBOT_AI_PROVIDER": "gemini"]) }
        #expect(throws: LinqConfigurationError.self) { try AIAgentConfiguration.fromEnvironment(["LINQBOT_AI_TOOLS": "launch_rocket"]) }
    }

    @Test("the turn policy comes from the environment: restart unless set, queue when asked, anything else names the variable")
    func readsTurnPolicy() throws {
        #expect(try AIAgentConfiguration.fromEnvironment([:]).turnPolicy == .restart)
        #expect(try AIAgentConfiguration.fromEnvironment(["LINQBOT_AI_TURN_POLICY": "Queue"]).turnPolicy == .queue)
        #expect(try AIAgentConfiguration.fromEnvironment(["LINQBOT_AI_TURN_POLICY": "restart"]).turnPolicy == .restart)
        let error = #expect(throws: LinqConfigurationError.self) { try AIAgentConfiguration.fromEnvironment(["LINQBOT_AI_TURN_POLICY": "later"]) }
        #expect(error?.message.contains("LINQBOT_AI_TURN_POLICY") == true)
    }

    struct Booking: Decodable {
        enum Seating: String, Decodable, CaseIterable { case inside, terrace }
        var people: Int
        var time: String
        var seating: Seating
        var note: String?
        var allergies: [String]
        var deposit: Double?
    }

    @Test("a Decodable type gives its JSON Schema: types, required properties, enums, arrays")
    func derivesSchemas() throws {
        let schema = try ArgumentSchema.of(Booking.self)
        #expect(schema["type"] == "object")
        #expect(schema["properties"]?["people"] == ["type": "integer"])
        #expect(schema["properties"]?["time"] == ["type": "string"])
        #expect(schema["properties"]?["seating"] == ["type": "string", "enum": ["inside", "terrace"]])
        #expect(schema["properties"]?["note"] == ["type": "string"])
        #expect(schema["properties"]?["allergies"] == ["type": "array", "items": ["type": "string"]])
        #expect(schema["properties"]?["deposit"] == ["type": "number"])
        #expect(schema["required"] == ["people", "time", "seating", "allergies"])
    }
}
