import Foundation
import LinqAPI
import LinqBot
import LinqSimulator
import Logging

/// Bot applications for server tests: the one assembly, over a store, with a client of an
/// in-process simulator; webhooks are signed with `secret`.
enum ServerTestApplication {
    static let secret = "whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s="

    static func make(
        bot: Bot = Bot(), secret: String = secret, store: any BotStore, now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> BotApplication {
        let client = LinqClient(
            configuration: .init(apiKey: "k", baseURL: SimulatorTransport.baseURL),
            transport: SimulatorTransport(LinqSimulator(webhookTransport: AcceptingTransport()))
        )
        let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(secret)]))
        return BotApplication(
            bot: bot, store: store, client: client, verifier: verifier, now: now, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        )
    }
}

/// A webhook transport that accepts everything (these tests subscribe nothing).
struct AcceptingTransport: LinqTransport {
    func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse { LinqHTTPResponse(status: 200) }
}
