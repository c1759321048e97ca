import Foundation
import LinqModels

/// The handlers of one API or control call: configuration, the call's time and trace id.
/// They run under the simulator's lock on `inout SimulatorState`.
struct SimulatorAPI {
    let configuration: SimulatorConfiguration
    let now: Date
    let traceID: String

    /// Routes a `/api/partner/v3/…` call.
    func handleAPI(_ request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse {
        if let response = try handleChats(request, state: &state) { return response }
        if let response = try handleChatParts(request, state: &state) { return response }
        if let response = try handleMessages(request, state: &state) { return response }
        if let response = try handleAccount(request, state: &state) { return response }
        if let response = try handleSubscriptions(request, state: &state) { return response }
        throw SimulatorError(404, 1005, "No endpoint \(request.method) /\(request.segments.joined(separator: "/"))")
    }

    /// Decodes a JSON body, answering Linq's 400 codes for bodies that do not fit.
    func decode<T: Decodable>(_ type: T.Type, from request: SimulatorRequest) throws -> T {
        guard !request.body.isEmpty else { throw SimulatorError(400, 1003, "The request body is empty; send JSON.") }
        guard (try? JSONSerialization.jsonObject(with: request.body)) != nil else {
            throw SimulatorError(400, 1003, "The request body is not valid JSON.")
        }
        do {
            return try LinqJSON.makeDecoder().decode(T.self, from: request.body)
        } catch DecodingError.keyNotFound(let key, let context) {
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw SimulatorError(400, 1001, "Required field \(path) is missing.")
        } catch DecodingError.valueNotFound(_, let context) {
            throw SimulatorError(400, 1001, "Required field \(context.codingPath.map(\.stringValue).joined(separator: ".")) is null.")
        } catch DecodingError.typeMismatch(_, let context) {
            throw SimulatorError(400, 1005, "Field \(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type.")
        } catch {
            throw SimulatorError(400, 1004, "The request body does not match the endpoint: \(error)")
        }
    }

    /// Checks a recipient handle: E.164 or an email.
    func checkHandle(_ handle: String, allowEmail: Bool = true) throws {
        if Self.isE164(handle) { return }
        if allowEmail, Self.isEmail(handle) { return }
        throw SimulatorError(400, 1002, "\(handle) is not an E.164 phone number\(allowEmail ? " or an email" : "").")
    }

    /// Checks that `number` is one of our lines.
    func line(_ number: String, in state: SimulatorState) throws -> SimulatorState.Line {
        guard Self.isE164(number) else { throw SimulatorError(400, 1002, "\(number) is not an E.164 phone number.") }
        guard let line = state.lines[number] else { throw SimulatorError(403, 2006, "Not allowed to send from \(number).") }
        return line
    }

    func chat(_ id: String, in state: SimulatorState) throws -> SimulatorState.Chat {
        guard let chat = state.chats[ChatID(id)] else { throw SimulatorError.notFound("Chat \(id)", code: 2001) }
        return chat
    }

    func message(_ id: String, in state: SimulatorState) throws -> SimulatorState.Message {
        guard let message = state.messages[MessageID(id)] else { throw SimulatorError.notFound("Message \(id)", code: 2002) }
        return message
    }

    /// Reads `limit` and `cursor` (an offset) for list endpoints.
    func page<T>(_ items: [T], request: SimulatorRequest, defaultLimit: Int) throws -> (items: [T], next: String?) {
        var limit = defaultLimit
        if let text = request.query["limit"] {
            guard let value = Int(text), (1...100).contains(value) else { throw SimulatorError.invalid("limit must be 1 to 100.") }
            limit = value
        }
        var offset = 0
        if let text = request.query["cursor"], !text.isEmpty {
            guard let value = Int(text), value >= 0 else { throw SimulatorError.invalid("cursor \(text) is not one this API returned.") }
            offset = value
        }
        let slice = Array(items.dropFirst(offset).prefix(limit))
        let next = offset + slice.count < items.count ? String(offset + slice.count) : nil
        return (slice, next)
    }

    static func isE164(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 3, utf8.count <= 16, utf8[0] == 0x2B, utf8[1] >= 0x31, utf8[1] <= 0x39 else { return false }
        return utf8.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ") && text.count <= 254
    }
}
