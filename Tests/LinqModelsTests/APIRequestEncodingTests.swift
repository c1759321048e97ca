import Foundation
import LinqModels
import Testing

@Suite("API request bodies encode to Linq's shapes")
struct APIRequestEncodingTests {
    typealias S = APITestSupport

    @Test func createChat() throws {
        let request = CreateChatRequest(
            from: "+15555550100", to: ["+15555550147"],
            message: MessageContent(
                parts: [.text("Hi Bob"), .media(attachment: "9c1e3a5b-7d8f-4b0c-a2e4-4b6d8f0a2c35")],
                idempotencyKey: "welcome-bob", preferredService: .iMessage),
            overrideOptOut: true)
        let expected = try S.json(
            """
            {"from": "+15555550100", "to": ["+15555550147"], "override_optout": true,
             "message": {"idempotency_key": "welcome-bob", "preferred_service": "iMessage",
                         "parts": [{"type": "text", "value": "Hi Bob"},
                                   {"type": "media", "attachment_id": "9c1e3a5b-7d8f-4b0c-a2e4-4b6d8f0a2c35"}]}}
            """)
        #expect(try S.encoded(request) == expected)
        #expect(try S.roundTrip(request) == request)
    }

    @Test func sendIntoChatKeepsIdempotencyKeyInsideMessage() throws {
        var content = MessageContent.text("On my way", idempotencyKey: "reply-42")
        content.replyTo = ReplyTo(messageID: "3e5a7c9b-0d2f-4b4a-8c6e-1f3a5b7d9e02", partIndex: 0)
        content.effect = .screen(.confetti)
        let expected = try S.json(
            """
            {"message": {"idempotency_key": "reply-42",
                         "effect": {"type": "screen", "name": "confetti"},
                         "reply_to": {"message_id": "3e5a7c9b-0d2f-4b4a-8c6e-1f3a5b7d9e02", "part_index": 0},
                         "parts": [{"type": "text", "value": "On my way"}]}}
            """)
        #expect(try S.encoded(SendMessageRequest(message: content)) == expected)
    }

    @Test func richTextPartAndOtherParts() throws {
        let text = OutgoingText(
            "Hey Kevin 🎂 lunch?",
            textDecorations: [.init(range: TextRange(start: 0, end: 3), style: "bold"),
                              .init(range: TextRange(start: 13, end: 19), animation: "shake")],
            inlineStickers: [.init(range: TextRange(start: 10, end: 12), url: "https://example.com/cake.png")])
        let mention = OutgoingText("Kevin, you in?", mention: "+15555550147", mentionRange: TextRange(start: 0, end: 5))
        let expected = try S.json(
            """
            [{"type": "text", "value": "Hey Kevin 🎂 lunch?",
              "text_decorations": [{"range": [0, 3], "style": "bold"}, {"range": [13, 19], "animation": "shake"}],
              "inline_stickers": [{"range": [10, 12], "url": "https://example.com/cake.png"}]},
             {"type": "text", "value": "Kevin, you in?", "mention": "+15555550147", "mention_range": [0, 5]},
             {"type": "media", "url": "https://example.com/cat.png", "sticker": true},
             {"type": "link", "value": "https://example.com/book"},
             {"type": "app_clip", "value": "https://appclip.example.com/c/1", "caption": "Pay now"}]
            """)
        let parts: [OutgoingPart] = [
            .text(text), .text(mention), .media(url: "https://example.com/cat.png", sticker: true),
            .link("https://example.com/book"), .appClip("https://appclip.example.com/c/1", caption: "Pay now"),
        ]
        #expect(try S.encoded(parts) == expected)
        #expect(try S.roundTrip(parts) == parts)
    }

    @Test func iMessageAppPartAndExperience() throws {
        let card = OutgoingPart.iMessageApp(OutgoingIMessageApp(
            app: IMessageAppIdentity(bundleID: "com.example.app.ext", name: "Example", teamID: "ABCDE12345"),
            layout: IMessageAppLayout(caption: "Your table", imageURL: "https://example.com/t.jpg"),
            url: "https://example.com/t/1", interactive: false))
        let expected = try S.json(
            """
            {"type": "imessage_app", "app": {"bundle_id": "com.example.app.ext", "name": "Example", "team_id": "ABCDE12345"},
             "layout": {"caption": "Your table", "image_url": "https://example.com/t.jpg"},
             "url": "https://example.com/t/1", "interactive": false}
            """)
        #expect(try S.encoded(card) == expected)
        let experience = MessageContent(experience: MessageExperience(
            name: "agentpay", action: "request_payment", params: ["checkout_url": "https://pay.example.com/c/1"]))
        #expect(try S.encoded(experience) == S.json(
            #"{"experience": {"name": "agentpay", "action": "request_payment", "params": {"checkout_url": "https://pay.example.com/c/1"}}}"#))
    }

    @Test func autoFromCreate() throws {
        let request = CreateMessageRequest(
            to: ["+15555550199"], message: .text("Thanks for signing up!"),
            continuationMessage: .init(text: "Hi again from our new number."),
            excludeFrom: ["+15555550101"])
        let expected = try S.json(
            """
            {"to": ["+15555550199"], "exclude_from": ["+15555550101"],
             "continuation_message": {"text": "Hi again from our new number."},
             "message": {"parts": [{"type": "text", "value": "Thanks for signing up!"}]}}
            """)
        #expect(try S.encoded(request) == expected)
        #expect(try S.roundTrip(request) == request)
    }

    @Test func reactions() throws {
        #expect(try S.encoded(ReactionRequest.add(.love)) == S.json(#"{"operation": "add", "type": "love"}"#))
        #expect(try S.encoded(ReactionRequest.remove(.like, partIndex: 1))
            == S.json(#"{"operation": "remove", "type": "like", "part_index": 1}"#))
        #expect(try S.encoded(ReactionRequest.add(customEmoji: "🙏"))
            == S.json(#"{"operation": "add", "type": "custom", "custom_emoji": "🙏"}"#))
        let sticker = ReactionRequest.addSticker(
            .emoji("🎉"), placement: StickerPlacement(x: 0.5, y: -0.25, scale: 0.8, rotation: 15))
        #expect(try S.encoded(sticker) == S.json(
            """
            {"operation": "add", "type": "sticker", "emoji": "🎉",
             "placement": {"x": 0.5, "y": -0.25, "scale": 0.8, "rotation": 15}}
            """))
        let fromAttachment = ReactionRequest.addSticker(.attachment("9c1e3a5b-7d8f-4b0c-a2e4-4b6d8f0a2c35"))
        #expect(try S.encoded(fromAttachment) == S.json(
            #"{"operation": "add", "type": "sticker", "attachment_id": "9c1e3a5b-7d8f-4b0c-a2e4-4b6d8f0a2c35"}"#))
        let fromURL = ReactionRequest.addSticker(.url("https://example.com/s.png"), partIndex: 2)
        #expect(try S.encoded(fromURL) == S.json(
            #"{"operation": "add", "type": "sticker", "url": "https://example.com/s.png", "part_index": 2}"#))
        #expect(try S.roundTrip(sticker) == sticker)
        #expect(try S.roundTrip(fromAttachment) == fromAttachment)
        #expect(try S.encoded(StickerPlacementRequest(placement: .init(scale: 1.5)))
            == S.json(#"{"placement": {"scale": 1.5}}"#))
    }

    @Test func editMessage() throws {
        #expect(try S.encoded(EditMessageRequest(text: "Fixed typo")) == S.json(#"{"text": "Fixed typo"}"#))
        #expect(try S.encoded(EditMessageRequest(text: "B", partIndex: 2)) == S.json(#"{"text": "B", "part_index": 2}"#))
    }

    @Test func webhookSubscriptionCreate() throws {
        let request = CreateWebhookSubscriptionRequest(
            targetURL: "https://bot.example.com/webhooks/linq?version=2026-02-03",
            subscribedEvents: ["message.received", "reaction.added"],
            phoneNumbers: ["+15555550100"], routingKeyHeader: "X-Linq-Route")
        #expect(try S.encoded(request) == S.json(
            """
            {"target_url": "https://bot.example.com/webhooks/linq?version=2026-02-03",
             "subscribed_events": ["message.received", "reaction.added"],
             "phone_numbers": ["+15555550100"], "routing_key_header": "X-Linq-Route"}
            """))
    }

    @Test func webhookSubscriptionUpdateSendsExplicitNulls() throws {
        let clearing = UpdateWebhookSubscriptionRequest(
            isActive: true, phoneNumbers: .clear, routingKeyHeader: .clear, routingIDHeader: .clear)
        #expect(try S.encoded(clearing) == S.json(
            """
            {"is_active": true, "phone_numbers": null, "routing_key_header": null, "routing_id_header": null}
            """))
        #expect(try S.roundTrip(clearing) == clearing)

        let setting = UpdateWebhookSubscriptionRequest(
            subscribedEvents: ["message.received"], phoneNumbers: .set(["+15555550100"]),
            routingKeyHeader: .set("X-Route"))
        #expect(try S.encoded(setting) == S.json(
            """
            {"subscribed_events": ["message.received"], "phone_numbers": ["+15555550100"], "routing_key_header": "X-Route"}
            """))
        #expect(try S.roundTrip(setting) == setting)
        #expect(try S.encoded(UpdateWebhookSubscriptionRequest()) == S.json("{}"))
    }

    @Test func capabilityAttachmentsContactCardBlockedHandles() throws {
        #expect(try S.encoded(CapabilityCheckRequest(address: "+15555550123"))
            == S.json(#"{"address": "+15555550123"}"#))
        #expect(try S.encoded(CapabilityCheckRequest(address: "alice@example.com", from: "+15555550100"))
            == S.json(#"{"address": "alice@example.com", "from": "+15555550100"}"#))
        #expect(try S.encoded(CreateAttachmentRequest(filename: "menu.pdf", contentType: .pdf, sizeBytes: 482_113))
            == S.json(#"{"filename": "menu.pdf", "content_type": "application/pdf", "size_bytes": 482113}"#))
        #expect(try S.encoded(ContactCardRequest(phoneNumber: "+15555550100", firstName: "Maya", imageURL: "https://example.com/m.jpg"))
            == S.json(#"{"phone_number": "+15555550100", "first_name": "Maya", "image_url": "https://example.com/m.jpg"}"#))
        #expect(try S.encoded(UpdateContactCardRequest(lastName: "Lopez")) == S.json(#"{"last_name": "Lopez"}"#))
        #expect(try S.encoded(BlockHandleRequest(handle: "+15555550199", reason: "spam"))
            == S.json(#"{"handle": "+15555550199", "reason": "spam"}"#))
        #expect(try S.encoded(UnblockHandleRequest(handle: "+15555550199")) == S.json(#"{"handle": "+15555550199"}"#))
        #expect(try S.encoded(ParticipantRequest(handle: "+15555550199")) == S.json(#"{"handle": "+15555550199"}"#))
    }

    @Test func phoneNumberForwarding() throws {
        #expect(try S.encoded(UpdatePhoneNumberRequest.clearForwarding) == S.json(#"{"forwarding_number": null}"#))
        #expect(try S.encoded(UpdatePhoneNumberRequest.forward(to: "+15555550177"))
            == S.json(#"{"forwarding_number": "+15555550177"}"#))
        let empty = try LinqJSON.makeDecoder().decode(UpdatePhoneNumberRequest.self, from: Data(#"{"forwarding_number": ""}"#.utf8))
        #expect(empty == .clearForwarding)
    }

    @Test func chatUpdateVoiceMemoAndAppCard() throws {
        #expect(try S.encoded(UpdateChatRequest(displayName: "Brunch")) == S.json(#"{"display_name": "Brunch"}"#))
        #expect(try S.encoded(VoiceMemoRequest(url: "https://example.com/v.m4a"))
            == S.json(#"{"voice_memo_url": "https://example.com/v.m4a"}"#))
        #expect(try S.encoded(VoiceMemoRequest(attachment: "9c1e3a5b-7d8f-4b0c-a2e4-4b6d8f0a2c35", overrideOptOut: false))
            == S.json(#"{"attachment_id": "9c1e3a5b-7d8f-4b0c-a2e4-4b6d8f0a2c35", "override_optout": false}"#))
        #expect(try S.encoded(UpdateAppCardRequest(layout: .init(caption: "Updated"), interactive: true))
            == S.json(#"{"layout": {"caption": "Updated"}, "interactive": true}"#))
    }
}
