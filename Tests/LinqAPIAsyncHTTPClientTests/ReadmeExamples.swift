import Foundation
import LinqAPI
import LinqAPIAsyncHTTPClient
import LinqModels

/// The README's code, kept here so the compiler checks it. Never called by the tests.
enum ReadmeExamples {
    static func client() async throws {
        let transport = AsyncHTTPClientTransport()
        let client = LinqClient(configuration: try .fromEnvironment(), transport: transport)

        let content = MessageContent.text("Hi Alice, your appointment is confirmed for Friday at 3 pm.")
        try content.validate(forNewChat: true)
        let created = try await client.chats.create(
            CreateChatRequest(from: "+15555550100", to: ["+15555550123"], message: content)
        )
        try await client.chats.messages.send(to: created.chat.id, .text("Reply YES to confirm."))
        for try await chat in client.chats.listAll(from: "+15555550100") {
            print(chat.id, chat.handles.map(\.handle))
        }
        do {
            try await client.chats.messages.send(to: created.chat.id, .text("One more thing…"))
        } catch let error as LinqAPIError where error.isRecipientOptedOut {
            print(error)
        }
        try await transport.shutdown()
    }

    static func webhooks(body: Data, headers: LinqHTTPHeaders) throws {
        let verifier = try WebhookVerifier(configuration: .fromEnvironment())
        _ = try verifier.verify(body: body, headers: headers, now: Date())
        let event = try WebhookEvent.decode(from: body)
        switch event.payload {
        case .message(let message) where message.isInbound:
            print(message.senderAddress ?? "?", message.text ?? "")
        case .unknown:
            print("new event type \(event.eventType); raw data:", try event.rawData())
        default:
            break
        }
    }
}
