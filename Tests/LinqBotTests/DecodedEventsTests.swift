import Foundation
import LinqBot
import LinqModels
import Testing

/// The ring that carries an event decoded at ingress to the worker that runs it.
@Suite struct DecodedEventsTests {
    static func event(_ id: String) throws -> WebhookEvent {
        let body = #"{"api_version":"v3","webhook_version":"2026-02-03","event_type":"message.received","event_id":"\#(id)","created_at":"2026-03-10T15:42:07Z","data":{"id":"m-\#(id)","chat":{"id":"c1","is_group":false,"health_status":{"status":"HEALTHY","doc_url":"x","updated_at":"2026-03-10T15:42:07Z"}},"direction":"inbound","sender_handle":{"id":"h1","handle":"+15555550123","joined_at":"2026-03-10T15:42:07Z","service":"SMS"},"service":"SMS","parts":[{"type":"text","value":"\#(id)"}]}}"#
        return try WebhookEvent.decode(from: Data(body.utf8))
    }

    @Test("a worker takes its event once; peeking leaves it; the oldest make room for new ones")
    func ring() throws {
        let decoded = DecodedEvents(capacity: 2)
        decoded.put(try Self.event("a"), id: "a")
        decoded.put(try Self.event("b"), id: "b")
        #expect(decoded.peek("a")?.eventID.rawValue == "a")
        #expect(decoded.count == 2, "peeking takes nothing out")
        #expect(decoded.take("a")?.eventID.rawValue == "a")
        #expect(decoded.take("a") == nil, "taken once")

        // Full again: the third event pushes out the oldest still kept.
        decoded.put(try Self.event("c"), id: "c")
        decoded.put(try Self.event("d"), id: "d")
        #expect(decoded.take("b") == nil, "evicted: its worker decodes the stored body instead")
        #expect(decoded.take("c")?.message?.text == "c")
        #expect(decoded.take("d")?.message?.text == "d")
        #expect(decoded.count == 0)
    }
}
