public import Foundation
public import LinqModels
import Logging

/// The line pool from business code: conversations started without naming a line (the pool
/// picks it, see ``line(for:)``), the lines' figures, and moving people off a line.
extension BotApplication {
    /// Every line of the pool with its status, today's volume and budget, response rate, age,
    /// ramp-up and people.
    public func lines() async throws -> [LineReport] {
        try await linePool.reports()
    }

    /// The line `handle` talks to: the one the person already has, else (the person becomes
    /// theirs) the open line with the fewest people. A line is open when it is ACTIVE, has
    /// budget left today, has a response rate above line health's floor, and has first contacts
    /// left in its ramp-up. Throws ``LinePoolError`` when no line is open.
    public func line(for handle: String) async throws -> String {
        try await linePool.line(for: handle)
    }

    /// Starts a chat with `handle` from the person's line (see ``line(for:)``) by sending
    /// `content`; as ``startChat(from:to:_:)`` otherwise.
    @discardableResult
    public func startChat(to handle: String, _ content: MessageContent) async throws -> ChatID {
        try content.validate(forNewChat: true)
        return try await startChat(from: try await line(for: handle), to: handle, content)
    }

    /// Sends `content` to `handle` from the person's line (see ``line(for:)``, chosen now), now
    /// or at `date`; as ``send(_:to:from:at:key:)`` otherwise.
    public func send(_ content: MessageContent, to handle: String, at date: Date? = nil, key: String? = nil) async throws {
        try await send(content, to: handle, from: try await line(for: handle), at: date, key: key)
    }

    /// Starts `flow` for `handle` on the person's line (see ``line(for:)``, chosen now); as
    /// ``startFlow(_:with:from:data:timeZone:at:key:)`` otherwise.
    public func startFlow<State: FlowState, Data: Codable & Sendable>(
        _ flow: Flow<State, Data>, with handle: String, data: Data? = nil, timeZone: TimeZone? = nil, at date: Date? = nil, key: String? = nil
    ) async throws {
        try await startFlow(flow, with: handle, from: try await line(for: handle), data: data, timeZone: timeZone, at: date, key: key)
    }

    /// Starts the flow called `name` for `handle` on the person's line with JSON `data` (for the admin API).
    public func startFlow(
        named name: String, with handle: String, data: JSONValue?, timeZone: TimeZone? = nil, at date: Date? = nil, key: String? = nil
    ) async throws {
        guard let flow = responder.flow(named: name) else { throw BotCommandError.unknownFlow(name) }
        if let data { try flow.check(data) }
        try await startFlow(named: name, with: handle, from: try await line(for: handle), data: data, timeZone: timeZone, at: date, key: key)
    }

    /// Moves every person of line `old` to line `new` (a FLAGGED line's people, say): each is
    /// reassigned and, unless they opted out, sent exactly one message from `new`
    /// (``LinePoolConfiguration/invitation``) through line health, queued durably under a key
    /// made of the two lines and the person, so running the move again sends nothing twice.
    /// Throws ``LinePoolError/unknownLine(_:)`` when `new` is not one of the pool's lines.
    @discardableResult
    public func moveConversations(from old: String, to new: String) async throws -> LineMove {
        let lines = try await linePool.lines()
        guard lines.contains(new) else { throw LinePoolError.unknownLine(new) }
        guard old != new else { return LineMove() }
        let now = environment.now()
        let text = linePool.configuration.invitation.replacingOccurrences(of: "{business}", with: linePool.businessName)
        let ledger = OptOutLedger(store: store)
        var move = LineMove()
        var after: String?
        while true {
            let page = try await store.assignedHandles(line: old, after: after, limit: 500)
            guard let last = page.last else { break }
            for handle in page {
                try await store.reassignLine(of: handle, to: new, now: now)
                move.moved += 1
                if try await ledger.isOptedOut(handle, now: now) {
                    move.optedOut += 1
                    continue
                }
                try await send(.text(text), to: handle, from: new, key: "line-move:\(old)>\(new):\(handle)")
                move.invited += 1
            }
            after = last
        }
        environment.logger.notice("people moved to another line", metadata: [
            "linq.line": "\(old)", "linq.new_line": "\(new)", "linq.moved": "\(move.moved)", "linq.invited": "\(move.invited)",
        ])
        return move
    }
}
