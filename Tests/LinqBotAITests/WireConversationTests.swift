import Foundation
import LinqAPI
import LinqBot
import LinqBotAI
import LinqBotServer
import LinqBotTesting
import LinqModels
import Prometheus
import Testing

/// Whole turns over each wire format: the agent on the in-process simulator, the model a
/// canned server on 127.0.0.1 streaming in small chunks. Two parallel tool calls (one throws)
/// run and go back to the model; its Markdown answer arrives as plain bubbles; the tool-round
/// bound leaves the last request without tools; each call's tokens are counted.
@Suite struct WireConversationTests {
    struct Call {
        var id: String
        var name: String
        var arguments: String
    }

    /// Each API's event stream for an answer that calls `calls`, or writes `text`, with usage.
    static func stream(_ provider: AIProvider, calls: [Call] = [], text: String = "", input: Int = 12, output: Int = 7) -> CannedModelServer.Reply {
        func json(_ value: String) -> String { String(decoding: try! JSONEncoder().encode(value), as: UTF8.self) }
        var lines: [String] = []
        switch provider {
        case .chatCompletions:
            if !text.isEmpty { lines.append(#"data: {"choices":[{"index":0,"delta":{"content":\#(json(text))}}]}"#) }
            for (index, call) in calls.enumerated() {
                lines.append(#"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":\#(index),"id":"\#(call.id)","type":"function","function":{"name":"\#(call.name)","arguments":""}}]}}]}"#)
            }
            for (index, call) in calls.enumerated() {
                lines.append(#"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":\#(index),"function":{"arguments":\#(json(call.arguments))}}]}}]}"#)
            }
            lines += [#"data: {"choices":[],"usage":{"prompt_tokens":\#(input),"completion_tokens":\#(output)}}"#, "data: [DONE]"]
        case .responses:
            if !text.isEmpty { lines.append(#"data: {"type":"response.output_text.delta","output_index":0,"delta":\#(json(text))}"#) }
            for (index, call) in calls.enumerated() {
                lines.append(#"data: {"type":"response.output_item.added","output_index":\#(index + 1),"item":{"type":"function_call","id":"fc_\#(index)","call_id":"\#(call.id)","name":"\#(call.name)","arguments":""}}"#)
            }
            for (index, call) in calls.enumerated() {
                lines.append(#"data: {"type":"response.function_call_arguments.delta","output_index":\#(index + 1),"item_id":"fc_\#(index)","delta":\#(json(call.arguments))}"#)
            }
            lines.append(#"data: {"type":"response.completed","response":{"usage":{"input_tokens":\#(input),"output_tokens":\#(output)}}}"#)
        case .anthropic:
            lines.append(#"event: message_start"# + "\n" + #"data: {"type":"message_start","message":{"usage":{"input_tokens":\#(input),"output_tokens":1}}}"#)
            if !text.isEmpty {
                lines.append("event: content_block_delta\n" + #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":\#(json(text))}}"#)
            }
            for (index, call) in calls.enumerated() {
                lines.append("event: content_block_start\n" + #"data: {"type":"content_block_start","index":\#(index + 1),"content_block":{"type":"tool_use","id":"\#(call.id)","name":"\#(call.name)","input":{}}}"#)
            }
            for (index, call) in calls.enumerated() {
                lines.append("event: content_block_delta\n" + #"data: {"type":"content_block_delta","index":\#(index + 1),"delta":{"type":"input_json_delta","partial_json":\#(json(call.arguments))}}"#)
            }
            lines.append("event: message_delta\n" + #"data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":\#(output)}}"#)
            lines.append("event: message_stop\n" + #"data: {"type":"message_stop"}"#)
        }
        return .chunks(ModelStreamTests.cut(ModelStreamTests.events(lines), every: 7))
    }

    /// The tool results a request carries back, as (call id, text, marked as an error).
    static func toolResults(_ provider: AIProvider, in body: [String: Any]) -> [(id: String, text: String, isError: Bool)] {
        switch provider {
        case .chatCompletions:
            return (body["messages"] as? [[String: Any]] ?? []).filter { $0["role"] as? String == "tool" }.map {
                ($0["tool_call_id"] as? String ?? "", $0["content"] as? String ?? "", ($0["content"] as? String ?? "").hasPrefix("error:"))
            }
        case .responses:
            return (body["input"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "function_call_output" }.map {
                ($0["call_id"] as? String ?? "", $0["output"] as? String ?? "", ($0["output"] as? String ?? "").hasPrefix("error:"))
            }
        case .anthropic:
            let blocks = (body["messages"] as? [[String: Any]] ?? []).flatMap { $0["content"] as? [[String: Any]] ?? [] }
            return blocks.filter { $0["type"] as? String == "tool_result" }.map {
                ($0["tool_use_id"] as? String ?? "", $0["content"] as? String ?? "", $0["is_error"] as? Bool == true)
            }
        }
    }

    /// Whether a request offered the model any tool.
    static func offersTools(_ body: [String: Any]) -> Bool { !((body["tools"] as? [Any]) ?? []).isEmpty }

    /// The sum of `linqbot_ai_tokens_total` for `line` and `direction` in the process's registry.
    static func tokens(_ direction: String, line: String) -> Double {
        var buffer: [UInt8] = []
        BotMetrics.prometheus().emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self).split(separator: "\n")
            .filter { $0.hasPrefix("linqbot_ai_tokens_total{") && $0.contains("direction=\"\(direction)\"") && $0.contains("line=\"\(line)\"") }
            .compactMap { Double($0.split(separator: " ").last ?? "") }.reduce(0, +)
    }

    @Test("two parallel tool calls in pieces (one throws) run and go back; the Markdown answer arrives as plain bubbles; tokens counted",
          arguments: [(AIProvider.chatCompletions, "+15555557411"), (.responses, "+15555557412"), (.anthropic, "+15555557413")])
    func toolsOverTheWire(_ provider: AIProvider, line: String) async throws {
        let server = CannedModelServer([
            Self.stream(provider, calls: [
                Call(id: "call_a", name: "opening_hours", arguments: #"{"day":"sunday"}"#),
                Call(id: "call_b", name: "opening_hours", arguments: #"{"day":"funday"}"#),
            ], input: 30, output: 9),
            Self.stream(provider, text: "We're **closed** on Sundays.\n\n- *Monday*: 7 am to 6 pm", input: 50, output: 14),
        ])
        try await server.run { url in
            let configuration = ImageInputTests.configuration(provider, at: url)
            let tester = try await BotTester(bot: makeAIAgent(configuration, tools: [AIAgentTests.hours]), line: line)
            try await tester.run { () async throws in
                let (inputBefore, outputBefore) = (Self.tokens("input", line: line), Self.tokens("output", line: line))
                try await tester.send("Open on Sunday?")
                try await tester.advance(by: configuration.burstWindow, within: BotTester.patience)
                #expect(try await tester.replies() == ["We're closed on Sundays.", "• Monday: 7 am to 6 pm"], "\(provider)")
                #expect(server.received.count == 2)
                #expect(Self.offersTools(try #require(server.received.first).body))
                let results = Self.toolResults(provider, in: try #require(server.received.last).body)
                #expect(results.map(\.id) == ["call_a", "call_b"], "\(provider)")
                #expect(results.map(\.text) == ["closed", "error: no such day: funday"], "\(provider)")
                #expect(results.map(\.isError) == [false, true], "\(provider)")
                let total = try await tester.session()["linqbot.ai_tokens"]
                #expect(total?["calls"] == 2 && total?["inputTokens"] == 80 && total?["outputTokens"] == 23, "\(String(describing: total))")
                #expect(Self.tokens("input", line: line) - inputBefore == 80 && Self.tokens("output", line: line) - outputBefore == 23)
            }
        }
    }

    @Test("the tool-round bound over the wire: after one round the request offers no tools, and its answer ends the turn",
          arguments: [AIProvider.chatCompletions, .responses, .anthropic])
    func roundBoundOverTheWire(_ provider: AIProvider) async throws {
        let server = CannedModelServer([
            Self.stream(provider, calls: [Call(id: "call_a", name: "opening_hours", arguments: #"{"day":"monday"}"#)]),
            Self.stream(provider, text: "We open at 7 on Mondays."),
        ])
        try await server.run { url in
            var configuration = ImageInputTests.configuration(provider, at: url)
            configuration.maxToolRounds = 1
            let tester = try await BotTester(bot: makeAIAgent(configuration, tools: [AIAgentTests.hours]))
            try await tester.run { () async throws in
                try await tester.send("Hours on Monday?")
                try await tester.advance(by: configuration.burstWindow, within: BotTester.patience)
                #expect(try await tester.replies() == ["We open at 7 on Mondays."], "\(provider)")
                #expect(server.received.map { Self.offersTools($0.body) } == [true, false], "\(provider)")
                #expect(Self.toolResults(provider, in: try #require(server.received.last).body).map(\.text) == ["7 am to 6 pm"])
            }
        }
    }
}
