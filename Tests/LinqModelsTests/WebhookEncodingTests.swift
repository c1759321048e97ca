import Foundation
import LinqFixtures
import LinqModels
import Testing

@Suite("Webhook encoding in either payload version")
struct WebhookEncodingTests {
    static let messageFixtures = [
        "message.received.2026-02-03.json", "message.received.media.2026-02-03.json",
        "message.received.group.2026-02-03.json", "message.sent.2026-02-03.json",
        "message.delivered.2026-02-03.json", "message.read.2026-02-03.json",
    ]

    @Test(arguments: messageFixtures)
    func v2026RoundTripsThroughV2025(file: String) throws {
        let original = try webhookFixture(file)
        let legacyBody = try original.encodedBody(version: .v2025_01_01)
        let legacy = try WebhookEvent.decode(from: legacyBody)
        #expect(legacy.webhookVersion == .v2025_01_01)
        #expect(legacy.eventType == original.eventType)
        #expect(legacy.eventID == original.eventID)
        #expect(legacy.createdAt == original.createdAt)
        #expect(legacy.traceID == original.traceID)
        #expect(legacy.partnerID == original.partnerID)

        // The 2025-01-01 layout has no place for the chat's health; everything else survives.
        var expected = try #require(original.message)
        expected.chatHealth = nil
        #expect(legacy.message == expected)

        // And back again to the current layout.
        let again = try WebhookEvent.decode(from: legacy.encodedBody(version: .v2026_02_03))
        #expect(again.message == expected)
    }

    @Test func v2025ShapeMatchesTheLegacyFixture() throws {
        let current = try webhookFixture("message.received.2026-02-03.json")
        var event = current
        event.eventID = "b2d4f6a8-3c5e-4a7b-8f9d-1e3c5a7b9d24"
        let produced = try JSONDecoder().decode(JSONValue.self, from: event.encodedBody(version: .v2025_01_01))
        let fixture = try JSONDecoder().decode(
            JSONValue.self, from: Fixtures.data("linq-webhooks/message.received.2025-01-01.json")
        )
        let producedData = try #require(produced["data"])
        let fixtureData = try #require(fixture["data"])
        for key in [
            "chat_id", "is_group", "idempotency_key", "from", "from_handle", "recipient_phone", "recipient_handle",
            "is_from_me", "received_at", "service", "preferred_service",
        ] {
            #expect(producedData[key] == fixtureData[key], "data.\(key)")
        }
        for key in ["id", "parts", "effect", "reply_to", "is_delivered", "is_read", "sent_at", "delivered_at", "read_at"] {
            #expect(producedData["message"]?[key] == fixtureData["message"]?[key], "data.message.\(key)")
        }
        #expect(producedData["message"]?["created_at"] != nil)
        #expect(produced["webhook_version"] == "2025-01-01")
        #expect(produced["data"]?["chat"] == nil)
        #expect(produced["data"]?["direction"] == nil)
    }

    @Test func v2026ShapeMatchesTheFixture() throws {
        let event = try webhookFixture("message.received.2026-02-03.json")
        let produced = try JSONDecoder().decode(JSONValue.self, from: event.encodedBody())
        let fixture = try JSONDecoder().decode(
            JSONValue.self, from: Fixtures.data("linq-webhooks/message.received.2026-02-03.json")
        )
        // Only the envelope's nanoseconds change: bodies are written with whole Dates.
        var expected = fixture
        var producedComparable = produced
        if case .object(var members) = expected { members["created_at"] = nil; expected = .object(members) }
        if case .object(var members) = producedComparable { members["created_at"] = nil; producedComparable = .object(members) }
        #expect(producedComparable == expected)
    }

    @Test(arguments: try Fixtures.files(in: "linq-webhooks"))
    func everyFixtureReencodesToTheSamePayload(file: String) throws {
        let event = try webhookFixture(file)
        let again = try WebhookEvent.decode(from: event.encodedBody())
        #expect(again.payload == event.payload)
        #expect(again.eventType == event.eventType)
        #expect(again.webhookVersion == event.webhookVersion)
    }

    @Test func v2025ReceivedReencodesAsV2026() throws {
        let legacy = try webhookFixture("message.received.2025-01-01.json")
        let current = try WebhookEvent.decode(from: legacy.encodedBody(version: .v2026_02_03))
        #expect(current.webhookVersion == .v2026_02_03)
        #expect(current.message == legacy.message)
        let data = try current.rawData()
        #expect(data["direction"] == "inbound")
        #expect(data["chat"]?["owner_handle"]?["handle"] == "+15555550100")
        #expect(data["sender_handle"]?["handle"] == "+15555550123")
    }

    @Test func builtEventEncodesAndDecodes() throws {
        let line = ChatHandle(
            id: "h-line", handle: Cast.line, joinedAt: try timestamp("2026-03-02T17:04:11.512Z"), service: .iMessage,
            isMe: true, status: .active, lineType: .iMessage
        )
        let alice = ChatHandle(
            id: "h-alice", handle: Cast.alice, joinedAt: try timestamp("2026-03-02T17:04:11.512Z"), service: .iMessage,
            isMe: false, status: .active
        )
        let message = MessageEvent(
            kind: .received, messageID: "m-9", chatID: Cast.dmChat, isGroup: false, direction: .inbound,
            sender: alice, line: line, parts: [.text(TextPart(value: "hello")), .link(LinkPart(value: "https://example.com"))],
            service: .iMessage, sentAt: try timestamp("2026-03-10T15:42:07.123456Z")
        )
        let event = WebhookEvent(
            eventID: "e-9", createdAt: try timestamp("2026-03-10T15:42:07.904113402Z"), traceID: "t", partnerID: "p",
            payload: .message(message)
        )
        #expect(event.eventType == .messageReceived)
        #expect(event.rawBody.isEmpty)
        #expect(try event.rawData()["id"] == "m-9")
        for version in [WebhookVersion.v2025_01_01, .v2026_02_03] {
            let decoded = try WebhookEvent.decode(from: event.encodedBody(version: version))
            #expect(decoded.message == message)
            #expect(decoded.createdAt == event.createdAt)
            #expect(decoded.message?.text == "hello")
        }

        let unknown = WebhookEvent(
            eventType: .callEnded, eventID: "e-10", createdAt: event.createdAt, payload: .unknown,
            unknownData: ["duration": 42]
        )
        let decodedUnknown = try WebhookEvent.decode(from: unknown.encodedBody())
        #expect(decodedUnknown.eventType == .callEnded)
        #expect(try decodedUnknown.rawData() == ["duration": 42])
    }
}
