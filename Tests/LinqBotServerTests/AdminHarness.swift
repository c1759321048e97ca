import AsyncHTTPClient
import Foundation
import LinqAPI
import LinqBot
import LinqBotServer
import LinqBotTesting
import LinqModels
import Logging
import NIOCore
import NIOHTTP1
import Testing

/// Calls a bot's admin API over HTTP on 127.0.0.1.
struct AdminClient {
    /// An answer: status, headers and the JSON body (`null` when empty).
    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var json: JSONValue

        /// The `error` message of a refusal.
        var error: String { json["error"]?.stringValue ?? "" }
    }

    let base: String
    let http: HTTPClient

    /// Sends `method path` with `json` (or `raw` bytes) and, unless told otherwise, the right token.
    func call(
        _ method: HTTPMethod, _ path: String, _ json: JSONValue? = nil, raw: Data? = nil,
        authorization: String? = "Bearer \(AdminHarness.token)"
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let authorization { request.headers.add(name: "authorization", value: authorization) }
        if let body = try raw ?? json.map({ try JSONEncoder().encode($0) }) {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await http.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        let json = body.readableBytes == 0 ? JSONValue.null : try JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView))
        return Answer(status: Int(response.status.code), headers: response.headers, json: json)
    }
}

/// A bot with a reminder flow, run by a ``BotTester`` (simulator, in-memory store, virtual
/// clock), behind a `BotServer` with the admin API on a free port of 127.0.0.1.
enum AdminHarness {
    static let token = "test-admin-token-4f1c9b7e2d"
    /// When the tester's virtual wall clock starts.
    static let start = Date(timeIntervalSince1970: 1_773_157_328)

    enum Step: String, FlowState { case waiting }

    struct Reminder: Codable, Sendable {
        var what = "your appointment"
    }

    /// Reminds of `what`, confirms the answer, and asks again after an hour of silence.
    static func makeBot() -> Bot {
        let bot = Bot()
        let reminder = Flow<Step, Reminder>("reminder", initial: .waiting, data: Reminder())
        reminder.onEnter(.waiting) { ctx, data in try await ctx.reply("Reminder: \(data.what). Reply YES to confirm.") }
        reminder.on(.waiting) { ctx, _ in
            try await ctx.reply("Confirmed, thank you!")
            return .finish
        }
        reminder.timeout(.waiting, after: .seconds(3600)) { ctx, _ in
            try await ctx.reply("Just checking: can you make it?")
            return .stay
        }
        bot.add(reminder)
        bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
        return bot
    }

    /// Runs `body` with a tester for ``makeBot()`` and a client of its admin API.
    static func run(_ body: (BotTester, AdminClient) async throws -> Void) async throws {
        let tester = try await BotTester(bot: makeBot())
        try await serve(tester.app) { client in
            try await tester.run { try await body(tester, client) }
        }
    }

    /// Serves `app` on a free port, with the admin API unless `admin` is false.
    static func serve(_ app: BotApplication, admin: Bool = true, _ body: (AdminClient) async throws -> Void) async throws {
        let quiet = Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        let configuration = BotServer.Configuration(port: 0, admin: admin ? AdminAPI.Configuration(token: Secret(token)) : nil)
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let server = BotServer(application: app, configuration: configuration, logger: quiet) {
            sink.yield($0)
            sink.finish()
        }
        let running = Task { try await server.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        func stop() async {
            try? await http.shutdown()
            running.cancel()
            _ = await running.result
        }
        do {
            try await body(AdminClient(base: "http://127.0.0.1:\(port)", http: http))
        } catch {
            await stop()
            throw error
        }
        await stop()
    }

    /// Starts the reminder for the tester's person through the admin API and returns the chat it made.
    static func startReminder(_ tester: BotTester, _ client: AdminClient, what: String = "your appointment") async throws -> ChatID {
        let started = try await client.call(.POST, "/admin/flows/reminder/start", [
            "handle": .string(tester.person), "line": .string(tester.line), "data": ["what": .string(what)],
        ])
        #expect(started.status == 202, "\(started.json)")
        try await tester.advance(by: .zero)
        return try #require(try await tester.chatID())
    }
}
