import Foundation
import LinqAPI
import LinqBot
import LinqBotServer
import LinqModels
import Logging
import NIOHTTP1
import Synchronization
import Testing

/// `POST /admin/messages` to a handle with no line while Linq cannot be reached, the fuzz
/// finding kept in `FailCases/FuzzAdminAPI/unreachable-linq-line-choice` (route 8, body
/// `{"handle":"+1555123456","text":"Hi"}`): the line pool asks Linq for its suggestion once,
/// without retries, and chooses alone; with no lines of its own it says 503.
@Suite struct AdminLineChoiceTests {
    /// A Linq that cannot be reached, counting the requests made to it.
    final class Unreachable: LinqTransport {
        struct Refused: Error {}
        let paths = Mutex<[String]>([])
        func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
            paths.withLock { $0.append(request.url.path) }
            throw Refused()
        }
    }

    static func app(lines: [String]?, transport: Unreachable) throws -> BotApplication {
        let bot = Bot()
        bot.useLinePool(LinePoolConfiguration(lines: lines, rampUp: nil))
        let client = LinqClient(configuration: .init(apiKey: "k", baseURL: URL(string: "http://127.0.0.1:9")!), transport: transport)
        return BotApplication(
            bot: bot, store: InMemoryBotStore(), client: client,
            verifier: try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(ServerTestApplication.secret)])),
            logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        )
    }

    @Test("Linq unreachable: the suggestion is asked once, not retried, and the pool's own line is taken; with no lines, 503")
    func unreachableLinq() async throws {
        let body: JSONValue = ["handle": "+1555123456", "text": "Hi"]
        let transport = Unreachable()
        try await AdminHarness.serve(try Self.app(lines: ["+15555550100", "+15555550101"], transport: transport)) { client in
            let sent = try await client.call(.POST, "/admin/messages", body)
            #expect(sent.status == 202, "\(sent.json)")
        }
        #expect(transport.paths.withLock { $0 } == ["/v3/available_number"], "asked once, not retried")
        let none = Unreachable()
        try await AdminHarness.serve(try Self.app(lines: nil, transport: none)) { client in
            let refused = try await client.call(.POST, "/admin/messages", body)
            #expect(refused.status == 503 && refused.error.contains("phone_numbers"), "\(refused.json)")
        }
    }
}
