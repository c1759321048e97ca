import InMemoryTracing
import LinqAPI
import LinqBot
import LinqModels
import Testing
import Tracing

/// One inbound message is one trace, under the trace id Linq put in its webhook.
@Suite struct EventTracingTests {
    @Test("a message gives spans webhook → event → handler → outbound → Linq call, all under the webhook's trace id")
    func oneMessageIsOneTrace() async throws {
        let tracer = TraceparentTracer()
        try await withTracer(tracer) {
            let bot = Bot()
            bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
            let harness = try await RuntimeHarness(bot: bot, events: [.messageReceived])
            try await harness.running {
                await harness.personSends("hello")
                try await harness.repliedAndDrained()
            }
        }
        let spans = tracer.recorder.finishedSpans
        let names = spans.map(\.operationName)
        let ingest = try #require(spans.first { $0.operationName == "linq.webhook message.received" }, "\(names)")
        // The trace id is the one that came in the webhook's body.
        guard case .string(let webhookTrace)? = ingest.attributes.get("linq.trace_id") else {
            Issue.record("the ingest span lacks linq.trace_id: \(ingest.attributes)")
            return
        }
        #expect(ingest.traceID == webhookTrace && ingest.kind == .server)
        #expect(ingest.attributes.get("linq.ingest.outcome") == .string("stored"))
        let event = try #require(spans.first { $0.operationName == "linq.event message.received" }, "\(names)")
        #expect(event.traceID == webhookTrace && event.kind == .consumer)
        // Both hang under the same remote parent, Linq's delivery, though they run on different tasks.
        #expect(event.parentSpanID != nil && event.parentSpanID == ingest.parentSpanID)
        let handler = try #require(spans.first { $0.operationName == "linq.handler" && $0.parentSpanID == event.spanID }, "\(names)")
        let outbound = try #require(spans.first { $0.operationName == "linq.outbound message" && $0.parentSpanID == handler.spanID }, "\(names)")
        #expect(outbound.attributes.get("linq.line_health.decision") == .string("allowed"))
        let call = try #require(spans.first { $0.operationName == "linq POST /v3/chats/{id}/messages" && $0.parentSpanID == outbound.spanID }, "\(names)")
        #expect(call.kind == .client && call.traceID == webhookTrace)
        #expect(call.attributes.get("http.route") == .string("/v3/chats/{id}/messages"))
        guard case .int64(let status)? = call.attributes.get("http.response.status_code") else {
            Issue.record("the call span lacks its status: \(call.attributes)")
            return
        }
        #expect((200..<300).contains(status))
        // Linq's own trace id of the call (X-Trace-ID) is recorded beside ours.
        guard case .string(let callTrace)? = call.attributes.get("linq.trace_id") else {
            Issue.record("the call span lacks Linq's X-Trace-ID: \(call.attributes)")
            return
        }
        #expect(callTrace.count == 32)
    }

    @Test("an endpoint's route keeps resources and actions and hides identifiers")
    func routes() {
        #expect(LinqEndpoint.get(["v3", "chats", "7b0c0a4e-5d1f-4c39-9b4e-2f1a9f0c1d2e", "messages"]).route == "/v3/chats/{id}/messages")
        #expect(LinqEndpoint.get(["v3", "chats", "c1", "participants", "+15555550123"]).route == "/v3/chats/{id}/participants/{id}")
        #expect(LinqEndpoint.get(["v3", "phone_numbers"]).route == "/v3/phone_numbers")
        #expect(LinqEndpoint.call(.post, ["v3", "chats", "9f1c2d3e-0000-4000-8000-00000000abcd", "share_contact_card"]).route == "/v3/chats/{id}/share_contact_card")
    }
}

/// The in-memory tracer, reading an incoming W3C `traceparent` as OpenTelemetry's propagator
/// does (the in-memory tracer itself only reads its own keys).
struct TraceparentTracer: Tracer {
    let recorder = InMemoryTracer()

    func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> ServiceContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> InMemorySpan {
        recorder.startSpan(operationName, context: context(), ofKind: kind, at: instant(), function: function, file: fileID, line: line)
    }

    func activeSpan(identifiedBy context: ServiceContext) -> InMemorySpan? { recorder.activeSpan(identifiedBy: context) }

    func forceFlush() { recorder.forceFlush() }

    func inject<Carrier, Inject: Injector>(_ context: ServiceContext, into carrier: inout Carrier, using injector: Inject)
    where Inject.Carrier == Carrier {
        recorder.inject(context, into: &carrier, using: injector)
    }

    func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract)
    where Extract.Carrier == Carrier {
        guard let header = extractor.extract(key: "traceparent", from: carrier) else { return }
        let parts = header.split(separator: "-").map(String.init)
        guard parts.count == 4, parts[1].count == 32, parts[2].count == 16 else { return }
        context.inMemorySpanContext = InMemorySpanContext(traceID: parts[1], spanID: parts[2], parentSpanID: nil)
    }
}
