import LinqModels
import Tracing

/// The spans of one event, under the trace Linq gave it.
///
/// Linq puts a W3C trace id (`trace_id`, 32 hex digits) in every webhook. The ingest span and
/// the event's spans (dispatch, handler, each outbound action, each Linq call) all take it as
/// their trace id, so a message found in Linq's dashboard leads to the same trace in ours. They
/// become children of one remote parent that stands for Linq's delivery, whose span id is
/// derived from the event id: the ingest and the dispatch, often in different processes, meet
/// under it. The id reaches the tracer the way an incoming `traceparent` header would, so any
/// tracer that reads W3C context (swift-otel's, for one) uses it; a webhook without a valid
/// trace id starts a trace of its own.
enum EventTracing {
    /// The context to start an event's spans in.
    static func context(for event: WebhookEvent) -> ServiceContext {
        var context = ServiceContext.topLevel
        // With no tracer bootstrapped (the default) there is nothing to carry the id to.
        guard !(InstrumentationSystem.instrument is NoOpInstrument), let traceID = event.traceID, isTraceID(traceID) else { return context }
        let parent = remoteParentSpanID(eventID: event.eventID.rawValue)
        InstrumentationSystem.instrument.extract(["traceparent": "00-\(traceID)-\(parent)-01"], into: &context, using: HeaderExtractor())
        return context
    }

    /// Runs the ingest of a webhook whose event decoded inside a server span; `body` answers
    /// the HTTP status the webhook gets.
    static func ingest(_ event: WebhookEvent, _ body: () async -> WebhookIngress.Outcome) async -> WebhookIngress.Outcome {
        await withSpan("linq.webhook \(event.eventType.rawValue)", context: context(for: event), ofKind: .server) { span in
            describe(event, on: span)
            let outcome = await body()
            span.attributes["http.response.status_code"] = outcome.status
            span.attributes["linq.ingest.outcome"] = outcome.reason
            if outcome.status >= 500 { span.setStatus(SpanStatus(code: .error, message: outcome.reason)) }
            return outcome
        }
    }

    /// Runs the dispatch of a claimed event inside a consumer span: the handler, its actions
    /// and its Linq calls are its children.
    static func dispatch<Result: Sendable>(
        _ event: WebhookEvent, claim: ClaimedEvent, _ body: () async throws -> Result
    ) async throws -> Result {
        try await withSpan("linq.event \(event.eventType.rawValue)", context: context(for: event), ofKind: .consumer) { span in
            describe(event, on: span)
            span.attributes["linq.chat_key"] = claim.event.chatKey
            span.attributes["linq.attempt"] = claim.attempts + 1
            return try await body()
        }
    }

    /// Runs a handler inside its span.
    static func handler(_ body: () async throws -> Void) async throws {
        try await withSpan("linq.handler") { _ in try await body() }
    }

    /// Runs one outbound action through middlewares and line health inside its span, which
    /// records what line health decided: `allowed`, `refused` (with the reason) or `held`.
    static func outbound(_ kind: OutboundAction.Kind, _ body: (_ allowed: @escaping @Sendable () -> Void) async throws -> OutboundResult) async throws -> OutboundResult {
        try await withSpan("linq.outbound \(kind.metricName)") { span in
            span.attributes["linq.outbound.action"] = kind.metricName
            do {
                let result = try await body { span.attributes["linq.line_health.decision"] = "allowed" }
                if case .refused(let reason) = result {
                    span.attributes["linq.line_health.decision"] = "refused"
                    span.attributes["linq.line_health.reason"] = reason
                }
                return result
            } catch {
                if span.attributes.get("linq.line_health.decision") == nil { span.attributes["linq.line_health.decision"] = "held" }
                throw error
            }
        }
    }

    private static func describe(_ event: WebhookEvent, on span: any Span) {
        guard span.isRecording else { return }
        span.attributes["linq.event_id"] = event.eventID.rawValue
        span.attributes["linq.event_type"] = event.eventType.rawValue
        if let chat = event.chatID { span.attributes["linq.chat_id"] = chat.rawValue }
        if let trace = event.traceID { span.attributes["linq.trace_id"] = trace }
    }

    /// 32 lowercase hex digits, not all zero (W3C Trace Context).
    static func isTraceID(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) } && text.utf8.contains { $0 != 0x30 }
    }

    /// 16 hex digits from the event id (FNV-1a, 64 bits): the same in every process.
    static func remoteParentSpanID(eventID: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in eventID.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        if hash == 0 { hash = 1 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private struct HeaderExtractor: Extractor {
        func extract(key: String, from carrier: [String: String]) -> String? { carrier[key] }
    }
}
