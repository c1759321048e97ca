import Foundation
import LinqAPI
import LinqBot
import LinqSimulator
import Logging

/// Bot applications for runtime tests: the one assembly, over a store, with a client of an
/// in-process simulator that nobody subscribes (these tests write the inbox themselves or
/// sign webhooks with ``secret``).
enum TestApplication {
    static let secret = "whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s="

    static func make(
        _ bot: Bot, store: any BotStore, clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
        instanceID: String? = nil, configuration: BotApplication.Configuration = BotApplication.Configuration()
    ) throws -> BotApplication {
        var configuration = configuration
        if let instanceID { configuration.instanceID = instanceID }
        let client = LinqClient(
            configuration: .init(apiKey: "k", baseURL: SimulatorTransport.baseURL),
            transport: SimulatorTransport(LinqSimulator(webhookTransport: RecordingTransport()))
        )
        let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(secret)]))
        return BotApplication(
            bot: bot, store: store, client: client, verifier: verifier, configuration: configuration, clock: clock, now: now, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        )
    }
}
