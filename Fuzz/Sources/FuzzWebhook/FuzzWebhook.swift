import Foundation
import FuzzSupport
import LinqAPI
import LinqBot
import LinqModels

// The webhook path as Linq reaches it: signature check, JSON depth check, event decoding and
// the durable inbox append, through `BotApplication.receive(body:header:)` on an in-memory
// store (a fresh one per input, so every input is judged alone).
// Every body the byte-level decoder of text messages reads must decode to the same event
// through JSONDecoder, and every body its reader of send answers reads to the same answer.
//
// Input: a flags byte, then three lines (webhook-id, webhook-timestamp, webhook-signature),
// then the body.
// - bits 0-1: 0 or 1, the harness signs the delivery the Standard Webhooks way with the test
//   secret (so most inputs reach the decoder and the inbox); 2, it signs with the deprecated
//   X-Webhook-Signature scheme; 3, the three lines are sent as they are.
// - bit 2: when signing, webhook-id is the body's `event_id` (when it has one) rather than the
//   id line, so signed events get past the id check and are stored.
// - bit 3: when signing, the timestamp line is sent as it is (stale, future or not a number).
// - bit 4: with bits 0-1 = 3, the lines go out as X-Webhook-Timestamp and X-Webhook-Signature.
// - bit 5: the verifier also accepts the deprecated and V2 schemes.
// - bit 7: the delivery is made twice: a stored event must then be a duplicate.

private let secret = try! WebhookSecret(Offline.webhookSecret)
private let signer = WebhookSigner(secret: secret)
private let strict = try! WebhookVerifier(configuration: .init(secrets: [secret]))
private let lenient = try! WebhookVerifier(configuration: .init(secrets: [secret], acceptsLegacySignature: true, acceptsV2Signature: true))
private let nowSeconds = Int64(Offline.now.timeIntervalSince1970)

private struct EventIDOnly: Decodable {
    var event_id: String
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWebhook(_ data: UnsafeRawPointer?, _ count: Int) -> CInt {
    let input = FuzzInput(UnsafeRawBufferPointer(start: data, count: count), lineCount: 3)
    let mode = input.flags & 0b11
    var headers: [String: String] = [:]
    let timestampLine = input.field(1)
    let sentTimestamp = input.flag(3) ? timestampLine ?? "" : String(nowSeconds)
    switch mode {
    case 0, 1:
        let fromBody = input.flag(2) ? (try? JSONDecoder().decode(EventIDOnly.self, from: input.body))?.event_id : nil
        let id = fromBody ?? input.field(0) ?? ""
        headers["webhook-id"] = id
        headers["webhook-timestamp"] = sentTimestamp
        headers["webhook-signature"] = signature(id: id, timestamp: sentTimestamp, body: input.body)
    case 2:
        headers["x-webhook-timestamp"] = sentTimestamp
        headers["x-webhook-signature"] = legacySignature(timestamp: sentTimestamp, body: input.body)
    default:
        if input.flag(4) {
            headers["x-webhook-timestamp"] = timestampLine
            headers["x-webhook-signature"] = input.field(2)
        } else {
            headers["webhook-id"] = input.field(0)
            headers["webhook-timestamp"] = timestampLine
            headers["webhook-signature"] = input.field(2)
        }
    }
    let sent = headers
    // The byte-level path for text messages reads a body exactly as JSONDecoder does, or not at all.
    if let quick = QuickMessageDecoding.event(from: input.body) {
        let reference = try? WebhookEvent.decodeWithJSONDecoder(from: input.body)
        expect(quick == reference, "the byte-level decoder read a body otherwise than JSONDecoder (\(reference == nil ? "which refused it" : "a different event"))")
    }
    if let quick = SendMessageResponse.quickDecoded(from: input.body) {
        let reference = try? LinqJSON.makeDecoder().decode(SendMessageResponse.self, from: input.body)
        expect(quick == reference, "the byte-level reader read a send answer otherwise than JSONDecoder (\(reference == nil ? "which refused it" : "a different answer"))")
    }
    let verifier = mode == 2 || input.flag(5) ? lenient : strict
    let body = input.body
    let twice = input.flag(7)
    let signedFresh = mode != 3 && !input.flag(3) && (sent["webhook-id"]?.utf8.count ?? 0) <= 1024
    blocking {
        let store = InMemoryBotStore()
        let app = BotApplication(
            bot: Bot(), store: store, client: Offline.client, verifier: verifier, clock: ContinuousClock(), now: { Offline.now },
            logger: Offline.logger
        )
        let first = await app.receive(body: body) { sent[$0.lowercased()] }
        expect([200, 400, 401, 413, 431].contains(first.status), "status \(first.status) (\(first.reason))")
        if signedFresh && body.count <= app.ingress.configuration.maxBodyBytes {
            expect(first.status != 401 && first.status != 431, "a correctly signed delivery was refused: \(first.reason)")
        }
        let pending = (try? await store.pendingCount()) ?? -1
        if first.status == 200 {
            expect(first.eventID != nil, "a stored event without an id")
            expect(pending == 1, "an acknowledged event left \(pending) pending events")
        } else {
            expect(pending == 0, "a refused delivery (\(first.status)) stored \(pending) events")
        }
        if twice {
            let second = await app.receive(body: body) { sent[$0.lowercased()] }
            if first.status == 200 {
                expect(second.status == 200 && second.reason == "duplicate", "the same delivery again gave \(second.status) \(second.reason)")
            }
            let after = (try? await store.pendingCount()) ?? -1
            expect(after == pending, "a repeated delivery changed the pending events from \(pending) to \(after)")
        }
    }
    return 0
}

/// `signer.standardSignature` for a timestamp that may not be a number (the verifier must still refuse it cleanly).
private func signature(id: String, timestamp: String, body: Data) -> String {
    if let seconds = Int64(timestamp), String(seconds) == timestamp {
        return signer.standardSignature(id: id, timestamp: seconds, body: body)
    }
    return signer.standardSignature(id: id, timestamp: nowSeconds, body: body)
}

private func legacySignature(timestamp: String, body: Data) -> String {
    if let seconds = Int64(timestamp), String(seconds) == timestamp {
        return signer.legacySignature(timestamp: seconds, body: body)
    }
    return signer.legacySignature(timestamp: nowSeconds, body: body)
}
