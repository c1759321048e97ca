import AsyncHTTPClient
import Foundation
import LinqModels
import NIOCore
import NIOHTTP1
import OpenAPIRuntime

/// One streamed model call: posts a JSON body and hands over each server-sent event's name
/// and data as it arrives (parsed by swift-openapi-runtime's event-stream decoder), with the failures of every API
/// turned into ``AIModelError``s.
struct ModelEventStream {
    /// An event of the stream: its `event:` name (if any) and its data as JSON.
    struct Event {
        var name: String?
        var data: String
    }

    var client: HTTPClient
    var deadline: TimeAmount

    /// Posts `body` to `url` with `headers`; calls `onEvent` for each event until it returns
    /// `true` (the answer is complete) or the stream ends.
    func post(
        _ url: URL, headers: [(String, String)], body: JSONValue, onEvent: (Event) async throws -> Bool
    ) async throws {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "text/event-stream")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, deadline: .now() + deadline)
        } catch {
            throw AIModelError.unreachable("\(error)")
        }
        guard (200..<300).contains(response.status.code) else {
            let text = (try? await response.body.collect(upTo: 16 * 1024)).map { String(buffer: $0) } ?? ""
            throw AIModelError.status(Int(response.status.code), Self.errorMessage(in: text))
        }
        let bytes = response.body.map { ArraySlice($0.readableBytesView) }
        var events = bytes.asDecodedServerSentEvents().makeAsyncIterator()
        while true {
            // Only the body's own failures mean a broken stream; what `onEvent` throws passes through.
            let event: ServerSentEvent?
            do {
                event = try await events.next()
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw AIModelError.unreachable("the stream broke off: \(error)")
            }
            guard let event else { return }
            guard let data = event.data else { continue }
            if try await onEvent(Event(name: event.event, data: data)) { return }
        }
    }

    /// `data` as JSON, or a ``AIModelError/malformed(_:)`` naming it.
    static func json(_ data: String) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(data.utf8))
        } catch {
            throw AIModelError.malformed("an event that is not JSON: \(data.prefix(200))")
        }
    }

    /// The message of an error body (`{"error": {"message": …}}` in every API), else the body's start.
    static func errorMessage(in body: String) -> String {
        if let json = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) {
            if let message = json["error"]?["message"]?.stringValue ?? json["message"]?.stringValue { return message }
        }
        return String(body.prefix(200))
    }

    /// The message of an error event's JSON.
    static func errorMessage(in json: JSONValue) -> String {
        json["error"]?["message"]?.stringValue ?? json["message"]?.stringValue ?? json["error"]?.stringValue ?? "the model reported an error"
    }
}

extension JSONValue {
    /// A whole number held by this value.
    var intValue: Int? { numberValue.map { Int($0) } }
}

extension JSONValue {
    /// The JSON of an `Encodable` value.
    static func encoding<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    /// This JSON decoded as `T`.
    func decoded<T: Decodable>(as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(self))
    }
}
