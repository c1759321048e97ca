import Foundation
import LinqFixtures
import LinqModels
import Testing

@Suite("Webhook decoding: unknown input and errors")
struct WebhookDecodingTests {
    @Test func unknownEventTypeIsKeptWithItsData() throws {
        let body = envelope(
            type: "call.ringing",
            data: #"{"call_id":"c-1","from":"+15555550123","to":"+15555550100","ring_count":2,"video":false}"#
        )
        let event = try decodeBody(body)
        #expect(event.eventType == .callRinging)
        #expect(event.eventType.rawValue == "call.ringing")
        guard case .unknown = event.payload else {
            Issue.record("expected .unknown, got \(event.payload)")
            return
        }
        #expect(event.payload.eventType == nil)
        let data = try event.rawData()
        #expect(data["call_id"] == "c-1")
        #expect(data["ring_count"]?.numberValue == 2)
        #expect(data["video"]?.boolValue == false)
        #expect(event.unknownData == data)
        #expect(event.chatID == nil)
    }

    @Test func brandNewEventTypeIsKept() throws {
        let event = try decodeBody(envelope(type: "hologram.projected", data: #"[1,"two",null]"#))
        #expect(event.eventType == WebhookEventType(rawValue: "hologram.projected"))
        #expect(try event.rawData() == [1, "two", nil])
    }

    @Test func unknownFieldsAndEnumValuesAreKept() throws {
        let data = """
            {"id":"m-1","chat":{"id":"c-1","is_group":false,"future_flag":true,
              "health_status":{"status":"GLOWING","doc_url":"https://x","updated_at":"2026-03-10T15:42:07Z"}},
             "direction":"sideways","service":"CarrierPigeon","preferred_service":"Telepathy",
             "sender_handle":{"id":"h-1","handle":"+15555550123","joined_at":"2026-03-10T15:42:07.1Z",
               "service":"CarrierPigeon","status":"hovering","line_type":"Satellite","nickname":"Al"},
             "parts":[{"type":"text","value":"hi","sparkle":1},{"type":"hologram","frames":3}],
             "brand_new_field":{"nested":[1,2,3]},"sent_at":"2026-03-10T15:42:07.123456Z"}
            """
        let event = try decodeBody(envelope(type: "message.received", data: data))
        let message = try #require(event.message)
        #expect(message.direction == MessageDirection(rawValue: "sideways"))
        #expect(message.service == Service(rawValue: "CarrierPigeon"))
        #expect(message.preferredService?.rawValue == "Telepathy")
        #expect(message.chatHealth?.status.rawValue == "GLOWING")
        #expect(message.sender?.status?.rawValue == "hovering")
        #expect(message.sender?.lineType?.rawValue == "Satellite")
        #expect(message.text == "hi")
        #expect(message.parts.count == 2)
        #expect(message.parts[1].type == "hologram")
        #expect(message.line == nil)
        #expect(message.isGroup == false)
        #expect(try event.rawData()["brand_new_field"]?["nested"]?[2] == 3)
    }

    @Test func unknownWebhookVersionPicksTheLayoutByShape() throws {
        let legacy = String(decoding: try Fixtures.data("linq-webhooks/message.received.2025-01-01.json"), as: UTF8.self)
            .replacingOccurrences(of: "\"2025-01-01\"", with: "\"2030-01-01\"")
        let event = try decodeBody(legacy)
        #expect(event.webhookVersion.rawValue == "2030-01-01")
        #expect(event.message?.messageID == "3e5a7c9b-0d2f-4b4a-8c6e-1f3a5b7d9e02")
        #expect(event.message?.direction == .inbound)
    }

    @Test func optionalFieldsMayBeMissing() throws {
        let data = #"{"id":"m-2","chat":{"id":"c-2"},"direction":"outbound"}"#
        let message = try #require(try decodeBody(envelope(type: "message.sent", data: data)).message)
        #expect(message.kind == .sent)
        #expect(message.parts.isEmpty)
        #expect(message.text == nil)
        #expect(message.sender == nil && message.line == nil && message.isGroup == nil)

        let noEnvelopeExtras = #"""
            {"api_version":"v3","webhook_version":"2026-02-03","event_type":"chat.typing_indicator.stopped",
             "event_id":"e-3","created_at":"2026-03-10T15:42:07Z","data":{"chat_id":"c-3"}}
            """#
        let event = try decodeBody(noEnvelopeExtras)
        #expect(event.traceID == nil && event.partnerID == nil)
        #expect(event.payload == .typingIndicator(TypingIndicatorEvent(isTyping: false, chatID: "c-3")))
    }

    @Test func replyToWithoutMessageIDIsIgnored() throws {
        let data = #"{"id":"m-4","chat":{"id":"c-4"},"direction":"inbound","reply_to":{"part_index":1}}"#
        let message = try #require(try decodeBody(envelope(type: "message.received", data: data)).message)
        #expect(message.replyTo == nil)
    }

    @Test func reconciledMessageIsHistory() throws {
        let data = #"{"id":"m-5","chat":{"id":"c-5"},"direction":"inbound","reconciled_at":"2026-03-10T15:42:07.5Z","zero_retention":true,"parts":[]}"#
        let message = try #require(try decodeBody(envelope(type: "message.received", data: data)).message)
        #expect(message.isHistory)
        #expect(message.zeroRetention == true)
    }

    @Test func brokenDataOfKnownTypeIsInvalidPayload() {
        let eventID = "11111111-2222-4333-8444-555555555555"
        let body = envelope(type: "message.failed", eventID: eventID, data: #"{"reason":"no code here"}"#)
        #expect {
            try decodeBody(body)
        } throws: { error in
            guard case .invalidPayload(let type, let id, let reason) = error as? WebhookDecodingError else {
                return false
            }
            return type == .messageFailed && id.rawValue == eventID && reason.contains("code")
        }
    }

    @Test func wrongTypeInsideMessageIsInvalidPayload() {
        let body = envelope(
            type: "message.received", eventID: "e-6",
            data: #"{"id":"m-6","chat":{"id":"c-6"},"direction":"inbound","parts":"not an array"}"#
        )
        do {
            _ = try decodeBody(body)
            Issue.record("expected an error")
        } catch {
            guard case .invalidPayload(let type, let id, let reason) = error else {
                Issue.record("expected invalidPayload, got \(error)")
                return
            }
            #expect(type == .messageReceived)
            #expect(id == "e-6")
            #expect(reason.contains("parts"))
            #expect(error.description.contains("e-6"))
        }
    }

    @Test func nullDataOfKnownTypeIsInvalidPayload() {
        do {
            _ = try decodeBody(envelope(type: "chat.created", eventID: "e-7", data: "null"))
            Issue.record("expected an error")
        } catch {
            guard case .invalidPayload(_, let id, _) = error else {
                Issue.record("expected invalidPayload, got \(error)")
                return
            }
            #expect(id == "e-7")
        }
    }

    @Test(arguments: [
        "this is not json",
        "",
        #"[{"event_type":"message.received"}]"#,
        #""just a string""#,
        #"{"api_version":"v3","webhook_version":"2026-02-03","event_type":"message.received","created_at":"2026-03-10T15:42:07Z","data":{}}"#,
        #"{"api_version":"v3","webhook_version":"2026-02-03","event_type":"message.received","event_id":42,"created_at":"2026-03-10T15:42:07Z","data":{}}"#,
        #"{"api_version":"v3","webhook_version":"2026-02-03","event_type":"message.received","event_id":"e","created_at":"yesterday","data":{}}"#,
        #"{"api_version":"v3","webhook_version":"2026-02-03","event_type":"message.received","event_id":"e","created_at":"2026-03-10T15:42:07Z"}"#,
    ])
    func malformedEnvelope(body: String) {
        do {
            _ = try decodeBody(body)
            Issue.record("expected an error")
        } catch {
            guard case .malformedEnvelope(let reason) = error else {
                Issue.record("expected malformedEnvelope, got \(error)")
                return
            }
            #expect(!reason.isEmpty)
        }
    }

    @Test func missingEventIDNamesTheKey() {
        let body = #"{"api_version":"v3","webhook_version":"2026-02-03","event_type":"message.received","created_at":"2026-03-10T15:42:07Z","data":{}}"#
        do {
            _ = try decodeBody(body)
        } catch {
            #expect(error == .malformedEnvelope("missing key event_id"))
        }
    }

    @Test func eventTypeListMatchesTheSDK() {
        #expect(WebhookEventType.allKnown.count == 75)
        #expect(Set(WebhookEventType.allKnown).count == 75)
        #expect(WebhookEventType.webhookSubscriptionEventsUpdated.rawValue == "webhook_subscription.events.updated")
        #expect(WebhookEventType.allKnown.filter(WebhookPayload.isModelled).count == 17)
    }
}
