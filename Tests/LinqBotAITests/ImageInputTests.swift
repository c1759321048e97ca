import Foundation
import LinqAPI
import LinqBot
import LinqBotAI
import LinqBotTesting
import Testing

/// A person's photo reaches the model with the text, in each API's form, through the agent on
/// the in-process simulator and a canned model server: the photo goes with its own turn only,
/// and a model without vision reads a placeholder.
@Suite struct ImageInputTests {
    static let photo = "https://cdn.linqapp.com/attachments/cat.jpg"

    static func configuration(_ provider: AIProvider, at url: URL) -> AIAgentConfiguration {
        var configuration = AIAgentConfiguration(baseURL: url, model: "vision-model")
        configuration.provider = provider
        configuration.systemPrompt = "Be brief."
        configuration.lineHealth.quietHours = nil
        return configuration
    }

    static func events(_ lines: [String]) -> CannedModelServer.Reply { .chunks([lines.map { $0 + "\n\n" }.joined()]) }

    static let chatCompletionsAnswer = events([#"data: {"choices":[{"index":0,"delta":{"content":"A cat."}}]}"#, "data: [DONE]"])

    /// The person sends the photo with `caption`, then stays quiet for the burst window.
    static func sendPhoto(_ caption: String, to tester: BotTester, _ configuration: AIAgentConfiguration) async throws {
        try await tester.send(media: photo, mimeType: "image/jpeg", caption: caption)
        try await tester.advance(by: configuration.burstWindow, within: BotTester.patience)
    }

    /// The last message of a request body's `messages` (Chat Completions, Anthropic) or `input` (Responses).
    static func lastMessage(_ body: [String: Any], _ key: String) throws -> [String: Any] {
        try #require((body[key] as? [[String: Any]])?.last)
    }

    @Test("Chat Completions: the photo goes as an image_url part with the text; the next turn reads a placeholder")
    func chatCompletions() async throws {
        let server = CannedModelServer([Self.chatCompletionsAnswer, Self.chatCompletionsAnswer])
        try await server.run { url in
            let configuration = Self.configuration(.chatCompletions, at: url)
            let tester = try await BotTester(bot: makeAIAgent(configuration))
            try await tester.run { () async throws in
                try await Self.sendPhoto("What is this?", to: tester, configuration)
                #expect(try await tester.replies() == ["A cat."])
                let first = try #require(server.received.first)
                let content = try #require(try Self.lastMessage(first.body, "messages")["content"] as? [[String: Any]])
                #expect(content.map { $0["type"] as? String } == ["text", "image_url"])
                #expect(content[0]["text"] as? String == "What is this?")
                #expect((content[1]["image_url"] as? [String: Any])?["url"] as? String == Self.photo)

                try await tester.send("Thanks!")
                try await tester.advance(by: configuration.burstWindow, within: BotTester.patience)
                let second = try #require(server.received.dropFirst().first)
                let messages = try #require(second.body["messages"] as? [[String: Any]])
                #expect(messages.map { $0["role"] as? String } == ["system", "user", "assistant", "user"])
                #expect(messages[1]["content"] as? String == "What is this?\n[the person sent an image]")
                #expect(messages[3]["content"] as? String == "Thanks!")
            }
        }
    }

    @Test("Responses: the photo goes as an input_image part after the input_text")
    func responses() async throws {
        let server = CannedModelServer([Self.events([
            #"data: {"type":"response.output_text.delta","output_index":0,"delta":"A cat."}"#,
            #"data: {"type":"response.completed","response":{}}"#,
        ])])
        try await server.run { url in
            let configuration = Self.configuration(.responses, at: url)
            let tester = try await BotTester(bot: makeAIAgent(configuration))
            try await tester.run { () async throws in
                try await Self.sendPhoto("What is this?", to: tester, configuration)
                #expect(try await tester.replies() == ["A cat."])
                let received = try #require(server.received.first)
                #expect(received.path == "/v1/responses")
                let content = try #require(try Self.lastMessage(received.body, "input")["content"] as? [[String: Any]])
                #expect(content.map { $0["type"] as? String } == ["input_text", "input_image"])
                #expect(content[0]["text"] as? String == "What is this?")
                #expect(content[1]["image_url"] as? String == Self.photo)
            }
        }
    }

    @Test("Anthropic: the photo goes as an image block with a URL source before the text")
    func anthropic() async throws {
        let server = CannedModelServer([Self.events([
            #"data: {"type":"message_start","message":{"usage":{"input_tokens":5,"output_tokens":0}}}"#,
            #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"A cat."}}"#,
            #"data: {"type":"message_stop"}"#,
        ])])
        try await server.run { url in
            let configuration = Self.configuration(.anthropic, at: url)
            let tester = try await BotTester(bot: makeAIAgent(configuration))
            try await tester.run { () async throws in
                try await Self.sendPhoto("What is this?", to: tester, configuration)
                #expect(try await tester.replies() == ["A cat."])
                let received = try #require(server.received.first)
                #expect(received.path == "/v1/messages")
                let content = try #require(try Self.lastMessage(received.body, "messages")["content"] as? [[String: Any]])
                #expect(content.map { $0["type"] as? String } == ["image", "text"])
                let source = try #require(content[0]["source"] as? [String: Any])
                #expect(source["type"] as? String == "url")
                #expect(source["url"] as? String == Self.photo)
                #expect(content[1]["text"] as? String == "What is this?")
            }
        }
    }

    @Test("with images off (a text-only model), the model reads a placeholder instead of the photo")
    func imagesOff() async throws {
        let server = CannedModelServer([Self.chatCompletionsAnswer])
        try await server.run { url in
            var configuration = Self.configuration(.chatCompletions, at: url)
            configuration.sendsImages = false
            let tester = try await BotTester(bot: makeAIAgent(configuration))
            try await tester.run { () async throws in
                try await Self.sendPhoto("What is this?", to: tester, configuration)
                #expect(try await tester.replies() == ["A cat."])
                let received = try #require(server.received.first)
                #expect(try Self.lastMessage(received.body, "messages")["content"] as? String == "What is this?\n[the person sent an image]")
            }
        }
    }

    @Test("LINQBOT_AI_IMAGES turns images off, and a wrong value names the variable")
    func environment() throws {
        #expect(try AIAgentConfiguration.fromEnvironment([:]).sendsImages)
        #expect(try !AIAgentConfiguration.fromEnvironment(["LINQBOT_AI_IMAGES": "off"]).sendsImages)
        #expect(throws: LinqConfigurationError.self) { try AIAgentConfiguration.fromEnvironment(["LINQBOT_AI_IMAGES": "maybe"]) }
    }
}
