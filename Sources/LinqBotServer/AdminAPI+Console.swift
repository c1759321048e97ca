import Foundation
import Hummingbird
import LinqAPI
import LinqBot
import LinqModels

/// The routes the web console reads besides the chats and dead letters: the inbox backlog,
/// the last hour's activity, the opt-outs, and a chat's messages as Linq keeps them.
extension AdminAPI {
    func mountConsoleData<Context: RequestContext>(on admin: RouterGroup<Context>) {
        let api = self
        admin.get("/backlog") { request, _ in await api.answer { try await api.backlog(request) } }
        admin.get("/activity") { _, _ in await api.answer { api.activity() } }
        admin.get("/opt-outs") { request, _ in await api.answer { try await api.optOuts(request) } }
        admin.get("/chats/{chat_id}/messages") { request, context in
            await api.answer { try await api.messages(in: try Self.chat(context), request) }
        }
    }

    func backlog(_ request: Request) async throws -> Response {
        let limit = try Self.limit(request.uri.queryParameters["limit"].map(String.init), default: 100, max: 1000)
        let pending = try await application.store.pendingCount()
        let chats = try await application.backlog(limit: limit)
        let rows: [JSONValue] = chats.map { chat in
            .object([
                "chat_id": .string(chat.chatKey), "events": .number(Double(chat.events)), "in_progress": .bool(chat.inProgress),
                "oldest_received_at": AdminJSON.time(chat.oldestReceivedAt),
            ])
        }
        return AdminJSON.response(200, JSONValue.object(["pending": .number(Double(pending)), "chats": .array(rows)]))
    }

    /// The last hour of this instance's inbox, minute by minute (the console's charts).
    func activity() -> Response {
        let minutes = application.activity?.lastHour() ?? []
        let rows: [JSONValue] = minutes.map { minute in
            .object([
                "start": AdminJSON.time(minute.start), "handled": .number(Double(minute.handled)),
                "mean_handler_ms": minute.meanHandlerSeconds.map { .number(($0 * 1000).rounded()) } ?? .null,
                "slowest_handler_ms": .number((minute.slowestHandlerSeconds * 1000).rounded()),
                "backlog": minute.backlog.map { .number(Double($0)) } ?? .null,
            ])
        }
        return AdminJSON.response(200, JSONValue.object(["minutes": .array(rows)]))
    }

    func optOuts(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let limit = try Self.limit(query["limit"].map(String.init), default: 100, max: 1000)
        let after = query["after"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let entries = try await application.optOuts(after: after, limit: limit)
        let rows: [JSONValue] = entries.map { .object(["handle": .string($0.handle), "opted_out_at": AdminJSON.time($0.optedOutAt)]) }
        let next: JSONValue = entries.count == limit ? entries.last.map { JSONValue.string($0.handle) } ?? .null : .null
        return AdminJSON.response(200, JSONValue.object(["opt_outs": .array(rows), "next_after": next]))
    }

    /// The chat's latest messages, read from Linq (the bot keeps no message texts of its own).
    func messages(in chat: ChatID, _ request: Request) async throws -> Response {
        let limit = try Self.limit(request.uri.queryParameters["limit"].map(String.init), default: 50, max: 100)
        do {
            let list = try await application.client.chats.messages.list(in: chat, limit: limit)
            return AdminJSON.response(200, list)
        } catch let error as LinqAPIError {
            if error.isNotFound { throw AdminProblem(404, "Linq knows no chat \(chat.rawValue)") }
            throw AdminProblem(502, "Linq did not answer with the chat's messages: \(error.message)")
        }
    }
}
