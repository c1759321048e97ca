import Foundation
import LinqBot
import LinqBotAI
import LinqBotTesting
import Testing

/// A model whose stream breaks off with an error before a bubble was complete: the person gets
/// the fallback message, never the broken piece, in each API's stream format.
@Suite struct MidStreamFailureTests {
    static func events(_ lines: [String]) -> CannedModelServer.Reply { .chunks([lines.map { $0 + "\n\n" }.joined()]) }

    static func event(_ type: String, _ json: String) -> String { "event: \(type)\ndata: {\"type\":\"\(type)\",\(json)}" }

    static let broken: [(AIProvider, CannedModelServer.Reply)] = [
        (.chatCompletions, events([
            #"data: {"choices":[{"index":0,"delta":{"content":"We open"}}]}"#,
            #"data: {"error":{"message":"the model is overloaded","type":"server_error"}}"#,
        ])),
        (.responses, events([
            event("response.output_text.delta", #""delta":"We open""#),
            event("error", #""message":"the model is overloaded""#),
        ])),
        (.anthropic, events([
            event("content_block_delta", #""index":0,"delta":{"type":"text_delta","text":"We open"}"#),
            event("error", #""error":{"type":"overloaded_error","message":"the model is overloaded"}"#),
        ])),
    ]

    @Test("an error in the middle of the stream gives the fallback message", arguments: [0, 1, 2])
    func fallbackAfterBrokenStream(_ index: Int) async throws {
        let (provider, reply) = Self.broken[index]
        let server = CannedModelServer([reply])
        try await server.run { url in
            var configuration = AIAgentConfiguration(baseURL: url, model: "test-model")
            configuration.provider = provider
            configuration.lineHealth.quietHours = nil
            let tester = try await BotTester(bot: makeAIAgent(configuration))
            try await tester.run { () async throws in
                try await tester.send("When do you open?")
                try await tester.advance(by: configuration.burstWindow, within: BotTester.patience)
                #expect(try await tester.replies() == [configuration.fallbackMessage], "\(provider)")
                #expect(server.received.count == 1)
            }
        }
    }
}
