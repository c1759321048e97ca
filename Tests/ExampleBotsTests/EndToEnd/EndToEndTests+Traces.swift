import Foundation
import LinqBotTesting
import Testing

extension EndToEndTests {
    @Test("EchoBot with OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: one message's spans reach the collector over OTLP/HTTP, webhook to Linq call in one trace")
    func echoBotExportsTraces() async throws {
        // A collector on loopback: OTLP/HTTP answers 2xx with an empty body as 204.
        let collector = FakeReceiver(statuses: Array(repeating: 204, count: 200))
        try await collector.run { url in
            try await BotProcess(executable: "EchoBot", environment: [
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": url.absoluteString, "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
                "OTEL_BSP_SCHEDULE_DELAY": "100",
            ]).whileRunning { bot in
                try await bot.send("trace me", from: Self.person)
                #expect(try await bot.waitForReplies(to: Self.person, count: 1) == ["You said: trace me"], "bot output:\n\(bot.output)")
                let names = ["linq.webhook message.received", "linq.event message.received", "linq.handler", "linq.outbound message"]
                var spans: [ExportedSpan] = []
                let exported = await eventually(seconds: 300) {
                    try? await Task.sleep(for: .milliseconds(50))  // polling a subprocess's exporter
                    spans = collector.posts.flatMap(ExportedSpan.all(in:))
                    return names.allSatisfy { name in spans.contains { $0.name == name } } && spans.contains { $0.name.hasPrefix("linq POST /v3/chats") }
                }
                try #require(exported, "spans seen: \(spans.map(\.name)); bot output:\n\(bot.output)")
                #expect(collector.posts.allSatisfy { ExportedSpan.serviceName(in: $0) == "echo-bot" })
                let webhook = try #require(spans.first { $0.name == names[0] })
                let event = try #require(spans.first { $0.name == names[1] && $0.traceID == webhook.traceID })
                let handler = try #require(spans.first { $0.name == names[2] && $0.parentID == event.spanID })
                let outbound = try #require(spans.first { $0.name == names[3] && $0.parentID == handler.spanID })
                let call = try #require(spans.first { $0.name.hasPrefix("linq POST /v3/chats") && $0.parentID == outbound.spanID })
                #expect([event, handler, outbound, call].allSatisfy { $0.traceID == webhook.traceID })
                #expect(webhook.traceID.count == 32 && webhook.traceID != String(repeating: "0", count: 32))
            }
        }
    }
}

/// One span of an OTLP/JSON export request, its ids as lowercase hex.
private struct ExportedSpan {
    var name: String
    var traceID: String
    var spanID: String
    var parentID: String

    /// The spans of one `ExportTraceServiceRequest` body.
    static func all(in body: [String: Any]) -> [ExportedSpan] {
        let resources = body["resourceSpans"] as? [[String: Any]] ?? []
        let scopes = resources.flatMap { $0["scopeSpans"] as? [[String: Any]] ?? [] }
        return scopes.flatMap { $0["spans"] as? [[String: Any]] ?? [] }.map { span in
            ExportedSpan(
                name: span["name"] as? String ?? "", traceID: hex(span["traceId"]), spanID: hex(span["spanId"]), parentID: hex(span["parentSpanId"])
            )
        }
    }

    /// The `service.name` resource attribute of the request's first resource.
    static func serviceName(in body: [String: Any]) -> String? {
        let resource = (body["resourceSpans"] as? [[String: Any]])?.first?["resource"] as? [String: Any]
        let attributes = resource?["attributes"] as? [[String: Any]] ?? []
        let service = attributes.first { $0["key"] as? String == "service.name" }
        return (service?["value"] as? [String: Any])?["stringValue"] as? String
    }

    /// An id as hex: OTLP/JSON writes hex, the protobuf JSON mapping base64; both are read.
    private static func hex(_ value: Any?) -> String {
        guard let text = value as? String, !text.isEmpty else { return "" }
        if text.count % 2 == 0, text.allSatisfy(\.isHexDigit), text.count == 16 || text.count == 32 { return text.lowercased() }
        guard let bytes = Data(base64Encoded: text) else { return text }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }
}
