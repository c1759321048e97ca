public import Foundation
public import LinqModels

/// Proactive conversations: business code starts chats, sends, starts flows and schedules
/// them, through the same pipeline as replies (outbound middleware, idempotency keys, the
/// chat's order). Everything except ``startChat(from:to:_:)`` is queued durably and returns
/// once stored; a `key` makes it idempotent (the same key twice is queued once), and an `at`
/// in the past means now.
extension BotApplication {
    /// Starts a chat from `line` with `handle` by sending `content` (Linq's first-message rules
    /// are checked before sending), and returns the chat. Linq reuses an existing chat with the
    /// same people.
    /// Throws `MessageContentError` when the content breaks a first-message rule, and
    /// ``BotCommandError/refused(_:)`` when line health or a middleware refuses the send.
    @discardableResult
    public func startChat(from line: String, to handle: String, _ content: MessageContent) async throws -> ChatID {
        try content.validate(forNewChat: true)
        try await linePool.noteContact(handle, line: line, now: environment.now())
        var command = BotCommand(action: .send, line: line, handle: handle)
        command.content = content
        let event = try WebhookEvent.decode(from: command.inboxEvent(id: "start-chat:\(UUID().uuidString.lowercased())", at: environment.now()).body)
        let context = ChatContext(event: event, responder: responder, environment: environment, session: [:])
        if case .refused(let reason) = try await context.reply(content) { throw BotCommandError.refused(reason) }
        guard let chat = context.chatID else { throw BotCommandError.noChat(handle) }
        return chat
    }

    /// Sends `content` into `chat`, now or at `date`.
    public func send(_ content: MessageContent, to chat: ChatID, at date: Date? = nil, key: String? = nil) async throws {
        var command = BotCommand(action: .send, chatID: chat.rawValue)
        command.content = content
        try await enqueue(command, key: key, at: date)
    }

    /// Sends `content` to `handle` from `line`, now or at `date`, creating the chat when there
    /// is none (first-message rules apply). A person without a line in the line pool gets `line`.
    public func send(_ content: MessageContent, to handle: String, from line: String, at date: Date? = nil, key: String? = nil) async throws {
        try await linePool.noteContact(handle, line: line, now: environment.now())
        var command = BotCommand(action: .send, line: line, handle: handle)
        command.content = content
        try await enqueue(command, key: key, at: date)
    }

    /// Starts `flow` in `chat`, now or at `date` (a time in the past means now); `timeZone`,
    /// when given, becomes the person's, for wall-clock timers.
    public func startFlow<State: FlowState, Data: Codable & Sendable>(
        _ flow: Flow<State, Data>, in chat: ChatID, data: Data? = nil, timeZone: TimeZone? = nil, at date: Date? = nil, key: String? = nil
    ) async throws {
        try await startFlow(named: flow.name, in: chat, data: data.map { try JSONValue(encoding: $0) }, timeZone: timeZone, at: date, key: key)
    }

    /// Starts `flow` for `handle` on `line`, now or at `date`. The first state's entry action
    /// sends the first message, which creates the chat when there is none; `timeZone` is the
    /// person's, for wall-clock timers.
    public func startFlow<State: FlowState, Data: Codable & Sendable>(
        _ flow: Flow<State, Data>, with handle: String, from line: String, data: Data? = nil, timeZone: TimeZone? = nil,
        at date: Date? = nil, key: String? = nil
    ) async throws {
        try await startFlow(
            named: flow.name, with: handle, from: line, data: data.map { try JSONValue(encoding: $0) }, timeZone: timeZone, at: date, key: key
        )
    }

    /// Starts the flow called `name` in `chat` with JSON `data` (for the admin API). Throws
    /// ``BotCommandError/unknownFlow(_:)`` or ``BotCommandError/invalidData(flow:reason:)`` before queueing anything.
    public func startFlow(
        named name: String, in chat: ChatID, data: JSONValue?, timeZone: TimeZone? = nil, at date: Date? = nil, key: String? = nil
    ) async throws {
        try checkFlowStart(name, data: data)
        var command = BotCommand(action: .startFlow, chatID: chat.rawValue)
        command.flow = name
        command.data = data
        command.timeZone = timeZone?.identifier
        try await enqueue(command, key: key, at: date)
    }

    /// Starts the flow called `name` for `handle` on `line` with JSON `data` (for the admin API).
    public func startFlow(
        named name: String, with handle: String, from line: String, data: JSONValue?, timeZone: TimeZone? = nil, at date: Date? = nil,
        key: String? = nil
    ) async throws {
        try checkFlowStart(name, data: data)
        try await linePool.noteContact(handle, line: line, now: environment.now())
        var command = BotCommand(action: .startFlow, line: line, handle: handle)
        command.flow = name
        command.data = data
        command.timeZone = timeZone?.identifier
        try await enqueue(command, key: key, at: date)
    }

    private func checkFlowStart(_ name: String, data: JSONValue?) throws {
        guard let flow = responder.flow(named: name) else { throw BotCommandError.unknownFlow(name) }
        if let data { try flow.check(data) }
    }

    /// Ends the chat's flow (its timeouts are cancelled), in the chat's order.
    public func endFlow(in chat: ChatID, key: String? = nil) async throws {
        try await enqueue(BotCommand(action: .endFlow, chatID: chat.rawValue), key: key, at: nil)
    }

    /// Hands `chat` to a person: the bot goes silent there and the chat's timers pause.
    public func handOff(_ chat: ChatID, reason: String? = nil, key: String? = nil) async throws {
        var command = BotCommand(action: .handOff, chatID: chat.rawValue)
        command.reason = reason
        try await enqueue(command, key: key, at: nil)
    }

    /// Gives `chat` back to the bot; paused timers resume.
    public func handBack(_ chat: ChatID, key: String? = nil) async throws {
        try await enqueue(BotCommand(action: .handBack, chatID: chat.rawValue), key: key, at: nil)
    }

    /// Cancels the chat's timer `name`, or all its timers when `name` is `nil` (scheduled sends
    /// and flow timeouts included); returns how many were cancelled.
    @discardableResult
    public func cancelTimers(in chat: ChatID, named name: String? = nil) async throws -> Int {
                guard let name else { return try await store.cancelTimers(chatKey: chat.rawValue) }
        return try await store.cancelTimer(chatKey: chat.rawValue, name: name) ? 1 : 0
    }

    /// Cancels a send or flow start scheduled with `key` for `chat`.
    @discardableResult
    public func cancelScheduled(key: String, in chat: ChatID) async throws -> Bool {
        try await store.cancelTimer(chatKey: chat.rawValue, name: BotCommand.timerPrefix + key)
    }

    /// Cancels a send or flow start scheduled with `key` for `handle` on `line`.
    @discardableResult
    public func cancelScheduled(key: String, for handle: String, on line: String) async throws -> Bool {
        try await store.cancelTimer(chatKey: InboxKeys.handleKey(line: line, handle: handle), name: BotCommand.timerPrefix + key)
    }

    /// Queues `command` now, or schedules it for `date`, under a stable id.
    func enqueue(_ command: BotCommand, key: String?, at date: Date?) async throws {
        try await environment.enqueue(command, key: key, at: date)
    }
}

extension BotEnvironment {
    /// Queues `command` now, or schedules it for `date`, under a stable id (`key`, else a new one).
    func enqueue(_ command: BotCommand, key: String?, at date: Date?) async throws {
        let key = key ?? UUID().uuidString.lowercased()
        let now = self.now()
        if let date, date > now {
            let timer = ScheduledTimer(
                chatKey: command.queueKey, name: BotCommand.timerPrefix + key, dueAt: date, payload: try JSONValue(encoding: command)
            )
            try await store.scheduleTimer(timer)
            return
        }
        _ = try await store.append(command.inboxEvent(id: "command:\(key)", at: now))
        wake()
    }
}

extension ChatContext {
    /// Sends `content` to `handle` from `line` as the bot's own initiative, queued durably in
    /// that person's order once this turn is over (the chat is created when there is none):
    /// for events that belong to no chat, such as a shared contact card. Line health applies
    /// as to any proactive send. The same turn run again queues it once.
    public func send(_ content: MessageContent, to handle: String, from line: String, at date: Date? = nil) async throws {
        var command = BotCommand(action: .send, line: line, handle: handle)
        command.content = content
        try await environment.enqueue(command, key: nextKey(), at: date)
    }

    /// Sends `content` to `handle` from the person's line in the line pool (theirs, or chosen
    /// now, as ``BotApplication/line(for:)``); as ``send(_:to:from:at:)`` otherwise.
    public func send(_ content: MessageContent, to handle: String, at date: Date? = nil) async throws {
        guard let pool = environment.linePool else { throw ChatContextError.noChat }
        try await send(content, to: handle, from: try await pool.line(for: handle), at: date)
    }
}
