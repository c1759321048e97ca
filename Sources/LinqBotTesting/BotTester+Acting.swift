import Foundation
import LinqAPI
import LinqBot
import LinqModels
import LinqSimulator

/// The plumbing of person actions: call the simulator's control API, wait until the bot has
/// handled what followed, and read a chat's timeline.
extension BotTester {
    /// Where a person action's answers are looked for: a person's direct chat, or one chat.
    enum Audience {
        case person(String)
        case chat(ChatID)
    }

    /// Runs one control call for a person and returns, once the bot has handled everything it
    /// set off, the texts the bot sent to `audience` meanwhile.
    func act(_ path: String, _ body: [String: JSONValue], answersIn audience: Audience) async throws -> [String] {
        let before = try await texts(to: audience).count
        _ = try await controlCall("POST", path, body)
        try await settleWebhooks()
        return Array(try await texts(to: audience).dropFirst(before))
    }

    /// Calls the control API and returns its JSON answer; a refusal throws ``BotTesterError/refused(status:body:)``.
    func controlCall(_ method: String, _ path: String, _ body: [String: JSONValue]? = nil, query: String? = nil) async throws -> JSONValue {
        let data = try body.map { try JSONEncoder().encode($0) } ?? Data()
        let response = await simulator.handle(SimulatorRequest(method: method, path: path, query: query, headers: [], body: data))
        guard (200..<300).contains(response.status) else {
            throw BotTesterError.refused(status: response.status, body: String(decoding: response.body, as: UTF8.self))
        }
        return response.body.isEmpty ? .null : try JSONDecoder().decode(JSONValue.self, from: response.body)
    }

    /// Waits until every webhook the simulator queued reached the bot and the bot handled it,
    /// including webhooks the bot's own calls set off meanwhile (its edits, tapbacks, group
    /// changes come back as events, as they do from Linq).
    func settleWebhooks(within limit: Duration = BotTester.patience) async throws {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while true {
            let counts = simulator.webhookCounts
            if counts.finished < counts.queued {
                guard ContinuousClock.now < deadline else { throw BotTesterError.stuck }
                await Task.yield()
                continue
            }
            try await settle()
            // Nothing queued since every delivery had ended and the bot went quiet: done.
            if simulator.webhookCounts.queued == counts.queued { return }
        }
    }

    /// The texts our line sent to `audience`, oldest first.
    func texts(to audience: Audience) async throws -> [String] {
        switch audience {
        case .person(let handle): try await replies(to: handle)
        case .chat(let chat): try await replies(in: chat)
        }
    }

    /// The timeline of `chat`, or of the direct chat with `handle` (the default person); empty
    /// when that chat does not exist yet.
    func timeline(of chat: ChatID?, with handle: String?) async throws -> SimulatorTimeline {
        let id: ChatID
        if let chat {
            id = chat
        } else if let direct = try await chatID(with: handle) {
            id = direct
        } else {
            return SimulatorTimeline(json: ["line": .string(line)])
        }
        return SimulatorTimeline(json: try await controlCall("GET", "/sim/chats/\(id.rawValue)/timeline"))
    }
}
