// Measures the hot path of webhook ingress: signature verification and event decoding.
//
//     swift run -c release LinqBenchmarks [seconds-per-case]
//
// Each case runs on the calling thread only (one core) for a bounded time and prints
// operations per second and the mean time per operation.

import Foundation
import LinqAPI
import LinqModels

let secondsPerCase = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 3
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Tests/LinqFixtures/Fixtures/linq-webhooks").standardized

func load(_ name: String) throws -> Data { try Data(contentsOf: fixtures.appendingPathComponent(name)) }

/// Runs `body` repeatedly for about `secondsPerCase` (at most 5 million times) and prints the rate.
func measure(_ name: String, _ body: () throws -> Void) rethrows {
    let clock = ContinuousClock()
    for _ in 0..<1000 { try body() }  // warm up
    var iterations = 0
    let budget = Duration.milliseconds(Int64(secondsPerCase * 1000))
    let start = clock.now
    var elapsed = Duration.zero
    while elapsed < budget, iterations < 5_000_000 {
        for _ in 0..<500 { try body() }
        iterations += 500
        elapsed = start.duration(to: clock.now)
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(iterations) / seconds
    let padded = name.padding(toLength: 52, withPad: " ", startingAt: 0)
    print("\(padded) \(String(format: "%10.0f", rate)) ops/s  \(String(format: "%7.2f", 1e6 / rate)) µs/op  (\(iterations) runs)")
}

let body2026 = try load("message.received.2026-02-03.json")
let body2025 = try load("message.received.2025-01-01.json")
let secretText = "whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s="
let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(secretText)]))
let signer = WebhookSigner(secret: try WebhookSecret(secretText))
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

print("LinqBenchmarks: \(ProcessInfo.processInfo.activeProcessorCount) cores visible, one used; \(secondsPerCase) s per case")
var sink = 0
try measure("verify + decode message.received (2026-02-03)") {
    _ = try verifier.verify(body: body2026, headers: headers, now: now)
    let event = try WebhookEvent.decode(from: body2026)
    sink &+= event.message?.parts.count ?? 0
}
try measure("verify + decode message.received (2025-01-01)") {
    _ = try verifier.verify(body: body2025, headers: headers2025, now: now)
    let event = try WebhookEvent.decode(from: body2025)
    sink &+= event.message?.parts.count ?? 0
}
try measure("verify only (Standard Webhooks, 1.6 KB body)") {
    sink &+= try verifier.verify(body: body2026, headers: headers, now: now).secretIndex
}
try measure("decode only (2026-02-03)") {
    sink &+= try WebhookEvent.decode(from: body2026).message?.parts.count ?? 0
}
measure("reject a 10,000-entry signature header") {
    if (try? verifier.verify(body: body2026, headers: hostile, now: now)) == nil { sink &+= 1 }
}
import Crypto
let key = SymmetricKey(size: .bits256)
measure("reference: HMAC-SHA256 of the body alone") { sink &+= HMAC<SHA256>.authenticationCode(for: body2026, using: key).byteCount }
measure("reference: three header lookups") { sink &+= (headers["webhook-id"]?.count ?? 0) + (headers["webhook-timestamp"]?.count ?? 0) + (headers["webhook-signature"]?.count ?? 0) }
for concurrency in [1, 64] {
    try await IngestBenchmark.run(template: body2026, secretText: secretText, seconds: secondsPerCase, concurrency: concurrency)
}
print("checksum \(sink)")
