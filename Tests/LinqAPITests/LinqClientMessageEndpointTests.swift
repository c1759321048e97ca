import Foundation
import LinqAPI
import LinqFixtures
import LinqModels
import Testing

/// What `client.messages` and `client.attachments` send, and what they return.
@Suite struct LinqClientMessageEndpointTests {
    let messageID: MessageID = "8d0f2b4c-6e8a-4c0e-b2d4-6f8a0c2e4b79"

    /// The first message of the chat-messages fixture, as a `Message` body.
    func messageAnswer() throws -> LinqHTTPResponse {
        try .fixture(200, "chats.messages.list.page.200.json") { $0["messages"]?[0] }
    }

    @Test("messages.create posts to /v3/messages with a generated Idempotency-Key header")
    func create() async throws {
        let harness = EndpointHarness(try .fixture(202, "messages.create.202.json"))
        let sent = try await harness.client.messages.create(
            CreateMessageRequest(to: ["+15555550199"], message: .text("Thanks!"), excludeFrom: ["+15555550100"])
        )
        let request = try harness.request
        try harness.expect(.post, "/v3/messages", body: [
            "to": ["+15555550199"], "exclude_from": ["+15555550100"],
            "message": ["parts": [["type": "text", "value": "Thanks!"]]],
        ])
        let key = try #require(request.headers["Idempotency-Key"])
        #expect(key.hasPrefix("lq-"))
        #expect(sent.chatID == "1a3c5e7f-9b0d-4f2a-8c4e-7f9b1d3e5a35")
        #expect(sent.fromSelection.reason == .newBestNumber)
        #expect(sent.message.id == "4d6f8b0c-2e3a-4c5d-9f7b-0c2e4a6b8d68")
    }

    @Test("messages.create keeps the caller's key; without one it reuses message.idempotency_key")
    func createKeys() async throws {
        let given = EndpointHarness(try .fixture(202, "messages.create.202.json"))
        _ = try await given.client.messages.create(CreateMessageRequest(to: ["+15555550199"], message: .text("A")), idempotencyKey: "order-7")
        #expect(try given.request.headers["Idempotency-Key"] == "order-7")

        let fromBody = EndpointHarness(try .fixture(202, "messages.create.202.json"))
        _ = try await fromBody.client.messages.create(
            CreateMessageRequest(to: ["+15555550199"], message: .text("A", idempotencyKey: "body-key"))
        )
        #expect(try fromBody.request.headers["Idempotency-Key"] == "body-key")
    }

    @Test("messages.get, edit and delete")
    func getEditDelete() async throws {
        let get = EndpointHarness(try messageAnswer())
        let message = try await get.client.messages.get(messageID)
        try get.expect(.get, "/v3/messages/\(messageID)")
        #expect(message.id == messageID)
        #expect(message.deliveryStatus == .read)

        let edit = EndpointHarness(try messageAnswer())
        let edited = try await edit.client.messages.edit(messageID, EditMessageRequest(text: "Fixed", partIndex: 0))
        try edit.expect(.patch, "/v3/messages/\(messageID)", body: ["text": "Fixed", "part_index": 0])
        #expect(edited.id == messageID)

        let delete = EndpointHarness(.noContent)
        try await delete.client.messages.delete(messageID)
        try delete.expect(.delete, "/v3/messages/\(messageID)", accept: "*/*")
    }

    @Test("messages.thread sends cursor, limit and order")
    func thread() async throws {
        let harness = EndpointHarness(try .fixture(200, "chats.messages.list.page.200.json"))
        let page = try await harness.client.messages.thread(of: messageID, order: .descending, limit: 10, cursor: "c1")
        try harness.expect(.get, "/v3/messages/\(messageID)/thread?cursor=c1&limit=10&order=desc")
        #expect(page.messages.count == 2)
    }

    @Test("messages.react posts the reaction and returns the status")
    func react() async throws {
        let harness = EndpointHarness(.json(200, #"{"message":"Reaction added","status":"accepted","trace_id":"t"}"#))
        let result = try await harness.client.messages.react(to: messageID, .add(.love, partIndex: 0))
        try harness.expect(.post, "/v3/messages/\(messageID)/reactions", body: ["operation": "add", "type": "love", "part_index": 0])
        #expect(result.message == "Reaction added")
    }

    @Test("messages.moveSticker patches the reaction's placement")
    func moveSticker() async throws {
        let reactionID: ReactionID = "5f7b9d1e-3a4c-4e6f-8d8b-1c3e5a7b9f24"
        let harness = EndpointHarness(.json(200, #"{"status":"accepted","success":true}"#))
        let result = try await harness.client.messages.moveSticker(reactionID, on: messageID, to: StickerPlacement(x: 0.5, scale: 2))
        try harness.expect(.patch, "/v3/messages/\(messageID)/reactions/\(reactionID)", body: ["placement": ["x": 0.5, "scale": 2]])
        #expect(result.success == true)
    }

    @Test("messages.updateAppCard posts the new layout")
    func updateAppCard() async throws {
        let harness = EndpointHarness(try .fixture(200, "chats.messages.send.202.json"))
        let result = try await harness.client.messages.updateAppCard(
            messageID, UpdateAppCardRequest(layout: .init(caption: "Updated"), interactive: true)
        )
        try harness.expect(.post, "/v3/messages/\(messageID)/update", body: ["layout": ["caption": "Updated"], "interactive": true])
        #expect(result.chatID == "7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357")
    }

    @Test("attachments.create, get and delete")
    func attachments() async throws {
        let create = EndpointHarness(try .fixture(200, "attachments.create.200.json"))
        let slot = try await create.client.attachments.create(
            CreateAttachmentRequest(filename: "menu.pdf", contentType: .pdf, sizeBytes: 482_113)
        )
        try create.expect(.post, "/v3/attachments", body: ["filename": "menu.pdf", "content_type": "application/pdf", "size_bytes": 482_113])
        #expect(slot.attachmentID == "9c1e3a5b-7d8f-4b0c-a2e4-4b6d8f0a2c35")
        #expect(slot.requiredHeaders["Content-Type"] == "application/pdf")

        let answer = #"""
            {"id":"9c1e3a5b-7d8f-4b0c-a2e4-4b6d8f0a2c35","filename":"menu.pdf","content_type":"application/pdf","size_bytes":482113,
            "created_at":"2026-03-10T15:00:00.000Z","status":"complete","download_url":"https://cdn.linqapp.com/a/menu.pdf"}
            """#
        let get = EndpointHarness(.json(200, answer))
        let attachment = try await get.client.attachments.get(slot.attachmentID)
        try get.expect(.get, "/v3/attachments/\(slot.attachmentID)")
        #expect(attachment.status == .complete)
        #expect(attachment.sizeBytes == 482_113)

        let delete = EndpointHarness(.noContent)
        try await delete.client.attachments.delete(slot.attachmentID)
        try delete.expect(.delete, "/v3/attachments/\(slot.attachmentID)", accept: "*/*")
    }

    @Test("attachments.upload PUTs the raw bytes with exactly the required headers and no Authorization")
    func upload() async throws {
        let slot = CreateAttachmentResponse(
            attachmentID: "9c1e3a5b-7d8f-4b0c-a2e4-4b6d8f0a2c35",
            uploadURL: "https://uploads.example-bucket.invalid/attachments/menu.pdf?X-Amz-Expires=900&X-Amz-Signature=abc%2B123",
            downloadURL: "https://cdn.linqapp.com/a/menu.pdf",
            requiredHeaders: ["Content-Type": "application/pdf", "Content-Length": "5"],
            expiresAt: Date(timeIntervalSince1970: 1_773_155_700)
        )
        let harness = EndpointHarness(LinqHTTPResponse(status: 200))
        let bytes = Data([0x25, 0x50, 0x44, 0x46, 0x2D])
        try await harness.client.attachments.upload(bytes, to: slot)
        let request = try harness.request
        #expect(request.method == .put)
        #expect(request.url.absoluteString == slot.uploadURL)
        #expect(request.body == bytes)
        #expect(request.headers["Authorization"] == nil)
        let headers = Dictionary(uniqueKeysWithValues: request.headers.map { ($0.name, $0.value) })
        #expect(headers == slot.requiredHeaders)
    }

    static let slot = CreateAttachmentResponse(
        attachmentID: "9c1e3a5b-7d8f-4b0c-a2e4-4b6d8f0a2c35", uploadURL: "https://uploads.example.invalid/x",
        downloadURL: "https://cdn.linqapp.com/x", requiredHeaders: [:], expiresAt: Date(timeIntervalSince1970: 1_773_155_700)
    )

    @Test("an upload refused with 403 throws with the status at once")
    func uploadRefused() async throws {
        let harness = EndpointHarness(LinqHTTPResponse(status: 403, body: Data("<Error>expired</Error>".utf8)))
        let error = try await #require(throws: LinqAPIError.self) { try await harness.client.attachments.upload(Data([1]), to: Self.slot) }
        #expect(error.status == 403)
        #expect(error.kind == .api)
        #expect(harness.transport.requests.count == 1)
    }

    @Test("an upload is retried after 5xx and timeouts with the same bytes, then gives up typed")
    func uploadRetried() async throws {
        let flaky = EndpointHarness([
            .respond(LinqHTTPResponse(status: 503)), .fail(LinqTransportError(.timeout, detail: "slow")), .respond(LinqHTTPResponse(status: 200)),
        ])
        let client = flaky.client
        let upload = Task { try await client.attachments.upload(Data([1, 2, 3]), to: Self.slot) }
        #expect(await flaky.clock.nextSleep() == .milliseconds(500))
        #expect(await flaky.clock.nextSleep() == .seconds(1))
        try await upload.value
        #expect(flaky.transport.requests.map(\.body) == Array(repeating: Data([1, 2, 3]), count: 3))

        let broken = EndpointHarness(Array(repeating: .fail(LinqTransportError(.timeout, detail: "slow")), count: 3))
        let brokenClient = broken.client
        let failing = Task { try await brokenClient.attachments.upload(Data([1]), to: Self.slot) }
        _ = await broken.clock.nextSleep()
        _ = await broken.clock.nextSleep()
        let error = try await #require(throws: LinqAPIError.self) { try await failing.value }
        #expect(error.kind == .timeout)
        #expect(broken.transport.requests.count == 3)
    }
}
