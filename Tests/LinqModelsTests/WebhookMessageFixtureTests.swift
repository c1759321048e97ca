import Foundation
import LinqFixtures
import LinqModels
import Testing

@Suite("Webhook message fixtures")
struct WebhookMessageFixtureTests {
    @Test func receivedV2026DecodesEnvelopeAndMessage() throws {
        let event = try webhookFixture("message.received.2026-02-03.json")
        #expect(event.apiVersion == "v3")
        #expect(event.webhookVersion == .v2026_02_03)
        #expect(event.eventType == .messageReceived)
        #expect(event.eventID == "a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13")
        #expect(event.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(event.partnerID == Cast.partnerID)
        // The envelope's created_at has nine fractional digits.
        let created = event.createdAt.timeIntervalSince1970
        let whole = try timestamp("2026-03-10T15:42:07Z").timeIntervalSince1970
        #expect(abs(created - whole - 0.904113402) < 1e-6)
        #expect(event.unknownData == nil)
        #expect(event.rawBody == (try Fixtures.data("linq-webhooks/message.received.2026-02-03.json")))

        let message = try #require(event.message)
        #expect(message.kind == .received)
        #expect(message.messageID == "3e5a7c9b-0d2f-4b4a-8c6e-1f3a5b7d9e02")
        #expect(message.chatID == Cast.dmChat)
        #expect(message.isGroup == false)
        #expect(message.direction == .inbound)
        #expect(message.isInbound && !message.isOutbound)
        #expect(message.sender?.handle == Cast.alice)
        #expect(message.sender?.id == "4f6b8d0a-2c3e-4a5f-9b7d-1e0c3a5b7d92")
        #expect(message.line?.isMe == true)
        #expect(message.line?.lineType == .iMessage)
        #expect(message.lineHandle == Cast.line)
        #expect(message.senderAddress == Cast.alice)
        #expect(message.text == "Hi! Can you move my haircut from Thursday to Friday afternoon?")
        #expect(message.parts.count == 1)
        #expect(message.service == .iMessage)
        #expect(message.preferredService == nil)
        #expect(message.effect == nil)
        #expect(message.replyTo == nil)
        #expect(message.idempotencyKey == nil)
        #expect(message.sentAt == (try timestamp("2026-03-10T15:42:07.318Z")))
        #expect(message.deliveredAt == nil)
        #expect(message.readAt == nil)
        #expect(message.reconciledAt == nil)
        #expect(message.isHistory == false)
        #expect(message.chatHealth?.status == .healthy)
        #expect(event.chatID == Cast.dmChat)
    }

    @Test func mediaPartIsTyped() throws {
        let message = try #require(try webhookFixture("message.received.media.2026-02-03.json").message)
        #expect(message.parts.count == 2)
        #expect(message.text == "This is the style I want")
        guard case .media(let media) = message.parts[1] else {
            Issue.record("expected a media part, got \(message.parts[1])")
            return
        }
        #expect(media.id == "d7f9b1c3-5e7a-4c9e-8b1d-3f5a7c9e1b57")
        #expect(media.filename == "IMG_4821.HEIC")
        #expect(media.mimeType == "image/heic")
        #expect(media.sizeBytes == 1_873_402)
        #expect(media.url.hasPrefix("https://cdn.linqapp.com/attachments/"))
    }

    @Test func groupMessageCarriesMentionAndReply() throws {
        let message = try #require(try webhookFixture("message.received.group.2026-02-03.json").message)
        #expect(message.isGroup == true)
        #expect(message.chatID == Cast.groupChat)
        #expect(message.sender?.handle == Cast.bob)
        #expect(message.lineHandle == Cast.line)
        #expect(message.replyTo == ReplyTo(messageID: "5a7c9e1b-3d5f-4b7d-a9c1-e3f5b7d9f1a3", partIndex: 0))
        guard case .text(let part) = message.parts.first else {
            Issue.record("expected a text part")
            return
        }
        let mention = try #require(part.mentions?.first)
        #expect(mention.handle == Cast.line)
        #expect(mention.isMe)
        #expect(mention.range == TextRange(start: 0, end: 9))
        #expect(mention.range.substring(of: part.value) == "Concierge")
        #expect(part.mention == Cast.line)
        #expect(part.textDecorations == nil)
    }

    @Test func outboundLifecycleSetsTimestamps() throws {
        let sent = try #require(try webhookFixture("message.sent.2026-02-03.json").message)
        let delivered = try #require(try webhookFixture("message.delivered.2026-02-03.json").message)
        let read = try #require(try webhookFixture("message.read.2026-02-03.json").message)
        #expect([sent.kind, delivered.kind, read.kind] == [.sent, .delivered, .read])
        for message in [sent, delivered, read] {
            #expect(message.messageID == "8d0f2b4c-6e8a-4c0e-b2d4-6f8a0c2e4b79")
            #expect(message.direction == .outbound)
            #expect(message.sender?.handle == Cast.line)
            #expect(message.lineHandle == Cast.line)
            #expect(message.idempotencyKey == "bot-7c2e4a91-turn-0002")
            #expect(message.replyTo?.messageID == "3e5a7c9b-0d2f-4b4a-8c6e-1f3a5b7d9e02")
            #expect(message.sentAt == (try timestamp("2026-03-10T15:42:19.456Z")))
        }
        #expect(sent.deliveredAt == nil && sent.readAt == nil)
        #expect(delivered.deliveredAt == (try timestamp("2026-03-10T15:42:20.118Z")))
        #expect(delivered.readAt == nil)
        #expect(read.deliveredAt == (try timestamp("2026-03-10T15:42:20.118Z")))
        #expect(read.readAt == (try timestamp("2026-03-10T15:43:02.734Z")))
    }

    @Test func sentV2025UsesFromHandleAsLine() throws {
        let event = try webhookFixture("message.sent.2025-01-01.json")
        #expect(event.webhookVersion == .v2025_01_01)
        let message = try #require(event.message)
        #expect(message.kind == .sent)
        #expect(message.direction == .outbound)
        #expect(message.sender?.handle == Cast.line)
        #expect(message.lineHandle == Cast.line)
        #expect(message.idempotencyKey == "bot-7c2e4a91-turn-0002")
        #expect(message.replyTo == ReplyTo(messageID: "3e5a7c9b-0d2f-4b4a-8c6e-1f3a5b7d9e02", partIndex: 0))
        #expect(message.chatHealth == nil)

        let current = try #require(try webhookFixture("message.sent.2026-02-03.json").message)
        var expected = current
        expected.chatHealth = nil
        #expect(message == expected)
    }

    @Test func bothReceivedVersionsNormaliseToTheSameMessage() throws {
        let legacy = try #require(try webhookFixture("message.received.2025-01-01.json").message)
        let current = try #require(try webhookFixture("message.received.2026-02-03.json").message)
        #expect(legacy.messageID == current.messageID)
        #expect(legacy.chatID == current.chatID)
        #expect(legacy.sender == current.sender)
        #expect(legacy.line == current.line)
        #expect(legacy.lineHandle == Cast.line)
        #expect(legacy.text == current.text)
        #expect(legacy.direction == .inbound)
        #expect(legacy.direction == current.direction)
        #expect(legacy.sentAt == current.sentAt)
        // Only the chat's health is missing from the 2025-01-01 layout.
        var expected = current
        expected.chatHealth = nil
        #expect(legacy == expected)
    }
}
