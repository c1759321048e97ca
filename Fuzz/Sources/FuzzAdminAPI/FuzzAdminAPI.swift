import Foundation
import FuzzSupport
import HTTPTypes
import Hummingbird
import LinqAPI
import LinqBot
import LinqBotServer
import NIOCore
import NIOEmbedded

// The admin API as a business system or an operator reaches it: the bearer-token check, path
// segments, query values and JSON bodies, through `BotServer`'s router with no socket, on a
// bot with one flow and an in-memory store (fresh per input). Whatever the input, the answer
// is a 2xx or a 4xx: a 5xx or a crash is a bug.
//
// Input: a flags byte, then three lines (Authorization, segment A, segment B), then the body.
// - bits 0-3 pick the route (modulo 10): 0 GET /admin/chats?B, 1 GET /admin/chats/A,
//   2-4 POST /admin/chats/A/{hand-off, hand-back, end-flow}, 5 DELETE /admin/chats/A/timers,
//   6 DELETE /admin/chats/A/timers/B, 7 POST /admin/flows/A/start, 8 POST /admin/messages,
//   9 method A and path B as they are.
// - bit 4: the Authorization line is sent as it is, instead of the right token.

private let token = "fuzz-admin-token-3e9a0c41d7b2"
private let methods: [HTTPRequest.Method] = [.get, .get, .post, .post, .post, .delete, .delete, .post, .post]

private enum Step: String, FlowState { case waiting }

private struct Reminder: Codable, Sendable {
    var what: String
    var count: Int?
}

private func makeBot() -> Bot {
    let bot = Bot()
    // Lines of its own: with none, choosing a person's line would list the account's lines from
    // Linq, which a harness cannot reach (the admin API then rightly answers 503).
    bot.useLinePool(LinePoolConfiguration(lines: ["+15555550100", "+15555550101"], rampUp: nil))
    let reminder = Flow<Step, Reminder>("reminder", initial: .waiting, data: Reminder(what: "your appointment"))
    reminder.on(.waiting) { _, _ in .finish }
    bot.add(reminder)
    return bot
}

private let verifier = try! WebhookVerifier(configuration: .init(secrets: [WebhookSecret(Offline.webhookSecret)]))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAdminAPI(_ data: UnsafeRawPointer?, _ count: Int) -> CInt {
    let input = FuzzInput(UnsafeRawBufferPointer(start: data, count: count), lineCount: 3)
    let route = Int(input.flags & 0x0F) % 10
    let a = input.field(1) ?? ""
    let b = input.field(2) ?? ""
    let path: String
    switch route {
    case 0: path = "/admin/chats?" + b
    case 1: path = "/admin/chats/" + a
    case 2: path = "/admin/chats/\(a)/hand-off"
    case 3: path = "/admin/chats/\(a)/hand-back"
    case 4: path = "/admin/chats/\(a)/end-flow"
    case 5: path = "/admin/chats/\(a)/timers"
    case 6: path = "/admin/chats/\(a)/timers/\(b)"
    case 7: path = "/admin/flows/\(a)/start"
    case 8: path = "/admin/messages"
    default: path = b
    }
    let method = route == 9 ? HTTPRequest.Method(a) ?? .get : methods[route]
    var fields = HTTPFields()
    if let authorization = input.flag(4) ? input.field(0) : "Bearer \(token)", let name = HTTPField.Name("authorization") {
        fields[name] = authorization
    }
    fields[.contentType] = "application/json"
    let head = HTTPRequest(method: method, scheme: "http", authority: "127.0.0.1", path: path, headerFields: fields)
    let body = input.body
    blocking {
        let app = BotApplication(
            bot: makeBot(), store: InMemoryBotStore(), client: Offline.client, verifier: verifier, clock: ContinuousClock(),
            now: { Offline.now }, logger: Offline.logger
        )
        let server = BotServer(
            application: app, configuration: .init(admin: AdminAPI.Configuration(token: Secret(token))), logger: Offline.logger
        )
        let responder = server.makeRouter().buildResponder()
        let channel = EmbeddedChannel()
        let context = BasicRequestContext(source: .init(channel: channel, logger: Offline.logger))
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: body)))
        do {
            let response = try await responder.respond(to: request, context: context)
            expect(response.status.code < 500, "\(method) \(path) answered \(response.status.code)")
        } catch let error as HTTPError {
            expect(error.status.code < 500, "\(method) \(path) failed with \(error.status.code)")
        } catch {
            expect(false, "\(method) \(path) threw \(error)")
        }
        _ = try? channel.finish()
    }
    return 0
}
