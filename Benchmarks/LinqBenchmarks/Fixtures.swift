import Foundation
import LinqAPI
import LinqBot

/// The recorded Linq webhooks the benchmarks replay, and the secret they are signed with.
enum Fixtures {
    static let secretText = "whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s="

    /// The one assembly of a benchmarked bot: an application over `store` (left open when it
    /// stops: the benchmark closes it), its webhooks signed with `secretText`.
    static func application(
        _ bot: Bot, store: any BotStore, client: LinqClient = LinqClient(
            configuration: .init(apiKey: "unused", baseURL: URL(string: "http://127.0.0.1:9/api/partner")!), transport: NoNetwork()
        ), secretText: String = secretText, now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> BotApplication {
        let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(secretText)]))
        return BotApplication(bot: bot, store: store, client: client, verifier: verifier, configuration: .init(closesStore: false), now: now)
    }

    private static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Tests/LinqFixtures/Fixtures/linq-webhooks").standardized

    static func load(_ name: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(name)) }

    /// The 2026-02-03 `message.received` fixture with its ids, chat and text made variable.
    static func messageReceived() throws -> WebhookTemplate {
        try WebhookTemplate(
            fixture: load("message.received.2026-02-03.json"),
            slots: [
                "a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13",  // event_id
                "3e5a7c9b-0d2f-4b4a-8c6e-1f3a5b7d9e02",  // data.id (the message)
                "7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357",  // data.chat.id
                "Hi! Can you move my haircut from Thursday to Friday afternoon?",  // the text
            ]
        )
    }

    /// The same fixture with its times and the sender's handle variable too (event id, created at,
    /// message id, chat id, sender, text, sent at), for people of their own writing now.
    static func messageReceivedFromPerson() throws -> WebhookTemplate {
        try WebhookTemplate(
            fixture: load("message.received.2026-02-03.json"),
            slots: [
                "a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13", "2026-03-10T15:42:07.904113402Z", "3e5a7c9b-0d2f-4b4a-8c6e-1f3a5b7d9e02",
                "7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357", "+15555550123", "Hi! Can you move my haircut from Thursday to Friday afternoon?",
                "2026-03-10T15:42:07.318Z",
            ]
        )
    }
}

/// A webhook body cut at its variable values, so a new body is a few byte copies.
struct WebhookTemplate: Sendable {
    private let pieces: [[UInt8]]

    /// Cuts `fixture` at each of `slots`, which must occur in that order.
    init(fixture: Data, slots: [String]) throws {
        var rest = Substring(String(decoding: fixture, as: UTF8.self))
        var pieces: [[UInt8]] = []
        for slot in slots {
            guard let range = rest.range(of: slot) else { throw TemplateError.missing(slot) }
            pieces.append(Array(rest[..<range.lowerBound].utf8))
            rest = rest[range.upperBound...]
        }
        pieces.append(Array(rest.utf8))
        self.pieces = pieces
    }

    /// A body with `values` in the slots, in order (JSON-safe strings only).
    func body(_ values: String...) -> Data {
        precondition(values.count == pieces.count - 1, "one value per slot")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.count } + 128)
        for (index, piece) in pieces.enumerated() {
            bytes += piece
            if index < values.count { bytes += values[index].utf8 }
        }
        return Data(bytes)
    }

    enum TemplateError: Error { case missing(String) }
}
