import Foundation
import Hummingbird
import LinqBot
import LinqModels
import Logging

/// The operator routes for dead letters and for a person's data.
extension AdminAPI {
    /// The default and largest page sizes of `GET /admin/dead-letters`.
    static let deadLetterPage = (default: 50, max: 500)

    func mountRecords<Context: RequestContext>(on admin: RouterGroup<Context>) {
        let api = self
        admin.get("/dead-letters") { request, _ in await api.answer { try await api.listDeadLetters(request) } }
        admin.post("/dead-letters/{id}/replay") { _, context in
            await api.answer { try await api.replayDeadLetter(try Self.deadLetterID(context)) }
        }
        admin.delete("/dead-letters/{id}") { _, context in
            await api.answer { try await api.discardDeadLetter(try Self.deadLetterID(context)) }
        }
        admin.get("/people/{handle}/export") { _, context in
            await api.answer { try await api.exportPerson(try Self.segment("handle", context)) }
        }
        admin.delete("/people/{handle}") { _, context in
            await api.answer { try await api.erasePerson(try Self.segment("handle", context)) }
        }
    }

    func listDeadLetters(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let limit = try Self.limit(query["limit"].map(String.init), default: Self.deadLetterPage.default, max: Self.deadLetterPage.max)
        var before: Int64?
        if let text = query["before"].map(String.init), !text.isEmpty {
            guard let value = Int64(text), value > 0 else { throw AdminProblem(400, "before is \"\(text)\"; use a dead letter's id") }
            before = value
        }
        let letters = try await application.deadLetters(before: before, limit: limit)
        let next: JSONValue = letters.count == limit ? letters.last.map { JSONValue.number(Double($0.id)) } ?? .null : .null
        return AdminJSON.response(200, JSONValue.object(["dead_letters": .array(letters.map { AdminJSON.deadLetter($0) }), "next_before": next]))
    }

    func replayDeadLetter(_ id: Int64) async throws -> Response {
        switch try await application.replayDeadLetter(id: id) {
        case .replayed(let sequence, let chat):
            logger.info("admin: dead letter replayed", metadata: ["linq.dead_letter": "\(id)", "linq.chat_id": "\(chat)"])
            return AdminJSON.response(
                200, JSONValue.object(["status": "replayed", "chat_id": .string(chat), "sequence": .number(Double(sequence))])
            )
        case .notFound:
            throw AdminProblem(404, "no dead letter has id \(id)")
        case .conflict:
            throw AdminProblem(409, "dead letter \(id) cannot be replayed: its event is in the inbox again (a redelivery was stored)")
        }
    }

    func discardDeadLetter(_ id: Int64) async throws -> Response {
        guard try await application.discardDeadLetter(id: id) else { throw AdminProblem(404, "no dead letter has id \(id)") }
        logger.info("admin: dead letter discarded", metadata: ["linq.dead_letter": "\(id)"])
        return AdminJSON.response(200, ["discarded": true])
    }

    func exportPerson(_ handle: String) async throws -> Response {
        let person = try await application.person(handle)
        logger.info("admin: person exported", metadata: ["linq.chats": "\(person.chats.count)"])
        return AdminJSON.response(200, AdminJSON.person(person))
    }

    func erasePerson(_ handle: String) async throws -> Response {
        let erasure = try await application.erasePerson(handle)
        logger.info("admin: person erased", metadata: ["linq.chats": "\(erasure.chatKeys.count)"])
        return AdminJSON.response(200, AdminJSON.erasure(erasure))
    }

    /// The path's dead letter `id`.
    static func deadLetterID(_ context: some RequestContext) throws -> Int64 {
        let text = try segment("id", context)
        guard let id = Int64(text), id > 0 else { throw AdminProblem(400, "the dead letter id is \"\(text)\"; use the id GET /admin/dead-letters lists") }
        return id
    }

    /// A `limit` query parameter: `fallback` when absent, else a whole number from 1 to `max`.
    static func limit(_ text: String?, default fallback: Int, max: Int) throws -> Int {
        guard let text else { return fallback }
        guard let value = Int(text), (1...max).contains(value) else {
            throw AdminProblem(400, "limit is \"\(text)\"; use a whole number from 1 to \(max)")
        }
        return value
    }
}
