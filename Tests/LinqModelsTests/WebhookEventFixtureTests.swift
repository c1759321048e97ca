import Foundation
import LinqFixtures
import LinqModels
import Testing

@Suite("Webhook event fixtures")
struct WebhookEventFixtureTests {
    /// The payload case each fixture must decode to.
    static let expectedCases: [String: String] = [
        "chat.created.json": "chatCreated",
        "chat.typing_indicator.started.json": "typingIndicator",
        "chat.typing_indicator.stopped.json": "typingIndicator",
        "contact_card.received.json": "contactCard",
        "location.sharing.started.json": "locationSharing",
        "location.sharing.stopped.json": "locationSharing",
        "message.delivered.2026-02-03.json": "message",
        "message.edited.2026-02-03.json": "messageEdited",
        "message.failed.json": "messageFailed",
        "message.read.2026-02-03.json": "message",
        "message.received.2025-01-01.json": "message",
        "message.received.2026-02-03.json": "message",
        "message.received.group.2026-02-03.json": "message",
        "message.received.media.2026-02-03.json": "message",
        "message.sent.2025-01-01.json": "message",
        "message.sent.2026-02-03.json": "message",
        "participant.added.json": "participant",
        "participant.removed.json": "participant",
        "phone_number.status_updated.json": "phoneNumberStatus",
        "reaction.added.custom-emoji.json": "reaction",
        "reaction.added.json": "reaction",
        "reaction.removed.json": "reaction",
    ]

    static func caseName(_ payload: WebhookPayload) -> String {
        switch payload {
        case .message: "message"
        case .messageFailed: "messageFailed"
        case .messageEdited: "messageEdited"
        case .reaction: "reaction"
        case .typingIndicator: "typingIndicator"
        case .participant: "participant"
        case .chatCreated: "chatCreated"
        case .phoneNumberStatus: "phoneNumberStatus"
        case .contactCard: "contactCard"
        case .locationSharing: "locationSharing"
        case .unknown: "unknown"
        }
    }

    @Test func everyFixtureIsCovered() throws {
        #expect(Set(try Fixtures.files(in: "linq-webhooks")) == Set(Self.expectedCases.keys))
    }

    @Test(arguments: try Fixtures.files(in: "linq-webhooks"))
    func fixtureDecodesToItsPayloadCase(file: String) throws {
        let event = try webhookFixture(file)
        #expect(Self.caseName(event.payload) == Self.expectedCases[file])
        #expect(event.payload.eventType == event.eventType)
        #expect(event.partnerID == Cast.partnerID)
        #expect(event.traceID?.count == 32)
        #expect(event.apiVersion == "v3")
        // The raw data stays available on demand.
        let raw = try event.rawData()
        #expect(raw["does_not_exist"] == nil)
        #expect(raw != .null)
    }

    @Test func failedCarriesCodeAndDetail() throws {
        let event = try webhookFixture("message.failed.json")
        guard case .messageFailed(let failed) = event.payload else {
            Issue.record("expected message.failed")
            return
        }
        #expect(failed.code == 4001)
        #expect(failed.detailCode == 41017)
        #expect(failed.reason == "Message could not be delivered to the recipient")
        #expect(failed.failedAt == (try timestamp("2026-03-10T16:05:48.102Z")))
        #expect(failed.chatID == Cast.dmChat)
        #expect(failed.messageID == "2c4e6a8b-0d1f-4b3c-9a5e-8f0b2d4e6c91")
        #expect(failed.preferredService == .iMessage)
        #expect(failed.service == .iMessage)
    }

    @Test func editedCarriesNewText() throws {
        let event = try webhookFixture("message.edited.2026-02-03.json")
        guard case .messageEdited(let edited) = event.payload else {
            Issue.record("expected message.edited")
            return
        }
        #expect(edited.messageID == "3e5a7c9b-0d2f-4b4a-8c6e-1f3a5b7d9e02")
        #expect(edited.chatID == Cast.dmChat)
        #expect(edited.direction == .inbound)
        #expect(edited.sender?.handle == Cast.alice)
        #expect(edited.lineHandle == Cast.line)
        #expect(edited.partIndex == 0)
        #expect(edited.text == "Hi! Can you move my haircut from Thursday to Saturday morning?")
        #expect(edited.editedAt == (try timestamp("2026-03-10T15:43:40.221Z")))
        #expect(edited.zeroRetention == false)
        #expect(edited.chatHealth?.status == .healthy)
    }

    @Test func reactionsAddedAndRemoved() throws {
        guard case .reaction(let added) = try webhookFixture("reaction.added.json").payload,
            case .reaction(let removed) = try webhookFixture("reaction.removed.json").payload
        else {
            Issue.record("expected reactions")
            return
        }
        #expect(added.action == .added && added.isAdded)
        #expect(removed.action == .removed && !removed.isAdded)
        for reaction in [added, removed] {
            #expect(reaction.reactionType == .love)
            #expect(!reaction.isFromMe)
            #expect(reaction.chatID == Cast.dmChat)
            #expect(reaction.messageID == "8d0f2b4c-6e8a-4c0e-b2d4-6f8a0c2e4b79")
            #expect(reaction.partIndex == 0)
            #expect(reaction.fromHandle?.handle == Cast.alice)
            #expect(reaction.from == Cast.alice)
            #expect(reaction.reactionID == "5f7b9d1e-3a4c-4e6f-8d8b-1c3e5a7b9f24")
            #expect(reaction.customEmoji == nil)
            #expect(reaction.sticker == nil)
        }
        #expect(added.reactedAt == (try timestamp("2026-03-10T15:43:05.871Z")))
    }

    @Test func customEmojiReaction() throws {
        guard case .reaction(let reaction) = try webhookFixture("reaction.added.custom-emoji.json").payload else {
            Issue.record("expected a reaction")
            return
        }
        #expect(reaction.reactionType == .custom)
        #expect(reaction.customEmoji == "🙏")
        #expect(reaction.reactionID == "6a8c0e2f-4b5d-4f7a-8a9c-2d4f6b8c0a46")
    }

    @Test func typingStartedAndStopped() throws {
        guard case .typingIndicator(let started) = try webhookFixture("chat.typing_indicator.started.json").payload,
            case .typingIndicator(let stopped) = try webhookFixture("chat.typing_indicator.stopped.json").payload
        else {
            Issue.record("expected typing indicators")
            return
        }
        #expect(started.isTyping && !stopped.isTyping)
        #expect(started.chatID == Cast.dmChat && stopped.chatID == Cast.dmChat)
        #expect(started.actorHandle?.handle == Cast.alice)
        #expect(stopped.actorHandle?.handle == Cast.alice)
    }

    @Test func participantAdded() throws {
        guard case .participant(let event) = try webhookFixture("participant.added.json").payload else {
            Issue.record("expected a participant event")
            return
        }
        #expect(event.change == .added && event.isAdded)
        #expect(event.handle == Cast.dave)
        #expect(event.chatID == Cast.groupChat)
        #expect(event.participant?.status == .active)
        #expect(event.addedAt == (try timestamp("2026-03-11T02:10:03.118Z")))
        #expect(event.changedAt == event.addedAt)
    }

    @Test func participantRemovedCarriesStatusAndLeftAt() throws {
        guard case .participant(let event) = try webhookFixture("participant.removed.json").payload else {
            Issue.record("expected a participant event")
            return
        }
        let removedAt = try timestamp("2026-03-11T02:12:47.906Z")
        #expect(event.change == .removed)
        #expect(event.handle == Cast.carol)
        #expect(event.chatID == Cast.groupChat)
        #expect(event.participant?.id == "8e0a2c4d-7f9b-4c1d-a3e5-9f1b3d5e7a80")
        #expect(event.participant?.status == .removed)
        #expect(event.participant?.leftAt == removedAt)
        #expect(event.removedAt == removedAt)
        #expect(event.addedAt == nil)
        #expect(event.changedAt == removedAt)
    }

    @Test func chatCreated() throws {
        let event = try webhookFixture("chat.created.json")
        guard case .chatCreated(let chat) = event.payload else {
            Issue.record("expected chat.created")
            return
        }
        #expect(chat.chatID == Cast.dmChat)
        #expect(chat.isGroup == false)
        #expect(chat.displayName == Cast.alice)
        #expect(chat.service == .iMessage)
        #expect(chat.handles.count == 2)
        #expect(chat.line?.handle == Cast.line)
        #expect(chat.otherHandles.map(\.handle) == [Cast.alice])
        #expect(chat.healthStatus?.status == .healthy)
        #expect(chat.createdAt == (try timestamp("2026-03-02T17:04:11.512Z")))
        #expect(event.chatID == Cast.dmChat)
    }

    @Test func phoneNumberFlagged() throws {
        guard case .phoneNumberStatus(let status) = try webhookFixture("phone_number.status_updated.json").payload else {
            Issue.record("expected phone_number.status_updated")
            return
        }
        #expect(status.phoneNumber == Cast.secondLine)
        #expect(status.previousStatus == .active)
        #expect(status.newStatus == .flagged)
        #expect(status.previousReputation == .atRisk)
        #expect(status.newReputation == .critical)
        #expect(status.becameFlagged)
        #expect(status.changedAt == (try timestamp("2026-03-12T09:29:58.000Z")))
    }

    @Test func contactCardReceived() throws {
        let event = try webhookFixture("contact_card.received.json")
        guard case .contactCard(let card) = event.payload else {
            Issue.record("expected contact_card.received")
            return
        }
        #expect(card.firstName == "Alice")
        #expect(card.lastName == "Nguyen")
        #expect(card.fullName == "Alice Nguyen")
        #expect(card.ownerHandle == Cast.line)
        #expect(card.senderHandle == Cast.alice)
        // The signed query string must survive untouched.
        #expect(card.mediaURL?.hasSuffix("photo.jpg?X-Amz-Expires=2700&X-Amz-Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f0") == true)
        #expect(event.chatID == nil)
    }

    @Test func locationSharingStartedAndStopped() throws {
        guard case .locationSharing(let started) = try webhookFixture("location.sharing.started.json").payload,
            case .locationSharing(let stopped) = try webhookFixture("location.sharing.stopped.json").payload
        else {
            Issue.record("expected location sharing events")
            return
        }
        #expect(started.isSharing && !stopped.isSharing)
        #expect(started.sharedBy == Cast.alice && started.sharedWith == Cast.line)
        #expect(started.chatID == Cast.dmChat)
        #expect(started.beganAt == (try timestamp("2026-03-10T18:02:41.000Z")))
        #expect(started.endsAt == (try timestamp("2026-03-10T19:02:41.000Z")))
        #expect(started.endedAt == nil)
        #expect(stopped.beganAt == started.beganAt)
        #expect(stopped.endedAt == (try timestamp("2026-03-10T18:40:07.512Z")))
        #expect(stopped.eventType == .locationSharingStopped)
    }
}
