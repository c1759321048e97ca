import Foundation
import LinqAPI
import LinqFixtures
import LinqModels
import LinqSimulator
import Testing

/// Signed delivery, both payload versions, and Linq's retry rules.
@Suite struct SimulatorWebhookTests {
    /// Runs the simulator's dispatcher around `body`.
    func running(_ sim: SimulatorHarness, _ body: () async throws -> Void) async throws {
        let runner = Task { try await sim.simulator.run() }
        defer { runner.cancel() }
        try await body()
    }

    func next(_ sim: SimulatorHarness) async -> LinqHTTPRequest? {
        var iterator = sim.target.arrivals.makeAsyncIterator()
        return await iterator.next()
    }

    @Test("a target answering 500 twice then 200 gets the event three times, freshly signed, same event_id; a 400 is not retried")
    func retries() async throws {
        let sim = SimulatorHarness(targetStatuses: [500, 500, 200, 400])
        try await running(sim) {
            let subscription = try await sim.subscribe([.messageReceived])
            let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(subscription.signingSecret)]))
            try await sim.personSends("Is Friday at 3 still free?")
            let first = try #require(await next(sim))
            #expect(await sim.clock.nextSleep() == .seconds(5))
            let second = try #require(await next(sim))
            #expect(await sim.clock.nextSleep() == .seconds(10))
            let third = try #require(await next(sim))
            let attempts = [first, second, third]
            let ids = Set(attempts.map { $0.headers["webhook-id"] })
            #expect(ids.count == 1)
            #expect(Set(attempts.map { $0.headers["webhook-timestamp"] }).count == 3)
            for attempt in attempts {
                let body = try #require(attempt.body)
                #expect(throws: Never.self) { try verifier.verify(body: body, headers: attempt.headers, now: sim.wall.now) }
                let event = try WebhookEvent.decode(from: body)
                #expect(event.eventID.rawValue == ids.first!)
                #expect(event.message?.text == "Is Friday at 3 still free?")
            }
            // The next event meets a 400: one attempt, no retry.
            try await sim.personSends("hello?")
            let refused = try #require(await next(sim))
            #expect(refused.headers["X-Webhook-Event"] == "message.received")
            let deliveries = try await sim.control("GET", "/sim/deliveries").json
            guard case .array(let rows) = deliveries["deliveries"] else { Issue.record("no deliveries"); return }
            #expect(rows.count == 4)
            #expect(rows.last?["status"] == 400)
        }
        #expect(sim.target.received.count == 4)
    }

    @Test("the payload version follows ?version= on the target, and both decode to the same message")
    func versions() async throws {
        let sim = SimulatorHarness()
        try await running(sim) {
            let new = try await sim.subscribe([.messageReceived], version: "2026-02-03", path: "new")
            let old = try await sim.subscribe([.messageReceived], version: "2025-01-01", path: "old")
            try await sim.personSends("Two versions")
            let a = try #require(await next(sim))
            let b = try #require(await next(sim))
            let byPath = Dictionary(uniqueKeysWithValues: [a, b].map { ($0.url.path, $0) })
            let newBody = try #require(byPath["/new"]?.body)
            let oldBody = try #require(byPath["/old"]?.body)
            let newEvent = try WebhookEvent.decode(from: newBody)
            let oldEvent = try WebhookEvent.decode(from: oldBody)
            #expect(newEvent.webhookVersion == .v2026_02_03)
            #expect(oldEvent.webhookVersion == .v2025_01_01)
            #expect(newEvent.message?.messageID == oldEvent.message?.messageID)
            #expect(oldEvent.message?.text == "Two versions" && oldEvent.message?.isInbound == true)
            #expect(oldEvent.message?.lineHandle == SimulatorHarness.line)
            for (subscription, request) in [(new, byPath["/new"]!), (old, byPath["/old"]!)] {
                let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(subscription.signingSecret)], acceptsLegacySignature: true))
                #expect(throws: Never.self) { try verifier.verify(body: request.body!, headers: request.headers, now: sim.wall.now) }
                let legacyOnly = LinqHTTPHeaders(request.headers.filter { !$0.name.hasPrefix("webhook-") }.map { ($0.name, $0.value) })
                #expect(throws: Never.self) { try verifier.verify(body: request.body!, headers: legacyOnly, now: sim.wall.now) }
            }
        }
    }

    @Test("events for sends, receipts, reactions, typing, participants, line status and contact cards")
    func eventKinds() async throws {
        let sim = SimulatorHarness()
        try await running(sim) {
            _ = try await sim.subscribe(WebhookEventType.allKnown)
            let created = try await sim.client.chats.create(CreateChatRequest(from: SimulatorHarness.line, to: [SimulatorHarness.alice], message: .text("Your table is booked.")))
            let chatID = created.chat.id.rawValue
            try await sim.control("POST", "/sim/handles/\(SimulatorHarness.alice)/read", ["chat_id": .string(chatID)])
            try await sim.control("POST", "/sim/handles/\(SimulatorHarness.alice)/reactions", ["message_id": .string(created.chat.message.id.rawValue), "type": "love"])
            try await sim.control("POST", "/sim/handles/\(SimulatorHarness.alice)/typing", ["chat_id": .string(chatID), "typing": true])
            try await sim.control("POST", "/sim/handles/\(SimulatorHarness.alice)/contact_card", ["line": .string(SimulatorHarness.line), "first_name": "Alice"])
            try await sim.control("POST", "/sim/lines/\(SimulatorHarness.line)/flag")
            let expected: [WebhookEventType] = [
                .chatCreated, .messageSent, .messageDelivered, .messageRead, .reactionAdded, .chatTypingIndicatorStarted,
                .contactCardReceived, .phoneNumberStatusUpdated,
            ]
            var seen: [WebhookEventType] = []
            var iterator = sim.target.arrivals.makeAsyncIterator()
            while seen.count < expected.count, let request = await iterator.next() {
                seen.append(try WebhookEvent.decode(from: request.body!).eventType)
            }
            #expect(Set(seen) == Set(expected))
        }
    }

    @Test("a message pinned to iMessage for a person without iMessage fails with message.failed 4001")
    func failedMessage() async throws {
        let sim = SimulatorHarness()
        try await running(sim) {
            _ = try await sim.subscribe([.messageFailed])
            try await sim.control("PUT", "/sim/handles/+15555550188/capabilities", ["imessage": false, "rcs": false, "sms": true])
            let content = MessageContent(parts: [.text("iMessage only")], preferredService: .iMessage)
            let created = try await sim.client.chats.create(CreateChatRequest(from: SimulatorHarness.line, to: ["+15555550188"], message: content))
            let failure = try #require(await next(sim))
            guard case .messageFailed(let failed) = try WebhookEvent.decode(from: failure.body!).payload else {
                Issue.record("not message.failed")
                return
            }
            #expect(failed.code == 4001 && failed.messageID == created.chat.message.id)
            #expect(try await sim.client.messages.get(created.chat.message.id).deliveryStatus == .failed)
        }
    }

    @Test("delivery receipts follow the configured delay on the simulator's clock")
    func delayedReceipt() async throws {
        let sim = SimulatorHarness(configuration: SimulatorConfiguration(deliveryDelay: .milliseconds(400)))
        try await running(sim) {
            _ = try await sim.subscribe([.messageDelivered])
            let created = try await sim.client.chats.create(CreateChatRequest(from: SimulatorHarness.line, to: [SimulatorHarness.alice], message: .text("Hello")))
            #expect(created.chat.message.deliveryStatus == .sent)
            #expect(await sim.clock.nextSleep() == .milliseconds(400))
            let receipt = try #require(await next(sim))
            #expect(try WebhookEvent.decode(from: receipt.body!).message?.messageID == created.chat.message.id)
            #expect(try await sim.client.messages.get(created.chat.message.id).deliveryStatus == .delivered)
        }
    }
}

/// Faults a simulator injects on request.
@Suite struct SimulatorFaultTests {
    @Test("duplicateRate 1 delivers every event twice with the same event_id")
    func duplicates() async throws {
        let sim = SimulatorHarness(configuration: SimulatorConfiguration(deliveryDelay: .zero, faults: .init(duplicateRate: 1)))
        let runner = Task { try await sim.simulator.run() }
        defer { runner.cancel() }
        _ = try await sim.subscribe([.messageReceived])
        try await sim.personSends("once, please")
        var iterator = sim.target.arrivals.makeAsyncIterator()
        let first = try #require(await iterator.next())
        let second = try #require(await iterator.next())
        #expect(first.headers["webhook-id"] == second.headers["webhook-id"])
        #expect(first.body == second.body)
    }

    @Test("apiErrorRate 1 answers every API call 500 / 3006 and changes nothing; no limit when perPairLimit is nil")
    func injectedErrorsAndNoLimit() async throws {
        let failing = SimulatorHarness(configuration: SimulatorConfiguration(faults: .init(apiErrorRate: 1)))
        let response = await failing.raw("GET", "/v3/chats")
        #expect(response.status == 500)
        #expect(try JSONDecoder().decode(LinqErrorBody.self, from: response.body).error.code == 3006)

        let unlimited = SimulatorHarness(configuration: SimulatorConfiguration(perPairLimit: nil, deliveryDelay: .zero))
        let chat = try await unlimited.client.chats.create(CreateChatRequest(from: SimulatorHarness.line, to: [SimulatorHarness.alice], message: .text("0")))
        for index in 1...60 { try await unlimited.client.chats.messages.send(to: chat.chat.id, .text("\(index)")) }
    }
}
