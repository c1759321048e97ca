import Foundation
import HTTPTypes
import Hummingbird
import LinqBot
import LinqModels
import NIOCore

/// The admin API's answers: JSON with snake_case keys, sorted, times in ISO-8601, and absent
/// values as explicit `null`s so a caller sees every field.
enum AdminJSON {
    /// `GET /admin/chats`: a page of chats and where the next page starts.
    struct ChatPage: Encodable {
        var chats: [ChatSummary]
        var nextAfter: String?

        enum CodingKeys: String, CodingKey {
            case chats
            case nextAfter = "next_after"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(chats, forKey: .chats)
            try container.encode(nextAfter, forKey: .nextAfter)
        }
    }

    /// `GET /admin/chats/{chat_id}`: what the bot keeps about one chat.
    struct Chat: Encodable {
        var snapshot: ChatSnapshot

        init(_ snapshot: ChatSnapshot) { self.snapshot = snapshot }

        enum CodingKeys: String, CodingKey {
            case session, flow, timers
            case chatID = "chat_id"
            case handOff = "hand_off"
            case updatedAt = "updated_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(snapshot.chatKey, forKey: .chatID)
            try container.encode(snapshot.session, forKey: .session)
            try container.encode(snapshot.flow, forKey: .flow)
            try container.encode(snapshot.handOff, forKey: .handOff)
            try container.encode(snapshot.timers.map(Timer.init), forKey: .timers)
            try container.encode(snapshot.updatedAt, forKey: .updatedAt)
        }
    }

    /// A pending timer of a chat.
    struct Timer: Encodable {
        var name: String
        var dueAt: Date
        var payload: JSONValue?

        init(_ timer: ScheduledTimer) {
            (name, dueAt, payload) = (timer.name, timer.dueAt, timer.payload)
        }

        enum CodingKeys: String, CodingKey {
            case name, payload
            case dueAt = "due_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(dueAt, forKey: .dueAt)
            try container.encode(payload ?? .null, forKey: .payload)
        }
    }

    /// Sorted keys, ISO-8601 times: the same encoder as Linq request bodies.
    static let encoder = LinqJSON.makeEncoder()

    /// `value` as a JSON response with `status`.
    static func response(_ status: Int, _ value: some Encodable) -> Response {
        do {
            return response(status, data: try encoder.encode(value))
        } catch {
            return self.error(500, "the answer could not be encoded: \(error)")
        }
    }

    /// `{ "error": message }` with `status`.
    static func error(_ status: Int, _ message: String) -> Response {
        response(status, data: (try? encoder.encode(["error": message])) ?? Data(#"{"error":"?"}"#.utf8))
    }

    private static func response(_ status: Int, data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
