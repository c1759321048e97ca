import Foundation
import InMemoryTracing
import LinqAPI
import LinqBot
import LinqModels
import Logging
import ServiceLifecycle
import Tracing

/// Where one message's wall-clock time goes, stage by stage: the pipeline of
/// ``PipelineBenchmark`` with one message at a time, read from the spans LinqBot makes (webhook,
/// event, handler, outbound action, Linq call) through an in-memory tracer, and from the
/// driver's own clock around `receive`. Medians and p90 over `count` messages.
enum PipelineStages {
    /// Bootstraps the in-memory tracer: once per process, so this runs after every case that
    /// measures without a tracer.
    static let tracer: InMemoryTracer = {
        let tracer = InMemoryTracer()
        InstrumentationSystem.bootstrap(tracer)
        return tracer
    }()

    static func run(count: Int, lineHealth: Bool) async throws {
        let tracer = Self.tracer
        let deliveries = try SignedDeliveries(count: count + 1, chats: 1, prefix: "stage")
        let linq = try InProcessLinq()
        let app = try Fixtures.application(CostChildren.echoBot(lineHealth: lineHealth, workers: 4), store: InMemoryBotStore(), client: linq.client)
        let services = ServiceGroup(services: [app], logger: Logger(label: "linqbot.bench"))
        var received: [String: Double] = [:]
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            for number in 0...count {
                let headers = deliveries.headers[number]
                let started = ContinuousClock.now
                _ = await app.receive(body: deliveries.bodies[number]) { headers[$0] }
                if number > 0 { received[headers["webhook-id"] ?? ""] = started.duration(to: .now).inMilliseconds * 1000 }
                try await linq.waitForReplies(number + 1, within: .seconds(30))
                if number == 0 { tracer.clearFinishedSpans() }
            }
            // The last completion commits just after its reply.
            try await Task.sleep(for: .milliseconds(50))
            await services.triggerGracefulShutdown()
            for _ in 0..<8 { app.wake() }
            try await group.waitForAll()
        }
        let stages = Self.stages(of: tracer.popFinishedSpans(), received: received)
        Report.line("stages of one message, line health \(lineHealth ? "on" : "off"), \(count) messages one at a time (µs: median / p90):")
        for (name, values) in stages where !values.isEmpty {
            let sorted = values.sorted()
            let median = sorted[sorted.count / 2]
            let p90 = sorted[min(sorted.count - 1, sorted.count * 9 / 10)]
            Report.line("  \(name.padding(toLength: 58, withPad: " ", startingAt: 0)) \(String(format: "%7.1f", median)) / \(String(format: "%7.1f", p90))")
        }
    }

    /// The stages of every message whose five spans were all found, in order.
    private static func stages(of spans: [FinishedInMemorySpan], received: [String: Double]) -> [(String, [Double])] {
        func micros(_ from: any TracerInstant, _ to: any TracerInstant) -> Double {
            Double(Int64(to.nanosecondsSinceEpoch) - Int64(from.nanosecondsSinceEpoch)) / 1000
        }
        var byParent: [String: [FinishedInMemorySpan]] = [:]
        var webhooks: [String: FinishedInMemorySpan] = [:]
        var events: [String: FinishedInMemorySpan] = [:]
        for span in spans {
            if let parent = span.parentSpanID { byParent[parent, default: []].append(span) }
            guard case .string(let id)? = span.attributes.get("linq.event_id") else { continue }
            if span.operationName.hasPrefix("linq.webhook") { webhooks[id] = span }
            if span.operationName.hasPrefix("linq.event") { events[id] = span }
        }
        let names = [
            "webhook received → ingest span (verification, decoding)", "ingest span (the inbox append)",
            "ingest end → event span (wake-up, claim)", "event start → handler (session, context, burst check)",
            "handler → send (routing, line health in, the handler)", "send → Linq call (outbound chain, line health out)",
            "Linq call (request, in-process answer, response decoded)", "after the call (sent record, line health after)",
            "send end → handler end", "handler end → event end (completion)", "webhook received → event end",
        ]
        var values = Array(repeating: [Double](), count: names.count)
        for (id, event) in events {
            guard let webhook = webhooks[id], let total = received[id],
                let handler = byParent[event.spanID]?.first(where: { $0.operationName == "linq.handler" }),
                let outbound = byParent[handler.spanID]?.first(where: { $0.operationName.hasPrefix("linq.outbound message") }),
                let call = byParent[outbound.spanID]?.first(where: { $0.operationName.hasPrefix("linq POST") })
            else { continue }
            let ingest = micros(webhook.startInstant, webhook.endInstant)
            let parts = [
                total - ingest, ingest, micros(webhook.endInstant, event.startInstant), micros(event.startInstant, handler.startInstant),
                micros(handler.startInstant, outbound.startInstant), micros(outbound.startInstant, call.startInstant),
                micros(call.startInstant, call.endInstant), micros(call.endInstant, outbound.endInstant),
                micros(outbound.endInstant, handler.endInstant), micros(handler.endInstant, event.endInstant),
                total - ingest + micros(webhook.startInstant, event.endInstant),
            ]
            for (index, part) in parts.enumerated() { values[index].append(part) }
        }
        return Array(zip(names, values))
    }
}
