import AsyncHTTPClient
import Foundation
import HTTPTypes
import LinqAPI
import LinqBotAI
import LinqModels
import Testing

/// The three model clients against canned event streams on 127.0.0.1, cut into small chunks so
/// that events and JSON values arrive in pieces: text, two tool calls whose arguments arrive
/// interleaved, usage, and an error in the middle of a stream.
@Suite struct ModelStreamTests {
    static let request = ModelRequest(
        systemPrompt: "Be brief.",
        turns: [
            ChatTurn(.user, "Hours on Monday?"),
            .assistant("", calling: [ToolCall(id: "call_0", name: "opening_hours", arguments: #"{"day":"monday"}"#)]),
            .toolResult("7 am to 6 pm", for: "call_0"),
            ChatTurn(.assistant, "7 am to 6 pm."),
            ChatTurn(.user, "Sunday? And the weather?"),
        ],
        tools: [ToolDefinition(name: "opening_hours", description: "The hours on a day.", parameters: ["type": "object"])]
    )

    static let expectedCalls = [
        ToolCall(id: "call_a", name: "opening_hours", arguments: #"{"day":"sunday"}"#),
        ToolCall(id: "call_b", name: "weather", arguments: #"{"city":"Oslo"}"#),
    ]

    /// `text` cut every `size` characters.
    static func cut(_ text: String, every size: Int) -> [String] {
        let characters = Array(text)
        return stride(from: 0, to: characters.count, by: size).map { String(characters[$0..<min($0 + size, characters.count)]) }
    }

    static func events(_ lines: [String]) -> String { lines.map { $0 + "\n\n" }.joined() }

    @Test("Chat Completions: text, parallel tool calls in pieces, usage; the request carries tools, calls and results")
    func chatCompletions() async throws {
        let stream = Self.events([
            #"data: {"choices":[{"index":0,"delta":{"role":"assistant","content":"Let me "}}]}"#,
            #"data: {"choices":[{"index":0,"delta":{"content":"check."}}]}"#,
            #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"opening_hours","arguments":""}}]}}]}"#,
            #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"weather","arguments":"{\"ci"}}]}}]}"#,
            #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"day\":"}}]}}]}"#,
            #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"ty\":\"Oslo\"}"}}]}}]}"#,
            #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"sunday\"}"}}]}}]}"#,
            #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#,
            #"data: {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":7}}"#,
            "data: [DONE]",
        ])
        let server = CannedModelServer([.chunks(Self.cut(stream, every: 7))])
        try await server.run { url in
            let model = ChatCompletionsModel(baseURL: url, model: "test-model", apiKey: Secret("sk-test"))
            let sink = TextSink()
            let response = try await model.respond(to: Self.request) { sink.take($0) }
            #expect(sink.all == ["Let me ", "check."])
            #expect(response.text == "Let me check.")
            #expect(response.toolCalls == Self.expectedCalls)
            #expect(response.usage == TokenUsage(inputTokens: 12, outputTokens: 7))

            let received = try #require(server.received.first)
            #expect(received.path == "/v1/chat/completions")
            #expect(received.headers[.authorization] == "Bearer sk-test")
            #expect(received.body["stream"] as? Bool == true)
            let messages = try #require(received.body["messages"] as? [[String: Any]])
            #expect(messages.map { $0["role"] as? String } == ["system", "user", "assistant", "tool", "assistant", "user"])
            let call = try #require((messages[2]["tool_calls"] as? [[String: Any]])?.first)
            #expect(call["id"] as? String == "call_0")
            #expect((call["function"] as? [String: Any])?["arguments"] as? String == #"{"day":"monday"}"#)
            #expect(messages[3]["tool_call_id"] as? String == "call_0")
            let tool = try #require((received.body["tools"] as? [[String: Any]])?.first?["function"] as? [String: Any])
            #expect(tool["name"] as? String == "opening_hours")
        }
    }

    @Test("Chat Completions: an error in the middle of the stream fails the call after the text before it")
    func chatCompletionsErrorMidStream() async throws {
        let stream = Self.events([
            #"data: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}"#,
            #"data: {"error":{"message":"the model is overloaded","type":"server_error"}}"#,
        ])
        let server = CannedModelServer([.chunks(Self.cut(stream, every: 5)), .fail(401, "bad key")])
        try await server.run { url in
            let model = ChatCompletionsModel(baseURL: url, model: "test-model")
            let sink = TextSink()
            await #expect(throws: AIModelError.status(0, "the model is overloaded")) {
                _ = try await model.respond(to: Self.request) { sink.take($0) }
            }
            #expect(sink.all == ["Hel"])
            await #expect(throws: AIModelError.status(401, "bad key")) {
                _ = try await model.respond(to: Self.request) { _ in }
            }
        }
    }

    @Test("Responses API: text, parallel function calls in pieces, usage; instructions and input items")
    func responses() async throws {
        func event(_ type: String, _ json: String) -> String { "event: \(type)\ndata: {\"type\":\"\(type)\",\(json)}" }
        let stream = Self.events([
            event("response.created", #""response":{"id":"resp_1"}"#),
            event("response.output_text.delta", #""output_index":0,"delta":"Let me ""#),
            event("response.output_text.delta", #""output_index":0,"delta":"check.""#),
            event("response.output_item.added", #""output_index":1,"item":{"type":"function_call","id":"fc_1","call_id":"call_a","name":"opening_hours","arguments":""}"#),
            event("response.output_item.added", #""output_index":2,"item":{"type":"function_call","id":"fc_2","call_id":"call_b","name":"weather","arguments":""}"#),
            event("response.function_call_arguments.delta", #""output_index":1,"item_id":"fc_1","delta":"{\"day\":""#),
            event("response.function_call_arguments.delta", #""output_index":2,"item_id":"fc_2","delta":"{\"city\":\"Oslo\"}""#),
            event("response.function_call_arguments.delta", #""output_index":1,"item_id":"fc_1","delta":"\"sunday\"}""#),
            event("response.output_item.done", #""output_index":2,"item":{"type":"function_call","id":"fc_2","call_id":"call_b","name":"weather","arguments":"{\"city\":\"Oslo\"}"}"#),
            event("response.completed", #""response":{"id":"resp_1","usage":{"input_tokens":12,"output_tokens":7}}"#),
        ])
        let server = CannedModelServer([.chunks(Self.cut(stream, every: 11))])
        try await server.run { url in
            let model = ResponsesModel(baseURL: url, model: "test-model", apiKey: Secret("sk-test"))
            let sink = TextSink()
            let response = try await model.respond(to: Self.request) { sink.take($0) }
            #expect(sink.all == ["Let me ", "check."])
            #expect(response.toolCalls == Self.expectedCalls)
            #expect(response.usage == TokenUsage(inputTokens: 12, outputTokens: 7))

            let received = try #require(server.received.first)
            #expect(received.path == "/v1/responses")
            #expect(received.body["instructions"] as? String == "Be brief.")
            let input = try #require(received.body["input"] as? [[String: Any]])
            #expect(input.map { ($0["type"] as? String) ?? ($0["role"] as? String) } == ["user", "function_call", "function_call_output", "assistant", "user"])
            #expect(input[2]["call_id"] as? String == "call_0")
            #expect((received.body["tools"] as? [[String: Any]])?.first?["name"] as? String == "opening_hours")
        }
    }

    @Test("Responses API: an error event in the middle of the stream fails the call")
    func responsesErrorMidStream() async throws {
        let stream = Self.events([
            #"event: response.output_text.delta"# + "\n" + #"data: {"type":"response.output_text.delta","output_index":0,"delta":"Hel"}"#,
            #"event: error"# + "\n" + #"data: {"type":"error","code":"rate_limit_exceeded","message":"slow down"}"#,
        ])
        let server = CannedModelServer([.chunks(Self.cut(stream, every: 9))])
        try await server.run { url in
            let sink = TextSink()
            await #expect(throws: AIModelError.status(0, "slow down")) {
                _ = try await ResponsesModel(baseURL: url, model: "test-model").respond(to: Self.request) { sink.take($0) }
            }
            #expect(sink.all == ["Hel"])
        }
    }

    @Test("Anthropic Messages: text, tool_use blocks with input in pieces, usage; system, key and version headers")
    func anthropic() async throws {
        func event(_ type: String, _ json: String) -> String { "event: \(type)\ndata: {\"type\":\"\(type)\",\(json)}" }
        let stream = Self.events([
            event("message_start", #""message":{"id":"msg_1","usage":{"input_tokens":12,"output_tokens":1}}"#),
            event("content_block_start", #""index":0,"content_block":{"type":"text","text":""}"#),
            event("content_block_delta", #""index":0,"delta":{"type":"text_delta","text":"Let me "}"#),
            event("ping", #""note":"keep-alive""#),
            event("content_block_delta", #""index":0,"delta":{"type":"text_delta","text":"check."}"#),
            event("content_block_stop", #""index":0"#),
            event("content_block_start", #""index":1,"content_block":{"type":"tool_use","id":"call_a","name":"opening_hours","input":{}}"#),
            event("content_block_delta", #""index":1,"delta":{"type":"input_json_delta","partial_json":"{\"day\":"}"#),
            event("content_block_start", #""index":2,"content_block":{"type":"tool_use","id":"call_b","name":"weather","input":{}}"#),
            event("content_block_delta", #""index":2,"delta":{"type":"input_json_delta","partial_json":"{\"city\":\"Oslo\"}"}"#),
            event("content_block_delta", #""index":1,"delta":{"type":"input_json_delta","partial_json":"\"sunday\"}"}"#),
            event("message_delta", #""delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":7}"#),
            event("message_stop", #""note":"end""#),
        ])
        let server = CannedModelServer([.chunks(Self.cut(stream, every: 13))])
        try await server.run { url in
            let model = AnthropicModel(baseURL: url, model: "test-model", apiKey: Secret("sk-ant-test"), maxOutputTokens: 300)
            let sink = TextSink()
            let response = try await model.respond(to: Self.request) { sink.take($0) }
            #expect(sink.all == ["Let me ", "check."])
            #expect(response.toolCalls == Self.expectedCalls)
            #expect(response.usage == TokenUsage(inputTokens: 12, outputTokens: 7))

            let received = try #require(server.received.first)
            #expect(received.path == "/v1/messages")
            #expect(received.headers[.init("x-api-key")!] == "sk-ant-test")
            #expect(received.headers[.init("anthropic-version")!] == AnthropicModel.apiVersion)
            #expect(received.body["system"] as? String == "Be brief.")
            #expect(received.body["max_tokens"] as? Int == 300)
            let messages = try #require(received.body["messages"] as? [[String: Any]])
            #expect(messages.map { $0["role"] as? String } == ["user", "assistant", "user", "assistant", "user"])
            let use = try #require((messages[1]["content"] as? [[String: Any]])?.first)
            #expect(use["type"] as? String == "tool_use")
            #expect((use["input"] as? [String: Any])?["day"] as? String == "monday")
            let result = try #require((messages[2]["content"] as? [[String: Any]])?.first)
            #expect(result["tool_use_id"] as? String == "call_0")
            #expect((received.body["tools"] as? [[String: Any]])?.first?["input_schema"] != nil)
        }
    }

    @Test("Anthropic Messages: an error event in the middle of the stream fails the call")
    func anthropicErrorMidStream() async throws {
        let stream = Self.events([
            "event: content_block_delta\n" + #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}"#,
            "event: error\n" + #"data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
        ])
        let server = CannedModelServer([.chunks(Self.cut(stream, every: 6))])
        try await server.run { url in
            let sink = TextSink()
            await #expect(throws: AIModelError.status(0, "Overloaded")) {
                _ = try await AnthropicModel(baseURL: url, model: "test-model").respond(to: Self.request) { sink.take($0) }
            }
            #expect(sink.all == ["Hel"])
        }
    }
}
