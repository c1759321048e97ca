import Foundation
import HTTPTypes
public import Hummingbird
public import LinqAPI
public import LinqBot
import LinqModels
public import Logging

/// The admin HTTP API under `/admin`: how business systems start flows and send reminders, and
/// how operators look inside chats and hand them to a person and back. Every request needs
/// `Authorization: Bearer <token>`; bodies and answers are JSON with snake_case keys, and a
/// refused request answers `{ "error": "…" }` saying what is wrong.
///
/// | Route | Does |
/// | --- | --- |
/// | `GET /admin/chats?after=&limit=` | chats with their flow state, in pages |
/// | `GET /admin/chats/{chat_id}` | one chat: session, flow, hand-off, timers |
/// | `POST /admin/chats/{chat_id}/hand-off`, `…/hand-back`, `…/end-flow` | queue the change (202) |
/// | `DELETE /admin/chats/{chat_id}/timers[/{name}]` | cancel timers: `{ "cancelled": n }` |
/// | `POST /admin/flows/{name}/start` | start a flow in a chat or for a handle (202) |
/// | `POST /admin/messages` | send a text now or at a time (202) |
/// | `GET /admin/lines` | the line pool: each line's status, volume, budget, response rate, ramp-up, people |
/// | `POST /admin/lines/{line}/move` | move the line's people to `{ "to": line }`, one invitation each: `{ moved, invited, opted_out }` |
/// | `GET /admin/dead-letters?before=&limit=` | dead letters, newest first, in pages |
/// | `POST /admin/dead-letters/{id}/replay` | put the event back into its chat's queue |
/// | `DELETE /admin/dead-letters/{id}` | discard a dead letter |
/// | `GET /admin/people/{handle}/export` | everything kept about a person, as JSON |
/// | `DELETE /admin/people/{handle}` | erase a person's chats; their opt-out stays |
/// | `GET /admin/backlog`, `GET /admin/activity`, `GET /admin/opt-outs`, `GET /admin/chats/{chat_id}/messages` | what the console shows |
/// | `GET /admin/` | the web console (the page asks for the token; no data without it) |
///
/// A ``BotServer`` mounts it when its configuration has ``BotServer/Configuration/admin``:
///
/// ```swift
/// let admin = AdminAPI.Configuration(token: Secret(token))
/// let server = BotServer(application: app, configuration: .init(admin: admin))
/// ```
public struct AdminAPI: Sendable {
    /// The token the API accepts and its body limit.
    public struct Configuration: Sendable {
        /// The shortest token ``BotHost`` accepts.
        public static let minimumTokenLength = 16

        /// The bearer token every request must present.
        public var token: Secret
        /// The largest request body accepted; larger ones get 413.
        public var maxBodyBytes: Int

        /// Creates a configuration.
        public init(token: Secret, maxBodyBytes: Int = 64 * 1024) {
            self.token = token
            self.maxBodyBytes = maxBodyBytes
        }
    }

    /// The default page size of `GET /admin/chats`.
    public static let defaultPageSize = 100
    /// The largest page size of `GET /admin/chats`.
    public static let maxPageSize = 1000

    /// The application the API reads and acts on.
    public let application: BotApplication
    /// The token and the body limit.
    public let configuration: Configuration
    let logger: Logger

    /// Creates the API for `application`; ``mount(on:)`` adds its routes to a router.
    public init(application: BotApplication, configuration: Configuration, logger: Logger = Logger(label: "linqbot.admin")) {
        self.application = application
        self.configuration = configuration
        self.logger = logger
    }

    /// Adds the `/admin` routes, behind the bearer-token check, to `router`.
    public func mount<Context: RequestContext>(on router: Hummingbird.Router<Context>) {
        let api = self
        // The console page holds no data: it asks for the token and sends it with every call.
        router.get("/admin") { _, _ in ConsolePage.response() }
        let admin = router.group("/admin").add(middleware: AdminAuthMiddleware<Context>(token: configuration.token))
        admin.get("/chats") { request, _ in await api.answer { try await api.listChats(request) } }
        admin.get("/chats/{chat_id}") { _, context in await api.answer { try await api.readChat(try Self.chat(context)) } }
        admin.post("/chats/{chat_id}/hand-off") { request, context in
            await api.answer {
                let chat = try Self.chat(context)
                let body = try await AdminBody.read(request, limit: api.configuration.maxBodyBytes, allowed: ["reason", "key"], emptyIsObject: true)
                try await api.application.handOff(chat, reason: try body.string("reason"), key: try body.string("key"))
                return api.queued("hand-off", target: chat.rawValue)
            }
        }
        admin.post("/chats/{chat_id}/hand-back") { request, context in
            await api.answer {
                let chat = try Self.chat(context)
                let body = try await AdminBody.read(request, limit: api.configuration.maxBodyBytes, allowed: ["key"], emptyIsObject: true)
                try await api.application.handBack(chat, key: try body.string("key"))
                return api.queued("hand-back", target: chat.rawValue)
            }
        }
        admin.post("/chats/{chat_id}/end-flow") { request, context in
            await api.answer {
                let chat = try Self.chat(context)
                let body = try await AdminBody.read(request, limit: api.configuration.maxBodyBytes, allowed: ["key"], emptyIsObject: true)
                try await api.application.endFlow(in: chat, key: try body.string("key"))
                return api.queued("end-flow", target: chat.rawValue)
            }
        }
        admin.delete("/chats/{chat_id}/timers") { _, context in
            await api.answer { try await api.cancelTimers(in: try Self.chat(context), named: nil) }
        }
        admin.delete("/chats/{chat_id}/timers/{name}") { _, context in
            await api.answer { try await api.cancelTimers(in: try Self.chat(context), named: try Self.segment("name", context)) }
        }
        admin.post("/flows/{name}/start") { request, context in
            await api.answer { try await api.startFlow(named: try Self.segment("name", context), request) }
        }
        admin.post("/messages") { request, _ in await api.answer { try await api.sendMessage(request) } }
        admin.get("/lines") { _, _ in await api.answer { AdminJSON.response(200, ["lines": try await api.application.lines()]) } }
        admin.post("/lines/{line}/move") { request, context in
            await api.answer {
                let line = try Self.segment("line", context)
                let body = try await AdminBody.read(request, limit: api.configuration.maxBodyBytes, allowed: ["to"])
                guard let target = try body.string("to") else { throw AdminProblem(400, "to is missing: give the line to move the people to") }
                let move = try await api.application.moveConversations(from: line, to: target)
                api.logger.info("admin: people moved", metadata: [
                    "linq.line": "\(line)", "linq.new_line": "\(target)", "linq.moved": "\(move.moved)",
                ])
                return AdminJSON.response(200, move)
            }
        }
        mountRecords(on: admin)
        mountConsoleData(on: admin)
    }

    // MARK: Handlers

    func listChats(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        var limit = Self.defaultPageSize
        if let text = query["limit"] {
            guard let value = Int(text), (1...Self.maxPageSize).contains(value) else {
                throw AdminProblem(400, "limit is \"\(text)\"; use a whole number from 1 to \(Self.maxPageSize)")
            }
            limit = value
        }
        let after = query["after"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let chats = try await application.chats(after: after, limit: limit)
        return AdminJSON.response(200, AdminJSON.ChatPage(chats: chats, nextAfter: chats.count == limit ? chats.last?.chatKey : nil))
    }

    func readChat(_ chat: ChatID) async throws -> Response {
        let snapshot = try await application.chat(chat)
        guard snapshot.updatedAt != nil || !snapshot.timers.isEmpty else {
            throw AdminProblem(404, "the bot keeps nothing about chat \(chat.rawValue): no session and no timers")
        }
        return AdminJSON.response(200, AdminJSON.Chat(snapshot))
    }

    func cancelTimers(in chat: ChatID, named name: String?) async throws -> Response {
        let cancelled = try await application.cancelTimers(in: chat, named: name)
        logger.info("admin: timers cancelled", metadata: [
            "linq.chat_id": "\(chat.rawValue)", "linq.timer": "\(name ?? "*")", "linq.cancelled": "\(cancelled)",
        ])
        return AdminJSON.response(200, ["cancelled": cancelled])
    }

    func startFlow(named name: String, _ request: Request) async throws -> Response {
        let body = try await AdminBody.read(
            request, limit: configuration.maxBodyBytes, allowed: ["chat_id", "handle", "line", "data", "time_zone", "at", "key"]
        )
        let target = try body.target()
        let (data, at, key) = (body.value("data"), try body.date("at"), try body.string("key"))
        let timeZone = try body.timeZone("time_zone")
        switch target {
        case .chat(let chat):
            try await application.startFlow(named: name, in: chat, data: data, timeZone: timeZone, at: at, key: key)
        case .handle(let handle, let line?):
            try await application.startFlow(named: name, with: handle, from: line, data: data, timeZone: timeZone, at: at, key: key)
        case .handle(let handle, nil):
            try await application.startFlow(named: name, with: handle, data: data, timeZone: timeZone, at: at, key: key)
        }
        return queued("flow start \"\(name)\"", target: target.description, at: at)
    }

    func sendMessage(_ request: Request) async throws -> Response {
        let body = try await AdminBody.read(request, limit: configuration.maxBodyBytes, allowed: ["chat_id", "handle", "line", "text", "at", "key"])
        let target = try body.target()
        guard let text = try body.string("text") else { throw AdminProblem(400, "text is missing: give the message's text") }
        let content = MessageContent.text(text)
        do {
            if case .handle = target { try content.validate(forNewChat: true) } else { try content.validate(forNewChat: false) }
        } catch {
            throw AdminProblem(400, "text cannot be sent: \(error)")
        }
        let (at, key) = (try body.date("at"), try body.string("key"))
        switch target {
        case .chat(let chat):
            try await application.send(content, to: chat, at: at, key: key)
        case .handle(let handle, let line?):
            try await application.send(content, to: handle, from: line, at: at, key: key)
        case .handle(let handle, nil):
            try await application.send(content, to: handle, at: at, key: key)
        }
        return queued("message", target: target.description, at: at)
    }

    // MARK: Helpers

    /// 202 `{ "status": "queued" }` (or `scheduled`), logged for the audit trail.
    func queued(_ action: String, target: String, at: Date? = nil) -> Response {
        logger.info("admin: \(action) queued", metadata: ["linq.target": "\(target)", "linq.at": "\(at.map(LinqTimestamp.format) ?? "now")"])
        return AdminJSON.response(202, ["status": at == nil ? "queued" : "scheduled"])
    }

    /// Runs a handler and turns what it throws into a JSON error: bad input is 4xx, anything else 500.
    func answer(_ work: () async throws -> Response) async -> Response {
        do {
            return try await work()
        } catch let problem as AdminProblem {
            return AdminJSON.error(problem.status, problem.message)
        } catch BotCommandError.unknownFlow(let name) {
            return AdminJSON.error(404, "no flow is called \"\(name)\"")
        } catch let error as LinePoolError {
            switch error {
            case .unknownLine: return AdminJSON.error(404, "\(error)")
            case .noLines, .noLineAvailable: return AdminJSON.error(503, "\(error)")
            }
        } catch BotCommandError.invalidData(let name, let reason) {
            return AdminJSON.error(400, "data does not fit flow \"\(name)\": \(reason)")
        } catch {
            logger.error("admin: a request failed", metadata: ["linq.error": "\(error)"])
            return AdminJSON.error(500, "the bot could not do it: \(error)")
        }
    }

    /// The chat named by the path's `chat_id`.
    static func chat(_ context: some RequestContext) throws -> ChatID {
        ChatID(try segment("chat_id", context))
    }

    /// A path parameter, percent-decoded.
    static func segment(_ name: String, _ context: some RequestContext) throws -> String {
        guard let raw = context.parameters.get(name), let decoded = raw.removingPercentEncoding, !decoded.isEmpty else {
            throw AdminProblem(400, "the path's \(name) is empty or not valid percent-encoding")
        }
        return decoded
    }
}
