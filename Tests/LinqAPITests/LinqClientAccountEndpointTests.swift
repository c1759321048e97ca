import Foundation
import LinqAPI
import LinqFixtures
import LinqModels
import Testing

/// What the account-level resources send (capability, contact cards, phone numbers,
/// webhook subscriptions and events, blocked handles), and what they return.
@Suite struct LinqClientAccountEndpointTests {
    @Test("capability.checkIMessage and checkRCS post the address and optional line")
    func capability() async throws {
        let imessage = EndpointHarness(try .fixture(200, "capability.check_imessage.200.json"))
        let yes = try await imessage.client.capability.checkIMessage("+15555550123", from: "+15555550100")
        try imessage.expect(.post, "/v3/capability/check_imessage", body: ["address": "+15555550123", "from": "+15555550100"])
        #expect(yes.available)
        #expect(yes.selectedService == .iMessage)

        let rcs = EndpointHarness(try .fixture(200, "capability.check_rcs.200.negative.json"))
        let no = try await rcs.client.capability.checkRCS("+15555550199")
        try rcs.expect(.post, "/v3/capability/check_rcs", body: ["address": "+15555550199"])
        #expect(!no.available)
        #expect(no.reason == .notSupported)
        #expect(no.selectedService == .sms)
    }

    static let card = #"{"phone_number":"+15555550100","first_name":"Ada","last_name":"Bot","image_url":"https://example.com/a.png","is_active":true}"#

    @Test("contactCards.create posts, list filters by phone_number, update patches with phone_number in the query")
    func contactCards() async throws {
        let create = EndpointHarness(.json(200, Self.card))
        let created = try await create.client.contactCards.create(
            ContactCardRequest(phoneNumber: "+15555550100", firstName: "Ada", lastName: "Bot", imageURL: "https://example.com/a.png")
        )
        try create.expect(.post, "/v3/contact_card", body: [
            "phone_number": "+15555550100", "first_name": "Ada", "last_name": "Bot", "image_url": "https://example.com/a.png",
        ])
        #expect(created.isActive)

        let list = EndpointHarness(.json(200, #"{"contact_cards":[\#(Self.card)]}"#))
        let cards = try await list.client.contactCards.list(phoneNumber: "+15555550100")
        try list.expect(.get, "/v3/contact_card?phone_number=%2B15555550100")
        #expect(cards.contactCards.map(\.firstName) == ["Ada"])

        let all = EndpointHarness(.json(200, #"{"contact_cards":[]}"#))
        _ = try await all.client.contactCards.list()
        try all.expect(.get, "/v3/contact_card")

        let update = EndpointHarness(.json(200, Self.card))
        let updated = try await update.client.contactCards.update(phoneNumber: "+15555550100", UpdateContactCardRequest(firstName: "Ada"))
        try update.expect(.patch, "/v3/contact_card?phone_number=%2B15555550100", body: ["first_name": "Ada"])
        #expect(updated.phoneNumber == "+15555550100")
    }

    @Test("phoneNumbers.list and legacyList")
    func phoneNumberLists() async throws {
        let list = EndpointHarness(try .fixture(200, "phone_numbers.list.200.json"))
        let lines = try await list.client.phoneNumbers.list()
        try list.expect(.get, "/v3/phone_numbers")
        #expect(lines.phoneNumbers.map(\.reputation.status) == [.healthy, .critical])

        let legacy = EndpointHarness(.json(200, #"""
            {"phone_numbers":[{"id":"7a9c1e3f-5b6d-4f8a-9c0e-2f4b6d8a0c13","phone_number":"+15555550100",
            "capabilities":{"sms":true,"mms":true,"voice":false},"country_code":null,"type":null}]}
            """#))
        let old = try await legacy.client.phoneNumbers.legacyList()
        try legacy.expect(.get, "/v3/phonenumbers")
        #expect(old.phoneNumbers.first?.capabilities?.voice == false)
    }

    @Test("phoneNumbers.updateForwarding puts the number, or null to clear it")
    func forwarding() async throws {
        let lineID: PhoneNumberID = "7a9c1e3f-5b6d-4f8a-9c0e-2f4b6d8a0c13"
        let set = EndpointHarness(.json(200, #"{"id":"7a9c1e3f-5b6d-4f8a-9c0e-2f4b6d8a0c13","phone_number":"+15555550100","forwarding_number":"+15555550177"}"#))
        let result = try await set.client.phoneNumbers.updateForwarding(lineID, .forward(to: "+15555550177"))
        try set.expect(.put, "/v3/phone_numbers/\(lineID)", body: ["forwarding_number": "+15555550177"])
        #expect(result.forwardingNumber == "+15555550177")

        let clear = EndpointHarness(.json(200, #"{"id":"7a9c1e3f-5b6d-4f8a-9c0e-2f4b6d8a0c13","phone_number":"+15555550100"}"#))
        _ = try await clear.client.phoneNumbers.updateForwarding(lineID, .clearForwarding)
        try clear.expect(.put, "/v3/phone_numbers/\(lineID)", body: ["forwarding_number": nil])
    }

    @Test("reputation audits use the phone number in the path with + unescaped")
    func reputationAudit() async throws {
        let start = EndpointHarness(.json(202, #"{"audit_id":"6e8a0c2d-4f5b-4a7c-9e1d-3f5a7c9e1b02","status":"pending"}"#))
        let started = try await start.client.phoneNumbers.startReputationAudit(phoneNumber: "+15555550100")
        try start.expect(.post, "/v3/phone_numbers/+15555550100/reputation_audit")
        #expect(started.status == .pending)

        let get = EndpointHarness(.json(200, #"""
            {"audit_id":"6e8a0c2d-4f5b-4a7c-9e1d-3f5a7c9e1b02","status":"complete","phone":"+15555550100",
            "report":{"severity":"AT_RISK","primary_driver":"volume_spike","summary_markdown":"Slow down."}}
            """#))
        let audit = try await get.client.phoneNumbers.reputationAudit(phoneNumber: "+15555550100", auditID: started.auditID)
        try get.expect(.get, "/v3/phone_numbers/+15555550100/reputation_audit/\(started.auditID)")
        #expect(audit.report?.severity == .atRisk)
    }

    @Test("phoneNumbers.availableNumber comma-joins to and exclude_from")
    func availableNumber() async throws {
        let answer = #"{"phone_number":"+15555550101","vcf_url":"https://cdn.linqapp.com/v.vcf"}"#
        let harness = EndpointHarness(.json(200, answer))
        let number = try await harness.client.phoneNumbers.availableNumber(
            to: ["+15555550123", "a@b.com"], excludeFrom: ["+15555550100", "+15555550102"], type: .iMessage
        )
        try harness.expect(.get, "/v3/available_number?to=%2B15555550123%2Ca%40b.com&exclude_from=%2B15555550100%2C%2B15555550102&type=iMessage")
        #expect(number.phoneNumber == "+15555550101")

        let plain = EndpointHarness(.json(200, answer))
        _ = try await plain.client.phoneNumbers.availableNumber(to: [])
        try plain.expect(.get, "/v3/available_number")
    }

    static let subscription = #"""
        {"id":"9e1a3c5d-7f8b-4a0c-b2e4-5d7f9b1c3e68","created_at":"2026-03-01T12:00:00.000Z","updated_at":"2026-03-01T12:00:00.000Z",
        "is_active":false,"target_url":"https://bot.example.com/hook","subscribed_events":["message.received"]}
        """#

    @Test("webhookSubscriptions create, list, get, update and delete")
    func webhookSubscriptions() async throws {
        let id: WebhookSubscriptionID = "9e1a3c5d-7f8b-4a0c-b2e4-5d7f9b1c3e68"
        let create = EndpointHarness(try .fixture(201, "webhook-subscriptions.create.201.json"))
        let created = try await create.client.webhookSubscriptions.create(
            CreateWebhookSubscriptionRequest(
                targetURL: "https://bot.example.com/webhooks/linq?version=2026-02-03", subscribedEvents: ["message.received"]
            )
        )
        try create.expect(.post, "/v3/webhook-subscriptions", body: [
            "target_url": "https://bot.example.com/webhooks/linq?version=2026-02-03", "subscribed_events": ["message.received"],
        ])
        #expect(created.subscription.id == id)
        #expect(created.signingSecret.hasPrefix("whsec_"))

        let list = EndpointHarness(.json(200, #"{"subscriptions":[\#(Self.subscription)]}"#))
        let all = try await list.client.webhookSubscriptions.list()
        try list.expect(.get, "/v3/webhook-subscriptions")
        #expect(all.subscriptions.map(\.id) == [id])

        let get = EndpointHarness(.json(200, Self.subscription))
        let one = try await get.client.webhookSubscriptions.get(id)
        try get.expect(.get, "/v3/webhook-subscriptions/\(id)")
        #expect(one.subscribedEvents == ["message.received"])

        let update = EndpointHarness(.json(200, Self.subscription))
        let updated = try await update.client.webhookSubscriptions.update(
            id, UpdateWebhookSubscriptionRequest(isActive: false, phoneNumbers: .clear)
        )
        try update.expect(.put, "/v3/webhook-subscriptions/\(id)", body: ["is_active": false, "phone_numbers": nil])
        #expect(!updated.isActive)

        let delete = EndpointHarness(.noContent)
        try await delete.client.webhookSubscriptions.delete(id)
        try delete.expect(.delete, "/v3/webhook-subscriptions/\(id)", accept: "*/*")
    }

    @Test("webhookEvents.list reads the hyphenated path")
    func webhookEvents() async throws {
        let harness = EndpointHarness(.json(200, #"{"events":["message.received","message.sent"],"doc_url":"https://docs.linqapp.com/x"}"#))
        let events = try await harness.client.webhookEvents.list()
        try harness.expect(.get, "/v3/webhook-events")
        #expect(events.events == ["message.received", "message.sent"])
    }

    @Test("blockedHandles list, block, and unblock as a DELETE with a JSON body")
    func blockedHandles() async throws {
        let entry = #"{"handle":"+15555550166","blocked_at":"2026-03-10T15:00:00Z","reason":"spam"}"#
        let list = EndpointHarness(.json(200, #"{"blocked_handles":[\#(entry)]}"#))
        let blocked = try await list.client.blockedHandles.list()
        try list.expect(.get, "/v3/blocked_handles")
        #expect(blocked.blockedHandles.map(\.handle) == ["+15555550166"])

        let block = EndpointHarness(.json(200, #"{"blocked_handle":\#(entry)}"#))
        let result = try await block.client.blockedHandles.block("+15555550166", reason: "spam")
        try block.expect(.post, "/v3/blocked_handles", body: ["handle": "+15555550166", "reason": "spam"])
        #expect(result.blockedHandle.reason == "spam")

        let unblock = EndpointHarness(.noContent)
        try await unblock.client.blockedHandles.unblock("+15555550166")
        try unblock.expect(.delete, "/v3/blocked_handles", accept: "*/*", body: ["handle": "+15555550166"])
    }
}
