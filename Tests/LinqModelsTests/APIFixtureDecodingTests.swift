import Foundation
import LinqFixtures
import LinqModels
import Testing

@Suite("API fixtures decode")
struct APIFixtureDecodingTests {
    typealias S = APITestSupport

    /// Decodes a fixture with the model its file name implies.
    static func decodeAny(_ name: String) throws -> any Sendable {
        let decoders: [(String, (String) throws -> any Sendable)] = [
            ("error.", { try S.decode(LinqErrorBody.self, fixture: $0) }),
            ("attachments.create.", { try S.decode(CreateAttachmentResponse.self, fixture: $0) }),
            ("capability.", { try S.decode(HandleCheckResponse.self, fixture: $0) }),
            ("chats.create.", { try S.decode(CreateChatResponse.self, fixture: $0) }),
            ("chats.list.", { try S.decode(ChatList.self, fixture: $0) }),
            ("chats.retrieve.", { try S.decode(Chat.self, fixture: $0) }),
            ("chats.messages.list.", { try S.decode(MessageList.self, fixture: $0) }),
            ("chats.messages.send.", { try S.decode(SendMessageResponse.self, fixture: $0) }),
            ("messages.create.", { try S.decode(CreateMessageResponse.self, fixture: $0) }),
            ("phone_numbers.list.", { try S.decode(PhoneNumberList.self, fixture: $0) }),
            ("webhook-subscriptions.create.", { try S.decode(CreateWebhookSubscriptionResponse.self, fixture: $0) }),
        ]
        guard let decoder = decoders.first(where: { name.hasPrefix($0.0) })?.1 else {
            throw FixtureError.noModel(name)
        }
        return try decoder(name)
    }

    enum FixtureError: Error { case noModel(String) }

    @Test("every linq-api fixture decodes into its model", arguments: try Fixtures.files(in: "linq-api"))
    func everyFixtureDecodes(name: String) throws {
        _ = try Self.decodeAny(name)
    }

    @Test func errorBodies() throws {
        let rate = try S.decode(LinqErrorBody.self, fixture: "error.429.1007.rate-limited.json")
        #expect(rate.success == false)
        #expect(rate.error.status == 429)
        #expect(rate.error.code == 1007)
        #expect(rate.error.retryAfter == 42)
        #expect(rate.error.docURL == "https://docs.linqapp.com/error/codes/1xxx/1007/")
        #expect(rate.traceID == "2eff5df5c6f688733c007523c4d61cd9")

        let optedOut = try S.decode(LinqErrorBody.self, fixture: "error.403.2024.recipient-opted-out.json")
        #expect(optedOut.error.code == 2024)
        #expect(optedOut.error.message == "Recipient has opted out")
        #expect(optedOut.error.retryAfter == nil)

        let link = try S.decode(LinqErrorBody.self, fixture: "error.400.1005.first-message-link.json")
        #expect(link.error.code == 1005)
        let notFound = try S.decode(LinqErrorBody.self, fixture: "error.404.2001.chat-not-found.json")
        #expect(notFound.error.status == 404)
        #expect(notFound.error.code == 2001)
    }

    @Test func createChat() throws {
        let response = try S.decode(CreateChatResponse.self, fixture: "chats.create.201.json")
        let chat = response.chat
        #expect(chat.id == "4a6c8e0b-2d3f-4f5a-8b7c-9e1d3f5a7c91")
        #expect(chat.isGroup == false)
        #expect(chat.service == .iMessage)
        #expect(chat.healthStatus.status == .healthy)
        #expect(chat.handles.count == 2)
        #expect(chat.handles.first?.isMe == true)
        #expect(chat.handles.first?.lineType == .iMessage)
        #expect(chat.message.deliveryStatus == .queued)
        #expect(chat.message.sentAt == nil)
        #expect(chat.message.parts.first?.text?.hasPrefix("Hi Bob") == true)
        #expect(chat.message.fromHandle?.handle == "+15555550100")
    }

    @Test func chatListAndRetrieve() throws {
        let list = try S.decode(ChatList.self, fixture: "chats.list.page.200.json")
        #expect(list.chats.count == 3)
        #expect(list.nextCursor == "3")
        #expect(list.hasNextPage)
        let group = try #require(list.chats.first { $0.isGroup })
        #expect(group.displayName == "Friday dinner crew")
        #expect(group.handles.count == 4)
        #expect(group.groupChatIcon?.hasSuffix("icon.png") == true)
        #expect(list.chats.last?.healthStatus.status == .atRisk)

        let chat = try S.decode(Chat.self, fixture: "chats.retrieve.200.json")
        #expect(chat.id == "7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357")
        #expect(chat.isArchived == false)
        #expect(chat.createdAt == LinqTimestamp.parse("2026-03-02T17:04:11.512Z"))
        #expect(chat.handles[1].handle == "+15555550123")
    }

    @Test func messageListAndSend() throws {
        let list = try S.decode(MessageList.self, fixture: "chats.messages.list.page.200.json")
        #expect(list.messages.count == 2)
        #expect(list.nextCursor == nil)
        #expect(!list.hasNextPage)
        let outbound = list.messages[0]
        #expect(outbound.isFromMe)
        #expect(outbound.deliveryStatus == .read)
        #expect(outbound.readAt != nil)
        #expect(outbound.replyTo?.messageID == "3e5a7c9b-0d2f-4b4a-8c6e-1f3a5b7d9e02")
        #expect(outbound.from == "+15555550100")
        guard case .text(let part)? = outbound.parts?.first else {
            Issue.record("expected a text part")
            return
        }
        #expect(part.reactions?.first?.type == .love)
        #expect(part.reactions?.first?.id == "5f7b9d1e-3a4c-4e6f-8d8b-1c3e5a7b9f24")
        #expect(list.messages[1].deliveryStatus == .received)
        #expect(list.messages[1].reconciledAt == nil)

        let sent = try S.decode(SendMessageResponse.self, fixture: "chats.messages.send.202.json")
        #expect(sent.chatID == "7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357")
        #expect(sent.message.replyTo?.partIndex == 1)
        #expect(sent.message.isRead == false)
    }

    @Test func autoFromCreate() throws {
        let response = try S.decode(CreateMessageResponse.self, fixture: "messages.create.202.json")
        #expect(response.createdNewChat)
        #expect(response.from == "+15555550100")
        #expect(response.fromSelection.reason == .newBestNumber)
        #expect(response.fromSelection.reusedExistingChat == false)
        #expect(response.previousChatID == nil)
        #expect(response.handles.count == 2)
        #expect(response.message.deliveryStatus == .pending)
    }

    @Test func attachmentsCapabilityPhoneNumbersSubscription() throws {
        let upload = try S.decode(CreateAttachmentResponse.self, fixture: "attachments.create.200.json")
        #expect(upload.attachmentID == "9c1e3a5b-7d8f-4b0c-a2e4-4b6d8f0a2c35")
        #expect(upload.httpMethod == "PUT")
        #expect(upload.requiredHeaders["Content-Length"] == "482113")
        #expect(upload.expiresAt == LinqTimestamp.parse("2026-03-10T15:15:00.000Z"))

        let yes = try S.decode(HandleCheckResponse.self, fixture: "capability.check_imessage.200.json")
        #expect(yes.available)
        #expect(yes.selectedService == .iMessage)
        #expect(yes.reason == nil)
        let no = try S.decode(HandleCheckResponse.self, fixture: "capability.check_rcs.200.negative.json")
        #expect(!no.available)
        #expect(no.reason == .notSupported)
        #expect(no.selectedService == .sms)

        let lines = try S.decode(PhoneNumberList.self, fixture: "phone_numbers.list.200.json")
        #expect(lines.phoneNumbers.count == 2)
        #expect(lines.phoneNumbers[0].forwardingNumber == nil)
        #expect(lines.phoneNumbers[1].forwardingNumber == "+15555550177")
        #expect(lines.phoneNumbers[1].reputation.status == .critical)
        #expect(lines.phoneNumbers[0].lineType == .iMessage)

        let created = try S.decode(CreateWebhookSubscriptionResponse.self, fixture: "webhook-subscriptions.create.201.json")
        #expect(created.signingSecret.hasPrefix("whsec_"))
        #expect(created.subscription.id == "9e1a3c5d-7f8b-4a0c-b2e4-5d7f9b1c3e68")
        #expect(created.subscription.subscribedEvents.count == 15)
        #expect(created.subscription.subscribedEvents.contains("message.received"))
        #expect(created.subscription.phoneNumbers == nil)
        #expect(created.subscription.isActive)
        #expect(created.subscription.targetURL.hasSuffix("?version=2026-02-03"))
    }

    @Test("response models survive an encode/decode round trip")
    func responsesRoundTrip() throws {
        let chat = try S.decode(CreateChatResponse.self, fixture: "chats.create.201.json")
        #expect(try S.roundTrip(chat) == chat)
        let messages = try S.decode(MessageList.self, fixture: "chats.messages.list.page.200.json")
        #expect(try S.roundTrip(messages) == messages)
        let created = try S.decode(CreateWebhookSubscriptionResponse.self, fixture: "webhook-subscriptions.create.201.json")
        #expect(try S.roundTrip(created) == created)
        let auto = try S.decode(CreateMessageResponse.self, fixture: "messages.create.202.json")
        #expect(try S.roundTrip(auto) == auto)
    }
}

@Suite("API responses without fixtures decode from documented shapes")
struct APIDocumentedShapeTests {
    typealias S = APITestSupport

    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try LinqJSON.makeDecoder().decode(type, from: Data(text.utf8))
    }

    @Test func reputationAudit() throws {
        let audit = try decode(ReputationAudit.self, """
            {"audit_id": "a1", "status": "complete", "generated_at": "2026-03-10T12:00:00Z", "phone": "+15555550101",
             "report": {"severity": "AT_RISK", "primary_driver": "low_engagement",
                        "drivers": [{"key": "low_engagement", "metric": "4%", "summary": "Few replies"}],
                        "action_items": [{"priority": 1, "title": "Ask a question", "detail": "…", "expected_impact": "high"}],
                        "evidence": {"unhealthy_chats": [{"chat_id": "c1", "status": "AT_RISK", "driver_keys": ["volume_spike"]}],
                                     "opt_out_chats": [{"chat_id": "c2", "messages_after_stop": 2}]},
                        "summary_markdown": "# Report"}}
            """)
        #expect(audit.status == .complete)
        #expect(audit.report?.severity == .atRisk)
        #expect(audit.report?.drivers?.first?.key == .lowEngagement)
        #expect(audit.report?.actionItems?.first?.expectedImpact == .high)
        #expect(audit.report?.evidence?.unhealthyChats?.first?.driverKeys == [.volumeSpike])
        #expect(audit.report?.evidence?.optOutChats?.first?.messagesAfterStop == 2)
        let started = try decode(ReputationAuditStarted.self, #"{"audit_id": "a1", "status": "pending"}"#)
        #expect(started.status == .pending)
    }

    @Test func locationAttachmentBlockedHandlesAndOthers() throws {
        let location = try decode(ChatLocationResponse.self, """
            {"success": true, "data": {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-122.42, 37.77]},
               "properties": {"handle": "+15555550123", "locality": "San Francisco", "updated_at": "2026-03-10T12:00:00.123456Z"}}]}}
            """)
        #expect(location.data.features.first?.geometry.latitude == 37.77)
        #expect(location.data.features.first?.geometry.longitude == -122.42)
        #expect(location.data.features.first?.properties.updatedAt != nil)

        let attachment = try decode(Attachment.self, """
            {"id": "f1", "filename": "menu.pdf", "content_type": "application/pdf", "size_bytes": 10,
             "created_at": "2026-03-10T12:00:00Z", "status": "complete"}
            """)
        #expect(attachment.contentType == .pdf)
        #expect(attachment.status == .complete)
        #expect(attachment.downloadURL == nil)

        let blocked = try decode(BlockedHandleList.self,
            #"{"blocked_handles": [{"handle": "+15555550199", "blocked_at": "2026-03-10T12:00:00.000Z", "reason": "spam"}]}"#)
        #expect(blocked.blockedHandles.first?.reason == "spam")

        let cards = try decode(ContactCardList.self,
            #"{"contact_cards": [{"phone_number": "+15555550100", "first_name": "Maya", "is_active": true}]}"#)
        #expect(cards.contactCards.first?.isActive == true)

        let events = try decode(WebhookEventTypeList.self,
            #"{"events": ["message.received"], "doc_url": "https://docs.linqapp.com/channel/imessage/guides/webhooks/events"}"#)
        #expect(events.events == ["message.received"])

        let ack = try decode(LinqStatusResponse.self, #"{"message": "ok", "status": "accepted", "trace_id": "t"}"#)
        #expect(ack.traceID == "t")
        let available = try decode(AvailableNumber.self, #"{"phone_number": "+15555550100", "vcf_url": "https://x/v.vcf"}"#)
        #expect(available.vcfURL.hasSuffix(".vcf"))
    }
}
