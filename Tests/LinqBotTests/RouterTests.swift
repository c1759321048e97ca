import Foundation
import LinqAPI
import LinqBot
import LinqModels
import LinqSimulator
import Synchronization
import Testing

/// Routing decisions on real webhook events, without the dispatcher.
@Suite struct RouterTests {
    static func context(text: String, group: Bool = false) throws -> ChatContext {
        let body = #"{"api_version":"v3","webhook_version":"2026-02-03","event_type":"message.received","event_id":"e1","created_at":"2026-03-10T15:42:07Z","data":{"id":"m1","chat":{"id":"c1","is_group":\#(group),"health_status":{"status":"HEALTHY","doc_url":"x","updated_at":"2026-03-10T15:42:07Z"}},"direction":"inbound","sender_handle":{"id":"h1","handle":"+15555550123","joined_at":"2026-03-10T15:42:07Z","service":"SMS"},"service":"SMS","parts":[{"type":"text","value":"\#(text)"}]}}"#
        let client = LinqClient(configuration: .init(apiKey: "k", baseURL: SimulatorTransport.baseURL), transport: SimulatorTransport(LinqSimulator(webhookTransport: RecordingTransport())))
        return try Bot.testContext(event: WebhookEvent.decode(from: Data(body.utf8)), client: client)
    }

    @Test("filters compose; the first matching route wins; a sub-router that matches nothing falls through")
    func routing() async throws {
        let hits = Mutex<[String]>([])
        var help = Router()
        help.on(.text, .keyword("HELP", "INFO")) { _ in hits.withLock { $0.append("help") } }
        var router = Router()
        router.add(help, when: .direct)
        router.on(.text, .regex("^price") && .service(.sms) && !.group) { _ in hits.withLock { $0.append("price") } }
        router.onText { _, text in hits.withLock { $0.append("echo:\(text)") } }
        for (text, group) in [("help!", false), ("Prices please", false), ("Prices please", true), ("help", true), ("hello", false)] {
            #expect(try await router.route(Self.context(text: text, group: group)))
        }
        #expect(hits.withLock { $0 } == ["help", "price", "echo:Prices please", "echo:help", "echo:hello"])
    }
}
