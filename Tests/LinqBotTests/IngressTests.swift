import Foundation
import LinqAPI
import LinqBot
import LinqFixtures
import LinqModels
import Testing

/// Suite E of the reliability plan, at the ingress: every bad input is a 4xx and stores nothing.
@Suite struct IngressTests {
    static let secret = "whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s="
    static let now = Date(timeIntervalSince1970: 1_773_157_330)
    let store = InMemoryBotStore()
    let ingress: WebhookIngress
    let signer: WebhookSigner

    init() throws {
        let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(Self.secret)]))
        ingress = WebhookIngress(verifier: verifier, store: store, now: { Self.now }, optOuts: nil)
        signer = WebhookSigner(secret: try WebhookSecret(Self.secret))
    }

    func deliver(_ body: Data, id: String? = nil, signed: Bool = true) async -> WebhookIngress.Outcome {
        let eventID = id ?? ((try? JSONDecoder().decode(JSONValue.self, from: body))?["event_id"]?.stringValue ?? "x")
        let headers = signed
            ? signer.headers(id: eventID, timestamp: Int64(Self.now.timeIntervalSince1970), body: body, eventType: "message.received", subscriptionID: "s")
            : LinqHTTPHeaders()
        return await ingress.receive(body: body) { headers[$0] }
    }

    func fixture(_ name: String) throws -> Data { try Fixtures.data("linq-webhooks/\(name)") }

    @Test("a signed fixture is stored; the same delivery again is a duplicate; the same message under another event id too (E8)")
    func storeAndDeduplicate() async throws {
        let body = try fixture("message.received.2026-02-03.json")
        #expect(await deliver(body).reason == "stored")
        #expect(await deliver(body).reason == "duplicate")
        let other = Data(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13", with: "ffffffff-2b4d-4f6a-9e8c-0d2b4f6a8c13").utf8)
        let outcome = await deliver(other)
        #expect(outcome.status == 200 && outcome.reason == "duplicate")
        #expect(try await store.pendingCount() == 1)
    }

    @Test("a signed webhook posing as one of the bot's own timers or commands is refused", arguments: ["linqbot.timer", "linqbot.command"])
    func reservedEventTypes(type: String) async throws {
        let body = Data(#"{"api_version":"v3","webhook_version":"2026-02-03","event_type":"\#(type)","event_id":"pose-1","created_at":"2026-03-10T15:42:10Z","data":{"chat_id":"c","action":"hand_off"}}"#.utf8)
        let outcome = await deliver(body)
        #expect(outcome.status == 400 && outcome.reason.contains("reserved"), "\(outcome.reason)")
        #expect(try await store.pendingCount() == 0)
    }

    @Test("E1: hostile inputs are 4xx and store nothing", arguments: 0..<8)
    func hostile(kind: Int) async throws {
        let good = try fixture("message.received.2026-02-03.json")
        let outcome: WebhookIngress.Outcome
        switch kind {
        case 0: outcome = await deliver(good, signed: false)
        case 1: outcome = await deliver(Data((0..<500).map { UInt8(truncatingIfNeeded: $0 &* 31) }), id: "r")
        case 2: outcome = await deliver(good.prefix(200), id: "t")
        case 3: outcome = await deliver(Data(count: 256 * 1024 + 1), id: "big")
        case 4: outcome = await deliver(Data(#"{"event_id":"x","data":{}}"#.utf8))
        case 5: outcome = await deliver(Data((String(repeating: "[", count: 33) + String(repeating: "]", count: 33)).utf8), id: "deep")
        case 6: outcome = await deliver(Data((String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)).utf8), id: "deeper")
        default: outcome = await deliver(good, id: "not-the-event-id")
        }
        #expect((400..<500).contains(outcome.status), "\(outcome)")
        #expect(try await store.pendingCount() == 0)
    }

    @Test("E5: an unknown event type and unknown fields are stored (2xx)")
    func forwardCompatible() async throws {
        let body = Data(#"{"api_version":"v3","webhook_version":"2026-02-03","event_type":"call.ringing","event_id":"c1","created_at":"2026-03-10T15:42:07Z","partner_id":"p","data":{"chat_id":"c","brand_new":true}}"#.utf8)
        #expect(await deliver(body).status == 200)
        #expect(try await store.pendingCount() == 1)
    }

    @Test("E6: a signed event that does not match its type is stored for quarantine, never handled")
    func quarantine() async throws {
        let body = Data(#"{"api_version":"v3","webhook_version":"2026-02-03","event_type":"message.received","event_id":"q1","created_at":"2026-03-10T15:42:07Z","partner_id":"p","data":{"id":42}}"#.utf8)
        #expect(await deliver(body).status == 200)
        let claim = try #require(try await store.claimNext(worker: "w", now: Self.now, leaseDuration: .seconds(30), skipping: []))
        #expect(claim.event.chatKey == "quarantine")
    }
}
