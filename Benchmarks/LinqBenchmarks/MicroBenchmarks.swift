import Crypto
import Foundation
import LinqAPI
import LinqModels
import Tracing

/// The hot path of webhook ingress, one core: signature verification and event decoding.
///
/// Each case runs on the calling thread for about `seconds` (at most 5 million times) and
/// prints operations per second and the mean time per operation.
enum MicroBenchmarks {
    static func run(seconds: Double) throws {
        let body2026 = try Fixtures.load("message.received.2026-02-03.json")
        let body2025 = try Fixtures.load("message.received.2025-01-01.json")
        let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(Fixtures.secretText)]))
        let signer = WebhookSigner(secret: try WebhookSecret(Fixtures.secretText))
        let now = Date(timeIntervalSince1970: 1_773_157_330)
        let headers = signer.headers(
            id: "a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13", timestamp: 1_773_157_328, body: body2026,
            eventType: "message.received", subscriptionID: "9e1a3c5d-7f8b-4a0c-b2e4-5d7f9b1c3e68"
        )
        let headers2025 = signer.headers(
            id: "b2d4f6a8-3c5e-4a7b-8f9d-1e3c5a7b9d24", timestamp: 1_773_157_328, body: body2025,
            eventType: "message.received", subscriptionID: "9e1a3c5d-7f8b-4a0c-b2e4-5d7f9b1c3e68"
        )
        var hostile = headers
        hostile.set("webhook-signature", Array(repeating: "v1,AAAA", count: 10_000).joined(separator: " "))

        Report.header("micro: verify and decode, one core, \(seconds) s per case")
        var sink = 0
        try measure("verify + decode message.received (2026-02-03)", seconds) {
            _ = try verifier.verify(body: body2026, headers: headers, now: now)
            let event = try WebhookEvent.decode(from: body2026)
            sink &+= event.message?.parts.count ?? 0
        }
        try measure("verify + decode message.received (2025-01-01)", seconds) {
            _ = try verifier.verify(body: body2025, headers: headers2025, now: now)
            let event = try WebhookEvent.decode(from: body2025)
            sink &+= event.message?.parts.count ?? 0
        }
        try measure("verify only (Standard Webhooks, 1.6 KB body)", seconds) {
            sink &+= try verifier.verify(body: body2026, headers: headers, now: now).secretIndex
        }
        let decodes = try measure("decode only (2026-02-03)", seconds) {
            sink &+= try WebhookEvent.decode(from: body2026).message?.parts.count ?? 0
        }
        let throughFoundation = try measure("decode only (2026-02-03), JSONDecoder alone", seconds) {
            sink &+= try WebhookEvent.decodeWithJSONDecoder(from: body2026).message?.parts.count ?? 0
        }
        print("  the byte-level path is \(String(format: "%.1f", decodes / throughFoundation))× JSONDecoder's rate")
        _ = Report.check("decode message.received, one core", decodes, atLeast: 50_000, unit: "/s")
        measure("reject a 10,000-entry signature header", seconds) {
            if (try? verifier.verify(body: body2026, headers: hostile, now: now)) == nil { sink &+= 1 }
        }
        let key = SymmetricKey(size: .bits256)
        measure("reference: HMAC-SHA256 of the body alone", seconds) {
            sink &+= HMAC<SHA256>.authenticationCode(for: body2026, using: key).byteCount
        }
        measure("reference: three header lookups", seconds) {
            sink &+= (headers["webhook-id"]?.count ?? 0) + (headers["webhook-timestamp"]?.count ?? 0)
                + (headers["webhook-signature"]?.count ?? 0)
        }
        // The spans of one message (webhook, event, handler, one outbound action, one Linq call)
        // with their attributes, through the process's tracer: none is bootstrapped here, so
        // this is what tracing costs a bot that exports nowhere.
        measure("tracing: one message's 5 spans, no tracer", seconds) {
            withSpan("linq.webhook message.received", ofKind: .server) { webhook in
                webhook.attributes["linq.event_id"] = "a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13"
                webhook.attributes["http.response.status_code"] = 200
            }
            withSpan("linq.event message.received", ofKind: .consumer) { event in
                event.attributes["linq.event_id"] = "a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13"
                event.attributes["linq.attempt"] = 1
                withSpan("linq.handler") { _ in
                    withSpan("linq.outbound message") { outbound in
                        outbound.attributes["linq.line_health.decision"] = "allowed"
                        withSpan("linq POST /v3/chats/{id}/messages", ofKind: .client) { call in
                            call.attributes["http.response.status_code"] = 202
                            sink &+= 1
                        }
                    }
                }
            }
        }
        print("  checksum \(sink)")
    }

    /// Runs `body` repeatedly for about `seconds` (at most 5 million times) and prints the rate.
    @discardableResult
    private static func measure(_ name: String, _ seconds: Double, _ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        for _ in 0..<1000 { try body() }  // warm up
        var iterations = 0
        let budget = Duration.seconds(seconds)
        let start = clock.now
        var elapsed = Duration.zero
        while elapsed < budget, iterations < 5_000_000 {
            for _ in 0..<500 { try body() }
            iterations += 500
            elapsed = start.duration(to: clock.now)
        }
        let rate = Double(iterations) / elapsed.inSeconds
        let padded = name.padding(toLength: 52, withPad: " ", startingAt: 0)
        print("  \(padded) \(String(format: "%10.0f", rate)) ops/s  \(String(format: "%7.2f", 1e6 / rate)) µs/op  (\(iterations) runs)")
        return rate
    }
}
