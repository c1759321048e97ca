import Foundation
import Hummingbird
import LinqModels
import NIOCore

/// Why the admin API refused a request: the status and the message the caller sees.
struct AdminProblem: Error, Sendable {
    var status: Int
    var message: String

    init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// Who an admin command is for: a chat, or a handle on one of our lines, named or (`nil`) the
/// one the line pool gives the person (the chat is created by the first message when there is none).
enum AdminTarget: Sendable, CustomStringConvertible {
    case chat(ChatID)
    case handle(String, line: String?)

    var description: String {
        switch self {
        case .chat(let chat): chat.rawValue
        case .handle(let handle, let line): "\(handle) on \(line ?? "the person's line")"
        }
    }
}

/// A JSON object body of the admin API, read field by field with errors that name the field.
struct AdminBody: Sendable {
    let fields: [String: JSONValue]

    /// Reads `request`'s body: at most `limit` bytes (else 413), a JSON object (else 400) with
    /// no fields but `allowed` (else 400, so a misspelt field is not silently ignored). With
    /// `emptyIsObject`, an empty body counts as `{}`.
    static func read(_ request: Request, limit: Int, allowed: Set<String>, emptyIsObject: Bool = false) async throws -> AdminBody {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw AdminProblem(413, "the body is larger than \(limit) bytes")
        }
        if buffer.readableBytes == 0 {
            guard emptyIsObject else { throw AdminProblem(400, "the body is empty; send a JSON object") }
            return AdminBody(fields: [:])
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
        } catch {
            throw AdminProblem(400, "the body is not valid JSON")
        }
        guard case .object(let fields) = value else { throw AdminProblem(400, "the body must be a JSON object") }
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw AdminProblem(400, "unknown field \"\(unknown)\"; this route takes \(allowed.sorted().joined(separator: ", "))")
        }
        return AdminBody(fields: fields)
    }

    /// The field `name` (`null` counts as absent).
    func value(_ name: String) -> JSONValue? {
        guard let value = fields[name], value != .null else { return nil }
        return value
    }

    /// The string field `name`, if present; not a string or empty is 400.
    func string(_ name: String) throws -> String? {
        guard let value = value(name) else { return nil }
        guard let text = value.stringValue, !text.isEmpty else { throw AdminProblem(400, "\(name) must be a non-empty string") }
        return text
    }

    /// The ISO-8601 time field `name`, if present.
    func date(_ name: String) throws -> Date? {
        guard let text = try string(name) else { return nil }
        guard let date = LinqTimestamp.parse(text) else {
            throw AdminProblem(400, "\(name) is \"\(text)\"; use an ISO-8601 time such as 2026-03-10T15:00:00Z")
        }
        return date
    }

    /// The time-zone identifier field `name`, if present.
    func timeZone(_ name: String) throws -> TimeZone? {
        guard let text = try string(name) else { return nil }
        guard let zone = TimeZone(identifier: text) else {
            throw AdminProblem(400, "\(name) is \"\(text)\"; use a time zone identifier such as America/New_York")
        }
        return zone
    }

    /// `chat_id`, or `handle` (with `line`, or without to let the line pool choose): exactly one of the two.
    func target() throws -> AdminTarget {
        let (chat, handle, line) = (try string("chat_id"), try string("handle"), try string("line"))
        switch (chat, handle, line) {
        case (let chat?, nil, nil):
            return .chat(ChatID(chat))
        case (nil, let handle?, let line):
            return .handle(handle, line: line)
        case (nil, nil, nil):
            throw AdminProblem(400, "chat_id is missing: give chat_id, or handle (and line to choose it)")
        case (nil, nil, _?):
            throw AdminProblem(400, "handle is missing: with line, give handle, the person to text")
        case (_?, _, _):
            throw AdminProblem(400, "give chat_id, or handle and line, not both")
        }
    }
}
