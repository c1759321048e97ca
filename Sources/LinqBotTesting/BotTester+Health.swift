import Foundation
import LinqBot
public import LinqModels

/// Setting the `health_status` the simulated Linq reports for a chat.
extension BotTester {
    /// From now on the simulator reports `status` for the chat between our line and `handle`
    /// (the default person), or for `chat`; `nil` returns to its own (HEALTHY, or OPTED_OUT
    /// after a keyword). Linq sends no event for the change: the bot sees it on the chat's
    /// next webhook (the person's next message) or when it looks the chat up.
    public func setChatHealth(_ status: ChatHealth?, of handle: String? = nil, chat: ChatID? = nil) async throws {
        var id = chat
        if id == nil { id = try await chatID(with: handle) }
        guard let id else { throw BotTesterError.refused(status: 404, body: "no chat with \(handle ?? person) yet") }
        let body: [String: String?] = ["status": status?.rawValue]
        try await simulate("POST", "/sim/chats/\(id.rawValue)/health", body: try JSONEncoder().encode(body))
    }
}
