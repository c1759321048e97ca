import Foundation
import LinqModels

/// `POST /sim/chats/{id}/health`: sets the `health_status` Linq reports for a chat, for
/// tests of a bot's reputation rules. Linq sends no event when a chat's health changes: the
/// status shows on the chat's next webhooks (`chat.health_status` of message events) and in
/// `GET /v3/chats/{id}`.
extension SimulatorAPI {
    func setChatHealth(_ chatID: String, request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse {
        var chat = try chat(chatID, in: state)
        let body = try decode(ControlHealthRequest.self, from: request)
        if let status = body.status {
            let health = ChatHealth(rawValue: status.uppercased())
            guard [ChatHealth.healthy, .atRisk, .critical, .optedOut].contains(health) else {
                throw SimulatorError(400, 1005, "status must be HEALTHY, AT_RISK, CRITICAL, OPTED_OUT or null.")
            }
            chat.health = health
        } else {
            chat.health = nil
        }
        chat.healthChangedAt = now
        state.chats[chat.id] = chat
        let health = Self.health(chat, at: now)
        return .json(200, ["chat_id": chat.id.rawValue, "status": health.status.rawValue])
    }
}

/// The body of `POST /sim/chats/{id}/health`: a status, or `null` for the simulator's own.
struct ControlHealthRequest: Decodable {
    var status: String?
}
